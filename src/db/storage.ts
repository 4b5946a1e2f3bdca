import fs from 'node:fs';
import { checkpointDatabase, type Db } from './connection';

/** Bytes the write probe allocates (and rolls back): a few pages, so a file that cannot grow is found. */
const PROBE_PAD_BYTES = 16 * 1024;

/** SQLite's "database or disk is full" (a full disk, or `max_page_count` reached). */
export function isStorageFullError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

/**
 * SQLite's ways of saying the database cannot be written: a file, folder or file system made
 * read-only (SQLITE_READONLY and its extended codes; a file made read-only under an open
 * connection fails its writes with SQLITE_IOERR_WRITE), or `PRAGMA query_only`.
 */
const READ_ONLY_CODES = new Set(['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_TRUNCATE', 'SQLITE_IOERR_DIR_FSYNC']);
export function isReadOnlyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_READONLY') || READ_ONLY_CODES.has(code));
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
    /**
     * Whether the database file itself may be written now. A connection opened while the file
     * was read-only stays read-only after the file is made writable again (SQLite does not
     * reopen it): this tells the two apart, so the log can say a restart is needed.
     */
    fileWritable(): boolean {
      if (db.memory) return true;
      try {
        fs.accessSync(db.name, fs.constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
export type StorageRepository = ReturnType<typeof storageRepository>;
