import type { Db } from './connection';

/** One released response with its answers to some questions: `value` is the choice, null for "Don't know". */
export interface RespondentRow {
  role: string;
  answers: { itemId: string; value: number | null }[];
}

/**
 * Every response of a round, with its answers to the given items (none: a response that skipped
 * them all still counts in its role, as in the report). The responses come through their
 * (round_id, role) index and each answer by the answers' primary key (response_id, item_id)
 * (test/db checks the plan).
 */
export const RESPONDENT_ANSWERS_SQL = `SELECT r.id AS responseId, r.role AS role, a.item_id AS itemId, a.value AS value
  FROM responses r
  LEFT JOIN answers a ON a.response_id = r.id AND a.item_id IN (SELECT value FROM json_each(?))
  WHERE r.round_id = ?`;

/**
 * Per-response answers for trends that recompute a theme on the questions several rounds share.
 * Reads the released results only (responses and answers): pending responses are never there.
 */
export function trendAnswersRepository(db: Db) {
  const rows = db.prepare(RESPONDENT_ANSWERS_SQL);
  return {
    /** Every released response of the round with its answers to `itemIds`, in no meaningful order. */
    respondents(roundId: number, itemIds: readonly string[]): RespondentRow[] {
      const out = new Map<number, RespondentRow>();
      for (const row of rows.iterate(JSON.stringify(itemIds), roundId) as Iterable<{ responseId: number; role: string; itemId: string | null; value: number | null }>) {
        let r = out.get(row.responseId);
        if (!r) out.set(row.responseId, (r = { role: row.role, answers: [] }));
        if (row.itemId !== null) r.answers.push({ itemId: row.itemId, value: row.value });
      }
      return [...out.values()];
    },
  };
}
export type TrendAnswersRepository = ReturnType<typeof trendAnswersRepository>;
