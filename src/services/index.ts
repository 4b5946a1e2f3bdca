import type { Config } from '../config';
import { createRepositories, pingDatabase, type Db } from '../db';
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
  return {
    clock,
    random,
    health: {
      check: () => ({ database: pingDatabase(db) ? ('ok' as const) : ('unavailable' as const) }),
    },
    sessions: {
      ...repos.sessions,
      /** The secret that signs session cookies: from config, or generated once and kept in the database. */
      secret: () => config.sessionSecret ?? repos.settings.getOrInsert('session_secret', randomToken(random, 48)),
    },
  };
}
export type Services = ReturnType<typeof createServices>;
