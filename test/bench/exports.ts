/**
 * Benchmark: the anonymised answers CSV and the admin report for a big round, while
 * respondents keep using the site. Run with `npm run bench:exports` (never part of `npm test`).
 * Prints the event loop's longest stall while the CSV is built and sent, and respondents'
 * latency (p50/p99/max) while an admin downloads the CSV and the report, beside a bare baseline
 * (the same respondent requests with no admin activity) measured in the same run.
 * Options: RESPONSES=20000 COMMENTS=10000 RESPONDENTS=4.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { testConfig } from '../../src/config';
import { createRepositories, migrate, openDatabase } from '../../src/db';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { startServer } from '../../src/server';
import { defaultRoles } from '../../src/services/rounds';
import { fillRound } from '../helpers/synthetic';

const RESPONSES = Number(process.env.RESPONSES ?? 20_000);
const COMMENTS = Number(process.env.COMMENTS ?? 10_000);
const RESPONDENTS = Number(process.env.RESPONDENTS ?? 4);

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number; ms: number; cookie?: string; body: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes: body.length, ms: performance.now() - t0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0], body: body.toString('utf8') });
        });
      })
      .on('error', reject);
  });
}

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; cookie?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

/** Respondents loading the welcome page back to back until `until` resolves. */
async function respondents(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.then(() => (done = true));
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: RESPONDENTS }, async () => {
      while (!done) {
        const r = await get(url);
        if (r.status !== 200) throw new Error(`respondent got ${r.status}`);
        times.push(r.ms);
        await new Promise((res) => setTimeout(res, 5));
      }
    }),
  );
  return times;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-bench-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  migrate(db);
  db.close();
  const running = await startServer(testConfig({ databasePath: file, port: 0, host: '127.0.0.1' }), () => undefined);
  const { services } = running;
  const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
  const org = services.organisations.create('Benchmark Trust');
  const round = services.rounds.create(org.id, {
    name: 'Benchmark round', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
    roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: '', resultsRelease: 'batches',
  });
  services.rounds.open(round.id);
  const repos = createRepositories(running.db);
  fillRound(repos, q, round, RESPONSES, 42);
  // Comments: distinct texts of a realistic length (about 500 bytes each).
  const have = (running.db.prepare('SELECT COUNT(*) AS n FROM comments WHERE round_id = ?').get(round.id) as { n: number }).n;
  const themes = q.themes.map((t) => t.id);
  const insert = running.db.prepare('INSERT INTO comments (id, round_id, theme_id, item_id, body) VALUES (lower(hex(randomblob(12))), ?, ?, ?, ?)');
  const commentItem = new Map(q.items.filter((i) => i.kind === 'comment').map((i) => [i.theme, i.id] as const));
  running.db.transaction(() => {
    for (let i = have; i < COMMENTS; i++) {
      const theme = themes[i % themes.length];
      insert.run(round.id, theme, commentItem.get(theme) ?? `${theme}-comment`, `Comment ${i}: ${'more notice before meetings would help, and papers in plain words. '.repeat(7)}`);
    }
  })();

  // An admin, signed in through the real form.
  const password = 'violet-harbour-kettle-58';
  await services.accounts.createFirstOwner('owner@example.org', password);
  const login = await get(`${running.url}/admin/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1];
  const signedIn = await post(`${running.url}/admin/login`, `_csrf=${encodeURIComponent(token)}&email=owner%40example.org&password=${password}`, { Cookie: login.cookie! });
  const admin = { Cookie: signedIn.cookie ?? login.cookie! };
  const respondentUrl = `${running.url}/r/${services.rounds.get(round.id).linkToken}`;

  // Event-loop stall while the CSV is built and sent.
  const h = monitorEventLoopDelay({ resolution: 1 });
  let csvMs = 0;
  let csvBytes = 0;
  const csvAlone = async () => {
    h.reset();
    h.enable();
    const r = await get(`${running.url}/admin/rounds/${round.id}/answers.csv`, admin);
    h.disable();
    if (r.status !== 200) throw new Error(`answers.csv: ${r.status}`);
    csvMs = r.ms;
    csvBytes = r.bytes;
    return h.max / 1e6;
  };
  await csvAlone(); // warm up
  const stalls = [await csvAlone(), await csvAlone(), await csvAlone()];

  await get(`${running.url}/admin/rounds/${round.id}/report`, admin); // warm up
  h.reset();
  h.enable();
  const report = await get(`${running.url}/admin/rounds/${round.id}/report`, admin);
  h.disable();
  const reportStall = h.max / 1e6;
  if (report.status !== 200) throw new Error(`report: ${report.status}`);

  // Respondents alone (baseline), then while the admin downloads the CSV and the report.
  const baseline = await respondents(respondentUrl, new Promise((r) => setTimeout(r, 3000)));
  const adminWork = (async () => {
    for (let i = 0; i < 3; i++) {
      await get(`${running.url}/admin/rounds/${round.id}/answers.csv`, admin);
      await get(`${running.url}/admin/rounds/${round.id}/report`, admin);
    }
  })();
  const loaded = await respondents(respondentUrl, adminWork);

  const f = (n: number) => n.toFixed(1).padStart(8);
  console.log(`Exports benchmark: ${RESPONSES} responses, ${COMMENTS} comments, ${RESPONDENTS} respondents in parallel`);
  console.log(`answers.csv: ${(csvBytes / 1e6).toFixed(2)} MB in ${csvMs.toFixed(0)} ms; event loop's longest stall while exporting: ${stalls.map((s) => s.toFixed(0)).join(', ')} ms`);
  console.log(`admin report page: ${(report.bytes / 1e6).toFixed(2)} MB in ${report.ms.toFixed(0)} ms; event loop's longest stall: ${reportStall.toFixed(0)} ms`);
  console.log('respondent latency (ms)                 n      p50      p99      max');
  console.log(`baseline: no admin activity      ${String(baseline.length).padStart(8)} ${f(pct(baseline, 0.5))} ${f(pct(baseline, 0.99))} ${f(Math.max(...baseline))}`);
  console.log(`while an admin exports + reports ${String(loaded.length).padStart(8)} ${f(pct(loaded, 0.5))} ${f(pct(loaded, 0.99))} ${f(Math.max(...loaded))}`);
  console.log(`target: p99 under 250 ms while exporting: ${pct(loaded, 0.99) < 250 ? 'met' : 'NOT MET'}`);
  agent.destroy();
  await running.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
