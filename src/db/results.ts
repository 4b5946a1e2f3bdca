import type { Db } from './connection';

export interface ThemeMomentRow {
  role: string;
  themeId: string;
  n: number;
  sum: number;
  sumSq: number;
}
export interface ItemCountRow {
  role: string;
  itemId: string;
  /** null: "Don't know" */
  value: number | null;
  n: number;
}
export interface CommentRow {
  /** random and opaque */
  id: string;
  themeId: string;
  itemId: string;
  body: string;
  hidden: boolean;
}

/**
 * Aggregates for a round's results, computed in SQL so a report never loads raw answers.
 * Each query reads one table through an index that starts with round_id.
 */
export function resultsRepository(db: Db) {
  const themeMoments = db.prepare(`SELECT role, theme_id AS themeId, COUNT(*) AS n, SUM(score) AS sum, SUM(score * score) AS sumSq
    FROM response_theme_scores WHERE round_id = ? GROUP BY theme_id, role`);
  // GROUP BY in the index's column order (round_id, item_id, role, value): a covering index scan.
  const itemCounts = db.prepare(`SELECT item_id AS itemId, role, value, COUNT(*) AS n
    FROM answers WHERE round_id = ? GROUP BY item_id, role, value`);
  // Ordered by their text: ids are random, but the text order is the one that says nothing.
  const comments = db.prepare(`SELECT id, theme_id AS themeId, item_id AS itemId, body, hidden FROM comments
    WHERE round_id = ? AND (hidden = 0 OR ?) ORDER BY theme_id, body, id`);
  const setHidden = db.prepare('UPDATE comments SET hidden = ? WHERE id = ? AND round_id = ?');
  const rawAnswers = db.prepare(`SELECT response_id AS responseId, item_id AS itemId, value FROM answers WHERE round_id = ? ORDER BY response_id`);
  const rawResponses = db.prepare('SELECT id, role, questionnaire_version AS questionnaireVersion, submitted_on AS submittedOn FROM responses WHERE round_id = ? ORDER BY id');

  const toComment = (r: Omit<CommentRow, 'hidden'> & { hidden: number }): CommentRow => ({ ...r, hidden: r.hidden === 1 });
  return {
    themeMoments: (roundId: number) => themeMoments.all(roundId) as ThemeMomentRow[],
    itemCounts: (roundId: number) => itemCounts.all(roundId) as ItemCountRow[],
    comments: (roundId: number, includeHidden: boolean) =>
      (comments.all(roundId, includeHidden ? 1 : 0) as (Omit<CommentRow, 'hidden'> & { hidden: number })[]).map(toComment),
    setCommentHidden: (roundId: number, commentId: string, hidden: boolean) => setHidden.run(hidden ? 1 : 0, commentId, roundId).changes === 1,
    /** Raw rows for the anonymised answers export, streamed in response order. */
    iterateResponses: (roundId: number) => rawResponses.iterate(roundId) as IterableIterator<{ id: number; role: string; questionnaireVersion: number; submittedOn: string }>,
    iterateAnswers: (roundId: number) => rawAnswers.iterate(roundId) as IterableIterator<{ responseId: number; itemId: string; value: number | null }>,
  };
}
export type ResultsRepository = ReturnType<typeof resultsRepository>;
