import { isReadOnlyError, isStorageFullError, type Repositories } from '../db';
import { StorageFullError, type StorageProblem } from './errors';
import type { Logger } from '../log';
import type { Clock } from './runtime';

/** While saving is known to fail, re-check at most this often (each check is a commit). */
const RECHECK_EVERY_MS = 2_000;
/** A checkpoint copies the whole log: not more often than this, however many writes fail. */
const RECLAIM_EVERY_MS = 10_000;

export type StorageState = 'ok' | StorageProblem | 'unavailable';

/** Why `err` means nothing can be saved ('full' or 'read-only'), or null when it is something else. */
export function storageProblemOf(err: unknown): StorageProblem | null {
  if (err instanceof StorageFullError) return err.reason;
  if (isStorageFullError(err)) return 'full';
  if (isReadOnlyError(err)) return 'read-only';
  return null;
}

/** Anything that means "nothing can be saved": a full disk or a read-only database (ours or SQLite's). */
export function isStorageFull(err: unknown): boolean {
  return storageProblemOf(err) !== null;
}

const PROBLEM_LOG: Record<StorageProblem, string> = {
  full: '[storage] the database cannot save: the disk is full (or the database reached its size limit). Free some space; saving resumes by itself.',
  'read-only':
    '[storage] the database cannot save: its file, folder or file system is read-only (or cannot be written). Make them writable by the service user; saving resumes by itself.',
};

/**
 * Whether the database can save. A full disk or a read-only database used to be invisible:
 * session writes failed after the page was sent, so every form then looked "expired", and the
 * health check only read. Now a failed write marks storage as unable to save, with the reason
 * (and, for a full disk, gives the log's space back); while it is marked, requests that would
 * save are refused with a clear 503 at once, and a write probe re-checks every couple of
 * seconds, so service resumes by itself once space is freed or the file is writable again.
 */
export function storageService({ repos, clock, logger }: { repos: Repositories; clock: Clock; logger: Pick<Logger, 'error' | 'info'> }) {
  let problem: StorageProblem | null = null;
  let lastCheck = -Infinity;
  let lastReclaim = -Infinity;
  let restartSaid = false;

  const reclaim = () => {
    const now = clock.now();
    if (now - lastReclaim < RECLAIM_EVERY_MS) return;
    lastReclaim = now;
    try {
      repos.storage.checkpoint();
    } catch (err) {
      logger.error({ err }, '[storage] could not checkpoint the write-ahead log');
    }
  };

  /** Records a failed write. Returns true when it meant nothing can be saved (full or read-only). */
  const noteFailure = (err: unknown): boolean => {
    const found = storageProblemOf(err);
    if (found === null) return false;
    const now = clock.now();
    lastCheck = now;
    if (problem !== found) {
      problem = found;
      logger.error({ storage: found }, PROBLEM_LOG[found]);
    }
    if (found === 'full') reclaim();
    else if (!restartSaid && repos.storage.fileWritable()) {
      // The file is writable but this connection was opened while it was not: SQLite keeps it read-only.
      restartSaid = true;
      logger.error({ storage: found }, '[storage] the database file is writable, but it was read-only when Powershare started: restart Powershare to resume saving.');
    }
    return true;
  };

  /** A real write (rolled-back growth plus a committed heartbeat); clears the mark when it works. */
  const check = (): StorageState => {
    lastCheck = clock.now();
    try {
      repos.storage.probeWrite(clock.now());
    } catch (err) {
      if (noteFailure(err)) return problem ?? 'unavailable';
      logger.error({ err }, '[storage] the write probe failed');
      return 'unavailable';
    }
    if (problem !== null) logger.info({ storage: 'ok' }, '[storage] the database can save again.');
    problem = null;
    restartSaid = false;
    return 'ok';
  };

  return {
    check,
    noteFailure,
    /** Why nothing can be saved, as last found (null: saving works, as far as is known). */
    problem: (): StorageProblem | null => problem,
    /** Cheap unless storage is marked unable to save: then a probe at most every RECHECK_EVERY_MS. */
    writable(): boolean {
      if (problem === null) return true;
      if (clock.now() - lastCheck < RECHECK_EVERY_MS) return false;
      return check() === 'ok';
    },
  };
}
export type StorageService = ReturnType<typeof storageService>;
