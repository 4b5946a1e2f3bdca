import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../services';
import type { Admin } from '../../services/accounts';
import { ValidationError } from '../../services/errors';
import { trendsCsv, type TrendsResult } from '../../services/trends';
import { idParam } from '../params';
import { bound, score } from '../report-views';
import { roundName, signedChange, trendCharts, trendsJson, VERDICT_WORDS } from '../trends-views';

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

/** The trends page and its CSV, for a signed-in admin (mounted behind the admin guard). */
export function adminTrendHandlers(services: Services) {
  const compare = (req: Request, res: Response) => {
    const org = services.access.organisation(res.locals.admin as Admin, idParam(req, 'orgId'));
    return services.trends.forOrganisation(org, parseRounds(req));
  };
  return {
    page(req: Request, res: Response) {
      const result = compare(req, res);
      const base = `/admin/organisations/${result.organisation.id}`;
      res.render('report/trends', {
        title: `${result.organisation.name}: year on year`,
        result,
        charts: result.ok ? trendCharts(result.comparison) : [],
        links: result.ok
          ? { organisation: base, csv: `${base}/trends.csv?${queryString(result)}`, json: `/api/organisations/${result.organisation.id}/trends?${queryString(result)}` }
          : { organisation: base },
        score,
        bound,
        signedChange,
        roundName: (id: number) => (result.ok ? roundName(result.comparison, id) : ''),
        verdictWords: VERDICT_WORDS,
      });
    },
    csv(req: Request, res: Response) {
      const result = compare(req, res);
      if (!result.ok) return res.status(result.reason === 'tooFew' ? 400 : 422).type('text/plain').send(result.message);
      const file = trendsCsv(result.organisation.name, result.comparison);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.send(file.body);
    },
  };
}

/** GET /api/organisations/:id/trends: the same access rule as the results API (a signed-in admin of the organisation). */
export function apiTrendRoutes(services: Services, currentAdmin: (req: Request) => Admin | undefined): Router {
  const router = Router();
  router.get('/api/organisations/:id/trends', (req, res) => {
    const orgId = idParam(req, 'id');
    const admin = currentAdmin(req);
    if (!admin) return res.status(401).json({ error: 'Sign in as an admin of this organisation.' });
    const org = services.access.organisation(admin, orgId);
    const result = services.trends.forOrganisation(org, parseRounds(req));
    if (!result.ok) return res.status(result.reason === 'tooFew' ? 400 : 422).json({ error: result.message });
    res.json(trendsJson({ id: org.id, name: org.name }, result.comparison, result.actions));
  });
  return router;
}
