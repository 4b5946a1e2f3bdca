import crypto from 'node:crypto';
import request from 'supertest';
import express from 'express';
import { makeTestApp, type TestContext } from '../helpers/app';
import { helmetHeaders, securityHeaders } from '../../src/web/security';
import { captureLogs } from '../helpers/logs';

/** 21 failed sign-ins with a different email each time, the i-th sent with X-Forwarded-For `xff(i)`: their statuses. */
async function signInAttempts(app: TestContext['app'], xff: (i: number) => string): Promise<number[]> {
  const agent = request.agent(app);
  const page = await agent.get('/admin/login');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  const statuses: number[] = [];
  for (let i = 0; i <= 20; i++) {
    const res = await agent.post('/admin/login').set('X-Forwarded-For', xff(i)).type('form')
      .send({ _csrf: token, email: `guess${i}@example.org`, password: 'guess-guess-guess' });
    statuses.push(res.status);
  }
  return statuses;
}


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

  it('answers OPTIONS with the methods of the routes at that path, wherever they are mounted, and 404 elsewhere', async () => {
    const { app } = makeTestApp();
    for (const [path, allow] of [
      ['/', 'GET, HEAD'],
      ['/join', 'GET, HEAD, POST'],
      ['/r/any-token/themes/2', 'GET, HEAD, POST'],
      ['/r/any-token/submit', 'POST'],
      ['/share/any-token', 'GET, HEAD'],
    ] as const) {
      const res = await request(app).options(path).expect(200);
      expect([path, res.headers.allow, res.text]).toEqual([path, allow, allow]);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const unknown = await request(app).options('/no/such/page').expect(404);
    expect(unknown.headers.allow).toBeUndefined();
    expect(unknown.text).toContain('Page not found');
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

  it('sends exactly the headers helmet itself sends, worked out once', async () => {
    const served = (middleware: express.RequestHandler) => {
      const app = express();
      app.disable('x-powered-by');
      app.use(middleware);
      app.get('/', (_req, res) => res.send('ok'));
      return request(app).get('/').expect(200);
    };
    const pick = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => !['date', 'etag', 'content-length', 'content-type', 'connection', 'keep-alive'].includes(name)));
    const theirs = pick((await served(helmetHeaders())).headers);
    expect(Object.keys(theirs).length).toBeGreaterThanOrEqual(10);
    expect(pick((await served(securityHeaders())).headers)).toEqual(theirs);
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

describe('answers that are never cached (issue 16, item 7)', () => {
  it('sends Cache-Control: no-store on 400, 403, 404 and 413 answers too', async () => {
    const { app } = makeTestApp();
    const agent = request.agent(app);
    await agent.get('/join'); // a CSRF cookie, so only the body decides
    const noCsrf = await agent.post('/join').type('form').send({ code: 'ABCDEF' });
    expect(noCsrf.status).toBe(403);
    const tooLarge = await agent.post('/join').type('form').send(`code=${'A'.repeat(70 * 1024)}`);
    expect(tooLarge.status).toBe(413);
    const badJson = await agent.post('/join').set('Content-Type', 'application/json').send('{"code":');
    expect(badJson.status).toBe(400);
    const missing = await agent.get('/no/such/page');
    expect(missing.status).toBe(404);
    for (const res of [noCsrf, tooLarge, badJson, missing]) expect([res.status, res.headers['cache-control']]).toEqual([res.status, 'no-store']);
  });
});

describe('proxy headers (issue 16, item 7)', () => {
  /** What the app logs (the structured log) and what reaches the console, together. */
  const logged = () => {
    const logs = captureLogs();
    const lines: string[] = [];
    const spies = (['error', 'warn', 'log'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '))),
    );
    return {
      logger: logs.logger,
      lines: () => [...logs.entries().filter((e) => e.msg !== 'request').map((e) => JSON.stringify(e)), ...lines],
      restore: () => spies.forEach((s) => s.mockRestore()),
    };
  };

  it('a request with X-Forwarded-For while TRUST_PROXY is unset logs one plain line, never a stack trace', async () => {
    const log = logged();
    const { app } = makeTestApp({ config: { trustProxy: false }, logger: log.logger });
    try {
      for (let i = 0; i < 3; i++) {
        await request(app).post('/join').set('X-Forwarded-For', `198.51.100.${i}`).set('Forwarded', 'for=198.51.100.9').type('form').send({ code: 'X' });
        await request(app).post('/admin/login').set('X-Forwarded-For', '198.51.100.7').type('form').send({ email: 'a@example.org' });
      }
    } finally {
      log.restore();
    }
    expect(log.lines()).toHaveLength(1);
    expect(log.lines()[0]).toMatch(/"level":"warn".*X-Forwarded-For header but TRUST_PROXY is not set/);
    expect(log.lines().join('\n')).not.toMatch(/ERR_ERL|\n\s+at |198\.51\.100/);
  });

  it('with TRUST_PROXY, trusts one hop: a client cannot pick its own address to sidestep the per-client limit', async () => {
    const log = logged();
    const ctx = makeTestApp({ config: { trustProxy: true }, logger: log.logger });
    try {
      // The client writes the first entry; the proxy appends the address it saw.
      const statuses = await signInAttempts(ctx.app, (i) => `10.0.${i}.1, 203.0.113.9`);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
    } finally {
      log.restore();
    }
    expect(log.lines().join('\n')).not.toMatch(/ERR_ERL|\n\s+at /);
  });

  it('with TRUST_PROXY naming the proxy, takes the client from the last address the proxy added; a client at any other address is not trusted', async () => {
    // supertest connects from 127.0.0.1: that is the proxy here.
    const ctx = makeTestApp({ config: { trustProxy: ['127.0.0.1'] } });
    const statuses = await signInAttempts(ctx.app, (i) => `10.0.${i}.1, 203.0.113.9`);
    // 203.0.113.9 is not a trusted proxy, so it is the client, whatever the client wrote before it.
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Another client behind the same proxy still gets through.
    expect((await signInAttempts(ctx.app, () => '198.51.100.7'))[0]).toBe(401);
  });

  it('with TRUST_PROXY naming other proxies, ignores X-Forwarded-For from an address that is not one of them', async () => {
    // The request comes from 127.0.0.1, which is not the named proxy: its X-Forwarded-For is the
    // client's own writing, so every attempt counts against 127.0.0.1 (one hop would have believed it).
    const ctx = makeTestApp({ config: { trustProxy: ['10.9.9.9'] } });
    const statuses = await signInAttempts(ctx.app, (i) => `203.0.113.${i}`);
    expect(statuses[20]).toBe(429);
  });
});
