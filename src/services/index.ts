import type { Config } from '../config';
import { createRepositories, pingDatabase, type Db } from '../db';
import { accessService } from './access';
import { accountService } from './accounts';
import { organisationService } from './organisations';
import { questionnaireImportService } from './questionnaire-import';
import { questionnaireRegistry } from './questionnaires';
import { respondingService } from './responding';
import { resultsService } from './results';
import { shareLinkService } from './share-links';
import { exportService } from './exports';
import { roundService } from './rounds';
import { storageService } from './storage';
import { cryptoRandom, randomToken, systemClock, type Clock, type RandomSource } from './runtime';

export interface ServiceDeps {
  db: Db;
  config: Config;
  clock?: Clock;
  random?: RandomSource;
}

/** Wires every service by hand: no container. */
export function createServices({ db, config, clock = systemClock, random = cryptoRandom }: ServiceDeps) {
  const repos = createRepositories(db);
  const questionnaires = questionnaireRegistry(repos.questionnaires);
  const rounds = roundService({ repos, questionnaires, clock, random });
  const organisations = organisationService({ repos, clock });
  const accounts = accountService({ repos, clock, random });
  const access = accessService({ repos });
  const questionnaireImport = questionnaireImportService({ registry: questionnaires, repo: repos.questionnaires, clock });
  const responding = respondingService({ repos, rounds, clock, random, draftTtlMs: config.draftTtlMs });
  const results = resultsService({ repos, rounds, clock });
  const shareLinks = shareLinkService({ repos, rounds, clock, random });
  const exports = exportService({ repos, rounds, results });
  const storage = storageService({ repos, clock });
  return {
    config,
    clock,
    random,
    questionnaires,
    organisations,
    accounts,
    access,
    questionnaireImport,
    rounds,
    responding,
    results,
    shareLinks,
    exports,
    storage,
    health: {
      /** Reads, then proves a write commits: 'full' when the disk (or the size limit) is full. */
      check: () => ({ database: pingDatabase(db) ? storage.check() : ('unavailable' as const) }),
    },
    sessions: {
      ...repos.sessions,
      /** The secret that signs session cookies: from config, or generated once and kept in the database. */
      secret: () => config.sessionSecret ?? repos.settings.getOrInsert('session_secret', randomToken(random, 48)),
    },
    /** Periodic clean-up: expired sessions and drafts. */
    maintenance: {
      run: () => ({
        sessions: repos.sessions.pruneExpired(clock.now()),
        drafts: repos.responses.deleteExpiredDrafts(clock.now()),
        passwordLinks: accounts.pruneExpiredTokens(),
      }),
    },
  };
}
export type Services = ReturnType<typeof createServices>;
