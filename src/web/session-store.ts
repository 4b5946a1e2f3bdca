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

  /**
   * express-session saves after the response has been chosen (often after its headers went out),
   * and passes a save error to a `next` that has already run: it reaches Express's final handler,
   * which cuts the connection, so the visitor sees a reset instead of the page. A failure that
   * means "nothing can be saved" (full disk, read-only database) is therefore noted, not passed
   * on: the storage mark makes the next request that would save answer 503 clearly.
   */
  private failed(err: unknown, cb?: (err?: unknown) => void): void {
    if (this.storage?.noteFailure(err)) cb?.();
    else cb?.(err);
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
      this.failed(err, cb);
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      this.sessions.touch(sid, this.expiry(sess));
      cb?.();
    } catch (err) {
      this.failed(err, cb);
    }
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.sessions.destroy(sid);
      cb?.();
    } catch (err) {
      this.failed(err, cb);
    }
  }
}
