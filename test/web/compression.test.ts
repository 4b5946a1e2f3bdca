import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import express from 'express';
import { createRepositories } from '../../src/db';
import { compression } from '../../src/web/compression';
import { makeTestApp } from '../helpers/app';
import { ownerSession } from '../helpers/admin';
import { openRound } from '../helpers/rounds';
import { fillRound } from '../helpers/synthetic';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes as they crossed the wire. */
  wire: Buffer;
  /** The body after undoing Content-Encoding. */
  body: string;
}

/** Plain HTTP, so nothing decompresses for us and we see the bytes on the wire. */
async function withServer<T>(app: http.RequestListener, fn: (get: (path: string, headers?: Record<string, string>, method?: string) => Promise<Raw>) => Promise<T>): Promise<T> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<Raw>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, headers, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const wire = Buffer.concat(chunks);
          const enc = res.headers['content-encoding'];
          const plain = enc === 'br' ? zlib.brotliDecompressSync(wire) : enc === 'gzip' ? zlib.gunzipSync(wire) : wire;
          resolve({ status: res.statusCode!, headers: res.headers, wire, body: plain.toString('utf8') });
        });
      });
      req.on('error', reject);
      req.end();
    });
  try {
    return await fn(get);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

const CHROME = 'gzip, deflate, br, zstd';

describe('compression', () => {
  it('sends pages and assets with brotli (preferred) or gzip, and plain to clients that ask for neither', async () => {
    const ctx = makeTestApp();
    await withServer(ctx.app, async (get) => {
      const page = await get('/', { 'accept-encoding': CHROME });
      const plain = await get('/');
      expect(page.status).toBe(200);
      // Small pages are left alone: the home page may be under the threshold.
      const chart = await get(ctx.app.locals.asset('/vendor/chart.umd.min.js'), { 'accept-encoding': CHROME });
      expect(chart.headers['content-encoding']).toBe('br');
      expect(chart.headers.vary).toMatch(/Accept-Encoding/i);
      expect(chart.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(chart.headers['content-length']).toBeUndefined();
      expect(chart.headers.etag).toMatch(/^W\//);
      const identity = await get(ctx.app.locals.asset('/vendor/chart.umd.min.js'));
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(chart.body).toBe(identity.body);
      expect(chart.wire.length).toBeLessThan(identity.wire.length / 2.5);

      const gz = await get('/css/site.css', { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.body).toBe((await get('/css/site.css')).body);
      expect((await get('/css/site.css', { 'accept-encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
      expect((await get('/css/site.css', { 'accept-encoding': 'gzip;q=1, br;q=0.5' })).headers['content-encoding']).toBe('gzip');

      // HEAD and conditional requests are not broken by it.
      const head = await get('/css/site.css', { 'accept-encoding': CHROME }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.wire.length).toBe(0);
      const again = await get(ctx.app.locals.asset('/vendor/chart.umd.min.js'), { 'accept-encoding': CHROME, 'if-none-match': String(chart.headers.etag) });
      expect(again.status).toBe(304);
      // The same page either way, apart from each visit's own form token.
      const untokened = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');
      expect(untokened(page.body)).toBe(untokened(plain.body));
      // A byte range stays uncompressed: its offsets are those of the file.
      const range = await get('/vendor/chart.umd.min.js', { 'accept-encoding': CHROME, range: 'bytes=0-49999' });
      expect(range.status).toBe(206);
      expect(range.headers['content-encoding']).toBeUndefined();
      expect(range.wire.length).toBe(50_000);
    });
  });

  it('compresses the report page, and its first load is a fraction of the uncompressed size', async () => {
    const ctx = makeTestApp();
    const { browser } = await ownerSession(ctx);
    const round = openRound(ctx);
    fillRound(createRepositories(ctx.db), ctx.services.rounds.questionnaireFor(round), round, 120, 11);
    // The signed-in agent's session cookie, for plain HTTP requests.
    const jar = (browser.agent as unknown as { jar: { getCookies(o: unknown): { toValueString(): string } } }).jar;
    const sessionCookie = jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).toValueString();
    expect(sessionCookie).toMatch(/ps_session=/);
    await withServer(ctx.app, async (get) => {
      const path = `/admin/rounds/${round.id}/report`;
      const compressed = await get(path, { 'accept-encoding': CHROME, cookie: sessionCookie });
      const plain = await get(path, { cookie: sessionCookie });
      expect(compressed.status).toBe(200);
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(compressed.headers['cache-control']).toBe('no-store');
      expect(compressed.body).toContain('Annual check 2026: results');
      expect(compressed.body.replace(/value="[^"]+"/g, '')).toBe(plain.body.replace(/value="[^"]+"/g, ''));
      // Everything the page loads on first visit: the page, its stylesheets and scripts.
      const assets = [...plain.body.matchAll(/(?:href|src)="(\/(?:css|js|vendor)\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
      let before = plain.wire.length;
      let after = compressed.wire.length;
      for (const a of assets) {
        before += (await get(a)).wire.length;
        after += (await get(a, { 'accept-encoding': CHROME })).wire.length;
      }
      console.log(`Report first load: ${(before / 1024).toFixed(0)} KB uncompressed, ${(after / 1024).toFixed(0)} KB with brotli (${assets.length} assets)`);
      expect(after).toBeLessThan(before / 2.5);
    });
  });

  it('leaves small bodies, compressed types, no-transform and streamed writes correct', async () => {
    const app = express();
    app.use(compression({ threshold: 1024 }));
    app.get('/small', (_req, res) => res.type('text/plain').send('tiny'));
    app.get('/png', (_req, res) => res.type('image/png').send(Buffer.alloc(5000, 1)));
    app.get('/no-transform', (_req, res) => res.set('Cache-Control', 'no-transform').type('text/plain').send('x'.repeat(5000)));
    app.get('/stream', (_req, res) => {
      res.type('text/csv');
      for (let i = 0; i < 2000; i++) res.write(`row ${i},value\r\n`);
      res.end('last\r\n');
    });
    await withServer(app, async (get) => {
      const small = await get('/small', { 'accept-encoding': 'br' });
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.body).toBe('tiny');
      expect(small.headers.vary).toMatch(/Accept-Encoding/);
      expect((await get('/png', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
      expect((await get('/no-transform', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
      const stream = await get('/stream', { 'accept-encoding': 'gzip' });
      expect(stream.headers['content-encoding']).toBe('gzip');
      expect(stream.body.split('\r\n')).toHaveLength(2002);
      expect(stream.body.endsWith('last\r\n')).toBe(true);
    });
  });

  it('compresses a body given whole in one call, sent with its compressed length; a larger one, or one written in pieces, through a stream', async () => {
    const app = express();
    app.use(compression({ threshold: 1024, oneShotMax: 20_000 }));
    const text = (n: number) => Array.from({ length: n }, (_, i) => `<p>Line ${i} of a page that people read.</p>`).join('\n');
    const whole = text(200); // about 8 KB: one call
    const big = text(1000); // about 42 KB: over oneShotMax, a stream
    let ended = 0;
    app.get('/whole', (_req, res) => {
      res.type('html');
      res.end(Buffer.from(whole), () => ended++);
    });
    app.get('/whole-text', (_req, res) => res.type('html').send(whole));
    app.get('/big', (_req, res) => res.type('html').end(big, 'utf8', () => ended++));
    app.get('/explicit-head', (_req, res) => {
      // Headers out first (no length known then), the whole body after: still one call, chunked.
      res.type('html').writeHead(200);
      res.end(whole);
    });
    await withServer(app, async (get) => {
      for (const encoding of ['br', 'gzip']) {
        const one = await get('/whole', { 'accept-encoding': encoding });
        expect(one.headers['content-encoding']).toBe(encoding);
        expect(one.body).toBe(whole);
        // The length is the compressed one: a client reading exactly that many bytes gets it all.
        expect(Number(one.headers['content-length'])).toBe(one.wire.length);
        expect(one.headers['transfer-encoding']).toBeUndefined();
        expect(one.wire.length).toBeLessThan(whole.length / 4);
        expect(one.headers.vary).toMatch(/Accept-Encoding/);
        const sent = await get('/whole-text', { 'accept-encoding': encoding });
        expect(sent.body).toBe(whole);
        expect(Number(sent.headers['content-length'])).toBe(sent.wire.length);

        const streamed = await get('/big', { 'accept-encoding': encoding });
        expect(streamed.headers['content-encoding']).toBe(encoding);
        expect(streamed.headers['content-length']).toBeUndefined();
        expect(streamed.headers['transfer-encoding']).toBe('chunked');
        expect(streamed.body).toBe(big);

        const early = await get('/explicit-head', { 'accept-encoding': encoding });
        expect(early.headers['content-encoding']).toBe(encoding);
        expect(early.body).toBe(whole);
      }
      // Each res.end callback ran once (both ways, twice each).
      expect(ended).toBe(4);
      // And without Accept-Encoding, the bytes as they are, with their own length.
      const plain = await get('/whole');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(whole);
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(whole));
    });
  });

  it('never compresses or holds back a text/event-stream: each event arrives as it is written', async () => {
    const app = express();
    app.use(compression({ threshold: 0 }));
    let release: () => void = () => undefined;
    app.get('/events', (_req, res) => {
      // Cache-Control without no-transform: only the event-stream type keeps it uncompressed.
      res.set('Cache-Control', 'no-store').type('text/event-stream');
      res.write('data: first\n\n');
      release = () => res.end('data: last\n\n');
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const first = await new Promise<{ headers: http.IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/events', headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
          res.once('data', (c: Buffer) => {
            resolve({ headers: res.headers, chunk: c.toString('utf8') });
            release();
          });
          res.resume();
        });
        req.on('error', reject);
      });
      expect(first.headers['content-encoding']).toBeUndefined();
      expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
      // The first event came before the response ended: nothing buffered it.
      expect(first.chunk).toBe('data: first\n\n');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
