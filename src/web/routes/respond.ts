import type { ErrorRequestHandler, IRouter, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Services } from '../../services';
import type { RoundRecord } from '../../services/rounds';
import { GoneError, ValidationError } from '../../services/errors';
import { DraftMissingError, formatResumeCode, RoundNotOpenError, type Draft, type PageAction } from '../../services/responding';
import { formThemes, respondentTitle, type FieldError } from '../../domain/questionnaire';
import { clearCookie, readCookie, setCookie } from '../cookies';
import { checkSections, minutesToAnswer, themeAnswers, themeQuestions } from '../respond-views';
import type { PageCache } from '../page-cache';
import { respondentRadar, score } from '../report-views';
import { linkOrigin } from '../hosts';
import { rateLimiter } from '../security';
import { sealer } from '../sealed';
import { formatCalendarDate, zonedTime } from '../time-zone';
import { setWordingCookie } from '../wording';
import { respondWording, returnPath, textsOf, wordingOf, wordsOf as tOf } from '../respond-wording';
import { series } from '../series';

const DRAFT_COOKIE = 'ps_draft';
/** A respondent's own scores, sealed, from sending to the thank-you page (nothing kept on the server). */
const OWN_SCORES_COOKIE = 'ps_own';
/** Long enough to reach the thank-you page, short enough not to linger on a shared device. */
const OWN_SCORES_TTL_MS = 10 * 60_000;
/** A message for the next page (a key into NOTICES, never free text). */
const NOTICE_COOKIE = 'ps_notice';
const NOTICES = {
  emptyAnswers: 'check.emptyAnswers',
} as const;
const noticeKey = z.enum(Object.keys(NOTICES) as [keyof typeof NOTICES]);
/** What the own-scores cookie holds: round id, expiry (services.clock) and raw theme scores. */
const ownScoresSeal = z.object({
  r: z.number().int(),
  e: z.number(),
  s: z.array(z.tuple([z.string().max(100), z.number().min(0).max(100).nullable()])).max(100),
});

export { isRespondentPath } from '../respondent-paths';
const codeForm = z.object({ code: z.string().trim().max(40).default('') });
/** The code typed on /join or /resume; anything unreadable (e.g. the field sent twice) counts as blank. */
const typedCode = (body: unknown) => {
  const parsed = codeForm.safeParse(body ?? {});
  return parsed.success ? parsed.data.code : '';
};
/** A theme page's number as its links write it ("1" to "100"; "01" or "1.0" is no page, so each page has one address). */
const pageNumber = z.string().regex(/^(?:[1-9]\d?|100)$/).transform(Number);
/** "Are you filling this in for someone else, or helping them?" on the role page (optional). */
const assistedField = z.enum(['yes', 'no']).optional().catch(undefined);

/**
 * The respondent journey. Routes (all under one round are guarded by the round's state):
 *   GET  /join                     enter a join code      POST /join   -> /r/<token>
 *   GET  /resume                   enter a resume code    POST /resume -> the next page to answer
 *   GET  /r/:token                 welcome                POST /r/:token/start -> role
 *   GET  /r/:token/role            choose a role          POST -> first theme
 *   GET  /r/:token/themes/:n       theme n of N           POST -> next theme, check page or "saved"
 *   GET  /r/:token/check           check your answers     POST /r/:token/submit -> thanks
 *   GET  /r/:token/saved           resume code to write down
 *   GET  /r/:token/thanks          thank you (+ own scores, privately)
 *   GET  /r/:token/results         "you said, we did": the closed round's results, when an admin has published them
 */
export function respondRoutes(router: IRouter, services: Services, config: Config, cache: PageCache): void {
  const { rounds, responding, clock } = services;
  const ownScoresSealer = sealer(services.sessions.secret(), 'own-scores', services.random);
  const zone = zonedTime(config.timeZone);
  // Count only failed attempts: guessing codes is what we slow down.
  const joinLimiter = rateLimiter({ windowMs: 15 * 60_000, limit: 20, action: 'enter a code', skipSuccessfulRequests: true });
  // Starting and sending answers (see AnswerLimits in config.ts). A survey: per address. A
  // workshop, where a room of 300 may share the venue's one address: per address and round, higher.
  // Every round: a cap on new starts a minute from all addresses together, so that a script
  // cannot stuff a round from one address or from many.
  const limits = config.answerLimits;
  const surveyLimiter = rateLimiter({ windowMs: 15 * 60_000, limit: limits.perAddress, action: 'start or send answers' });
  const workshopLimiter = rateLimiter({
    windowMs: 15 * 60_000,
    limit: limits.workshopPerAddress,
    action: 'start or send answers',
    key: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.params.token)}`,
  });
  const answerLimiter: RequestHandler = (req, res, next) => (roundOf(res).mode === 'workshop' ? workshopLimiter : surveyLimiter)(req, res, next);
  const roundStartLimiter = rateLimiter({
    windowMs: 60_000,
    limit: limits.startsPerRoundPerMinute,
    action: 'start answering this round (many people are starting at once)',
    key: (req) => `round|${String(req.params.token)}`,
  });

  const draftIdOf = (req: Request) => readCookie(req, DRAFT_COOKIE);
  const wording = respondWording(services, config, draftIdOf);
  router.use(['/join', '/resume'], wording.joinLocals);

  router.get('/join', (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code.slice(0, 40) : '';
    cache.send(res, 'respond/join', { key: [], locals: (hole) => ({ title: tOf(res)('join.title'), code: hole('code'), errors: [] }), values: () => code });
  });

  router.post('/join', joinLimiter, (req, res) => {
    const code = typedCode(req.body);
    const round = code ? rounds.findByJoinCode(code) : undefined;
    if (!round) {
      const message = tOf(res)(code ? 'join.notFound' : 'join.empty');
      res.status(code ? 404 : 400).render('respond/join', { title: tOf(res)('join.title'), code, errors: [{ field: 'code', message }] });
      return;
    }
    res.redirect(303, `/r/${round.linkToken}`);
  });

  router.get('/resume', (_req, res) => {
    cache.send(res, 'respond/resume', { key: [], locals: () => ({ title: tOf(res)('resume.title'), code: '', errors: [] }) });
  });

  router.post('/resume', joinLimiter, (req, res) => {
    const code = typedCode(req.body);
    const found = code ? responding.resume(code) : undefined;
    if (!found || found.draft.submitted) {
      const t = tOf(res);
      const message = !code ? t('resume.empty') : found?.draft.submitted ? t('resume.sent') : t('resume.notFound', { days: Math.round(config.draftTtlMs / 86_400_000) });
      res.status(code ? 404 : 400).render('respond/resume', { title: t('resume.title'), code, errors: [{ field: 'code', message }] });
      return;
    }
    const { draft, round } = found;
    setDraftCookie(req, res, round, draft.id);
    // Coming back on another device brings back the wording chosen before.
    if (draft.language) setWordingCookie(req, res, config, { language: draft.language, easyRead: draft.easyRead });
    res.redirect(303, nextPage(round, draft));
  });

  // The language switch on /join and /resume, before any round is known.
  router.get('/join/wording', wording.switchPageLanguage);

  /** Every page under /r/:token starts here: the round (404 if none), its wording, any grace notice. */
  const loadRound: RequestHandler = (req, res, next) => {
    const round = rounds.findByLinkToken(String(req.params.token));
    if (!round) {
      res.status(404).render('errors/not-found', { title: tOf(res)('notFound.title') });
      return;
    }
    res.locals.round = round;
    res.locals.base = `/r/${round.linkToken}`;
    wording.useRoundWording(req, res, round);
    const grace = rounds.graceUntil(round);
    // Only people with unsent answers get past requireOpen in a grace period, so only they see this.
    res.locals.graceNotice = grace === null ? null : tOf(res)('unavailable.grace', { date: zone.formatDateTime(grace, res.locals.lang as string) });
    next();
  };
  // A round's pages are routes of their full path, each with loadRound first, not a router mounted
  // at /r/:token: entering a nested router (its own matching, the path trimmed and put back, the
  // params merged) was about a tenth of a theme page's CPU time (issue 12, docs/performance.md).
  const inRound = (path: string) => `/r/:token${path === '/' ? '' : path}`;
  // Its handlers as one (web/series.ts): each handler of a route is a layer of the route's own.
  // (No handler here calls next('route'), which inside a series goes on to the next handler.)
  const r = {
    get: (path: string, ...handlers: RequestHandler[]) => void router.get(inRound(path), series(loadRound, ...handlers)),
    post: (path: string, ...handlers: RequestHandler[]) => void router.post(inRound(path), series(loadRound, ...handlers)),
  };

  const roundOf = (res: Response) => res.locals.round as RoundRecord;
  const pagesOf = (res: Response) => formThemes(textsOf(res), roundOf(res).form);
  const roleLabels = (res: Response) => wording.roleLabels(res, roundOf(res));
  const publicOrigin = (req: Request) => linkOrigin(req, config);

  const setDraftCookie = (req: Request, res: Response, round: RoundRecord, draftId: string) =>
    setCookie(req, res, config, DRAFT_COOKIE, draftId, { path: `/r/${round.linkToken}`, maxAgeMs: config.draftTtlMs });

  /**
   * Where someone coming back should land: the role page, the page where they stopped (saved
   * with each page), or for older drafts the first unanswered theme, or the check page.
   */
  const nextPage = (round: RoundRecord, draft: Pick<Draft, 'role' | 'answers' | 'resumeAt'>): string => {
    const base = `/r/${round.linkToken}`;
    if (!draft.role) return `${base}/role`;
    const pages = responding.pages(round);
    if (draft.resumeAt === 'check') return `${base}/check`;
    const stopped = pages.findIndex((p) => p.theme.id === draft.resumeAt);
    if (stopped !== -1) return `${base}/themes/${stopped + 1}`;
    const firstEmpty = pages.findIndex((p) => !p.items.some((i) => i.id in draft.answers));
    return firstEmpty === -1 ? `${base}/check` : `${base}/themes/${firstEmpty + 1}`;
  };

  r.get('/', (req, res) => {
    const round = roundOf(res);
    responding.requireOpen(round, draftIdOf(req));
    const draft = responding.findDraft(round, draftIdOf(req));
    const pages = pagesOf(res);
    cache.send(res, 'respond/welcome', {
      // Someone with a draft sees its resume code and where they stopped: theirs alone, not kept.
      key: draft ? null : [],
      locals: () => ({
        title: round.name,
        pages,
        themeTitles: pages.map((p) => respondentTitle(p.theme)),
        minutes: minutesToAnswer(pages),
        draft: draft && { submitted: draft.submitted, next: nextPage(round, draft), resumeCode: formatResumeCode(draft.resumeCode) },
      }),
    });
  });

  r.post('/start', roundStartLimiter, answerLimiter, (req, res) => {
    const round = roundOf(res);
    const draft = responding.startDraft(round, wordingOf(res));
    setDraftCookie(req, res, round, draft.id);
    res.redirect(303, `/r/${round.linkToken}/role`);
  });

  // Switch language or Easy Read (a button on every page); kept with the draft when there is one.
  r.post('/wording', (req, res) => {
    const round = roundOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    wording.switchWording(req, res, round, body.language, body.easyRead);
    res.redirect(303, `/r/${round.linkToken}${returnPath.parse(body._return)}`);
  });

  r.get('/role', (req, res) => {
    const round = roundOf(res);
    responding.requireOpen(round, draftIdOf(req));
    const draft = responding.requireDraft(round, draftIdOf(req));
    if (draft.submitted) return res.redirect(303, `/r/${round.linkToken}/thanks`);
    res.render('respond/role', {
      title: tOf(res)('role.title'),
      roles: roleLabels(res),
      chosen: draft.role,
      assisted: draft.channel === 'assisted' ? 'yes' : null,
      resumeCode: formatResumeCode(draft.resumeCode),
      returnTo: req.query.return === 'check' ? 'check' : '',
      errors: [],
    });
  });

  r.post('/role', (req, res) => {
    const round = roundOf(res);
    const role = (req.body as Record<string, unknown> | undefined)?.role;
    const returnTo = (req.body as Record<string, unknown> | undefined)?._return === 'check' ? 'check' : '';
    // Optional: unanswered (or unreadable) leaves the draft's channel as it was.
    const assisted = assistedField.parse((req.body as Record<string, unknown> | undefined)?.assisted);
    try {
      const draft = responding.saveRole(round, draftIdOf(req), role, assisted === undefined ? undefined : assisted === 'yes');
      if (draft.submitted) return res.redirect(303, `/r/${round.linkToken}/thanks`);
      res.redirect(303, returnTo === 'check' ? `/r/${round.linkToken}/check` : nextPage(round, draft));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const draft = responding.requireDraft(round, draftIdOf(req));
      res.status(400).render('respond/role', {
        title: tOf(res)('role.title'),
        roles: roleLabels(res),
        chosen: null,
        assisted: assisted ?? null,
        resumeCode: formatResumeCode(draft.resumeCode),
        returnTo,
        errors: err.fieldErrors.map((e) => ({ field: e.field, message: tOf(res)('role.error') })),
      });
    }
  });

  const themePage = (req: Request, res: Response) => {
    const round = roundOf(res);
    const pages = pagesOf(res);
    const parsed = pageNumber.safeParse(req.params.n);
    if (!parsed.success || parsed.data > pages.length) {
      res.status(404).render('errors/not-found', { title: tOf(res)('notFound.title') });
      return undefined;
    }
    return { round, pages, n: parsed.data, page: pages[parsed.data - 1] };
  };

  /**
   * A theme page: the same for everyone in the round with the same wording, and kept so
   * (web/page-cache.ts), but for the holes: the answers (`answers`, see themeAnswers) and the
   * resume code. A page with errors is rendered afresh.
   */
  const renderTheme = (res: Response, view: NonNullable<ReturnType<typeof themePage>>, draft: { resumeCode: string }, answers: Map<string, string>, returnTo: string, errors: FieldError[]) => {
    cache.send(res, 'respond/theme', {
      key: errors.length ? null : [view.n, returnTo],
      locals: (hole) => ({
        title: respondentTitle(view.page.theme),
        theme: view.page.theme,
        n: view.n,
        total: view.pages.length,
        questions: themeQuestions(textsOf(res), view.page, tOf(res), hole, errors),
        resumeCode: hole('resumeCode'),
        returnTo,
        back: view.n === 1 ? 'role' : `themes/${view.n - 1}`,
        picture: wording.pictureFor(res, view.page.theme.id),
        errors,
      }),
      values: (name) => (name === 'resumeCode' ? formatResumeCode(draft.resumeCode) : answers.get(name)),
    });
  };

  r.get('/themes/:n', (req, res) => {
    const view = themePage(req, res);
    if (!view) return;
    responding.requireOpen(view.round, draftIdOf(req));
    const draft = responding.requireDraft(view.round, draftIdOf(req));
    if (draft.submitted) return res.redirect(303, `/r/${view.round.linkToken}/thanks`);
    if (!draft.role) return res.redirect(303, `/r/${view.round.linkToken}/role`);
    renderTheme(res, view, draft, themeAnswers(view.page, draft.answers), req.query.return === 'check' ? 'check' : '', []);
  });

  r.post('/themes/:n', (req, res) => {
    const view = themePage(req, res);
    if (!view) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const returnTo = body._return === 'check' ? 'check' : '';
    const draftId = draftIdOf(req);
    const existing = responding.findDraft(view.round, draftId);
    if (existing?.submitted) return res.redirect(303, `/r/${view.round.linkToken}/thanks`);
    // A language or Easy Read button on the page saves the page first, so nothing chosen is lost.
    const switching = typeof body._wording === 'string' ? /^(language|easyRead):(.{1,10})$/.exec(body._wording) : null;
    const action: PageAction = switching || body._action === 'later' ? 'later' : body._action === 'back' ? 'back' : 'next';
    const result = responding.saveThemeAnswers(view.round, draftId, view.page.theme.id, body, action);
    const base = `/r/${view.round.linkToken}`;
    if (!result.ok) {
      const errors = wording.wordErrors(res, result.errors);
      res.status(400);
      renderTheme(res, view, existing!, themeAnswers(view.page, {}, body), returnTo, errors);
      return;
    }
    if (switching) {
      wording.switchWording(req, res, view.round, switching[1] === 'language' ? switching[2] : undefined, switching[1] === 'easyRead' ? switching[2] : undefined);
      return res.redirect(303, `${base}/themes/${view.n}${returnTo === 'check' ? '?return=check' : ''}`);
    }
    if (action === 'later') return res.redirect(303, `${base}/saved`);
    // Back is a submit button: what was chosen on this page is saved, then the previous page shows.
    if (action === 'back') return res.redirect(303, returnTo === 'check' ? `${base}/check` : view.n === 1 ? `${base}/role` : `${base}/themes/${view.n - 1}`);
    if (returnTo === 'check' || view.n === view.pages.length) return res.redirect(303, `${base}/check`);
    res.redirect(303, `${base}/themes/${view.n + 1}`);
  });

  r.get('/saved', (req, res) => {
    const round = roundOf(res);
    const draft = responding.requireDraft(round, draftIdOf(req));
    if (draft.submitted) return res.redirect(303, `/r/${round.linkToken}/thanks`);
    res.render('respond/saved', {
      title: tOf(res)('saved.title'),
      resumeCode: formatResumeCode(draft.resumeCode),
      days: Math.round(config.draftTtlMs / 86_400_000),
      origin: publicOrigin(req).replace(/^https?:\/\//, ''),
      next: nextPage(round, draft),
    });
  });

  r.get('/check', (req, res) => {
    const round = roundOf(res);
    responding.requireOpen(round, draftIdOf(req));
    const draft = responding.requireDraft(round, draftIdOf(req));
    if (draft.submitted) return res.redirect(303, `/r/${round.linkToken}/thanks`);
    if (!draft.role) return res.redirect(303, `/r/${round.linkToken}/role`);
    const sections = checkSections(textsOf(res), pagesOf(res), draft.answers, tOf(res));
    const notice = noticeKey.safeParse(readCookie(req, NOTICE_COOKIE));
    if (readCookie(req, NOTICE_COOKIE) !== undefined) clearCookie(req, res, config, NOTICE_COOKIE, `/r/${round.linkToken}`);
    if (notice.success) res.locals.flash = [{ kind: 'error', text: tOf(res)(NOTICES[notice.data]) }];
    res.render('respond/check', {
      title: tOf(res)('check.title'),
      role: roleLabels(res).find((role) => role.id === draft.role) ?? { label: '', lang: null },
      assisted: draft.channel === 'assisted',
      sections,
      answered: sections.reduce((s, sec) => s + sec.answered, 0),
      total: sections.reduce((s, sec) => s + sec.questions, 0),
      resumeCode: formatResumeCode(draft.resumeCode),
    });
  });

  r.post('/submit', answerLimiter, async (req, res) => {
    const round = roundOf(res);
    // Sends arriving together share one commit; the answer waits for it (see submitSoon).
    const result = await responding.submitSoon(round, draftIdOf(req));
    if (result.status === 'submitted') {
      // The own scores go to this browser only, sealed (it can neither read nor change them)
      // and short-lived; the server keeps no copy and no record of when they were sent.
      const sealed = ownScoresSealer.seal({ r: round.id, e: clock.now() + OWN_SCORES_TTL_MS, s: Object.entries(result.themeScores) });
      setCookie(req, res, config, OWN_SCORES_COOKIE, sealed, { path: `/r/${round.linkToken}`, maxAgeMs: OWN_SCORES_TTL_MS });
    }
    res.redirect(303, `/r/${round.linkToken}/thanks`);
  });

  /** The own scores this browser carries for this round, if still good. */
  const ownScoresOf = (req: Request, res: Response, round: RoundRecord) => {
    const parsed = ownScoresSeal.safeParse(ownScoresSealer.open(readCookie(req, OWN_SCORES_COOKIE)));
    if (!parsed.success || parsed.data.r !== round.id || parsed.data.e <= clock.now()) return undefined;
    return responding.ownScoresFor(round, Object.fromEntries(parsed.data.s), textsOf(res));
  };

  r.get('/thanks', (req, res) => {
    const round = roundOf(res);
    const draft = responding.findDraft(round, draftIdOf(req));
    // Own scores are shown once, then forgotten: the next person on a shared device must not see them.
    const own = ownScoresOf(req, res, round);
    if (readCookie(req, OWN_SCORES_COOKIE) !== undefined) clearCookie(req, res, config, OWN_SCORES_COOKIE, `/r/${round.linkToken}`);
    if (!draft?.submitted && !own) return res.redirect(303, `/r/${round.linkToken}`);
    res.render('respond/thanks', {
      title: tOf(res)('thanks.title'),
      organisationName: services.organisations.get(round.organisationId).name,
      ownScores: own ?? null,
      resultsUrl: `${publicOrigin(req)}/r/${round.linkToken}/results`,
    });
  });

  // Read by anyone with the round's link (no draft needed): what the report shows, without comments.
  r.get('/results', (_req, res) => {
    const round = roundOf(res);
    // The thanks page gives this address before anything is published: say so in the visitor's words.
    if (!services.resultsPage.isVisible(round)) {
      const t = tOf(res);
      res.status(404).render('errors/error', { title: t('results.notPublishedTitle'), message: t('results.notPublished'), detail: undefined, status: 404 });
      return;
    }
    const page = services.resultsPage.forRespondents(round, textsOf(res));
    res.setHeader('X-Robots-Tag', 'noindex');
    // Due dates inside the page's sentences, in its language ("erbyn 31 Mawrth 2027").
    const dueOn = (iso: string) => formatCalendarDate(iso, res.locals.lang as string);
    res.render('respond/results', { title: tOf(res)('results.title', { round: round.name }), page, score, radar: respondentRadar(page, tOf(res)), dueOn });
  });

  // Pages a respondent can reach in a round that is not taking answers explain themselves.
  const roundStates: ErrorRequestHandler = (err, req, res, next) => {
    const round = res.locals.round as RoundRecord | undefined;
    if (round && err instanceof GoneError) {
      const draft = responding.findDraft(round, draftIdOf(req));
      const results = services.resultsPage.isVisible(round) ? `/r/${round.linkToken}/results` : null;
      res.status(410).render('respond/unavailable', { title: tOf(res)('unavailable.closedTitle'), state: 'closed', unsent: !!draft && !draft.submitted, graceNotice: null, results });
    } else if (round && err instanceof RoundNotOpenError) {
      res.status(403).render('respond/unavailable', {
        title: tOf(res)('unavailable.notOpenTitle'),
        state: err.state,
        unsent: false,
        opensAt: round.opensAt === null ? null : zone.formatDateTime(round.opensAt, res.locals.lang as string),
      });
    } else if (round && err instanceof DraftMissingError) {
      res.status(404).render('respond/no-draft', { title: tOf(res)('noDraft.title') });
    } else if (round && err instanceof ValidationError && req.path === '/submit') {
      if (err.fieldErrors.some((e) => e.field === 'answers')) {
        setCookie(req, res, config, NOTICE_COOKIE, 'emptyAnswers', { path: `/r/${round.linkToken}`, maxAgeMs: 5 * 60_000 });
        res.redirect(303, `/r/${round.linkToken}/check`);
      } else res.redirect(303, `/r/${round.linkToken}/role`);
    } else next(err);
  };
  router.use('/r/:token', roundStates);
}
