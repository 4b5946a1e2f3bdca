import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, MigrationError, openDatabase, readMigrations, type Migration } from '../../src/db';

const tables = (db: ReturnType<typeof openDatabase>) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").all();

describe('migrate', () => {
  it('applies every migration once and records it', () => {
    const db = openDatabase(':memory:');
    const all = readMigrations();
    expect(migrate(db)).toEqual(all.map((m) => m.version));
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(all.map((m) => ({ version: m.version, name: m.name })));
  });

  it('changes nothing when run twice', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const before = tables(db);
    expect(migrate(db)).toEqual([]);
    expect(tables(db)).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: readMigrations().length });
  });

  it('rolls back a failing migration completely and says which', () => {
    const db = openDatabase(':memory:');
    const good: Migration = { version: 1, name: 'good', sql: 'CREATE TABLE a (x INTEGER);' };
    const bad: Migration = { version: 2, name: 'bad', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);' };
    expect(() => migrate(db, [good, bad])).toThrow(/Migration 2_bad failed and was rolled back/);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(names).toEqual([{ name: 'a' }, { name: 'schema_migrations' }]);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
  });

  it('stops when a recorded migration has no file', () => {
    const db = openDatabase(':memory:');
    migrate(db, [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x INTEGER);' },
    ]);
    expect(() => migrate(db, [{ version: 1, name: 'one', sql: '' }])).toThrow(MigrationError);
    expect(() => migrate(db, [{ version: 1, name: 'one', sql: '' }])).toThrow(/migration 2 \(two\) but its file is missing/);
  });

  it('refuses badly named or duplicate migration files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-mig-'));
    fs.writeFileSync(path.join(dir, '001_a.sql'), '');
    fs.writeFileSync(path.join(dir, '001_b.sql'), '');
    expect(() => readMigrations(dir)).toThrow(/share version 1/);
    fs.writeFileSync(path.join(dir, 'oops.sql'), '');
    expect(() => readMigrations(dir)).toThrow(/not named NNN_name.sql/);
  });

  it('opens a file database in WAL mode with durable settings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-db-'));
    const db = openDatabase(path.join(dir, 'nested', 'test.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1); // deleted text is zeroed, not left in free pages
    db.close();
  });
});
