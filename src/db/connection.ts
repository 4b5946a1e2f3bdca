import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** 16 MiB: four times the log the default auto-checkpoint (1,000 pages) lets grow. */
export const JOURNAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

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
  // After a checkpoint the write-ahead log is cut back to this size instead of keeping its
  // largest size for ever, so space freed on a full disk is not held by an idle log.
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  return db;
}

/** A cheap round trip that proves the database answers. */
export function pingDatabase(db: Db): boolean {
  try {
    return db.prepare('SELECT 1 AS ok').get() !== undefined;
  } catch {
    return false;
  }
}
