import type { Db } from './connection';

export interface SessionRow {
  data: string;
  expiresAt: number;
}

/** Named queries for the `sessions` table (the web layer adapts them to express-session). */
export function sessionRepository(db: Db) {
  const get = db.prepare('SELECT data, expires_at AS expiresAt FROM sessions WHERE sid = ?');
  const upsert = db.prepare(
    `INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
  );
  const touch = db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?');
  const destroy = db.prepare('DELETE FROM sessions WHERE sid = ?');
  const prune = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    find: (sid: string) => get.get(sid) as SessionRow | undefined,
    save: (sid: string, data: string, expiresAt: number) => void upsert.run(sid, data, expiresAt),
    touch: (sid: string, expiresAt: number) => void touch.run(expiresAt, sid),
    destroy: (sid: string) => void destroy.run(sid),
    pruneExpired: (now: number) => prune.run(now).changes,
  };
}
export type SessionRepository = ReturnType<typeof sessionRepository>;

/** Small key/value settings owned by the server (e.g. a generated session secret). */
export function settingsRepository(db: Db) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?');
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get: (key: string) => (get.get(key) as { value: string } | undefined)?.value,
    set: (key: string, value: string) => void upsert.run(key, value),
    /** Stores `value` unless the key is set already; returns the value in force. */
    getOrInsert(key: string, value: string): string {
      // Read first: a server started on a read-only database must not need a write to start.
      const found = get.get(key) as { value: string } | undefined;
      if (found) return found.value;
      insert.run(key, value);
      return (get.get(key) as { value: string }).value;
    },
  };
}
export type SettingsRepository = ReturnType<typeof settingsRepository>;
