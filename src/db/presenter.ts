import type { Db } from './connection';

/** What a workshop's presenter screen shows (see migrations/011). */
export interface PresenterStateRecord {
  roundId: number;
  revealed: boolean;
  /** -1: the overview (radar); otherwise the index of a theme in the round's form */
  themeIndex: number;
  updatedAt: number;
}

export interface ObserverLinkRecord {
  id: number;
  roundId: number;
  createdAt: number;
  revokedAt: number | null;
}

export function presenterRepository(db: Db) {
  const get = db.prepare('SELECT round_id AS roundId, revealed, theme_index AS themeIndex, updated_at AS updatedAt FROM presenter_states WHERE round_id = ?');
  const upsert = db.prepare(`INSERT INTO presenter_states (round_id, revealed, theme_index, updated_at) VALUES (@roundId, @revealed, @themeIndex, @now)
    ON CONFLICT (round_id) DO UPDATE SET revealed = excluded.revealed, theme_index = excluded.theme_index, updated_at = excluded.updated_at`);
  const insertLink = db.prepare('INSERT INTO observer_links (token_hash, round_id, created_at) VALUES (?, ?, ?)');
  const linkByHash = db.prepare('SELECT id, round_id AS roundId, created_at AS createdAt, revoked_at AS revokedAt FROM observer_links WHERE token_hash = ? AND revoked_at IS NULL');
  const linksByRound = db.prepare('SELECT id, round_id AS roundId, created_at AS createdAt, revoked_at AS revokedAt FROM observer_links WHERE round_id = ? ORDER BY created_at DESC, id DESC');
  const revokeLink = db.prepare('UPDATE observer_links SET revoked_at = ? WHERE id = ? AND round_id = ? AND revoked_at IS NULL');
  return {
    find(roundId: number): PresenterStateRecord | undefined {
      const row = get.get(roundId) as (Omit<PresenterStateRecord, 'revealed'> & { revealed: number }) | undefined;
      return row && { ...row, revealed: row.revealed === 1 };
    },
    save: (s: { roundId: number; revealed: boolean; themeIndex: number; now: number }) => void upsert.run({ ...s, revealed: s.revealed ? 1 : 0 }),
    insertObserverLink: (tokenHash: string, roundId: number, now: number) => Number(insertLink.run(tokenHash, roundId, now).lastInsertRowid),
    findObserverLink: (tokenHash: string) => linkByHash.get(tokenHash) as ObserverLinkRecord | undefined,
    listObserverLinks: (roundId: number) => linksByRound.all(roundId) as ObserverLinkRecord[],
    revokeObserverLink: (id: number, roundId: number, now: number) => revokeLink.run(now, id, roundId).changes === 1,
  };
}
export type PresenterRepository = ReturnType<typeof presenterRepository>;
