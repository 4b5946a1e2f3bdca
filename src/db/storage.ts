import { checkpointDatabase, type Db } from './connection';

/** Bytes the write probe allocates (and rolls back): a few pages, so a file that cannot grow is found. */
const PROBE_PAD_BYTES = 16 * 1024;

/** SQLite's "database or disk is full" (a full disk, or `max_page_count` reached). */
export function isStorageFullError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

/** The database's own health: a write probe and reclaiming the write-ahead log's space. */
export function storageRepository(db: Db) {
  const pad = db.prepare('INSERT INTO heartbeat (id, beat_at, pad) VALUES (2, ?, zeroblob(?))');
  const beat = db.prepare('UPDATE heartbeat SET beat_at = ? WHERE id = 1');
  const rollBack = new Error('roll back the probe');
  const probe = db.transaction((now: number) => {
    try {
      // A savepoint that needs new pages, then undone: fails with SQLITE_FULL if the file cannot grow.
      db.transaction(() => {
        pad.run(now, PROBE_PAD_BYTES);
        throw rollBack;
      })();
    } catch (err) {
      if (err !== rollBack) throw err;
    }
    // A real commit (with synchronous=FULL, an fsync): fails if the log cannot be written.
    beat.run(now);
  });
  return {
    /** Proves the database can grow and commit; throws SQLite's error if it cannot. */
    probeWrite: (now: number) => void probe(now),
    /**
     * Copies the write-ahead log into the database and truncates it to zero bytes: old row
     * versions (a draft before it was sent) leave the disk, and the log's space goes back to the
     * disk (it only ever shrinks to journal_size_limit otherwise). See checkpointDatabase.
     */
    checkpoint: () => checkpointDatabase(db),
  };
}
export type StorageRepository = ReturnType<typeof storageRepository>;
