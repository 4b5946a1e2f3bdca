import session from 'express-session';
import type { Services } from '../services';

const DAY_MS = 86_400_000;

/** express-session store on our own SQLite connection (through the sessions service). */
export class SqliteSessionStore extends session.Store {
  constructor(
    private readonly sessions: Services['sessions'],
    private readonly clock: Services['clock'],
    /** Told about failed writes, so a full disk is known before the next form is sent. */
    private readonly storage?: Pick<Services['storage'], 'noteFailure'>,
  ) {
    super();
  }

  /** Expiry on the injected clock (express-session's own dates use the system clock). */
  private expiry(sess: session.SessionData): number {
    const maxAge = sess.cookie?.originalMaxAge;
    return this.clock.now() + (typeof maxAge === 'number' ? maxAge : DAY_MS);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    try {
      const row = this.sessions.find(sid);
      if (!row || row.expiresAt <= this.clock.now()) return cb(null, null);
      cb(null, JSON.parse(row.data) as session.SessionData);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      this.sessions.save(sid, JSON.stringify(sess), this.expiry(sess));
      cb?.();
    } catch (err) {
      this.storage?.noteFailure(err);
      cb?.(err);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      this.sessions.touch(sid, this.expiry(sess));
      cb?.();
    } catch (err) {
      this.storage?.noteFailure(err);
      cb?.(err);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.sessions.destroy(sid);
      cb?.();
    } catch (err) {
      this.storage?.noteFailure(err);
      cb?.(err);
    }
  }
}
