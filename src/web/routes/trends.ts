import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Services } from '../../services';
import type { Admin } from '../../services/accounts';
import { NotFoundError, ValidationError } from '../../services/errors';
import { trendsCsv, type TrendsResult } from '../../services/trends';
import { bearerToken } from '../bearer';
import { linkOrigin } from '../hosts';
import { idParam } from '../params';
import { MIN_SHARED_ITEMS } from '../../domain/trend-items';
import type { TrendTheme } from '../../domain/trends';
import { bound, questionnaireLang, reportDay, score } from '../report-views';
import { groupLabel, refusalWords, roundName, signedChange, themeLead, themeReason, trendCharts, trendRadar, trendsJson } from '../trends-views';
import { pageWords } from '../wording';

const ROUNDS_HELP = 'List the rounds to compare as round numbers separated by commas, for example ?rounds=1,4,7.';

/**
 * The `rounds` query: "1,4,7" (the API) or repeated `rounds=1&rounds=4` (the page's checkboxes),
 * or absent (the default choice). The page's form also sends `compare=1`, so a form sent with no
 * round ticked reads as "none chosen", not as "the default".
 */
const roundsQuery = z
  .object({
    rounds: z.union([z.string(), z.array(z.string())]).optional(),
    compare: z.literal('1').optional(),
    token: z.string().optional(),
  })
  .transform((q, ctx): number[] | null => {
    if (q.rounds === undefined) return q.compare ? [] : null;
    const parts = (Array.isArray(q.rounds) ? q.rounds : [q.rounds]).flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
    if (parts.length > 50 || !parts.every((r) => /^[1-9]\d{0,11}$/.test(r))) {
      ctx.addIssue({ code: 'custom', message: `The rounds could not be read. ${ROUNDS_HELP}` });
      return z.NEVER;
    }
    return [...new Set(parts.map(Number))];
  });

function parseRounds(req: Request): number[] | null {
  const parsed = roundsQuery.safeParse(req.query);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? ROUNDS_HELP);
  return parsed.data;
}

const queryString = (result: Extract<TrendsResult, { ok: true }>) => `rounds=${result.comparison.rounds.map((r) => r.roundId).join(',')}`;

const shareForm = z.object({ label: z.string().trim().max(200, { error: 'Keep the label to 200 characters or fewer' }).default('') });

/** `?print=summary`: the board summary (a few A4 pages); `&detail=1` adds each theme in full as an appendix. */
const summaryQuery = z.object({ print: z.literal('summary'), detail: z.literal('1').optional() });

function renderTrends(req: Request, res: Response, services: Services, result: TrendsResult, extra: { mode: 'admin' | 'share'; links: Record<string, string>; [key: string]: unknown }) {
  const summary = summaryQuery.safeParse(req.query);
  const path = req.baseUrl + req.path;
  const links = result.ok ? { ...extra.links, fullPage: `${path}?${queryString(result)}`, boardSummary: `${path}?${queryString(result)}&print=summary` } : extra.links;
  const t = pageWords(res);
  if (result.ok) res.locals.textLang = questionnaireLang(result.comparison.rounds.map((r) => services.questionnaires.get(r.questionnaireId, r.questionnaireVersion).language), res.locals.lang);
  res.render('report/trends', {
    title: t(summary.success ? 'report.trends.titleSummary' : 'report.trends.title', { organisation: result.organisation.name }),
    summary: summary.success,
    detail: summary.success && summary.data.detail === '1',
    result,
    charts: result.ok ? trendCharts(result.comparison, t) : [],
    radar: result.ok && summary.success ? trendRadar(result.comparison, t) : null,
    refusalMessage: result.ok ? null : refusalWords(result, t),
    themeReason: (theme: TrendTheme) => themeReason(theme, t),
    groupLabel: (g: { groupId: string; label: string }) => groupLabel(g, t),
    themeLead: (theme: TrendTheme) => (result.ok ? themeLead(theme, result.comparison, t) : ''),
    score,
    bound,
    signedChange,
    roundName: (id: number) => (result.ok ? roundName(result.comparison, id) : ''),
    minSharedItems: MIN_SHARED_ITEMS,
    newShareUrl: null,
    shareLinks: [],
    ...extra,
    links,
  });
}

function sendTrendsCsv(res: Response, result: TrendsResult) {
  // A download that cannot be made is an ordinary error page saying why (the page itself explains more).
  if (!result.ok) throw new ValidationError(result.message); // worded again for the page by errors.ts
  const file = trendsCsv(result.organisation.name, result.comparison);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.send(file.body);
}

/** The trends page, its CSV and its board share links, for a signed-in admin (mounted behind the admin guard). */
export function adminTrendHandlers(services: Services, config: Config) {
  const orgOf = (req: Request, res: Response) => services.access.organisation(res.locals.admin as Admin, idParam(req, 'orgId'));
  const compare = (req: Request, res: Response) => services.trends.forOrganisation(orgOf(req, res), parseRounds(req));
  const base = (id: number) => `/admin/organisations/${id}`;
  return {
    page(req: Request, res: Response) {
      const result = compare(req, res);
      const orgId = result.organisation.id;
      const token = req.session.newTrendsLink?.organisationId === orgId ? req.session.newTrendsLink.token : null;
      delete req.session.newTrendsLink;
      const origin = linkOrigin(req, config);
      renderTrends(req, res, services, result, {
        mode: 'admin',
        newShareUrl: token ? `${origin}/share/${token}` : null,
        shareLinks: services.shareLinks.listForTrends(orgId).map((s) => ({ ...s, created: reportDay(s.createdAt, String(res.locals.lang)), revoked: s.revokedAt !== null })),
        links: {
          organisation: base(orgId),
          shareLinks: `${base(orgId)}/trends/share-links`,
          ...(result.ok ? { csv: `${base(orgId)}/trends.csv?${queryString(result)}`, json: `/api/organisations/${orgId}/trends?${queryString(result)}` } : {}),
        },
      });
    },
    csv: (req: Request, res: Response) => sendTrendsCsv(res, compare(req, res)),
    createShareLink(req: Request, res: Response) {
      const org = orgOf(req, res);
      const parsed = shareForm.safeParse(req.body ?? {});
      if (!parsed.success) {
        req.session.flash = [{ kind: 'error', text: parsed.error.issues[0].message }];
        return res.redirect(303, `${base(org.id)}/trends#share`);
      }
      const link = services.shareLinks.createForTrends(org.id, { label: parsed.data.label });
      req.session.newTrendsLink = { organisationId: org.id, token: link.token };
      res.redirect(303, `${base(org.id)}/trends#share`);
    },
    revokeShareLink(req: Request, res: Response) {
      const org = orgOf(req, res);
      services.shareLinks.revokeTrends(org.id, idParam(req, 'linkId'));
      req.session.flash = [{ kind: 'success', text: 'The share link is revoked: it no longer opens the trends.' }];
      res.redirect(303, `${base(org.id)}/trends#share`);
    },
  };
}

/**
 * Read-only trends for a board through a share link of scope "trends" (/share/<token>, which
 * falls through to the round report for round links), its CSV, and the JSON API, which takes a
 * signed-in admin of the organisation or such a link ("Authorization: Bearer <token>"; `?token=` is refused).
 * Mounted before the round report's routes.
 */
export function publicTrendRoutes(services: Services, currentAdmin: (req: Request) => Admin | undefined): Router {
  const router = Router();
  const trendsLink = (token: string) => {
    const link = services.shareLinks.resolve(token);
    return link.scope === 'trends' ? link : null;
  };
  const shared = (req: Request) => {
    const link = trendsLink(String(req.params.token));
    if (!link) throw new NotFoundError('This link does not open trends.');
    return services.trends.forOrganisation(services.organisations.get(link.organisationId), parseRounds(req), { closedOnly: true });
  };

  router.get('/share/:token', (req, res, next) => {
    if (!trendsLink(String(req.params.token))) return next(); // a round's report: routes/report.ts
    const result = shared(req);
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Referrer-Policy', 'no-referrer');
    renderTrends(req, res, services, result, { mode: 'share', links: result.ok ? { csv: `/share/${String(req.params.token)}/trends.csv?${queryString(result)}` } : {} });
  });
  router.get('/share/:token/trends.csv', (req, res) => sendTrendsCsv(res, shared(req)));

  router.get('/api/organisations/:id/trends', (req, res) => {
    const orgId = idParam(req, 'id');
    const token = bearerToken(req);
    let closedOnly = false;
    if (token) {
      const link = trendsLink(token);
      if (!link || link.organisationId !== orgId) return res.status(404).json({ error: 'Not found' });
      closedOnly = true;
    } else {
      const admin = currentAdmin(req);
      if (!admin) return res.status(401).json({ error: 'Sign in as an admin of this organisation, or pass a trends share token in an Authorization: Bearer header.' });
      services.access.organisation(admin, orgId);
    }
    const org = services.organisations.get(orgId);
    const result = services.trends.forOrganisation(org, parseRounds(req), { closedOnly });
    if (!result.ok) return res.status(result.reason === 'tooFew' ? 400 : 422).json({ error: result.message });
    res.json(trendsJson({ id: org.id, name: org.name }, result.comparison, result.actions));
  });
  return router;
}
