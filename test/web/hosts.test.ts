import http from 'node:http';
import net from 'node:net';
import type { Request } from 'express';
import QRCode from 'qrcode';
import request from 'supertest';
import { ConfigError, loadConfig, testConfig } from '../../src/config';
import { QR_OPTIONS } from '../../src/web/admin/rounds';
import { hostPolicy, linkOrigin, parseHostHeader } from '../../src/web/hosts';
import { makeTestApp, type TestContext } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { fillPath, listRoutes, makeWorld } from '../helpers/world';

/** Issue 13, item 4: links are built from PUBLIC_URL, or only from a Host the server accepts. */

describe('parseHostHeader', () => {
  it.each([
    ['localhost:3000', 'localhost', 'localhost:3000'],
    ['LocalHost', 'localhost', 'localhost'],
    ['powershare.example.org.', 'powershare.example.org', 'powershare.example.org'],
    ['192.168.1.23:3000', '192.168.1.23', '192.168.1.23:3000'],
    ['[::1]:3000', '::1', '[::1]:3000'],
    ['[FE80::1]', 'fe80::1', '[fe80::1]'],
  ])('%s -> %s', (header, name, authority) => {
    expect(parseHostHeader(header)).toEqual({ name, authority });
  });

  it.each([undefined, '', 'a b', 'evil.example@127.0.0.1', 'x:99999', 'x:', '::1', 'a/b', 'exa_mple.org', 'x:3000:1', '"x"', '[::1', '-x.org'])('refuses %p', (header) => {
    expect(parseHostHeader(header)).toBeNull();
  });
});

describe('hostPolicy', () => {
  const accepts = (config: Partial<Parameters<typeof hostPolicy>[0]>, host: string, machine = 'trainer-laptop') =>
    hostPolicy({ host: '127.0.0.1', allowedHosts: [], ...config }, machine).accepts(parseHostHeader(host)!);

  it('by default accepts the loopback names only', () => {
    for (const h of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) expect(accepts({}, h)).toBe(true);
    for (const h of ['evil.example', '192.168.1.23:3000', 'trainer-laptop:3000', '10.0.0.1']) expect(accepts({}, h)).toBe(false);
  });

  it('accepts the listen address, PUBLIC_URL\'s host and ALLOWED_HOSTS', () => {
    expect(accepts({ host: '192.168.1.23' }, '192.168.1.23:3000')).toBe(true);
    expect(accepts({ host: '192.168.1.23' }, '192.168.1.24:3000')).toBe(false);
    expect(accepts({ publicUrl: 'https://Powershare.Example.org' }, 'powershare.example.org')).toBe(true);
    expect(accepts({ publicUrl: 'https://powershare.example.org' }, 'www.powershare.example.org')).toBe(false);
    expect(accepts({ allowedHosts: ['ps.internal', '[fd00::5]'] }, 'PS.internal:8080')).toBe(true);
    expect(accepts({ allowedHosts: ['ps.internal', '[fd00::5]'] }, '[fd00::5]:3000')).toBe(true);
    expect(accepts({ allowedHosts: ['ps.internal'] }, 'evil.ps.internal')).toBe(false);
  });

  it('on a wildcard HOST (a workshop on a LAN) accepts any IP address and the machine\'s name, but no other name', () => {
    for (const host of ['0.0.0.0', '::']) {
      expect(accepts({ host }, '192.168.1.23:3000')).toBe(true);
      expect(accepts({ host }, '[fe80::1]:3000')).toBe(true);
      expect(accepts({ host }, 'trainer-laptop:3000')).toBe(true);
      expect(accepts({ host }, 'trainer-laptop.local:3000')).toBe(true);
      // A DNS-rebinding page's name, however it resolves.
      expect(accepts({ host }, 'evil.example:3000')).toBe(false);
    }
  });
});

describe('ALLOWED_HOSTS', () => {
  it('is a comma-separated list, empty by default', () => {
    expect(loadConfig({}).allowedHosts).toEqual([]);
    expect(loadConfig({ ALLOWED_HOSTS: ' ps.example.org, 192.168.1.23 ,[::1]' }).allowedHosts).toEqual(['ps.example.org', '192.168.1.23', '[::1]']);
  });

  it.each(['https://ps.example.org', 'ps.example.org:3000', 'a b', 'ps.example.org/path'])('refuses %p with a message naming the variable', (value) => {
    expect(() => loadConfig({ ALLOWED_HOSTS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ALLOWED_HOSTS: value })).toThrow(/ALLOWED_HOSTS=.*host names or IP addresses/);
  });
});

describe('linkOrigin', () => {
  it('never builds a link from a Host that refuseUnknownHosts did not accept', () => {
    const req = { protocol: 'http', get: () => 'evil.example' } as unknown as Request;
    expect(() => linkOrigin(req, {})).toThrow(/refuseUnknownHosts/);
    expect(linkOrigin(req, { publicUrl: 'https://ps.example.org' })).toBe('https://ps.example.org');
  });
});

describe('requests naming a host the server does not accept', () => {
  it('get 400 "Unknown host" on every route the router holds (and static files and unknown paths), without the name echoed', async () => {
    const w = await makeWorld();
    const urls = [...listRoutes(w.app).map((r) => ({ method: r.method, url: fillPath(r.path, w, w.a) })), { method: 'GET', url: '/css/main.css' }, { method: 'GET', url: '/nowhere' }];
    expect(urls.length).toBeGreaterThan(60);
    for (const { method, url } of urls) {
      const req = method === 'GET' ? w.owner.agent.get(url) : w.owner.agent.post(url).type('form').send({ _csrf: w.owner.token });
      const res = await req.set('Host', 'rebound.evil.example:3000');
      expect(`${method} ${url} -> ${res.status}`).toBe(`${method} ${url} -> 400`);
      expect(res.text).toContain('Unknown host');
      expect(res.text).not.toContain('evil');
    }
    // The same admin, at an accepted address, is still signed in: the refusal wrote nothing.
    await w.owner.agent.get('/admin').set('Host', 'localhost:3000').expect(200);
  }, 60_000);

  it('get 400 without a Host header (HTTP/1.0)', async () => {
    const ctx = makeTestApp();
    const server = http.createServer(ctx.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write('GET /healthz HTTP/1.0\r\n\r\n');
      await new Promise((resolve) => socket.once('close', resolve));
      expect(received).toMatch(/^HTTP\/1\.1 400 /);
      expect(received).toContain('Unknown host');
    } finally {
      server.close();
    }
  });

  it('get 400 for a malformed Host too', async () => {
    const ctx = makeTestApp();
    for (const host of ['a b', 'localhost@evil.example', 'localhost:99999']) {
      const res = await request(ctx.app).get('/').set('Host', host);
      expect(`${host} -> ${res.status}`).toBe(`${host} -> 400`);
    }
  });
});

describe('links', () => {
  const roundPage = async (ctx: TestContext, host: string) => {
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    const page = await browser.agent.get(`/admin/rounds/${round.id}`).set('Host', host).expect(200);
    const qr = await browser.agent.get(`/admin/rounds/${round.id}/qr.svg`).set('Host', host).buffer(true).expect(200);
    return { round, page: page.text, qr: qr.body.toString() as string, browser };
  };

  it('come from PUBLIC_URL when it is set, whatever accepted Host the request named', async () => {
    const ctx = makeTestApp({ config: { publicUrl: 'https://powershare.example.org' } });
    const { round, page, qr } = await roundPage(ctx, 'localhost:3000');
    expect(page).toContain(`https://powershare.example.org/r/${round.linkToken}`);
    expect(page).not.toContain('localhost:3000');
    expect(qr).toBe(await QRCode.toString(`https://powershare.example.org/r/${round.linkToken}`, QR_OPTIONS));
    await request(ctx.app).get('/').set('Host', 'powershare.example.org').expect(200);
  });

  it('on a LAN (HOST=0.0.0.0) come from the address the phones and the trainer use', async () => {
    const ctx = makeTestApp({ config: testConfig({ host: '0.0.0.0' }) });
    const { round, page, qr, browser } = await roundPage(ctx, '192.168.1.23:3000');
    expect(page).toContain(`http://192.168.1.23:3000/r/${round.linkToken}`);
    expect(qr).toBe(await QRCode.toString(`http://192.168.1.23:3000/r/${round.linkToken}`, QR_OPTIONS));
    const presenter = await browser.agent.get(`/admin/rounds/${round.id}/present`).set('Host', '192.168.1.23:3000').expect(200);
    expect(presenter.text).toContain('192.168.1.23:3000/join');
    await browser.agent.get(`/admin/rounds/${round.id}`).set('Host', 'evil.example:3000').expect(400);
  });
});
