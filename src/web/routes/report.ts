import { randomBytes } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { Services } from '../../services';
import type { Admin } from '../../services/accounts';
import type { CommentPage, RoundReport } from '../../services/results';
import { NotFoundError, ValidationError } from '../../services/errors';
import { plainText } from '../admin/forms';
import { bearerToken } from '../bearer';
import { linkOrigin } from '../hosts';
import { idParam } from '../params';
import type { FlagResult } from '../../domain/flags';
import type { WordingCounts } from '../../domain/anonymity';
import { bound, flagStatement, formatNumber, questionnaireLang, reportDay, percent, reportCharts, score, wordingSentence } from '../report-views';
import { sinceLastWords } from '../trends-views';
import { pageWords } from '../wording';
import { isolateBidi } from '../bidi';
import { answerWaysView } from '../answer-ways-view';

const shareForm = z.object({
  label: plainText(z.string().trim().max(200, { error: 'Keep the label to 200 characters or fewer' })).default(''),
  showComments: z.literal('yes').optional(),
});
const commentForm = z.object({
  hidden: z.enum(['true', 'false']),
  // Sent by the page of all a theme's comments, to come back to it.
  theme: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  page: z.string().regex(/^\d{1,6}$/).optional(),
});
/** Comment ids are random and opaque (24 hex digits): they say nothing about who wrote what, or when. */
const commentIdParam = z.string().regex(/^[0-9a-f]{24}$/);
/** Comments a theme on the report page; the rest are a link away, COMMENTS_PER_PAGE a page. */
export const COMMENTS_PER_THEME = 20;
export const COMMENTS_PER_PAGE = 100;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1) });

function pageNumber(req: Request): number {
  const parsed = pageQuery.safeParse({ page: typeof req.query.page === 'string' ? req.query.page : undefined });
  if (!parsed.success) throw new NotFoundError('There is no such page of comments');
  return parsed.data.page;
}

function renderComments(res: Response, page: CommentPage, mode: 'admin' | 'share', links: Record<string, string>, questionnaireLanguage: string) {
  res.locals.textLang = questionnaireLang([questionnaireLanguage], res.locals.lang);
  res.render('report/comments', {
    title: `${page.theme.title}${pageWords(res)('report.comments.headingAfter')}`,
    number: (n: number) => formatNumber(n, String(res.locals.lang)),
    organisationName: page.organisationName,
    roundName: page.round.name,
    page,
    mode,
    links,
  });
}

/** `?print=summary`: the board summary (2 to 4 A4 pages); `&detail=1` adds each theme in full as an appendix. */
const summaryQuery = z.object({ print: z.literal('summary'), detail: z.literal('1').optional() });

function renderReport(req: Request, res: Response, services: Services, report: RoundReport, extra: Record<string, unknown> & { links: Record<string, string> }) {
  const previous = services.actions.previous(report.round);
  const summary = summaryQuery.safeParse(req.query);
  const view = summary.success ? 'report/summary' : 'report/round';
  const t = pageWords(res);
  res.locals.textLang = questionnaireLang([services.rounds.questionnaireFor(report.round).language], res.locals.lang);
  const sinceLast = summary.success ? services.trends.sinceLast(services.organisations.get(report.round.organisationId), report.round) : null;
  const more = summary.success
    ? {
        title: `${isolateBidi(report.round.name)}${t('report.summary.headingAfter')}`,
        detail: summary.data.detail === '1',
        sinceLast,
        sinceLastMessage: sinceLast && sinceLastWords(sinceLast, t),
      }
    : {};
  res.render(view, {
    actions: services.actions.list(report.round),
    previousActions: previous && { roundName: previous.round.name, actions: previous.actions },
    title: `${isolateBidi(report.round.name)}${t('report.round.headingAfter')}`,
    report,
    answerWays: answerWaysView(report, t),
    charts: reportCharts(report, t),
    generatedOn: reportDay(report.generatedAt, String(res.locals.lang)),
    score,
    bound,
    percent,
    flagStatement: (flag: FlagResult) => flagStatement(flag, t),
    wordingSentence: (w: WordingCounts) => wordingSentence(w, t),
    number: (n: number) => formatNumber(n, String(res.locals.lang)),
    newShareUrl: null,
    shareLinks: [],
    ...extra,
    ...more,
  });
}

function sendCsv(res: Response, file: { filename: string; body: string }) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.send(file.body);
}

/** A big CSV in chunks (see csvChunks): other requests run between them; a client that leaves stops the work. */
async function streamCsv(res: Response, file: { filename: string; chunks: AsyncGenerator<string> }, logger: Pick<Logger, 'error'>) {
  // The first chunk comes after the first page is read: a failure there still gets an error page.
  const first = await file.chunks.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* file.chunks;
  }
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  pipeline(Readable.from(all()), res, (err) => {
    // Headers are gone by now: a failure can only cut the download short (the client sees it).
    if (err && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error({ err }, 'CSV export failed');
  });
}

/** Comments a chunk of the JSON API's answer: read, written and let go of before the next. */
const COMMENTS_PER_CHUNK = 500;

/**
 * `res.json(body)` with each theme's `comments` filled in from `textsOf` as they are read, page
 * by page: the same bytes (JSON.stringify of the whole), without holding every comment, its copy
 * per theme and the whole answer as one string at once. With 32,000 comments that was 2 MB of
 * text built three times over, and the peak of the server's memory (issue 12). A mark stands for
 * each theme's comments in the JSON of the rest: random and new for each answer, so no text in
 * the report can be taken for it.
 */
function sendJsonWithComments(
  res: Response,
  body: ReturnType<typeof reportJson> & object,
  textsOf: (themeId: string) => Iterable<string[]>,
  logger: Pick<Logger, 'error'>,
) {
  const mark = `comments-${randomBytes(16).toString('hex')}-`;
  const themeIds = body.themes.map((t) => t.themeId);
  const text = JSON.stringify({ ...body, themes: body.themes.map((t, i) => ({ ...t, comments: `${mark}${i}` })) });
  const parts: string[] = [];
  let from = 0;
  themeIds.forEach((_, i) => {
    const placeholder = JSON.stringify(`${mark}${i}`);
    const at = text.indexOf(placeholder, from);
    // Before anything is sent: a failure here is still an ordinary error page.
    if (at < 0) throw new Error(`The JSON API's answer lost the place of theme ${i}'s comments`);
    parts.push(text.slice(from, at));
    from = at + placeholder.length;
  });
  const last = text.slice(from);
  async function* chunks() {
    for (let i = 0; i < themeIds.length; i++) {
      let open = `${parts[i]}[`;
      for (const page of textsOf(themeIds[i])) {
        yield `${open}${page.map((c) => JSON.stringify(c)).join(',')}`;
        open = ',';
        // Other requests run between pages.
        await new Promise((resolve) => setImmediate(resolve));
      }
      yield open === ',' ? ']' : `${open}]`;
    }
    yield last;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  pipeline(Readable.from(chunks()), res, (err) => {
    // Headers are gone by now: a failure can only cut the answer short (the client sees it).
    if (err && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.error({ err }, 'JSON API answer failed');
  });
}

/** The JSON form of a report: exactly what the page shows, suppression applied. */
export function reportJson(report: RoundReport) {
  return {
    round: { id: report.round.id, name: report.round.name, status: report.round.status, form: report.round.form, organisation: report.organisationName },
    questionnaire: report.questionnaire,
    generatedAt: new Date(report.generatedAt).toISOString(),
    minGroupSize: report.minGroupSize,
    respondents: { total: report.total, byRole: report.roles.map((r) => ({ role: r.roleId, label: r.label, n: r.n })), wordings: report.wordings },
    release: report.release,
    belowMinimum: report.belowMinimum,
    overall: report.overall,
    groups: report.groups,
    themes: report.themes.map((t) => ({ themeId: t.themeId, title: t.title, gap: t.gap, groups: t.groups, flags: t.flags, comments: t.comments.filter((c) => !c.hidden).map((c) => c.body) })),
    flags: report.flags,
  };
}

/** Admin report routes, mounted behind the admin guard (which sets res.locals.admin). */
export function adminReportRoutes(services: Services, config: Config): Router {
  const router = Router();
  const roundFor = (req: Request, res: Response) => services.access.round(res.locals.admin as Admin, idParam(req, 'id'));
  const base = (id: number) => `/admin/rounds/${id}`;

  router.get('/rounds/:id/report', (req, res) => {
    const round = roundFor(req, res);
    const report = services.results.forRound(round.id, { comments: 'all', commentsPerTheme: COMMENTS_PER_THEME });
    const token = req.session.newShareLink?.roundId === round.id ? req.session.newShareLink.token : null;
    delete req.session.newShareLink;
    const origin = linkOrigin(req, config);
    renderReport(req, res, services, report, {
      mode: 'admin',
      newShareUrl: token ? `${origin}/share/${token}` : null,
      shareLinks: services.shareLinks.listForRound(round.id).map((s) => ({ ...s, created: reportDay(s.createdAt, String(res.locals.lang)), revoked: s.revokedAt !== null })),
      links: {
        round: base(round.id),
        resultsCsv: `${base(round.id)}/results.csv`,
        answersCsv: `${base(round.id)}/answers.csv`,
        answersDictionary: `${base(round.id)}/answers-dictionary.csv`,
        json: `/api/rounds/${round.id}/results`,
        shareLinks: `${base(round.id)}/share-links`,
        comments: `${base(round.id)}/comments`,
        commentPages: `${base(round.id)}/report/comments`,
        fullReport: `${base(round.id)}/report`,
        boardSummary: `${base(round.id)}/report?print=summary`,
      },
    });
  });

  router.get('/rounds/:id/report/comments/:themeId', (req, res) => {
    const round = roundFor(req, res);
    const page = services.results.commentPage(round.id, String(req.params.themeId), { comments: 'all', page: pageNumber(req), perPage: COMMENTS_PER_PAGE });
    renderComments(res, page, 'admin', { report: `${base(round.id)}/report`, comments: `${base(round.id)}/comments` }, services.rounds.questionnaireFor(round).language);
  });

  router.get('/rounds/:id/results.csv', (req, res) => sendCsv(res, services.exports.resultsCsv(roundFor(req, res).id)));
  router.get('/rounds/:id/answers.csv', (req, res) => streamCsv(res, services.exports.answersCsvStream(roundFor(req, res).id), services.logger));
  router.get('/rounds/:id/answers-dictionary.csv', (req, res) => sendCsv(res, services.exports.answersDictionaryCsv(roundFor(req, res).id)));

  router.post('/rounds/:id/comments/:commentId', (req, res) => {
    const round = roundFor(req, res);
    const form = commentForm.safeParse(req.body ?? {});
    if (!form.success) throw new ValidationError('Say whether to hide or show the comment');
    const { hidden, theme, page } = form.data;
    const commentId = commentIdParam.safeParse(req.params.commentId);
    if (!commentId.success) throw new NotFoundError('That comment was not found');
    services.results.setCommentHidden(round.id, commentId.data, hidden === 'true');
    req.session.flash = [{ kind: 'success', text: hidden === 'true' ? 'The comment is hidden from every output.' : 'The comment is shown again.' }];
    const back = theme && page ? `${base(round.id)}/report/comments/${theme}?page=${Number(page)}` : `${base(round.id)}/report`;
    res.redirect(303, `${back}#comment-${commentId.data}`);
  });

  router.post('/rounds/:id/share-links', (req, res) => {
    const round = roundFor(req, res);
    const parsed = shareForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      req.session.flash = [{ kind: 'error', text: parsed.error.issues[0].message }];
      return res.redirect(303, `${base(round.id)}/report#share`);
    }
    const link = services.shareLinks.createForRound(round.id, { label: parsed.data.label, showComments: parsed.data.showComments === 'yes' });
    req.session.newShareLink = { roundId: round.id, token: link.token };
    res.redirect(303, `${base(round.id)}/report#share`);
  });

  router.post('/rounds/:id/share-links/:linkId/revoke', (req, res) => {
    const round = roundFor(req, res);
    services.shareLinks.revoke(round.id, idParam(req, 'linkId'));
    req.session.flash = [{ kind: 'success', text: 'The share link is revoked: it no longer opens the report.' }];
    res.redirect(303, `${base(round.id)}/report#share`);
  });
  return router;
}

/**
 * Read-only routes for a board: /share/<token> and its CSV; and the JSON API, which takes either
 * a signed-in admin of the organisation or a share token ("Authorization: Bearer <token>"; `?token=` is refused).
 */
export function publicReportRoutes(services: Services, currentAdmin: (req: Request) => Admin | undefined): Router {
  const router = Router();

  const shared = (req: Request) => {
    const link = services.shareLinks.resolve(String(req.params.token));
    if (link.scope !== 'round' || link.roundId === null) throw new NotFoundError('This link does not open a round report.');
    return link;
  };

  router.get('/share/:token', (req, res) => {
    const link = shared(req);
    const report = services.results.forRound(link.roundId!, { comments: link.showComments ? 'visible' : 'none', commentsPerTheme: COMMENTS_PER_THEME });
    res.setHeader('X-Robots-Tag', 'noindex');
    const base = `/share/${req.params.token}`;
    renderReport(req, res, services, report, {
      mode: 'share',
      links: { resultsCsv: `${base}/results.csv`, commentPages: `${base}/comments`, fullReport: base, boardSummary: `${base}?print=summary` },
    });
  });

  router.get('/share/:token/comments/:themeId', (req, res) => {
    const link = shared(req);
    if (!link.showComments) throw new NotFoundError('This link does not include comments.');
    const page = services.results.commentPage(link.roundId!, String(req.params.themeId), { comments: 'visible', page: pageNumber(req), perPage: COMMENTS_PER_PAGE });
    res.setHeader('X-Robots-Tag', 'noindex');
    renderComments(res, page, 'share', { report: `/share/${req.params.token}` }, services.rounds.questionnaireFor(page.round).language);
  });

  router.get('/share/:token/results.csv', (req, res) => sendCsv(res, services.exports.resultsCsv(shared(req).roundId!)));

  router.get('/api/rounds/:id/results', (req, res) => {
    const roundId = idParam(req, 'id');
    const token = bearerToken(req);
    let comments: 'none' | 'visible';
    if (token) {
      const link = services.shareLinks.resolve(token);
      if (link.roundId !== roundId) return res.status(404).json({ error: 'Not found' });
      comments = link.showComments ? 'visible' : 'none';
    } else {
      const admin = currentAdmin(req);
      if (!admin) return res.status(401).json({ error: 'Sign in as an admin, or pass a share token in an Authorization: Bearer header.' });
      services.access.round(admin, roundId);
      comments = 'visible';
    }
    // The comments themselves are streamed below, theme by theme (the report carries their counts).
    const report = services.results.forRound(roundId, { comments, commentsPerTheme: 0 });
    const actions = services.actions.list(report.round).map((a) => ({ themeId: a.themeId, what: a.what, lead: a.lead, dueOn: a.dueOn, status: a.status, note: a.note, overdue: a.overdue }));
    const body = { ...reportJson(report), actions };
    if (!report.comments.shown || report.themes.every((t) => t.commentCount === 0)) return res.json(body);
    sendJsonWithComments(res, body, (themeId) => services.results.shownCommentTexts(report, themeId, COMMENTS_PER_CHUNK), services.logger);
  });
  return router;
}
