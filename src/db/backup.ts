import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readMigrations } from './migrate';

/** Rows in each table, by name: what a copy is checked against. */
export type TableCounts = Record<string, number>;

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

function tableCounts(db: Database.Database): TableCounts {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t.replaceAll('"', '""')}"`).pluck().get() as number]));
}

/** Opens an existing database file without creating, migrating or changing it (except WAL bookkeeping). */
function openExisting(file: string, readonly = false): Database.Database {
  if (!fs.existsSync(file)) throw new BackupError(`There is no database at ${file}. Set DATABASE_PATH to the server's database file, then run the command again.`);
  try {
    const db = new Database(file, { fileMustExist: true, readonly });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    throw new BackupError(`${file} could not be opened as a database: ${(err as Error).message}`);
  }
}

/**
 * What is wrong with a database file meant to be Powershare's (empty when nothing is): it must
 * open, pass `PRAGMA integrity_check` and `foreign_key_check`, and carry only migrations this
 * version of Powershare knows.
 */
export function checkDatabaseFile(file: string): { problems: string[]; counts: TableCounts } {
  let db: Database.Database;
  try {
    db = openExisting(file, true);
  } catch (err) {
    return { problems: [(err as Error).message], counts: {} };
  }
  try {
    const problems: string[] = [];
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      return { problems: [`${file} is not a readable SQLite database: ${(err as Error).message}`], counts: {} };
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push(`integrity_check failed: ${integrity.slice(0, 5).join('; ')}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`foreign_key_check found ${fk.length} row(s) pointing at nothing`);
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
    if (!hasMigrations) problems.push('it is not a Powershare database (no schema_migrations table)');
    else {
      const known = new Map(readMigrations().map((m) => [m.version, m.name]));
      const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
      for (const r of rows) {
        if (known.get(r.version) !== r.name) problems.push(`it has migration ${r.version} (${r.name}), which this version of Powershare does not know`);
      }
    }
    return { problems, counts: problems.length ? {} : tableCounts(db) };
  } finally {
    db.close();
  }
}

/**
 * Copies a live database with SQLite's online backup, page by page, while the server keeps
 * serving (it is another process: its writes go on in the WAL). The copy is taken inside one read
 * transaction on the source, so the row counts read in that same transaction are exactly the
 * copy's; the copy is written under a temporary name, checked (integrity, foreign keys,
 * migrations, row counts), and only then given its name. Returns the verified counts.
 */
export async function backupDatabase(source: string, destination: string, onProgress: (p: BackupProgress) => void = () => {}): Promise<TableCounts> {
  const dest = path.resolve(destination);
  if (fs.existsSync(dest)) throw new BackupError(`${destination} already exists: choose a new file name, for example with the date in it (nothing is overwritten).`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}`;
  const db = openExisting(source);
  let expected: TableCounts;
  try {
    db.exec('BEGIN'); // a read transaction: one snapshot for the counts and for every page copied
    expected = tableCounts(db);
    const done = await db.backup(partial, {
      progress: (p) => {
        onProgress(p);
        return 256; // pages per step: other work on this event loop is not starved
      },
    });
    onProgress({ totalPages: done.totalPages, remainingPages: 0 });
    db.exec('COMMIT');
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err instanceof BackupError ? err : new BackupError(`The backup failed: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  // A backup is one self-contained file: out of WAL mode, so it has no -wal or -shm companions.
  const copy = new Database(partial, { fileMustExist: true });
  copy.pragma('journal_mode = DELETE');
  copy.close();
  const check = checkDatabaseFile(partial);
  const mismatched = Object.keys(expected).filter((t) => check.counts[t] !== expected[t]);
  if (check.problems.length > 0 || mismatched.length > 0) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(
      `The copy failed its check, so it was removed: ${[...check.problems, ...mismatched.map((t) => `table ${t} has ${check.counts[t]} rows, expected ${expected[t]}`)].join('; ')}`,
    );
  }
  fs.renameSync(partial, dest);
  return expected;
}

/** True while another process (a running server, a backup) has the database open. */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    // An exclusive lock cannot be had while any other connection holds the file (in WAL mode,
    // every open connection holds a shared lock on the WAL index until it closes).
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_BUSY') return true;
    // A damaged file (what a restore is often for) cannot be served either.
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return false;
    throw err;
  } finally {
    db.close();
  }
}

/** Folds the WAL into a database file so it stands alone; false when the file is too damaged to open. */
function foldWal(file: string): boolean {
  try {
    const db = new Database(file, { fileMustExist: true, timeout: 0 });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces the database with a checked backup. Refuses while anything has the database open,
 * and refuses a backup that fails {@link checkDatabaseFile}. The current database is not
 * deleted: it is checkpointed and kept beside the new one as `<name>.before-restore-<time>`.
 * Returns the restored counts and where the old database went (if there was one).
 */
export function restoreDatabase(backup: string, target: string, now: Date): { counts: TableCounts; keptAs?: string } {
  const check = checkDatabaseFile(backup);
  if (check.problems.length > 0) throw new BackupError(`${backup} cannot be restored: ${check.problems.join('; ')}. Nothing was changed.`);
  const dest = path.resolve(target);
  if (databaseInUse(dest)) {
    throw new BackupError(`The database ${target} is in use (is the server running?). Stop the server first, then restore. Nothing was changed.`);
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const incoming = `${dest}.restoring-${process.pid}`;
  fs.copyFileSync(backup, incoming);
  let keptAs: string | undefined;
  if (fs.existsSync(dest)) {
    // Fold the WAL into the file so the kept copy is whole on its own; a damaged database keeps
    // its WAL beside it instead, untouched.
    const folded = foldWal(dest);
    keptAs = `${dest}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dest, keptAs);
    if (!folded && fs.existsSync(`${dest}-wal`)) fs.renameSync(`${dest}-wal`, `${keptAs}-wal`);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(dest + suffix, { force: true });
  fs.renameSync(incoming, dest);
  return { counts: check.counts, keptAs };
}
