import { actionRepository } from './actions';
import { adminRepository } from './admins';
import type { Db } from './connection';
import { publishedResultsRepository } from './published-results';
import { responseRepository } from './responses';
import { resultsRepository } from './results';
import { organisationRepository, questionnaireRepository, roundRepository } from './rounds';
import { sessionRepository, settingsRepository } from './sessions';
import { shareLinkRepository } from './share-links';
import { storageRepository } from './storage';
import { presenterRepository } from './presenter';
import { trendAnswersRepository } from './trend-answers';

export { checkpointDatabase, JOURNAL_SIZE_LIMIT_BYTES, openDatabase, pingDatabase, type Db } from './connection';
export { isReadOnlyError, isStorageFullError } from './storage';
export { backupDatabase, checkDatabaseFile, databaseInUse, restoreDatabase, BackupError, type BackupProgress, type TableCounts } from './backup';
export { migrate, readMigrations, MigrationError, type Migration } from './migrate';
export type * from './rounds';
export type * from './responses';
export type * from './admins';
export type * from './results';
export type * from './share-links';
export type * from './presenter';
export type * from './trend-answers';

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
    actions: actionRepository(db),
    publishedResults: publishedResultsRepository(db),
    storage: storageRepository(db),
    presenter: presenterRepository(db),
    trendAnswers: trendAnswersRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
