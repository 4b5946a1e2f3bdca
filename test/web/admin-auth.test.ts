import request from 'supertest';
import { LOGIN_LIMITS } from '../../src/web/admin/auth';
import { browserLike, csrfFrom, fakeClock, makeTestApp } from '../helpers/app';
import { createMember, createOwner, OWNER_EMAIL, ownerSession, PASSWORD, signIn } from '../helpers/admin';

/** The session id inside a `ps_session` Set-Cookie header (s:<id>.<signature>). */
function sessionIdFrom(setCookie: string[] | string | undefined): string | undefined {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const raw = cookies.find((c) => c.startsWith('ps_session='));
  if (!raw) return undefined;
  return /^s:([^.]+)\./.exec(decodeURIComponent(raw.split(';')[0].slice('ps_session='.length)))?.[1];
}

const sessionRows = (ctx: ReturnType<typeof makeTestApp>) => (ctx.db.prepare('SELECT sid FROM sessions').all() as { sid: string }[]).map((r) => r.sid);

/** A clock a day behind real time, so the session store's real-time cookie expiry never interferes. */
const clockBehind = () => fakeClock(Date.now() - 86_400_000);

describe('first set-up with the one-time code', () => {
  it('creates the owner with the printed code, signs them in, and then refuses the code for good', async () => {
    const ctx = makeTestApp();
    const code = ctx.services.accounts.issueSetupCode()!;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const browser = browserLike(ctx.app);
    const page = await browser.agent.get('/admin/setup').expect(200);
    expect(page.text).toContain('Set up Powershare');
    expect(page.headers['cache-control']).toBe('no-store');

    const res = await browser.submit('/admin/setup', { code: code.toLowerCase().replace(/-/g, ' '), email: 'Boss@Example.org', password: PASSWORD, confirm: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin');
    const home = await browser.agent.get('/admin').expect(200);
    expect(home.text).toContain('Your owner account is ready');
    expect(home.text).toContain('boss@example.org');

    // The same code again, from another browser: the server is set up.
    const other = browserLike(ctx.app);
    expect((await other.agent.get('/admin/setup')).status).toBe(410);
    const again = await request(ctx.app).get('/admin/login');
    const token = csrfFrom(again.text);
    const cookie = again.headers['set-cookie'];
    const reuse = await request(ctx.app)
      .post('/admin/setup')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, code, email: 'intruder@example.org', password: 'another-long-pass-phrase', confirm: 'another-long-pass-phrase' });
    expect(reuse.status).toBe(410);
    expect(reuse.text).toContain('already set up');
    expect(ctx.services.accounts.list().map((a) => a.email)).toEqual(['boss@example.org']);
    expect(ctx.services.accounts.issueSetupCode()).toBeUndefined();
  });

  it('refuses a wrong code, listing every problem, and keeps what was typed', async () => {
    const ctx = makeTestApp();
    ctx.services.accounts.issueSetupCode();
    const browser = browserLike(ctx.app);
    const res = await browser.submit('/admin/setup', { code: 'AAAA-BBBB-CCCC', email: 'me@example.org', password: 'short', confirm: 'short' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('href="#code"');
    expect(res.text).toContain('That set-up code is not right');
    expect(res.text).toContain('href="#password"');
    expect(res.text).toContain('value="me@example.org"');
    expect(res.text).toMatch(/id="code"[^>]*aria-describedby="code-hint code-error"/);
    expect(ctx.services.accounts.hasOwner()).toBe(false);
  });

  it('refuses every code when none was issued (the app was not started by the server)', async () => {
    const ctx = makeTestApp();
    const res = await browserLike(ctx.app).submit('/admin/setup', { code: 'AAAA-BBBB-CCCC', email: 'me@example.org', password: PASSWORD, confirm: PASSWORD });
    expect(res.status).toBe(400);
    expect(ctx.services.accounts.hasOwner()).toBe(false);
  });

  it('rate-limits wrong codes per client with 429', async () => {
    const ctx = makeTestApp();
    ctx.services.accounts.issueSetupCode();
    const browser = browserLike(ctx.app);
    const token = csrfFrom((await browser.agent.get('/admin/setup')).text);
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMITS.setup; i++) {
      statuses.push((await browser.agent.post('/admin/setup').type('form').send({ _csrf: token, code: 'WRONG', email: 'a@b.org', password: 'x', confirm: 'x' })).status);
    }
    expect(statuses.slice(0, LOGIN_LIMITS.setup).every((s) => s === 400)).toBe(true);
    expect(statuses[LOGIN_LIMITS.setup]).toBe(429);
  });

  it('says on the login page that the server needs setting up', async () => {
    const ctx = makeTestApp();
    const res = await request(ctx.app).get('/admin/login').expect(200);
    expect(res.text).toContain('href="/admin/setup"');
    await createOwner(ctx);
    expect((await request(ctx.app).get('/admin/login')).text).not.toContain('href="/admin/setup"');
  });
});

describe('signing in and out', () => {
  it('sends anyone not signed in to the login page, then back where they were going', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const browser = browserLike(ctx.app);
    const res = await browser.agent.get('/admin/questionnaires');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/login');
    const login = await browser.submit('/admin/login', { email: OWNER_EMAIL, password: PASSWORD });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/admin/questionnaires');
  });

  it('refuses a wrong password or unknown email with the same message and 401', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const browser = browserLike(ctx.app);
    const wrong = await browser.submit('/admin/login', { email: OWNER_EMAIL, password: 'not-the-password' });
    const unknown = await browser.submit('/admin/login', { email: 'nobody@example.org', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.text).toContain('The email address or password is not right');
      expect(res.text).toContain('href="#email"');
    }
    expect(wrong.text).toContain(`value="${OWNER_EMAIL}"`);
    expect(wrong.text).not.toContain('not-the-password');
    const empty = await browser.submit('/admin/login', { email: '', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter your email address');
    expect(empty.text).toContain('Enter your password');
  });

  it('gives the session a new id at sign-in and destroys it on the server at sign-out', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const browser = browserLike(ctx.app);
    const page = await browser.agent.get('/admin/login');
    // Issue 16: the sign-in page itself stores no session (its form is checked with a signed cookie).
    expect(sessionIdFrom(page.headers['set-cookie'])).toBeUndefined();
    expect(sessionRows(ctx)).toEqual([]);
    const login = await browser.agent.post('/admin/login').type('form').send({ _csrf: csrfFrom(page.text), email: OWNER_EMAIL, password: PASSWORD });
    const after = sessionIdFrom(login.headers['set-cookie']);
    expect(after).toBeDefined();
    expect(sessionRows(ctx)).toEqual([after]);

    const cookie = `ps_session=${login.headers['set-cookie'][0].split(';')[0].split('=')[1]}`;
    const logout = await browser.submit('/admin', {}, '/admin/logout');
    expect(logout.status).toBe(303);
    expect(logout.headers.location).toBe('/admin/login');
    expect(sessionRows(ctx)).not.toContain(after);
    expect((await browser.agent.get('/admin/login')).text).toContain('You have signed out');
    // The old cookie, replayed, is worth nothing.
    const replay = await request(ctx.app).get('/admin').set('Cookie', cookie);
    expect(replay.status).toBe(303);
    // Signing in again from the session that carried the sign-out message: a new id, the old one gone.
    const before = sessionRows(ctx)[0];
    expect(before).toBeDefined();
    const again = await browser.submit('/admin/login', { email: OWNER_EMAIL, password: PASSWORD });
    const renewed = sessionIdFrom(again.headers['set-cookie']);
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(before);
    expect(sessionRows(ctx)).toEqual([renewed]);
    expect(replay.headers.location).toBe('/admin/login');
  });

  it('sends a signed-in admin from the login page to the admin home', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const res = await browser.agent.get('/admin/login');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin');
  });

  it('never follows a return address outside the admin area', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const browser = browserLike(ctx.app);
    await browser.agent.get('//evil.example/admin');
    await browser.agent.get('/admin//evil.example');
    const login = await browser.submit('/admin/login', { email: OWNER_EMAIL, password: PASSWORD });
    expect(login.headers.location).toMatch(/^\/admin(\/|$)/);
    expect(login.headers.location).not.toContain('//');
  });
});

describe('rate limits on signing in', () => {
  it(`allows ${LOGIN_LIMITS.perAccount} failures for one account, then answers 429, even with the right password`, async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const browser = browserLike(ctx.app);
    const token = csrfFrom((await browser.agent.get('/admin/login')).text);
    const attempt = (password: string, email = OWNER_EMAIL) => browser.agent.post('/admin/login').type('form').send({ _csrf: token, email, password });
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect((await attempt('wrong-password-' + i)).status).toBe(401);
    const limited = await attempt(PASSWORD, OWNER_EMAIL.toUpperCase());
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many attempts');
    expect(limited.text).toMatch(/wait 15 minutes/);
    expect(limited.headers['ratelimit-policy']).toBeDefined();
    // Another account from the same client is not blocked by this one.
    await createMember(ctx, ctx.services.accounts.list()[0], [], 'second@example.org');
    expect((await attempt(PASSWORD, 'second@example.org')).status).toBe(303);
  });

  it('keys the per-account limit on the email login uses, even when the field is sent twice', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const browser = browserLike(ctx.app);
    const token = csrfFrom((await browser.agent.get('/admin/login')).text);
    // Login reads the first `email`; the extra values must not give each attempt a fresh limiter key.
    const twice = (password: string, i: number) =>
      browser.agent.post('/admin/login').type('form')
        .send(`_csrf=${encodeURIComponent(token)}&email=${encodeURIComponent(OWNER_EMAIL)}&email=decoy${i}%40example.org&password=${encodeURIComponent(password)}`);
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect((await twice('wrong-password-' + i, i)).status).toBe(401);
    expect((await twice(PASSWORD, 99)).status).toBe(429);
    // The same account sent the ordinary way is limited too.
    const plain = await browser.agent.post('/admin/login').type('form').send({ _csrf: token, email: ` ${OWNER_EMAIL.toUpperCase()} `, password: PASSWORD });
    expect(plain.status).toBe(429);
  });

  it(`allows ${LOGIN_LIMITS.perClient} failures from one client across accounts, then answers 429`, async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    const browser = browserLike(ctx.app);
    const token = csrfFrom((await browser.agent.get('/admin/login')).text);
    for (let i = 0; i < LOGIN_LIMITS.perClient; i++) {
      const res = await browser.agent.post('/admin/login').type('form').send({ _csrf: token, email: `guess${i}@example.org`, password: 'guess-guess-guess' });
      expect(res.status).toBe(401);
    }
    const res = await browser.agent.post('/admin/login').type('form').send({ _csrf: token, email: OWNER_EMAIL, password: PASSWORD });
    expect(res.status).toBe(429);
  });

  it('does not count successful sign-ins', async () => {
    const ctx = makeTestApp();
    await createOwner(ctx);
    for (let i = 0; i < LOGIN_LIMITS.perAccount + 2; i++) await signIn(ctx);
  });
});

describe('session timeouts (checked against the injected clock)', () => {
  it('signs an admin out after the idle time, saying why', async () => {
    const clock = clockBehind();
    const ctx = makeTestApp({ clock });
    const { browser } = await ownerSession(ctx);
    clock.advance(ctx.config.sessionIdleMs - 60_000);
    expect((await browser.agent.get('/admin')).status).toBe(200); // activity resets the idle timer
    clock.advance(ctx.config.sessionIdleMs - 60_000);
    expect((await browser.agent.get('/admin')).status).toBe(200);
    clock.advance(ctx.config.sessionIdleMs);
    const res = await browser.agent.get('/admin/questionnaires');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/login');
    const login = await browser.agent.get('/admin/login');
    expect(login.text).toContain('signed out after 30 minutes without activity');
    // Signing in again returns to the page that was asked for.
    const again = await browser.submit('/admin/login', { email: OWNER_EMAIL, password: PASSWORD });
    expect(again.headers.location).toBe('/admin/questionnaires');
  });

  it('signs an admin out after the absolute time even when active', async () => {
    const clock = clockBehind();
    const ctx = makeTestApp({ clock, config: { sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 2 * 3_600_000 } });
    const { browser } = await ownerSession(ctx);
    for (let minutes = 20; minutes < 120; minutes += 20) {
      clock.advance(20 * 60_000);
      expect((await browser.agent.get('/admin')).status).toBe(200);
    }
    clock.advance(20 * 60_000);
    const res = await browser.agent.get('/admin');
    expect(res.status).toBe(303);
    expect((await browser.agent.get('/admin/login')).text).toContain('2 hours after signing in');
  });

  it('ends the session when the account is deleted', async () => {
    const ctx = makeTestApp();
    const { owner } = await ownerSession(ctx);
    await createMember(ctx, owner, []);
    const member = await signIn(ctx, 'member@example.org');
    expect((await member.agent.get('/admin')).status).toBe(200);
    ctx.services.accounts.delete(owner, ctx.services.accounts.list().find((a) => a.email === 'member@example.org')!.id);
    expect((await member.agent.get('/admin')).status).toBe(303);
    expect((await member.agent.get('/admin/login')).text).toContain('no longer available');
  });
});

describe('your account: changing the password', () => {
  it('changes it, keeps this session and signs every other session out', async () => {
    const clock = clockBehind();
    const ctx = makeTestApp({ clock });
    const { browser } = await ownerSession(ctx);
    const elsewhere = await signIn(ctx);
    clock.advance(1000);
    const next = 'amber-tractor-lantern-77';
    const res = await browser.submit('/admin/account', { current: PASSWORD, password: next, confirm: next }, '/admin/account/password');
    expect(res.status).toBe(303);
    expect((await browser.agent.get('/admin/account')).text).toContain('Your password has been changed');
    expect((await elsewhere.agent.get('/admin')).status).toBe(303);
    expect(await ctx.services.accounts.authenticate(OWNER_EMAIL, next)).toBeDefined();
    expect(await ctx.services.accounts.authenticate(OWNER_EMAIL, PASSWORD)).toBeUndefined();
  });

  it('refuses a wrong current password and a weak new one', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const wrong = await browser.submit('/admin/account', { current: 'nope-nope-nope', password: 'amber-tractor-lantern-77', confirm: 'amber-tractor-lantern-77' }, '/admin/account/password');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('href="#current"');
    const weak = await browser.submit('/admin/account', { current: PASSWORD, password: 'password1234', confirm: 'password1234' }, '/admin/account/password');
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('too common');
    const mismatch = await browser.submit('/admin/account', { current: PASSWORD, password: 'amber-tractor-lantern-77', confirm: 'amber-tractor-lantern-78' }, '/admin/account/password');
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('href="#confirm"');
  });
});

describe('every admin page', () => {
  it('is no-store, has the admin navigation, a sign-out form and no inline script', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    for (const path of ['/admin', '/admin/questionnaires', '/admin/questionnaires/import', '/admin/accounts', '/admin/accounts/new', '/admin/account']) {
      const res = await browser.agent.get(path).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('<nav aria-label="Main">');
      expect(res.text).toContain('aria-current="page"');
      expect(res.text).toContain('action="/admin/logout"');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.toMatch(/\son[a-z]+=/);
      expect(res.text.match(/<h1[ >]/g)).toHaveLength(1);
    }
    for (const path of ['/admin/login', '/admin/setup']) {
      expect((await request(ctx.app).get(path)).headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses admin forms without a valid CSRF token (403), changing nothing', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const noToken = await browser.agent.post('/admin/organisations').type('form').send({ name: 'Forged' });
    expect(noToken.status).toBe(403);
    const forged = await browser.agent.post('/admin/organisations').type('form').send({ name: 'Forged', _csrf: 'forged' });
    expect(forged.status).toBe(403);
    const logout = await browser.agent.post('/admin/logout').type('form').send({});
    expect(logout.status).toBe(403);
    expect(ctx.services.organisations.listAll()).toEqual([]);
    expect((await browser.agent.get('/admin')).status).toBe(200); // still signed in
    const login = await request(ctx.app).post('/admin/login').type('form').send({ email: OWNER_EMAIL, password: PASSWORD });
    expect(login.status).toBe(403);
  });

  it('refuses a multipart POST to any route that does not parse multipart (403), so no token can be skipped', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const org = ctx.services.organisations.create('Org');
    const res = await browser.agent.post('/admin/organisations').field('name', 'Sneaky');
    expect(res.status).toBe(403);
    const round = await browser.agent.post(`/admin/organisations/${org.id}/name`).field('name', 'Renamed');
    expect(round.status).toBe(403);
    expect(ctx.services.organisations.listAll().map((o) => o.name)).toEqual(['Org']);
  });
});
