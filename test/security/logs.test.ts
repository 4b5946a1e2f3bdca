import { isScored } from '../../src/domain/questionnaire';
import type os from 'node:os';
import { networkUrls, startServer, stopOnSignals, main } from '../../src/server';
import { testConfig } from '../../src/config';
import { captureLogs, type LogEntry } from '../helpers/logs';
import { createOwner, OWNER_EMAIL, PASSWORD } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { openSse, signInOverHttp } from '../helpers/sse';
import { fillPath, isStream, listRoutes, makeWorld, type World } from '../helpers/world';

/**
 * Issue 13, item 9: structured request logs (method, route pattern, status, duration) that
 * never hold answers, comments, join or resume codes, tokens, passwords, cookies, e-mail or IP
 * addresses. Canary values go through every route the router holds, in the path, the query,
 * the body, the headers and the cookies, and the real secrets of the world (link and share
 * tokens, session ids, CSRF tokens, codes) are looked for too.
 */

const CANARY = 'CanaryZq7';
const canary = (what: string) => `${CANARY}-${what}`;
/** Field names the app's forms use, each given a canary; plus every questionnaire item. */
const FORM_FIELDS = ['code', 'resumeCode', 'email', 'password', 'currentPassword', 'newPassword', 'confirmPassword', 'name', 'intro', 'label', 'what', 'lead', 'note', 'comment', 'confirmName', 'username', 'text', 'role'];
const CANARY_IP = '203.0.113.77';
/** Any IPv4 address, and the IPv6 forms a local client's address takes (supertest connects from loopback). */
const ADDRESS = /\b\d{1,3}(?:\.\d{1,3}){3}\b|::1\b|::ffff:/i;

const ALLOWED_KEYS = new Set(['level', 'time', 'msg', 'method', 'route', 'status', 'durationMs', 'aborted', 'err', 'event']);

/** Every secret the world holds: none may be in the log. */
function secrets(w: World): string[] {
  const pluck = (sql: string) => w.db.prepare(sql).pluck().all() as string[];
  return [
    PASSWORD,
    w.a.linkToken,
    w.b.linkToken,
    w.a.shareToken,
    w.b.shareToken,
    w.owner.token,
    w.member.token,
    ...pluck('SELECT join_code FROM rounds'),
    ...pluck('SELECT resume_code FROM drafts'),
    ...pluck('SELECT sid FROM sessions'),
    ...pluck('SELECT email FROM admins'),
    ...pluck('SELECT body FROM comments'),
  ].filter((s) => s && s.length >= 6);
}

/** Destructive routes last, so the rest run while the sessions and links still exist. */
const LAST = /logout|delete|revoke/;

describe('request logs (issue 13, item 9)', () => {
  let w: World;
  let logs: ReturnType<typeof captureLogs>;
  let sent: { method: string; path: string }[];
  /** Whatever reaches the console meanwhile is held to the same rules. */
  const consoleLines: string[] = [];
  beforeAll(async () => {
    const spies = (['log', 'warn', 'error'] as const).map((level) => jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(' '))));
    logs = captureLogs('info');
    w = await makeWorld({ logger: logs.logger });
    // A respondent answers through the real pages, with a canary in every comment.
    const r = await w.respondent();
    const base = `/r/${w.a.linkToken}`;
    const pages = w.services.responding.pages(w.services.rounds.get(w.a.roundId));
    for (let n = 1; n <= pages.length; n++) {
      const fields = Object.fromEntries(pages[n - 1].items.map((i) => [i.id, isScored(i) ? '3' : canary(`comment-${n}`)]));
      await r.agent.post(`${base}/themes/${n}`).type('form').send({ _csrf: r.token, ...fields }).expect(303);
    }
    await r.agent.get(`${base}/saved`).expect(200);
    const anonymous = await w.anonymous();
    logs.lines.length = 0;

    const routes = listRoutes(w.app).sort((x, y) => Number(LAST.test(x.path)) - Number(LAST.test(y.path)));
    const items = pages.flatMap((p) => p.items.map((i) => i.id));
    const body = Object.fromEntries([...FORM_FIELDS, ...items].map((f) => [f, canary(f)]));
    sent = [];
    // A failure first (the sweep ends by signing out): the error handler's line.
    const spy = jest.spyOn(w.services.organisations, 'rename').mockImplementation(() => {
      throw new Error('the organisations table is gone');
    });
    await w.owner.agent.post(`/admin/organisations/${w.a.orgId}/name`).type('form').send({ _csrf: w.owner.token, name: canary('failing') }).expect(500);
    spy.mockRestore();
    sent.push({ method: 'POST', path: '/admin/organisations/:orgId/name' });
    try {
    for (const route of routes) {
      for (const who of [w.owner, r]) {
        // An event stream opened by someone allowed to see it stays open: send it unsigned (refused at once).
        const agent = isStream(route) ? anonymous.agent : who.agent;
        const url = `${fillPath(route.path, w, w.a)}?q=${canary('query')}&token=${canary('token')}`;
        const req = route.method === 'GET' ? agent.get(url) : agent.post(url).type('form').send({ ...body, _csrf: who.token });
        await req
          .set('Authorization', `Bearer ${canary('bearer')}`)
          .set('X-Forwarded-For', CANARY_IP)
          .set('User-Agent', canary('agent'))
          .set('Referer', `https://example.org/${canary('referer')}`)
          .set('Cookie', `ps_extra=${canary('cookie')}`);
        sent.push(route);
      }
    }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  }, 180_000);

  const requestLines = () => logs.entries().filter((e) => e.msg === 'request');

  it('writes one line per request: method, route pattern, status and duration', () => {
    expect(sent.length).toBeGreaterThan(150);
    const lines = requestLines();
    expect(lines.map((e) => `${String(e.method)} ${String(e.route)}`)).toEqual(sent.map((r) => `${r.method} ${r.path}`));
    for (const e of lines) {
      expect(typeof e.status).toBe('number');
      expect(typeof e.durationMs).toBe('number');
      expect(e.durationMs as number).toBeGreaterThanOrEqual(0);
      // Every one of these was answered in full: none is logged as given up on.
      expect(e.aborted).toBeUndefined();
    }
    // The statuses are real: pages, redirects, refusals.
    const statuses = new Set(lines.map((e) => e.status));
    for (const s of [200, 303, 400, 404]) expect(statuses).toContain(s);
  });

  it('logs no canary, no secret, no URL and no address', () => {
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'warn', event: 'trust-proxy-unset' }));
    const text = logs.text() + consoleLines.join('\n');
    expect(text).not.toContain(CANARY);
    for (const secret of secrets(w)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(ADDRESS);
    // The structured log holds no URL and no header or cookie of the request (the X-Forwarded-For value is an address: checked above).
    expect(logs.text()).not.toMatch(/\?q=|\/r\/[A-Za-z0-9_-]{10,}|\/share\/[A-Za-z0-9_-]{10,}|ps_session|cookie|user-agent|authorization|referer/i);
    for (const e of logs.entries()) for (const key of Object.keys(e)) expect(ALLOWED_KEYS).toContain(key);
  });

  it('logs a failed request structurally: the error and the route, not the body', () => {
    const failed = logs.entries().filter((e) => e.msg === 'request failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', method: 'POST', route: '/admin/organisations/:orgId/name', err: { type: 'Error', message: 'the organisations table is gone' } });
    expect(requestLines()[0]).toMatchObject({ level: 'error', status: 500, route: '/admin/organisations/:orgId/name' });
  });
});

describe('start-up and shutdown logs (issue 13, item 9)', () => {
  it('are structured lines: start (address, database), stopping (signal), stopped', async () => {
    const logs = captureLogs('info');
    const exit = jest.fn();
    // The set-up code is for a person, on standard output, not in the structured log.
    const setup = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const running = await main({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: ':memory:' }, exit, () => logs.logger);
    expect(running).toBeDefined();
    const stop = stopOnSignals(running!, exit, logs.logger);
    stop('SIGTERM');
    await new Promise<void>((resolve) => {
      const wait = () => (exit.mock.calls.length > 0 ? resolve() : setTimeout(wait, 10));
      wait();
    });
    expect(exit).toHaveBeenCalledWith(0);
    expect(setup).toHaveBeenCalledWith(expect.stringContaining('one-time set-up code'));
    setup.mockRestore();
    expect(logs.text()).not.toContain('set-up code');
    const events = logs.entries().filter((e: LogEntry) => e.event);
    expect(events.map((e) => e.event)).toEqual(['start', 'stopping', 'stopped']);
    expect(events[0]).toMatchObject({ level: 'info', url: running!.url, database: ':memory:', acceptedHosts: 'localhost, 127.0.0.1, ::1' });
    expect(events[0].msg).toMatch(/^Powershare is running at http:\/\/127\.0\.0\.1:\d+/);
    expect(events[1]).toMatchObject({ signal: 'SIGTERM' });
  });

  it('log a request the client gave up on (an event stream closed) as aborted, with its route', async () => {
    const logs = captureLogs('info');
    const running = await startServer(testConfig({ port: 0, host: '127.0.0.1' }), () => undefined, logs.logger);
    try {
      await createOwner(running);
      const cookie = await signInOverHttp(running.url, OWNER_EMAIL, PASSWORD);
      const round = openRound(running);
      const client = await openSse(`${running.url}/admin/rounds/${round.id}/events`, { cookie });
      await client.next((e) => e.event === 'state');
      client.close();
      const aborted = () => logs.entries().find((e) => e.msg === 'request' && e.aborted === true);
      for (let i = 0; i < 100 && !aborted(); i++) await new Promise((r) => setTimeout(r, 20));
      expect(aborted()).toMatchObject({ level: 'info', method: 'GET', route: '/admin/rounds/:roundId/events', status: 200 });
    } finally {
      await running.shutdown();
    }
  });

  it('on a wildcard HOST, name the addresses other devices can use (a workshop on a LAN)', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as os.NetworkInterfaceInfo;
    const interfaces = { lo: [nic('127.0.0.1', 'IPv4', true)], wlan0: [nic('192.168.1.23', 'IPv4'), nic('fe80::1', 'IPv6')], eth0: [nic('10.0.0.5', 'IPv4')] };
    expect(networkUrls('0.0.0.0', 3000, interfaces)).toEqual(['http://192.168.1.23:3000', 'http://10.0.0.5:3000']);
    expect(networkUrls('127.0.0.1', 3000, interfaces)).toEqual([]);
  });

  it('say why start-up failed, as one fatal line', async () => {
    const logs = captureLogs('info');
    const first = await startServer(testConfig({ port: 0, host: '127.0.0.1' }), () => undefined, logs.logger);
    try {
      const exit = jest.fn();
      const port = new URL(first.url).port;
      await main({ NODE_ENV: 'test', PORT: port, HOST: '127.0.0.1', DATABASE_PATH: ':memory:' }, exit, () => logs.logger);
      expect(exit).toHaveBeenCalledWith(1);
      expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 'fatal', event: 'start-failed', msg: `Powershare cannot start. Port ${port} on 127.0.0.1 is in use: set PORT to another port.` }));
    } finally {
      await first.shutdown();
    }
  });
});
