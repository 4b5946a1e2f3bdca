import path from 'node:path';
import request from 'supertest';
import type { Config } from '../../src/config';
import { testConfig } from '../../src/config';
import { migrate, openDatabase, type Db } from '../../src/db';
import { createServices } from '../../src/services';
import type { Logger } from '../../src/log';
import type { Clock, RandomSource } from '../../src/services/runtime';
import { createApp } from '../../src/web/app';

export interface TestContext {
  db: Db;
  config: Config;
  services: ReturnType<typeof createServices>;
  app: ReturnType<typeof createApp>;
}

/** The real app on a fresh in-memory database with the real migrations. */
export function makeTestApp(options: { config?: Partial<Config>; clock?: Clock; random?: RandomSource; logger?: Logger } = {}): TestContext {
  const config = testConfig(options.config);
  const db = openDatabase(':memory:');
  migrate(db);
  const services = createServices({ db, config, clock: options.clock, random: options.random, logger: options.logger });
  const app = createApp(services, config);
  return { db, config, services, app };
}

/**
 * The real app on a database file in `dir` (WAL, secure_delete and checkpoints as in production),
 * for tests that look at the bytes on disk.
 */
export function makeFileTestApp(dir: string, options: { config?: Partial<Config>; clock?: Clock; random?: RandomSource; logger?: Logger } = {}): TestContext & { file: string } {
  const file = path.join(dir, 'powershare.db');
  const config = testConfig({ ...options.config, databasePath: file });
  const db = openDatabase(file);
  migrate(db);
  const services = createServices({ db, config, clock: options.clock, random: options.random, logger: options.logger });
  const app = createApp(services, config);
  return { db, config, services, app, file };
}

/** A clock the test moves by hand. */
export function fakeClock(start = Date.UTC(2026, 10, 22, 9, 0, 0)): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms), set: (ms) => void (now = ms) };
}

/** Pulls the CSRF token out of a page's form. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** A cookie-keeping agent plus a helper that GETs a page and POSTs its form with the token. */
export function browserLike(app: TestContext['app']) {
  const agent = request.agent(app);
  return {
    agent,
    async submit(pagePath: string, fields: Record<string, string | string[]>, action?: string) {
      const page = await agent.get(pagePath);
      const token = csrfFrom(page.text);
      return agent
        .post(action ?? pagePath)
        .type('form')
        .send({ ...fields, _csrf: token });
    },
  };
}
