import type { Db } from './connection';

/** Which rounds have a results page published for the people who answered (see migration 012). */
export function publishedResultsRepository(db: Db) {
  const find = db.prepare('SELECT published_at AS publishedAt FROM published_results WHERE round_id = ?');
  const upsert = db.prepare('INSERT INTO published_results (round_id, published_at) VALUES (?, ?) ON CONFLICT (round_id) DO NOTHING');
  const remove = db.prepare('DELETE FROM published_results WHERE round_id = ?');
  return {
    /** When the round's results page was published, or null when it is not. */
    publishedAt: (roundId: number) => (find.get(roundId) as { publishedAt: number } | undefined)?.publishedAt ?? null,
    publish: (roundId: number, now: number) => void upsert.run(roundId, now),
    unpublish: (roundId: number) => void remove.run(roundId),
  };
}
export type PublishedResultsRepository = ReturnType<typeof publishedResultsRepository>;
