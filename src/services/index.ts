import type { Config } from '../config';
import { createRepositories, pingDatabase, type Db } from '../db';
import { organisationService } from './organisations';
import { questionnaireRegistry } from './questionnaires';
import { respondingService } from './responding';
import { resultsService } from './results';
import { roundService } from './rounds';
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
  const responding = respondingService({ repos, rounds, clock, random, draftTtlMs: config.draftTtlMs });
  const results = resultsService({ repos, rounds, clock });
  return {
    config,
    clock,
    random,
    questionnaires,
    organisations,
    rounds,
    responding,
    results,
    health: {
      check: () => ({ database: pingDatabase(db) ? ('ok' as const) : ('unavailable' as const) }),
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
      }),
    },
  };
}
export type Services = ReturnType<typeof createServices>;
