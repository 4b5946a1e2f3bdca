import type { Db } from './connection';

export interface ShareLinkRecord {
  id: number;
  organisationId: number;
  roundId: number | null;
  scope: 'round' | 'trends';
  label: string;
  showComments: boolean;
  createdAt: number;
  revokedAt: number | null;
}

const COLUMNS = `id, organisation_id AS organisationId, round_id AS roundId, scope, label, show_comments AS showComments,
  created_at AS createdAt, revoked_at AS revokedAt`;
type Row = Omit<ShareLinkRecord, 'showComments'> & { showComments: number };
const toRecord = (r: Row | undefined): ShareLinkRecord | undefined => r && { ...r, showComments: r.showComments === 1 };

export function shareLinkRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO share_links (token_hash, organisation_id, round_id, scope, label, show_comments, created_at)
    VALUES (@tokenHash, @organisationId, @roundId, @scope, @label, @showComments, @now)`);
  const byHash = db.prepare(`SELECT ${COLUMNS} FROM share_links WHERE token_hash = ? AND revoked_at IS NULL`);
  const byRound = db.prepare(`SELECT ${COLUMNS} FROM share_links WHERE round_id = ? ORDER BY created_at DESC, id DESC`);
  const revoke = db.prepare('UPDATE share_links SET revoked_at = ? WHERE id = ? AND round_id = ? AND revoked_at IS NULL');
  const byOrganisationTrends = db.prepare(`SELECT ${COLUMNS} FROM share_links WHERE organisation_id = ? AND scope = 'trends' ORDER BY created_at DESC, id DESC`);
  const revokeTrends = db.prepare(`UPDATE share_links SET revoked_at = ? WHERE id = ? AND organisation_id = ? AND scope = 'trends' AND revoked_at IS NULL`);
  return {
    insert: (l: { tokenHash: string; organisationId: number; roundId: number | null; scope: 'round' | 'trends'; label: string; showComments: boolean; now: number }) =>
      Number(insert.run({ ...l, showComments: l.showComments ? 1 : 0 }).lastInsertRowid),
    findActiveByHash: (hash: string) => toRecord(byHash.get(hash) as Row | undefined),
    listForRound: (roundId: number) => (byRound.all(roundId) as Row[]).map((r) => toRecord(r)!),
    revoke: (id: number, roundId: number, now: number) => revoke.run(now, id, roundId).changes === 1,
    listTrendsForOrganisation: (organisationId: number) => (byOrganisationTrends.all(organisationId) as Row[]).map((r) => toRecord(r)!),
    revokeTrends: (id: number, organisationId: number, now: number) => revokeTrends.run(now, id, organisationId).changes === 1,
  };
}
export type ShareLinkRepository = ReturnType<typeof shareLinkRepository>;
