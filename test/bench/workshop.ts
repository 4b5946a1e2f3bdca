/**
 * Benchmark: one workshop room of PEOPLE participants who all go through the real respondent
 * journey over HTTP (welcome, start, role, every short-form page, send) as fast as the machine
 * allows, while STREAMS presenter and observer screens are open on the round's event stream.
 * Prints errors, the room's wall time, and how long after the last "send" answer each stream saw
 * the final count, beside a baseline in the same run with no stream open.
 * Run with `npm run bench:workshop` (never part of `npm test`); `npm run bench` runs it too and
 * puts its figures in the table (BENCH_JSON=1 prints them as JSON lines).
 * Options: PEOPLE=300 STREAMS=50 CONCURRENCY=30 STREAM_WAIT_MS=60000.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { testConfig } from '../../src/config';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { startServer } from '../../src/server';
import { defaultRoles } from '../../src/services/rounds';
import { openSse, signInOverHttp, type SseClient } from '../helpers/sse';

const PEOPLE = Number(process.env.PEOPLE ?? 300);
const STREAMS = Number(process.env.STREAMS ?? 50);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 30);
/** How long each stream may wait for the final count (longer on a loaded machine). */
const STREAM_WAIT_MS = Number(process.env.STREAM_WAIT_MS ?? 60_000);
const EMAIL = 'bench@example.org';
const PASSWORD = 'copper-lantern-meadow-41';
const ROLES = ['lived', 'carer', 'staff', 'leader', 'board'];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** One participant's whole journey with its own cookies; returns the statuses that were wrong. */
async function participate(base: string, link: string, pages: { items: string[] }[], i: number): Promise<string[]> {
  const jar = new Map<string, string>();
  const wrong: string[] = [];
  const call = async (url: string, form?: Record<string, string>, expect = form ? 303 : 200) => {
    const res = await fetch(`${base}${url}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    if (res.status !== expect) wrong.push(`${url} ${res.status}`);
    return res.text();
  };
  const token = /name="_csrf" value="([^"]+)"/.exec(await call(link))![1];
  await call(`${link}/start`, { _csrf: token });
  await call(`${link}/role`, { _csrf: token, role: ROLES[i % ROLES.length] });
  for (let n = 0; n < pages.length; n++) {
    await call(`${link}/themes/${n + 1}`, { _csrf: token, ...Object.fromEntries(pages[n].items.map((id) => [id, String((i + n) % 4)])) });
  }
  await call(`${link}/submit`, { _csrf: token });
  return wrong;
}

async function run(label: string, streams: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-bench-workshop-'));
  const server = await startServer(testConfig({ port: 0, host: '127.0.0.1', databasePath: path.join(dir, 'bench.db') }), () => undefined);
  try {
    const { services } = server;
    await services.accounts.createFirstOwner(EMAIL, PASSWORD);
    const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
    const org = services.organisations.create('Benchmark Trust');
    const round = services.rounds.open(services.rounds.create(org.id, {
      name: 'Benchmark workshop', questionnaireId: q.id, questionnaireVersion: q.version, form: 'short', mode: 'workshop',
      roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: '', resultsRelease: 'batches',
    }).id);
    services.presenter.reveal(round);
    const pages = services.responding.pages(round).map((p) => ({ items: p.items.filter((i) => i.kind !== 'comment').map((i) => i.id) }));
    const cookie = await signInOverHttp(server.url, EMAIL, PASSWORD);
    const observer = services.presenter.createObserverLink(round).token;
    const clients: SseClient[] = [];
    for (let s = 0; s < streams; s++) {
      // Half presenter screens (signed in), half observer screens (by link).
      const url = s % 2 === 0 ? `${server.url}/admin/rounds/${round.id}/events` : `${server.url}/observe/${observer}/events`;
      const c = await openSse(url, s % 2 === 0 ? { cookie } : {});
      await c.next();
      clients.push(c);
    }
    const seen = clients.map((c) => c.next((e) => (JSON.parse(e.data) as { counts: { sent: number } }).counts.sent === PEOPLE, STREAM_WAIT_MS).then(() => performance.now()));

    const t0 = performance.now();
    const errors: string[] = [];
    let next = 0;
    let lastSend = 0;
    const worker = async () => {
      while (next < PEOPLE) {
        const i = next++;
        errors.push(...(await participate(server.url, `/r/${round.linkToken}`, pages, i)));
        lastSend = Math.max(lastSend, performance.now());
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const wall = performance.now() - t0;
    const lags = (await Promise.all(seen)).map((t) => Math.max(0, t - lastSend));
    const sent = services.presenter.snapshot(round.id).counts.sent;
    console.log(
      `${label.padEnd(34)} ${PEOPLE} people in ${(wall / 1000).toFixed(1)} s (${((PEOPLE * (pages.length + 4)) / (wall / 1000)).toFixed(0)} req/s), ` +
        `errors ${errors.length}, sent ${sent}` +
        (streams > 0 ? `, final count on all ${streams} streams: median ${pct(lags, 0.5).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms after the last send` : ''),
    );
    if (errors.length) console.log('  first errors:', errors.slice(0, 5).join(', '));
    // For `npm run bench`, which runs this file and puts these figures in its table.
    if (process.env.BENCH_JSON === '1') {
      const requests = PEOPLE * (pages.length + 4);
      console.log(`BENCH_JSON ${JSON.stringify({ label, streams, requests, seconds: wall / 1000, errors: errors.length, sent, lagMedianMs: lags.length ? pct(lags, 0.5) : null, lagMaxMs: lags.length ? Math.max(...lags) : null })}`);
    }
    for (const c of clients) c.close();
  } finally {
    await server.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void (async () => {
  console.log(`Workshop room: ${PEOPLE} participants over HTTP, ${CONCURRENCY} at a time, short form, k=5, results revealed:`);
  await run('baseline: no stream open', 0);
  await run(`with ${STREAMS} streams open`, STREAMS);
})();
