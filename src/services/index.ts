import type { Config } from '../config';
import { createLogger, type Logger } from '../log';
import { createRepositories, pingDatabase, type Db, type RoundRecord } from '../db';
import { accessService } from './access';
import { accountService } from './accounts';
import { organisationService } from './organisations';
import { questionnaireImportService } from './questionnaire-import';
import { questionnaireRegistry } from './questionnaires';
import { respondingService } from './responding';
import { resultsService } from './results';
import { shareLinkService } from './share-links';
import { exportService } from './exports';
import { trendsService } from './trends';
import { actionService } from './actions';
import { resultsPageService } from './results-page';
import { roundAvailability, roundService } from './rounds';
import { releaseService } from './release';
import { storageService } from './storage';
import { eventBus } from './events';
import { presenterService } from './presenter';
import { paperService } from './paper';
import { cryptoRandom, randomToken, systemClock, type Clock, type RandomSource } from './runtime';

export interface ServiceDeps {
  db: Db;
  config: Config;
  clock?: Clock;
  random?: RandomSource;
  /** The structured log (src/log.ts); by default one at the configured LOG_LEVEL on standard output. */
  logger?: Logger;
}

/** The time `months` calendar months before `now` (UTC; 31 March less one month is 3 March, as in Date). */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/** Wires every service by hand: no container. */
export function createServices({ db, config, clock = systemClock, random = cryptoRandom, logger = createLogger(config) }: ServiceDeps) {
  const repos = createRepositories(db);
  const questionnaires = questionnaireRegistry(repos.questionnaires);
  // Answers are released once nobody can add any more: closed, and any grace period over.
  const isClosed = (round: RoundRecord, now: number) =>
    roundAvailability(round, now).state === 'closed' && !(round.graceUntil !== null && round.graceUntil > now);
  const events = eventBus(logger);
  const release = releaseService({ repos, random, clock, isClosed, events });
  const rounds = roundService({ repos, questionnaires, clock, random, release, events });
  const organisations = organisationService({ repos, clock });
  const accounts = accountService({ repos, clock, random });
  const access = accessService({ repos });
  const questionnaireImport = questionnaireImportService({ registry: questionnaires, repo: repos.questionnaires, clock });
  const responding = respondingService({ repos, rounds, release, clock, random, draftTtlMs: config.draftTtlMs, events });
  const results = resultsService({ repos, rounds, release, clock });
  const shareLinks = shareLinkService({ repos, rounds, clock, random });
  const exports = exportService({ repos, rounds, results, release });
  const storage = storageService({ repos, clock, logger });
  const actions = actionService({ repos, rounds, clock });
  const trends = trendsService({ rounds, results, actions, answers: repos.trendAnswers, clock });
  const presenter = presenterService({ repos, rounds, results, release, events, clock, random });
  const resultsPage = resultsPageService({ repos, rounds, results, actions, clock, isClosed });
  const paper = paperService({ repos, rounds, release, clock, events, isClosed });
  return {
    config,
    logger,
    clock,
    random,
    questionnaires,
    organisations,
    accounts,
    access,
    questionnaireImport,
    rounds,
    release,
    responding,
    results,
    shareLinks,
    exports,
    trends,
    actions,
    events,
    presenter,
    resultsPage,
    paper,
    /** The address the running server was last reached at, for hints printed by the CLI (another process). */
    serverAddress: {
      // Written only when it changed, so a start on a read-only database needs no write.
      record: (url: string) => {
        if (repos.settings.get('server_url') !== url) repos.settings.set('server_url', url);
      },
      recorded: () => repos.settings.get('server_url'),
    },
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
    /**
     * Periodic clean-up: expired sessions, drafts and password links, rounds past their retention
     * (ROUND_RETENTION_MONTHS), then a WAL checkpoint so
     * what was deleted (zeroed in the file by secure_delete) is not left in the log either.
     */
    maintenance: {
      run: () => {
        const removed = {
          sessions: repos.sessions.pruneExpired(clock.now()),
          drafts: repos.responses.deleteExpiredDrafts(clock.now()),
          passwordLinks: accounts.pruneExpiredTokens(),
          rounds: config.roundRetentionMonths === undefined ? 0 : rounds.deleteFinishedBefore(monthsBefore(clock.now(), config.roundRetentionMonths)),
        };
        repos.storage.checkpoint();
        return removed;
      },
      /** At shutdown: the log emptied into the file before the connection closes. */
      checkpoint: () => repos.storage.checkpoint(),
    },
  };
}
export type Services = ReturnType<typeof createServices>;
