import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** 16 MiB: four times the log the default auto-checkpoint (1,000 pages) lets grow. */
export const JOURNAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * SQLite's page cache, in KiB: SQLite's own default of 2 MB. better-sqlite3 builds SQLite with
 * 16 MB, which the server filled within a few thousand submissions (each touches other pages of
 * the answers' indexes) and kept: 10 to 17 MB more resident memory than this (issue 12). Pages
 * not in it come from the operating system's file cache.
 */
const CACHE_SIZE_KIB = 2000;

/**
 * Opens the single connection the process uses (SQLite has one writer; one connection
 * avoids SQLITE_BUSY between our own requests). `:memory:` gives a private database for tests.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // FULL: a committed response survives a power cut, at a small cost per commit.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted or overwritten content (a draft's answers once sent, an expired draft, an old session)
  // is zeroed in the file instead of left in free space. Old page images in the WAL are removed
  // by checkpointDatabase at the moments that matter.
  db.pragma('secure_delete = ON');
  // After a checkpoint the write-ahead log is cut back to this size instead of keeping its
  // largest size for ever, so space freed on a full disk is not held by an idle log.
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  db.pragma(`cache_size = ${-CACHE_SIZE_KIB}`);
  return db;
}

/**
 * Copies every page in the write-ahead log into the database file and truncates the log to zero
 * bytes, so earlier versions of rows (a draft before it was sent or deleted) are no longer on
 * disk in the WAL. Returns false if a reader kept it from completing (not expected with our one
 * connection). A no-op for an in-memory database.
 */
export function checkpointDatabase(db: Db): boolean {
  // Closed: a checkpoint scheduled just before shutdown has nothing left to do (close checkpoints).
  if (db.memory || !db.open) return true;
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return result.busy === 0;
}

/** A cheap round trip that proves the database answers. */
export function pingDatabase(db: Db): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}

