import fc from 'fast-check';
import { createRepositories } from '../../src/db';
import { EVERYONE } from '../../src/domain/trends';
import { makeTestApp } from '../helpers/app';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';

describe('trends service (property)', () => {
  it('every figure of a trend is a cell its round report shows, and every change joins two shown cells of consecutive rounds', () => {
    let changes = 0;
    let hidden = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ count: fc.integer({ min: 8, max: 45 }), seed: fc.integer({ min: 1, max: 1e6 }), k: fc.integer({ min: 3, max: 6 }) }), { minLength: 2, maxLength: 4 }),
        (specs) => {
          const ctx = makeTestApp();
          const repos = createRepositories(ctx.db);
          let organisationId: number | undefined;
          for (const [i, spec] of specs.entries()) {
            const round = openRound(ctx, { name: `Year ${i + 1}`, minGroupSize: spec.k }, 'open', organisationId);
            organisationId = round.organisationId;
            fillRound(repos, ctx.services.rounds.questionnaireFor(round), round, spec.count, spec.seed);
            ctx.services.rounds.close(round.id);
          }
          const org = ctx.services.organisations.get(organisationId!);
          const result = ctx.services.trends.forOrganisation(org, null);
          if (!result.ok) throw new Error(result.message);
          const { comparison } = result;
          const reports = comparison.rounds.map((r) => ctx.services.results.forRound(r.roundId));
          for (const theme of comparison.themes) {
            for (const s of theme.series) {
              s.points.forEach((p, i) => {
                const report = reports[i];
                const cell =
                  s.groupId === EVERYONE
                    ? report.overall?.themes.find((t) => t.themeId === theme.themeId)
                    : report.groups.find((g) => g.roleId === s.groupId)?.result.themes.find((t) => t.themeId === theme.themeId);
                if (p === null) {
                  hidden++;
                  expect(cell?.shown ?? false).toBe(false);
                } else {
                  expect(cell?.shown).toBe(true);
                  expect(p).toEqual({ n: cell!.n, mean: cell!.mean, sd: cell!.sd, ci95: cell!.ci95 });
                  expect(p.n).toBeGreaterThanOrEqual(report.minGroupSize);
                }
              });
            }
            for (const c of theme.changes) {
              changes++;
              const i = comparison.rounds.findIndex((r) => r.roundId === c.toRoundId);
              expect(comparison.rounds[i - 1].roundId).toBe(c.fromRoundId);
              const s = theme.series.find((x) => x.groupId === c.groupId)!;
              expect(s.points[i - 1]).toBe(c.before);
              expect(s.points[i]).toBe(c.after);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
    // Not vacuous: the runs made changes to check, and hid cells.
    expect(changes).toBeGreaterThan(50);
    expect(hidden).toBeGreaterThan(10);
  });
});
