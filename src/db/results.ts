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

/** A page of a round's responses in id order (test/db checks its plan: the rowid range, no sort). */
export const RESPONSES_PAGE_SQL = 'SELECT id, role FROM responses WHERE id > ? AND +round_id = ? ORDER BY id LIMIT ?';
/**
 * The answers of a page of responses. `+round_id` keeps SQLite on the primary key's response_id
 * range: with a plain `round_id = ?` it chose the round's index and read every answer of the round
 * for every page (test/db checks the plan).
 */
export const ANSWERS_BETWEEN_SQL = `SELECT response_id AS responseId, item_id AS itemId, value FROM answers
  WHERE response_id BETWEEN ? AND ? AND +round_id = ?`;

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
  // The first `limit` comments of each theme (same order), for a report page that stays small.
  const firstComments = db.prepare(`SELECT id, themeId, itemId, body, hidden FROM (
      SELECT id, theme_id AS themeId, item_id AS itemId, body, hidden,
        ROW_NUMBER() OVER (PARTITION BY theme_id ORDER BY body, id) AS n
      FROM comments WHERE round_id = ? AND (hidden = 0 OR ?))
    WHERE n <= ? ORDER BY themeId, body, id`);
  const commentCounts = db.prepare(`SELECT theme_id AS themeId, COUNT(*) AS n FROM comments
    WHERE round_id = ? AND (hidden = 0 OR ?) GROUP BY theme_id`);
  // The same, one theme at a time: in the order of comments_round_theme_text, reading only `limit` rows.
  const firstOfTheme = db.prepare(`SELECT id, theme_id AS themeId, item_id AS itemId, body, hidden FROM comments
    WHERE round_id = ? AND theme_id = ? AND (hidden = 0 OR ?) ORDER BY body, id LIMIT ?`);
  const themeComments = db.prepare(`SELECT id, theme_id AS themeId, item_id AS itemId, body, hidden FROM comments
    WHERE round_id = ? AND theme_id = ? AND (hidden = 0 OR ?) ORDER BY body, id LIMIT ? OFFSET ?`);
  // A page of a theme's shown comments after the last one read (body and id: the index's order,
  // read from the index alone). Every body has at least one character, so ('', '') is before all.
  const shownAfter = db
    .prepare(`SELECT id, body FROM comments
    WHERE round_id = ? AND theme_id = ? AND hidden = 0 AND (body, id) > (?, ?) ORDER BY body, id LIMIT ?`)
    .raw();
  const setHidden = db.prepare('UPDATE comments SET hidden = ? WHERE id = ? AND round_id = ?');
  // Pages for the anonymised answers export: the export reads a page, then lets other requests
  // run, so no statement stays open between pages (one connection: an open read would block writes).
  // The rowid range, not the (round_id, role) index: pages come in id order without a sort.
  const responsesPage = db.prepare(RESPONSES_PAGE_SQL);
  const answersBetween = db.prepare(ANSWERS_BETWEEN_SQL);

  const toComment = (r: Omit<CommentRow, 'hidden'> & { hidden: number }): CommentRow => ({ ...r, hidden: r.hidden === 1 });
  return {
    themeMoments: (roundId: number) => themeMoments.all(roundId) as ThemeMomentRow[],
    itemCounts: (roundId: number) => itemCounts.all(roundId) as ItemCountRow[],
    comments: (roundId: number, includeHidden: boolean) =>
      (comments.all(roundId, includeHidden ? 1 : 0) as (Omit<CommentRow, 'hidden'> & { hidden: number })[]).map(toComment),
    /**
     * At most `perTheme` comments of each theme, in the same order as {@link comments}. Given the
     * round's themes (in order), reads only those rows; otherwise ranks every comment of the round.
     */
    firstComments: (roundId: number, includeHidden: boolean, perTheme: number, themeIds?: readonly string[]) =>
      (themeIds
        ? [...themeIds].sort().flatMap((t) => firstOfTheme.all(roundId, t, includeHidden ? 1 : 0, perTheme) as (Omit<CommentRow, 'hidden'> & { hidden: number })[])
        : (firstComments.all(roundId, includeHidden ? 1 : 0, perTheme) as (Omit<CommentRow, 'hidden'> & { hidden: number })[])
      ).map(toComment),
    /** How many comments each theme has. */
    commentCounts: (roundId: number, includeHidden: boolean) =>
      new Map((commentCounts.all(roundId, includeHidden ? 1 : 0) as { themeId: string; n: number }[]).map((r) => [r.themeId, r.n] as const)),
    /** One page of one theme's comments, in the same order. */
    themeComments: (roundId: number, themeId: string, includeHidden: boolean, offset: number, limit: number) =>
      (themeComments.all(roundId, themeId, includeHidden ? 1 : 0, limit, offset) as (Omit<CommentRow, 'hidden'> & { hidden: number })[]).map(toComment),
    /**
     * Up to `limit` of a theme's shown comments (not hidden) that come after `after` (the last one
     * of the previous page; null for the first page), in the same order as {@link comments}.
     */
    shownCommentsAfter: (roundId: number, themeId: string, after: { id: string; body: string } | null, limit: number) =>
      (shownAfter.all(roundId, themeId, after?.body ?? '', after?.id ?? '', limit) as [string, string][]).map(([id, body]) => ({ id, body })),
    setCommentHidden: (roundId: number, commentId: string, hidden: boolean) => setHidden.run(hidden ? 1 : 0, commentId, roundId).changes === 1,
    /** Up to `limit` of the round's responses with an id above `afterId`, in id order (raw rows for the answers export). */
    responsesPage: (roundId: number, afterId: number, limit: number) => responsesPage.all(afterId, roundId, limit) as { id: number; role: string }[],
    /** The round's answers of responses with ids from `fromId` to `toId`. */
    answersBetween: (roundId: number, fromId: number, toId: number) =>
      answersBetween.all(fromId, toId, roundId) as { responseId: number; itemId: string; value: number | null }[],
  };
}
export type ResultsRepository = ReturnType<typeof resultsRepository>;
