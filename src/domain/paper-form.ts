// A returned paper form as keyed in by an admin: the role ticked and every question of the
// round's form on one page. It parses with the same per-theme rules as the online pages, so a
// paper answer cannot mean anything an online answer could not.
import { formThemes, parseThemeAnswers, type Answers, type FieldError, type FormId, type Questionnaire } from './questionnaire';

/** The field of the role question on the data-entry page. */
export const PAPER_ROLE_FIELD = 'role';

export type PaperForm = { role: string; answers: Answers };

/**
 * An error on the data-entry page: an answer's error (its `reason`), or one of the paper form's
 * own (`paper`: the role, a field that is no question of the form (`key`), nothing keyed in), so
 * that the page can word it in its own language; `message` is the English.
 */
export type PaperFieldError = FieldError & { paper?: 'role' | 'notOnForm' | 'empty'; key?: string };

/**
 * Parses one keyed-in paper form: `role` must be one of `roleIds`; each item's field takes the
 * same values as on the online pages ("0".."n-1", "dk", text; blank = left blank). Fields that
 * start with "_" are control fields. A form with no answer at all is refused, as online: it would
 * count towards a group's size while adding nothing to its results.
 * @returns the form, or every error (field = item id, or `role`)
 */
export function parsePaperForm(q: Questionnaire, form: FormId, roleIds: readonly string[], body: unknown):
  { ok: true; form: PaperForm } | { ok: false; errors: PaperFieldError[] } {
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const errors: PaperFieldError[] = [];
  const role = fields[PAPER_ROLE_FIELD];
  if (typeof role !== 'string' || !roleIds.includes(role)) {
    errors.push({ field: PAPER_ROLE_FIELD, paper: 'role', message: 'Choose the description ticked on the form (if none is ticked, or more than one, choose “Prefer not to say” where the round offers it)' });
  }
  const pages = formThemes(q, form);
  const themeOf = new Map(pages.flatMap((p) => p.items.map((i) => [i.id, p.theme.id] as const)));
  const byTheme = new Map<string, Record<string, unknown>>(pages.map((p) => [p.theme.id, {}]));
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('_') || key === PAPER_ROLE_FIELD) continue;
    const themeId = themeOf.get(key);
    if (themeId === undefined) errors.push({ field: '', paper: 'notOnForm', message: `“${key.slice(0, 60)}” is not a question on this form.`, key: key.slice(0, 60) });
    else byTheme.get(themeId)![key] = value;
  }
  const answers: Answers = {};
  for (const page of pages) {
    const parsed = parseThemeAnswers(q, form, page.theme.id, byTheme.get(page.theme.id));
    if (parsed.ok) Object.assign(answers, parsed.answers);
    else errors.push(...parsed.errors);
  }
  if (errors.length === 0 && Object.keys(answers).length === 0) {
    const first = pages[0]?.items[0]?.id ?? '';
    errors.push({ field: first, paper: 'empty', message: 'No answer is keyed in. A form returned with nothing ticked or written is not counted: put it aside.' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, form: { role: role as string, answers } };
}
