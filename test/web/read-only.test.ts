import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { isScored } from '../../src/domain/questionnaire';
import { testConfig } from '../../src/config';
import { main, startServer } from '../../src/server';
import { browserLike, csrfFrom, fakeClock, makeFileTestApp, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { captureLogs } from '../helpers/logs';
import { openRound } from '../helpers/rounds';

/**
 * Issue 13, item 6: a read-only database. Through the same mechanism as a full disk
 * (services/storage.ts, web/storage.ts): a clear 503 page, a failing health check, nothing
 * acknowledged lost, and saving resumes by itself once the database can be written again.
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-ro-'));
});
afterEach(() => {
  freeze([dir, ...fs.readdirSync(dir).map((f) => path.join(dir, f))], false);
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Makes files (or a folder) read-only for real. chmod does not stop root, so as root the
 * immutable attribute is used, which stops root too.
 */
function freeze(files: string[], on: boolean) {
  if (process.getuid?.() === 0) {
    if (files.length > 0) execFileSync('chattr', [on ? '+i' : '-i', ...files]);
  } else for (const f of files) fs.chmodSync(f, on ? (fs.statSync(f).isDirectory() ? 0o555 : 0o444) : fs.statSync(f).isDirectory() ? 0o755 : 0o644);
}

/** SQLite's SQLITE_READONLY on every write, as a read-only database gives, on this one connection. */
const readOnly = (ctx: TestContext, on: boolean) => ctx.db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);

/** A respondent who has answered every theme page and reached the check page. */
async function answeredEverything(ctx: TestContext, round: ReturnType<typeof openRound>) {
  const b = browserLike(ctx.app);
  const base = `/r/${round.linkToken}`;
  expect((await b.submit(base, {}, `${base}/start`)).status).toBe(303);
  expect((await b.submit(`${base}/role`, { role: 'staff' })).status).toBe(303);
  const pages = ctx.services.responding.pages(round);
  for (let n = 1; n <= pages.length; n++) {
    const fields = Object.fromEntries(pages[n - 1].items.map((i) => [i.id, isScored(i) ? '3' : `comment ${n}`]));
    expect((await b.submit(`${base}/themes/${n}`, fields)).status).toBe(303);
  }
  await b.agent.get(`${base}/check`).expect(200);
  return { b, base };
}
/** Submitted answers, whether already in the results or waiting for the round's release rule. */
const responses = (ctx: TestContext) => ctx.db.prepare('SELECT (SELECT count(*) FROM responses) + (SELECT count(*) FROM pending_responses)').pluck().get();

describe('a read-only database (issue 13, item 6)', () => {
  let logs: ReturnType<typeof captureLogs>;
  beforeEach(() => {
    logs = captureLogs();
  });
  const logged = (text: string) => expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'error', msg: expect.stringContaining(text) }));

  it('SQLITE_READONLY: 503 "cannot save" page and health check, nothing acknowledged lost, and it recovers by itself', async () => {
    const clock = fakeClock();
    const ctx = makeFileTestApp(dir, { clock, logger: logs.logger });
    const round = openRound(ctx);
    const { b, base } = await answeredEverything(ctx, round);
    const page = await b.agent.get(`${base}/check`);
    readOnly(ctx, true);

    await request(ctx.app).get('/healthz').expect(503, { status: 'unavailable', database: 'read-only' });
    const sent = await b.agent.post(`${base}/submit`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('60');
    expect(sent.text).toContain('Cannot save right now');
    expect(sent.text).toContain('cannot write to its database');
    expect(sent.text).toContain('Everything saved before is safe');
    expect(sent.text).not.toMatch(/Thank you|run out of storage space/);
    // Not acknowledged, and not stored.
    expect(responses(ctx)).toBe(0);
    // Pages still read, and warn before anyone fills in a form.
    const warned = await b.agent.get(`${base}/check`).expect(200);
    expect(warned.text).toContain('Nothing can be saved right now.');
    expect(warned.text).toContain('cannot write to its database');
    logged('[storage] the database cannot save: its file, folder or file system is read-only');

    // Writable again: within seconds, without a restart, the same answers go in, once.
    readOnly(ctx, false);
    clock.advance(5_000);
    await request(ctx.app).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
    const again = await b.agent.post(`${base}/submit`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`${base}/thanks`);
    expect(responses(ctx)).toBe(1);
    expect((await b.agent.post(`${base}/submit`).type('form').send({ _csrf: csrfFrom(page.text) })).headers.location).toBe(`${base}/thanks`);
    expect(responses(ctx)).toBe(1);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses admin writes with 503 (HTML and JSON) while read-only, and writes nothing', async () => {
    const clock = fakeClock();
    const ctx = makeFileTestApp(dir, { clock, logger: logs.logger });
    const { browser } = await ownerSession(ctx);
    const token = await browser.token('/admin');
    readOnly(ctx, true);
    const res = await browser.agent.post('/admin/organisations').type('form').send({ _csrf: token, name: 'Written while read-only' });

    expect(res.status).toBe(503);
    expect(res.text).toContain('cannot write to its database');
    const api = await request(ctx.app).post('/api/rounds/1/results').set('X-CSRF-Token', 'x');
    expect(api.status).toBe(503);
    expect(api.body.error).toMatch(/cannot write to its database/);
    readOnly(ctx, false);
    expect(ctx.services.organisations.listAll().map((o) => o.name)).not.toContain('Written while read-only');
  });

  it('a database file made read-only on disk: the server still starts, reads, answers 503 to writes and in /healthz, and says when a restart is needed', async () => {
    const file = path.join(dir, 'powershare.db');
    const config = testConfig({ port: 0, host: '127.0.0.1', databasePath: file });
    const first = await startServer(config, () => undefined);
    const round = openRound({ services: first.services });
    await first.shutdown();

    freeze([file], true);
    const running = await startServer(config, () => undefined, logs.logger);
    try {
      const health = await request(running.url).get('/healthz');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'unavailable', database: 'read-only' });
      const welcome = await request(running.url).get(`/r/${round.linkToken}`).expect(200);
      expect(welcome.text).toContain('Nothing can be saved right now.');
      const agent = request.agent(running.url);
      const page = await agent.get(`/r/${round.linkToken}`);
      const start = await agent.post(`/r/${round.linkToken}/start`).type('form').send({ _csrf: csrfFrom(page.text) });
      expect(start.status).toBe(503);
      expect(start.text).toContain('cannot write to its database');

      // Writable again: this connection was opened read-only, and the log says to restart.
      freeze([file], false);
      running.services.health.check();
      logged('restart Powershare to resume saving');
    } finally {
      await running.shutdown();
    }
    const restarted = await startServer(config, () => undefined);
    try {
      await request(restarted.url).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
    } finally {
      await restarted.shutdown();
    }
  });

  it('a read-only folder where SQLite cannot create its -wal and -shm files: start-up stops with one clear line, and starts once it is writable', async () => {
    const file = path.join(dir, 'powershare.db');
    const config = testConfig({ port: 0, host: '127.0.0.1', databasePath: file });
    await (await startServer(config, () => undefined)).shutdown();
    // A clean stop leaves only the database file: the log files are made at the next start.
    expect(fs.readdirSync(dir)).toEqual(['powershare.db']);
    freeze([dir], true);
    const env = { NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: file };
    const exit = jest.fn();
    expect(await main(env, exit, () => logs.logger)).toBeUndefined();
    expect(exit).toHaveBeenCalledWith(1);
    const fatal = logs.entries().filter((e) => e.level === 'fatal');
    expect(fatal).toEqual([expect.objectContaining({ event: 'start-failed', database: file, msg: expect.stringMatching(/^Powershare cannot start\. The database .* cannot be opened: its folder must be writable/) })]);
    freeze([dir], false);
    const running = await main(env, jest.fn(), () => logs.logger);
    try {
      await request(running!.url).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
    } finally {
      await running!.shutdown();
    }
  });

  it('a database made read-only under a running server (file and log): 503, then saving resumes by itself', async () => {
    const clock = fakeClock();
    const ctx = makeFileTestApp(dir, { clock, logger: logs.logger });
    ctx.services.organisations.create('Before');
    const files = [ctx.file, `${ctx.file}-wal`].filter((f) => fs.existsSync(f));
    expect(files).toHaveLength(2);
    freeze(files, true);
    if (process.getuid?.() === 0) {
      // Immutable files: the writes through the open connection fail (SQLITE_IOERR_WRITE).
      await request(ctx.app).get('/healthz').expect(503, { status: 'unavailable', database: 'read-only' });
    } else {
      // Without root, chmod does not take write access from a descriptor already open: SQLite
      // still writes, so the health check rightly says ok (the read-only cases are the others).
      await request(ctx.app).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
    }
    freeze(files, false);
    clock.advance(5_000);
    await request(ctx.app).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
    expect(ctx.services.organisations.listAll().map((o) => o.name)).toEqual(['Before']);
  });
});
