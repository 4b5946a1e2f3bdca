import request from 'supertest';
import { isScored } from '../../src/domain/questionnaire';
import { browserLike, csrfFrom, fakeClock, makeTestApp, type TestContext } from '../helpers/app';
import { createOwner, signIn } from '../helpers/admin';
import { openRound } from '../helpers/rounds';

const DAY_MS = 86_400_000;
const sessionCount = (ctx: TestContext) => (ctx.db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;

/** Every value in every table of the database, with where it was found. */
function everyValue(ctx: TestContext): { where: string; value: unknown }[] {
  const tables = (ctx.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
  const out: { where: string; value: unknown }[] = [];
  for (const table of tables) {
    for (const row of ctx.db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) out.push({ where: `${table}.${column}`, value });
    }
  }
  return out;
}

/** A respondent's whole journey through the real routes: start, role, every page, check, send, thank-you page. */
async function journey(ctx: TestContext, token: string, tick: () => void) {
  const b = browserLike(ctx.app);
  await b.submit(`/r/${token}`, {}, `/r/${token}/start`);
  tick();
  await b.submit(`/r/${token}/role`, { role: 'staff' });
  const pages = ctx.services.responding.pages(ctx.services.rounds.findByLinkToken(token)!);
  for (let n = 1; n <= pages.length; n++) {
    tick();
    const fields = Object.fromEntries(pages[n - 1].items.map((i) => [i.id, isScored(i) ? '2' : '']));
    expect((await b.submit(`/r/${token}/themes/${n}`, fields)).status).toBe(303);
  }
  tick();
  const send = await b.submit(`/r/${token}/check`, {}, `/r/${token}/submit`);
  tick();
  const thanks = await b.agent.get(`/r/${token}/thanks`).expect(200);
  return { b, send, thanks };
}

describe('no submission times (issue 16, item 2)', () => {
  it('a respondent gets no server-side session, and nothing stored is finer than the day they answered', async () => {
    const clock = fakeClock(Date.UTC(2026, 10, 21, 8, 0, 0));
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx); // made the day before
    const start = Date.UTC(2026, 10, 22, 9, 13, 27, 123);
    clock.set(start);
    const { b, send, thanks } = await journey(ctx, round.linkToken, () => clock.advance(7_001));
    const end = clock.now();
    expect(thanks.text).toContain('See how your own answers score');

    // No session cookie, no session row: not while answering, not for the own scores.
    const cookies = [send.headers['set-cookie'], thanks.headers['set-cookie']].flat().filter(Boolean).map(String);
    expect(cookies.some((c) => c.startsWith('ps_session='))).toBe(false);
    expect(sessionCount(ctx)).toBe(0);
    // The own scores travel sealed, short-lived and only under this round's path; the thank-you page clears them.
    const own = String(send.headers['set-cookie']).match(/ps_own=([^;]+); Max-Age=(\d+); Path=([^;]+);/);
    expect(own).not.toBeNull();
    expect(Number(own![2])).toBeLessThanOrEqual(600);
    expect(own![3]).toBe(`/r/${round.linkToken}`);
    expect(decodeURIComponent(own![1])).not.toMatch(/staff|score|leadership|\d{2}\.\d/);
    expect(String(thanks.headers['set-cookie'])).toMatch(/ps_own=; Path=\/r\/[^;]+; Expires=Thu, 01 Jan 1970/);
    expect((await b.agent.get(`/r/${round.linkToken}/thanks`)).text).not.toContain('See how your own answers score');

    // Every number stored anywhere near the journey's times is a whole day; no text holds a time of day.
    for (const { where, value } of everyValue(ctx)) {
      if (typeof value === 'number' && value > start - DAY_MS / 2 && value < end + 30 * DAY_MS) {
        expect({ where, value, wholeDay: value % DAY_MS === 0 }).toEqual({ where, value, wholeDay: true });
      }
      if (typeof value === 'string') expect({ where, value }).not.toEqual({ where, value: expect.stringMatching(/T09:1\d|09:1\d:\d\d/) });
    }
  });

  it('a tampered, expired or other round\'s own-scores cookie shows nothing', async () => {
    const clock = fakeClock();
    const ctx = makeTestApp({ clock });
    const round = openRound(ctx);
    const other = openRound(ctx);
    const { send } = await journey(ctx, round.linkToken, () => clock.advance(1000));
    const sealed = /ps_own=([^;]+)/.exec(String(send.headers['set-cookie']))![1];
    const thanks = (token: string, value: string) => request(ctx.app).get(`/r/${token}/thanks`).set('Cookie', `ps_own=${value}`);
    // Without the draft cookie, the thank-you page only exists to show own scores.
    expect((await thanks(round.linkToken, sealed)).text).toContain('See how your own answers score');
    const flipped = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21);
    expect((await thanks(round.linkToken, flipped)).status).toBe(303);
    expect((await thanks(other.linkToken, sealed)).status).toBe(303);
    clock.advance(10 * 60_000);
    expect((await thanks(round.linkToken, sealed)).status).toBe(303);
  });
});

describe('no session rows for visitors who only look (issue 16, item 5)', () => {
  it('stores no session for 200 cookie-less GETs of pages with forms (and admin pages that redirect)', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const share = ctx.services.shareLinks.createForRound(round.id, { label: 'Board', showComments: false }).token;
    const paths = ['/admin/login', '/admin/setup', '/join', '/resume', `/r/${round.linkToken}`, '/admin', `/admin/rounds/${round.id}`, '/', `/share/${share}`, '/admin/set-password/not-a-real-token'];
    for (let i = 0; i < 200; i++) {
      const res = await request(ctx.app).get(paths[i % paths.length]);
      expect(res.status === 410 || res.status < 400).toBe(true);
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('ps_session=');
    }
    expect(sessionCount(ctx)).toBe(0);
    // Nor do form posts that change nothing for someone not signed in: a wrong sign-in, a sign-out.
    const b = browserLike(ctx.app);
    await createOwner(ctx);
    expect((await b.submit('/admin/login', { email: 'nobody@example.org', password: 'not-the-password' })).status).toBe(401);
    expect((await b.submit('/admin/login', {}, '/admin/logout')).status).toBe(303);
    expect(sessionCount(ctx)).toBe(0);
  });

  it('still sends a signed-out admin back where they were going after signing in', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const round = openRound(ctx);
    const b = browserLike(ctx.app);
    const page = await b.agent.get(`/admin/rounds/${round.id}`);
    expect(page.headers.location).toBe('/admin/login');
    expect(String(page.headers['set-cookie'])).toMatch(/ps_return=[^;]+; Max-Age=1800; Path=\/admin; Expires=[^;]+; HttpOnly; SameSite=Lax/);
    const login = await b.submit('/admin/login', { email: 'owner@example.org', password: 'violet-harbour-kettle-58' });
    expect(login.headers.location).toBe(`/admin/rounds/${round.id}`);
    expect(sessionCount(ctx)).toBe(1);
  });
});

describe('CSRF without a server-side session', () => {
  it('refuses a respondent form whose token belongs to another browser\'s cookie, or has no cookie', async () => {
    const ctx = makeTestApp();
    const round = openRound(ctx);
    const mine = browserLike(ctx.app);
    const theirs = browserLike(ctx.app);
    const myToken = csrfFrom((await mine.agent.get(`/r/${round.linkToken}`)).text);
    await theirs.agent.get(`/r/${round.linkToken}`);
    expect((await theirs.agent.post(`/r/${round.linkToken}/start`).type('form').send({ _csrf: myToken })).status).toBe(403);
    expect((await request(ctx.app).post(`/r/${round.linkToken}/start`).type('form').send({ _csrf: myToken })).status).toBe(403);
    expect((await mine.agent.post(`/r/${round.linkToken}/start`).type('form').send({ _csrf: myToken })).status).toBe(303);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM drafts').get()).toEqual({ n: 1 });
  });

  it('a signed-in admin\'s forms need the token of their session, not a cookie-bound one', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const admin = await signIn(ctx);
    // A cookie-bound token an attacker could get for themselves and plant with their cookie.
    const outsider = request.agent(ctx.app);
    const planted = await outsider.get('/admin/login');
    const cookie = /ps_csrf=([^;]+)/.exec(String(planted.headers['set-cookie']))![1];
    const session = admin.agent.jar.getCookie('ps_session', { domain: '127.0.0.1', path: '/', secure: false, script: false });
    expect(session).toBeDefined();
    const withBoth = `ps_session=${session!.value}; ps_csrf=${cookie}`;
    // Proof the session cookie alone signs in: a GET of an admin page works with this header.
    expect((await request(ctx.app).get('/admin').set('Cookie', withBoth)).status).toBe(200);
    const res = await request(ctx.app).post('/admin/organisations').set('Cookie', withBoth).type('form').send({ _csrf: csrfFrom(planted.text), name: 'Planted' });
    expect(res.status).toBe(403);
    expect((await admin.post('/admin', '/admin/organisations', { name: 'Real' })).status).toBe(303);
    expect(ctx.services.organisations.listAll().map((o) => o.name)).toEqual(['Real']);
  });
});
