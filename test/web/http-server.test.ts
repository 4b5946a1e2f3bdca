// The app's HTTP server (src/web/http-server.ts): requests and responses made with Express's own
// prototypes, answering exactly as app.listen's server does (issue 12).
import type { AddressInfo } from 'node:net';
import http, { type Server } from 'node:http';
import express from 'express';
import { createHttpServer, isClass } from '../../src/web/http-server';
import { makeTestApp } from '../helpers/app';

const listening = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const closed = (server: Server) => new Promise((resolve) => server.close(resolve));

/** Status, headers (but the date) and body, as a client sees them. */
async function answer(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'date') headers[name] = value;
  });
  return { status: res.status, headers, body: await res.text() };
}

describe('createHttpServer', () => {
  it("makes each request and response with the app's own prototypes, so Express changes neither", async () => {
    const app = express();
    const seen: string[] = [];
    const prototypes = (req: object, res: object) => `${Object.getPrototypeOf(req) === app.request} ${Object.getPrototypeOf(res) === app.response}`;
    app.get('/', (req, res) => {
      seen.push(`in the route: ${prototypes(req, res)}`);
      res.send(typeof req.get === 'function' && typeof res.json === 'function' ? 'express methods' : 'none');
    });
    for (const server of [createHttpServer(app), http.createServer(app)]) {
      // Before Express sees them: as Node made them.
      server.prependListener('request', (req, res) => seen.push(`made: ${prototypes(req, res)}`));
      const url = await listening(server);
      try {
        expect((await answer(`${url}/`)).body).toBe('express methods');
      } finally {
        await closed(server);
      }
    }
    // Ours, then app.listen's (http.createServer(app)), which Express re-parents in app.handle.
    expect(seen).toEqual(['made: true true', 'in the route: true true', 'made: false false', 'in the route: true true']);
  });

  it("answers the app's pages as app.listen's server does: statuses, headers and bodies", async () => {
    const { app } = makeTestApp();
    const ours = createHttpServer(app);
    const theirs = app.listen(0, '127.0.0.1');
    const [oursUrl] = await Promise.all([listening(ours), new Promise((r) => theirs.once('listening', r))]);
    const theirsUrl = `http://127.0.0.1:${(theirs.address() as AddressInfo).port}`;
    try {
      const asked: [string, RequestInit?][] = [
        ['/'],
        ['/healthz'],
        ['/nowhere'],
        ['/css/site.css'],
        ['/', { headers: { 'accept-encoding': 'br' } }],
        ['/join', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=ABC' }],
        ['/', { headers: { host: 'elsewhere.example' } }],
      ];
      for (const [page, init] of asked) {
        const [a, b] = [await answer(`${oursUrl}${page}`, init), await answer(`${theirsUrl}${page}`, init)];
        expect({ page, ...a }).toEqual({ page, ...b });
      }
    } finally {
      await Promise.all([closed(ours), closed(theirs)]);
    }
  });

  it("tells a class from a plain function, and Node's own constructors are plain functions here (else the server falls back to app.listen's objects)", () => {
    expect(isClass(class {})).toBe(true);
    expect(isClass(class Named extends Object {})).toBe(true);
    expect(isClass(function plain() {})).toBe(false);
    expect(isClass(() => undefined)).toBe(false);
    // The fast path is the one taken on this Node: the first test above depends on it too.
    expect([isClass(http.IncomingMessage), isClass(http.ServerResponse)]).toEqual([false, false]);
  });
});
