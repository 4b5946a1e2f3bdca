/** Paths of the respondent journey: they never touch the server-side session store (see app.ts). */
export const isRespondentPath = (path: string) => /^\/(?:join|resume|r)(?:\/|$)/.test(path);
