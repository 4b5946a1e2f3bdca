import type { Db } from './connection';
import { sessionRepository, settingsRepository } from './sessions';

export { openDatabase, pingDatabase, type Db } from './connection';
export { migrate, readMigrations, MigrationError, type Migration } from './migrate';

/** Every repository, built once on the one connection. */
export function createRepositories(db: Db) {
  return {
    sessions: sessionRepository(db),
    settings: settingsRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
