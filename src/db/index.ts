import { adminRepository } from './admins';
import { checkpointDatabase, type Db } from './connection';
import { responseRepository } from './responses';
import { resultsRepository } from './results';
import { organisationRepository, questionnaireRepository, roundRepository } from './rounds';
import { sessionRepository, settingsRepository } from './sessions';
import { shareLinkRepository } from './share-links';
import { presenterRepository } from './presenter';

export { checkpointDatabase, openDatabase, pingDatabase, type Db } from './connection';
export { migrate, readMigrations, MigrationError, type Migration } from './migrate';
export type * from './rounds';
export type * from './responses';
export type * from './admins';
export type * from './results';
export type * from './share-links';
export type * from './presenter';

/** Every repository, built once on the one connection. */
export function createRepositories(db: Db) {
  return {
    sessions: sessionRepository(db),
    settings: settingsRepository(db),
    organisations: organisationRepository(db),
    rounds: roundRepository(db),
    questionnaires: questionnaireRepository(db),
    responses: responseRepository(db),
    admins: adminRepository(db),
    results: resultsRepository(db),
    shareLinks: shareLinkRepository(db),
    presenter: presenterRepository(db),
    storage: {
      /** See checkpointDatabase: old row versions leave the WAL. */
      checkpoint: () => checkpointDatabase(db),
    },
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
