import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { testConfig } from '../../src/config';
import { JOURNAL_SIZE_LIMIT_BYTES, migrate, openDatabase, type Db } from '../../src/db';
import { createServices } from '../../src/services';
import { createApp } from '../../src/web/app';
import { browserLike, csrfFrom, fakeClock, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { captureLogs } from '../helpers/logs';
import { openRound } from '../helpers/rounds';

/**
 * A full disk, for real: SQLite's max_page_count set to the pages in use makes every write that
 * needs a new page fail with SQLITE_FULL, exactly as a full disk does. A file database (WAL) so
 * the write-ahead log and its truncation are real too.
 */
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-full-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

let logs: ReturnType<typeof captureLogs>;
function fileApp(clock = fakeClock()): TestContext & { file: string; clock: typeof clock } {
  const file = path.join(dir, 'powershare.db');
  const config = testConfig({ databasePath: file });
  const db = openDatabase(file);
  migrate(db);
  logs = captureLogs();
  const services = createServices({ db, config, clock, logger: logs.logger });
  return { db, config, services, app: createApp(services, config), file, clock };
}

/**
 * Fills every free byte: the file may not grow past its pages, the free pages are used up, and
 * the tables the test writes to are packed (random keys, shrinking rows) until inserts keep failing.
 */
function fillDisk(db: Db) {
  db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  const pack = (insert: (size: number) => void) => {
    for (const size of [4000, 1000, 200, 50, 1]) {
      for (let failures = 0; failures < 100; ) {
        try {
          insert(size);
          failures = 0;
        } catch (err) {
          expect((err as { code?: string }).code).toBe('SQLITE_FULL');
          failures++;
        }
      }
    }
  };
  const filler = db.prepare('INSERT INTO filler VALUES (zeroblob(?))');
  pack((size) => filler.run(size));
  const session = db.prepare('INSERT INTO sessions (sid, data, expires_at) VALUES (?, ?, 1)');
  pack((size) => session.run(crypto.randomBytes(24).toString('base64url'), 'x'.repeat(Math.min(size, 200))));
  const org = db.prepare('INSERT INTO organisations (name, created_at) VALUES (?, 0)');
  pack((size) => org.run('x'.repeat(Math.min(size, 200))));
  // Drafts too, where a round exists: starting to answer is a respondent's first write.
  const round = db.prepare('SELECT id FROM rounds LIMIT 1').get() as { id: number } | undefined;
  if (round) {
    const draft = db.prepare("INSERT INTO drafts (id, round_id, resume_code, created_at, updated_at, expires_at) VALUES (?, ?, ?, 0, 0, 1)");
    pack((size) => draft.run(crypto.randomBytes(Math.min(Math.max(size, 8), 64)).toString('hex'), round.id, crypto.randomBytes(8).toString('hex')));
  }
}
const organisationNames = (ctx: TestContext) => ctx.services.organisations.listAll().filter((o) => !/^x+$/.test(o.name)).map((o) => o.name);
const freeDisk = (db: Db) => db.pragma('max_page_count = 1000000000');
const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

describe('a full disk (issue 17.1)', () => {

  it('sets journal_size_limit on every connection', () => {
    const ctx = fileApp();
    expect(ctx.db.pragma('journal_size_limit', { simple: true })).toBe(JOURNAL_SIZE_LIMIT_BYTES);
    expect(ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('/healthz proves a write: 503 "full" while the disk is full, 200 once space is freed', async () => {
    const ctx = fileApp();
    await request(ctx.app).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
    fillDisk(ctx.db);
    // Reading still works: the old SELECT 1 check would have said ok here.
    expect(ctx.db.prepare('SELECT 1 AS ok').get()).toEqual({ ok: 1 });
    await request(ctx.app).get('/healthz').expect(503, { status: 'unavailable', database: 'full' });
    freeDisk(ctx.db);
    await request(ctx.app).get('/healthz').expect(200, { status: 'ok', database: 'ok' });
    // The probe leaves nothing behind but its heartbeat.
    expect(ctx.db.prepare('SELECT id FROM heartbeat').all()).toEqual([{ id: 1 }]);
  });

  it('a visitor whose answers could not be saved gets 503 "cannot save right now", not 403 "form expired"; it recovers by itself', async () => {
    // Respondents have no server-side session (issue 16), so the first write is starting a draft.
    const ctx = fileApp();
    const round = openRound(ctx);
    const base = `/r/${round.linkToken}`;
    fillDisk(ctx.db);
    const visitor = browserLike(ctx.app);
    // Reading needs no space: the welcome page renders.
    const page = await visitor.agent.get(base).expect(200);
    const sent = await visitor.agent.post(`${base}/start`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(sent.status).toBe(503);
    expect(sent.text).toContain('Cannot save right now');
    expect(sent.text).toContain('run out of storage space');
    expect(sent.text).not.toContain('This form has expired');
    expect(sent.headers['retry-after']).toBe('60');
    // Pages now say so before anyone fills in a form.
    const warned = await visitor.agent.get(base).expect(200);
    expect(warned.text).toContain('Nothing can be saved right now.');
    // Still full a while later: still the honest answer.
    ctx.clock.advance(5_000);
    const again = await visitor.submit(base, {}, `${base}/start`);
    expect(again.status).toBe(503);

    // Space is freed: within a few seconds everything works again without a restart.
    freeDisk(ctx.db);
    ctx.clock.advance(5_000);
    const ok = await visitor.submit(base, {}, `${base}/start`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`${base}/role`);
    expect((await visitor.agent.get(base)).text).not.toContain('Nothing can be saved right now.');
  });

  it('a write that fails inside a handler answers 503 (HTML and JSON), and the write-ahead log is truncated', async () => {
    const ctx = fileApp();
    const { browser } = await ownerSession(ctx);
    openRound(ctx);
    const token = await browser.token('/admin');
    fillDisk(ctx.db);
    const walBefore = walSize(ctx.file);
    expect(walBefore).toBeGreaterThan(100_000);
    const res = await browser.agent.post('/admin/organisations').type('form').send({ _csrf: token, name: 'A new organisation' });
    expect(res.status).toBe(503);
    expect(res.text).toContain('Cannot save right now');
    expect(organisationNames(ctx)).toEqual(['Riverside Mental Health Trust']);
    // wal_checkpoint(TRUNCATE) ran: the log's space went back to the disk (what is left is the
    // session's touch, written after the checkpoint: one page and its headers).
    expect(walSize(ctx.file)).toBeLessThanOrEqual(32 + 2 * (24 + 4096));
    // While marked full, an API client gets the message as JSON.
    const api = await request(ctx.app).post('/api/rounds/1/results').set('X-CSRF-Token', 'x');
    expect(api.status).toBe(503);
    expect(api.body.error).toMatch(/run out of storage space/);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'error', storage: 'full', msg: expect.stringContaining('[storage] the database cannot save: the disk is full') }));
  });
});
