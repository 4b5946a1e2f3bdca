import crypto from 'node:crypto';
import request from 'supertest';
import { makeTestApp } from '../helpers/app';

describe('pages', () => {
  it('serves a home page that says what Powershare is', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="en-GB">');
    expect(res.text).toContain('<h1>Powershare</h1>');
    expect(res.text).toMatch(/shares power with the people who use its services/);
    expect(res.text).toContain('href="#main"'); // skip link
  });

  it('serves a helpful 404 page', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/no/such/page').expect(404);
    expect(res.text).toContain('Page not found');
    expect(res.text).toContain('href="/join"');
  });

  it('answers unknown API paths with JSON', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/api/nothing').expect(404);
    expect(res.body).toEqual({ error: 'Not found' });
  });
});

describe('security headers', () => {
  it('sends a strict CSP and no referrer', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('pages load no inline script', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/');
    expect(res.text).not.toMatch(/<script>[^<]|<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\son[a-z]+=/);
  });

  it('serves static files with cache headers, long-lived when versioned', async () => {
    const { app } = makeTestApp();
    const home = await request(app).get('/');
    const cssUrl = /href="(\/css\/site\.css\?v=[0-9a-f]{12})"/.exec(home.text)?.[1];
    expect(cssUrl).toBeDefined();
    const versioned = await request(app).get(cssUrl!).expect(200);
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await request(app).get('/css/site.css').expect(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('health', () => {
  it('reports the database as ok', async () => {
    const { app } = makeTestApp();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('reports 503 when the database is gone', async () => {
    const { app, db } = makeTestApp();
    db.close();
    const res = await request(app).get('/healthz').expect(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'unavailable' });
  });
});

describe('CSRF', () => {
  it('refuses a POST without a token with 403 and a clear page', async () => {
    const { app } = makeTestApp();
    const res = await request(app).post('/').type('form').send({ a: '1' }).expect(403);
    expect(res.text).toContain('This form has expired');
    expect(res.text).toMatch(/Go back, reload the page and try again/);
  });

  it('refuses a POST with a made-up token', async () => {
    const { app } = makeTestApp();
    await request(app).post('/anything').type('form').send({ _csrf: 'forged' }).expect(403);
    await request(app).post('/api/anything').set('X-CSRF-Token', 'forged').expect(403);
  });
});

describe('error handler', () => {
  const boom = (detail: string) => () => {
    throw new Error(detail);
  };

  it('hides details in production (JSON)', async () => {
    const ctx = makeTestApp({ config: { exposeErrors: false } });
    ctx.services.health.check = boom('secret internals');
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(ctx.app).get('/healthz').expect(500);
    spy.mockRestore();
    expect(JSON.stringify(res.body)).not.toContain('secret internals');
    expect(res.body.error).toMatch(/something went wrong/i);
  });

  it('shows details in development (JSON)', async () => {
    const ctx = makeTestApp({ config: { exposeErrors: true } });
    ctx.services.health.check = boom('secret internals');
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(ctx.app).get('/healthz').expect(500);
    spy.mockRestore();
    expect(res.body.detail).toContain('secret internals');
  });

  // A failing session store is a real failure mode (a broken database file): the page must
  // still be a kind 500 page, with details only in development.
  const failingStore = (exposeErrors: boolean) => {
    const ctx = makeTestApp({ config: { exposeErrors } });
    ctx.services.sessions.find = boom('disk I/O error at page 7');
    // express-session's cookie format: s:<id>.<base64 HMAC-SHA256 of the id, without padding>.
    const mac = crypto.createHmac('sha256', ctx.services.sessions.secret()).update('some-session-id').digest('base64').replace(/=+$/, '');
    const cookie = `ps_session=${encodeURIComponent(`s:some-session-id.${mac}`)}`;
    return { ...ctx, cookie };
  };

  it('hides details in production (HTML)', async () => {
    const { app, cookie } = failingStore(false);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(app).get('/').set('Cookie', cookie).expect(500);
    spy.mockRestore();
    expect(res.text).toContain('Sorry, something went wrong');
    expect(res.text).not.toContain('disk I/O error');
  });

  it('shows details in development (HTML)', async () => {
    const { app, cookie } = failingStore(true);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(app).get('/').set('Cookie', cookie).expect(500);
    spy.mockRestore();
    expect(res.text).toContain('disk I/O error at page 7');
  });

  it('answers an oversized body with 413', async () => {
    const { app } = makeTestApp();
    const res = await request(app).post('/').type('form').send({ big: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('Too much to send');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const { app } = makeTestApp();
    const res = await request(app).post('/api/x').set('Content-Type', 'application/json').send('{nope');
    expect(res.status).toBe(400);
  });
});
