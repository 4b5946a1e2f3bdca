import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../paths';
import type { Db } from './connection';

export const MIGRATIONS_DIR = projectPath('migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

/** Reads `NNN_name.sql` files in version order; refuses duplicates and stray names. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new MigrationError(`Migration file ${file} is not named NNN_name.sql`);
      return { version: Number(match[1]), name: match[2], sql: fs.readFileSync(path.join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1].version === m.version) {
      throw new MigrationError(`Two migrations share version ${m.version}`);
    }
  });
  return migrations;
}

/**
 * Applies pending migrations in order, each in its own transaction with its
 * `schema_migrations` row, so a failing migration leaves nothing behind.
 * A recorded migration whose file is missing stops everything: never repair silently.
 * Returns the versions applied now.
 */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const file = known.get(row.version);
    if (!file) {
      throw new MigrationError(
        `The database has migration ${row.version} (${row.name}) but its file is missing. ` +
          'Is this an older copy of Powershare than the one that last used this database?',
      );
    }
    if (file.name !== row.name) {
      throw new MigrationError(`Migration ${row.version} is recorded as "${row.name}" but the file is "${file.name}"`);
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const now: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, m.name, new Date().toISOString());
      })();
    } catch (err) {
      throw new MigrationError(`Migration ${m.version}_${m.name} failed and was rolled back: ${(err as Error).message}`);
    }
    now.push(m.version);
  }
  return now;
}
