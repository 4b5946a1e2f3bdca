import type { RoundRecord } from '../../src/db';
import type { TestContext } from './app';
import { respond } from './respond';
import { openRound } from './rounds';

/**
 * Three yearly rounds of one organisation, closed, each answering only "Leadership here is shared"
 * (ld-shared, theme leadership), so each person's theme score is that one answer's score:
 * Never 0, Rarely 25, Sometimes 50, Often 75, Always 100. Minimum group size 5.
 *
 * | group   | 2024                     | 2025                      | 2026                         |
 * | staff   | 50 50 50 75 75           | 50 75 75 75 100 75        | 100 100 100 75 100           |
 * | lived   | 0 25 25 25 50 25         | 25 25 50 0 25             | 75 75 50 75 100 75 75        |
 * | carer   | 25 50 50 75 50           | 0 0 0 (3: hidden)         | 50 50 75 75 100              |
 * | partner | –                        | 100 100 (2: hidden)       | –                            |
 *
 * In 2025 carers (3) and partners (2) are hidden; together they hold 5 = k people, so no
 * complementary suppression is needed and staff and lived experience stay shown. In the answers
 * export of 2025 they are merged into "Other".
 */
export function threeYears(ctx: Pick<TestContext, 'services'>): { organisationId: number; rounds: RoundRecord[] } {
  const years: Record<string, number[]>[] = [
    { staff: [2, 2, 2, 3, 3], lived: [0, 1, 1, 1, 2, 1], carer: [1, 2, 2, 3, 2] },
    { staff: [2, 3, 3, 3, 4, 3], lived: [1, 1, 2, 0, 1], carer: [0, 0, 0], partner: [4, 4] },
    { staff: [4, 4, 4, 3, 4], lived: [3, 3, 2, 3, 4, 3, 3], carer: [2, 2, 3, 3, 4] },
  ];
  let organisationId: number | undefined;
  const rounds = years.map((answers, i) => {
    const round = openRound(ctx, { name: `Annual check ${2024 + i}` }, 'open', organisationId);
    organisationId = round.organisationId;
    for (const [role, values] of Object.entries(answers)) for (const v of values) respond(ctx, round, role, { 'ld-shared': String(v) });
    return ctx.services.rounds.close(round.id);
  });
  return { organisationId: organisationId!, rounds };
}
