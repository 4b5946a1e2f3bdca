import { isStorageFullError, type Repositories } from '../db';
import { StorageFullError } from './errors';
import type { Clock } from './runtime';

/** While saving is known to fail, re-check at most this often (each check is a commit). */
const RECHECK_EVERY_MS = 2_000;
/** A checkpoint copies the whole log: not more often than this, however many writes fail. */
const RECLAIM_EVERY_MS = 10_000;

export type StorageState = 'ok' | 'full' | 'unavailable';

/** Anything that means "the disk is full": ours, or SQLite's SQLITE_FULL. */
export function isStorageFull(err: unknown): boolean {
  return err instanceof StorageFullError || isStorageFullError(err);
}

/**
 * Whether the database can save. A full disk used to be invisible: session writes failed after
 * the page was sent, so every form then looked "expired", and the health check only read.
 * Now a failed write marks storage as full (and gives the log's space back to the disk); while
 * it is marked, requests that would save are refused with a clear 503 at once, and a write
 * probe re-checks every couple of seconds, so service resumes by itself once space is freed.
 */
export function storageService({ repos, clock, log = console.error }: { repos: Repositories; clock: Clock; log?: (...args: unknown[]) => void }) {
  let fullSince: number | null = null;
  let lastCheck = -Infinity;
  let lastReclaim = -Infinity;

  const reclaim = () => {
    const now = clock.now();
    if (now - lastReclaim < RECLAIM_EVERY_MS) return;
    lastReclaim = now;
    try {
      repos.storage.checkpoint();
    } catch (err) {
      log('[storage] could not checkpoint the write-ahead log:', err);
    }
  };

  /** Records a failed write. Returns true when it was the disk being full. */
  const noteFailure = (err: unknown): boolean => {
    if (!isStorageFull(err)) return false;
    const now = clock.now();
    lastCheck = now;
    if (fullSince === null) {
      fullSince = now;
      log('[storage] the database cannot save: the disk is full (or the database reached its size limit). Free some space; saving resumes by itself.');
    }
    reclaim();
    return true;
  };

  /** A real write (rolled-back growth plus a committed heartbeat); clears the mark when it works. */
  const check = (): StorageState => {
    lastCheck = clock.now();
    try {
      repos.storage.probeWrite(clock.now());
    } catch (err) {
      if (noteFailure(err)) return 'full';
      log('[storage] the write probe failed:', err);
      return 'unavailable';
    }
    if (fullSince !== null) log('[storage] the database can save again.');
    fullSince = null;
    return 'ok';
  };

  return {
    check,
    noteFailure,
    /** Cheap unless storage is marked full: then a probe at most every RECHECK_EVERY_MS. */
    writable(): boolean {
      if (fullSince === null) return true;
      if (clock.now() - lastCheck < RECHECK_EVERY_MS) return false;
      return check() === 'ok';
    },
  };
}
export type StorageService = ReturnType<typeof storageService>;
