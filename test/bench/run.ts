/**
 * `npm run bench`: the app's speed against bare baselines measured in the same run (never part of
 * `npm test`). Builds nothing itself (the npm script compiles first), seeds a fresh database,
 * starts the app and three baselines as child processes on 127.0.0.1, drives each with autocannon
 * in its own process (test/bench/load.ts), checks the answers (statuses, rows stored), prints one
 * table and writes the figures as JSON to bench-results/ (git-ignored), with the change since the
 * previous run. Aims are printed beside each figure; nothing fails on them.
 *
 * Options (environment): BENCH_SECONDS=8 BENCH_CONNECTIONS=50 REPORT_SECONDS=5
 * REPORT_SIZES=10000,100000 SEND_DRAFTS=6000 WORKSHOP=1 (0 skips the workshop room)
 * BENCH_PROFILE=app (or a comma list of app, static, insert, aggregate): run those servers with
 * `node --cpu-prof`, profiles written to bench-results/profiles/.
 * BENCH_APP_FLAGS='--flag ...': Node flags for the app instead of SERVER_NODE_FLAGS (src/node-flags.ts).
 * BENCH_ONLY=home,join,welcome,theme,theme-br,save,send,reports (a comma list; default all; the groups
 * pages = home,join,welcome,theme,theme-br and saves = save,send work too): run only those scenarios (with
 * the baselines they are compared with; save and send run together).
 * Baseline (a) is measured again just before each page scenario (interleaved), and each page's
 * ratio is to the (a) figure measured beside it, so a change of load on a shared machine moves
 * both sides of the ratio alike.
 * BENCH_SEED_CACHE=<folder>: keep the seeded database there (one per SEND_DRAFTS and REPORT_SIZES)
 * and start from a copy of it next time instead of seeding again (seeding 110,000 responses takes
 * minutes). The copy is taken before any server touches the file, so every run starts the same.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { testConfig } from '../../src/config';
import { checkpointDatabase, createRepositories, migrate, openDatabase } from '../../src/db';
import { createServices } from '../../src/services';
import { PROJECT_ROOT } from '../../src/paths';
import { SERVER_NODE_FLAGS } from '../../src/node-flags';
import type { LoadSpec } from './load';
import { seed, type Seeded } from './seed';
import { compareRuns, formatTable, type Row } from './table';
import { cpuMs, runLoad as load, rssMb, startServerProcess, type Child } from './processes';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const REPORT_SECONDS = Number(process.env.REPORT_SECONDS ?? 5);
const REPORT_SIZES = (process.env.REPORT_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const SEND_DRAFTS = Number(process.env.SEND_DRAFTS ?? 6000);
const PROFILE = new Set((process.env.BENCH_PROFILE ?? '').split(',').filter(Boolean));
const GROUPS: Record<string, string[]> = { pages: ['home', 'join', 'welcome', 'theme', 'theme-br'], saves: ['save', 'send'] };
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean).flatMap((x) => GROUPS[x] ?? [x]));
/** Whether a scenario (home, join, welcome, theme, save, send, reports) is part of this run. */
const runs = (name: string) => ONLY.size === 0 || ONLY.has(name);
const SEED_CACHE = process.env.BENCH_SEED_CACHE;
// The app runs with the Node flags `npm start` gives it (SERVER_NODE_FLAGS), unless BENCH_APP_FLAGS says otherwise.
const APP_FLAGS = (process.env.BENCH_APP_FLAGS ?? SERVER_NODE_FLAGS.join(' ')).split(' ').filter(Boolean);
const OUT_DIR = path.join(PROJECT_ROOT, 'bench-results');
const HERE = __dirname;

/** A server of this run, by name (app, static, insert, aggregate): the app with its Node flags, any of them profiled on request. */
function startChild(name: string, script: string, args: string[]): Promise<Child> {
  const flags = [
    ...(PROFILE.has(name) ? ['--cpu-prof', '--cpu-prof-dir', path.join(OUT_DIR, 'profiles')] : []),
    ...(name === 'app' ? APP_FLAGS : []),
  ];
  return startServerProcess(name, path.join(HERE, script), args, flags);
}

interface Scenario {
  scenario: string;
  server: Child;
  spec: Omit<LoadSpec, 'url' | 'connections' | 'duration'> & { path: string; connections?: number; duration?: number };
  expect: number;
  baseline?: string;
  aim?: { text: string; ratio?: number; p50Under?: number };
}

const rows: Row[] = [];
const notes: string[] = [];

async function measure(s: Scenario): Promise<{ row: Row; expected: number }> {
  // One connection scenarios (reports): a few requests first, so the first rendering of a page
  // (templates compiled, code optimised) is not what is measured.
  if (s.spec.connections === 1) {
    for (let i = 0; i < 10; i++) await (await fetch(`${s.server.url}${s.spec.path}`, { headers: s.spec.headers })).arrayBuffer();
  }
  const cpuBefore = cpuMs(s.server.proc.pid);
  const result = await load({
    ...s.spec,
    url: `${s.server.url}${s.spec.path}`,
    connections: s.spec.connections ?? CONNECTIONS,
    duration: s.spec.duration ?? SECONDS,
  });
  const cpuAfter = cpuMs(s.server.proc.pid);
  const expected = result.statusCodeStats[String(s.expect)]?.count ?? 0;
  const answered = Object.values(result.statusCodeStats).reduce((a, b) => a + b.count, 0);
  // The server's own CPU time per answer: moved less than requests a second by what else the
  // machine is doing (other processes take turns on the cores; caches and batching still change).
  const cpuUs = cpuBefore !== null && cpuAfter !== null && answered > 0 ? ((cpuAfter - cpuBefore) * 1000) / answered : undefined;
  const base = s.baseline ? rows.find((r) => r.scenario === s.baseline) : undefined;
  const rps = answered / Math.max(0.001, result.duration);
  const ratio = base ? rps / base.rps : undefined;
  const met = s.aim
    ? (s.aim.ratio === undefined || (ratio !== undefined && ratio >= s.aim.ratio)) && (s.aim.p50Under === undefined || result.latency.p50 < s.aim.p50Under)
    : undefined;
  const row: Row = {
    scenario: s.scenario,
    rps,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    unexpected: answered - expected,
    rssMb: rssMb(s.server.proc.pid),
    highWaterMb: rssMb(s.server.proc.pid, 'VmHWM'),
    baseline: s.baseline,
    ratio,
    aim: s.aim?.text,
    met,
    cpuUs,
    cpuRatio: base?.cpuUs !== undefined && cpuUs !== undefined ? base.cpuUs / cpuUs : undefined,
  };
  if (row.unexpected > 0) row.check = `statuses: ${JSON.stringify(result.statusCodeStats)}`;
  rows.push(row);
  const cpu = cpuUs === undefined ? '' : `, server CPU ${cpuUs.toFixed(0)} µs a request${row.cpuRatio === undefined ? '' : ` (ratio ${row.cpuRatio.toFixed(2)})`}`;
  const bytes = answered > 0 ? ` ${(result.throughput.total / answered / 1024).toFixed(1)} KB each,` : '';
  console.log(`  ${s.scenario}: ${rps.toFixed(0)} req/s,${bytes} p50 ${row.p50} ms, p99 ${row.p99} ms, ${row.unexpected} unexpected, ${row.errors} errors${cpu}`);
  return { row, expected };
}

/** A request before the load, to prove the page is the right one (status and some of its text). */
async function preflight(url: string, init: RequestInit, status: number, text?: string | RegExp): Promise<string> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== status || (text !== undefined && !(typeof text === 'string' ? body.includes(text) : text.test(body)))) {
    throw new Error(`Check failed for ${url}: status ${res.status} (expected ${status})${text ? `, looking for ${String(text)}` : ''}`);
  }
  return body;
}

function check(ok: boolean, what: string) {
  notes.push(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) process.exitCode = 1;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function timeInProcess(runs: number, fn: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < 3; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] };
}

async function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-bench-'));
  const file = path.join(dir, 'app.db');
  const started = new Date();
  console.log(`npm run bench: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s a scenario (reports: 1 connection, ${REPORT_SECONDS} s)`);
  console.log('Seeding a fresh database...');
  const cached = SEED_CACHE && path.join(SEED_CACHE, `seed-${SEND_DRAFTS}-${REPORT_SIZES.join('-')}`);
  if (cached && fs.existsSync(`${cached}.json`)) {
    fs.copyFileSync(`${cached}.db`, file);
    console.log(`  (a copy of ${cached}.db)`);
  }
  const db = openDatabase(file);
  migrate(db);
  const services = createServices({ db, config: testConfig({ databasePath: file }) });
  let seeded: Seeded;
  if (cached && fs.existsSync(`${cached}.json`)) {
    seeded = JSON.parse(fs.readFileSync(`${cached}.json`, 'utf8')) as Seeded;
  } else {
    seeded = seed(db, services, { pageDrafts: 50, sendDrafts: SEND_DRAFTS, reportSizes: REPORT_SIZES, log: console.log });
    if (cached) {
      fs.mkdirSync(SEED_CACHE, { recursive: true });
      checkpointDatabase(db);
      await db.backup(`${cached}.db`);
      fs.writeFileSync(`${cached}.json`, JSON.stringify(seeded));
    }
  }

  // The report service in this process, beside the scan it replaced (the old bench/report.ts).
  const repos = createRepositories(db);
  for (const r of seeded.reports) {
    const scan = timeInProcess(20, () => {
      repos.responses.countByRole(r.round.id);
      repos.results.themeMoments(r.round.id);
      repos.results.itemCounts(r.round.id);
    });
    const service = timeInProcess(50, () => services.results.forRound(r.round.id, { comments: 'visible', commentsPerTheme: 20 }));
    const scanRow: Row = { scenario: `in process: scan aggregation, ${r.size}`, rps: 1000 / scan.p50, p50: scan.p50, p99: scan.p99, errors: 0, unexpected: 0, rssMb: null };
    rows.push(scanRow, {
      scenario: `in process: results service, ${r.size}`, rps: 1000 / service.p50, p50: service.p50, p99: service.p99, errors: 0, unexpected: 0, rssMb: null,
      baseline: scanRow.scenario, ratio: scan.p50 / service.p50,
    });
  }
  db.close();

  const appT0 = performance.now();
  const app = await startChild('app', 'servers/app.js', [file]);
  let healthyMs = NaN;
  for (let i = 0; i < 500; i++) {
    const res = await fetch(`${app.url}/healthz`).catch(() => undefined);
    if (res?.status === 200) {
      healthyMs = performance.now() - appT0;
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const idleRss = rssMb(app.proc.pid);
  const base = `/r/${seeded.survey.linkToken}`;
  const csrfCookie = `ps_csrf=${seeded.csrf.cookie}`;
  const pageCookies = seeded.pageDrafts.map((id) => ({ cookie: `${csrfCookie}; ps_draft=${id}` }));

  // What a browser sends: the page then comes compressed (autocannon alone asks for it as it is).
  const browserEncodings = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  const pages: { key: string; scenario: string; path: string; expect: string | RegExp; init?: RequestInit; headers?: Record<string, string>; variants?: { cookie: string }[]; aim: number }[] = [
    { key: 'home', scenario: 'home page', path: '/', expect: 'Powershare', aim: 0.8 },
    { key: 'join', scenario: 'join page', path: '/join', expect: 'name="code"', aim: 0.8 },
    { key: 'welcome', scenario: 'welcome page', path: base, expect: seeded.survey.name, aim: 0.8 },
    { key: 'theme', scenario: 'theme page 1, with its draft', path: `${base}/themes/1`, expect: 'Theme 1 of', init: { headers: { cookie: pageCookies[0].cookie } }, variants: pageCookies, aim: 0.5 },
    {
      key: 'theme-br', scenario: 'theme page 1, as browsers ask (brotli)', path: `${base}/themes/1`, expect: 'Theme 1 of',
      init: { headers: { cookie: pageCookies[0].cookie, ...browserEncodings } }, headers: browserEncodings, variants: pageCookies, aim: 0.5,
    },
  ].filter((p) => runs(p.key));
  if (pages.length > 0) {
    console.log('Respondent pages (GET), each beside a fresh measure of baseline (a):');
    const A1 = '(a) baseline: Express+helmet, fixed 2 KB page';
    const A2 = "(a') the same, on the app's HTTP server";
    const staticBase = await startChild('static', 'servers/static-baseline.js', []);
    await preflight(staticBase.url, {}, 200);
    for (const [i, p] of pages.entries()) {
      // Baseline (a) again beside each page (the first keeps the plain name, for comparing runs).
      const A = i === 0 ? A1 : `(a) baseline again, beside the ${p.key} page`;
      await measure({ scenario: A, server: staticBase, spec: { path: '/' }, expect: 200 });
      const body = await preflight(`${app.url}${p.path}`, p.init ?? {}, 200, p.expect);
      if (p.key === 'theme') check(body.includes(`value="${seeded.csrf.token}"`), 'theme page carries the form token that goes with its CSRF cookie');
      if (p.headers) {
        const encoded = (await fetch(`${app.url}${p.path}`, p.init)).headers.get('content-encoding');
        check(encoded === 'br', `theme page asked for as browsers ask comes with Content-Encoding ${encoded}`);
      }
      await measure({
        scenario: p.scenario, server: app, spec: { path: p.path, ...(p.headers ? { headers: p.headers } : {}), ...(p.variants ? { variants: p.variants } : {}) }, expect: 200, baseline: A,
        aim: { text: `>= ${p.aim} of (a)`, ratio: p.aim },
      });
    }
    await staticBase.stop();
    // For comparison only: the same bare server with its requests made as the app's are (web/http-server.ts).
    const madeAsApp = await startChild('static-made-as-app', 'servers/static-baseline.js', ['--express-prototypes']);
    await preflight(madeAsApp.url, {}, 200);
    await measure({ scenario: A2, server: madeAsApp, spec: { path: '/' }, expect: 200, baseline: A1 });
    await madeAsApp.stop();
  }
  // Saving and sending share baseline (b) and the check of stored rows: either key runs both.
  if (runs('save') || runs('send')) {
    console.log('Saving answers (POST):');
    const insertBase = await startChild('insert', 'servers/insert-baseline.js', [path.join(dir, 'insert-baseline.db')]);
    const B = '(b) baseline: Express, 40 fields, 1+40 rows';
    const fortyFields = form(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i + 1}`, String(i % 5)])));
    await preflight(insertBase.url, { method: 'POST', headers: FORM, body: fortyFields }, 303);
    const b = await measure({ scenario: B, server: insertBase, spec: { path: '/', method: 'POST', headers: FORM, body: fortyFields }, expect: 303 });
    await insertBase.stop();
    {
      const check40 = openDatabase(path.join(dir, 'insert-baseline.db'));
      const responses = (check40.prepare('SELECT COUNT(*) AS n FROM responses').get() as { n: number }).n;
      const answers = (check40.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n;
      check40.close();
      // +1: the preflight request. Up to one request a connection may be stored as the run stops, unanswered.
      const ok = responses >= b.expected + 1 && responses <= b.expected + 1 + CONNECTIONS && answers === 40 * responses;
      check(ok, `baseline (b) stored ${responses} responses with 40 answers each for ${b.expected + 1} answers 303 (and up to ${CONNECTIONS} in flight at the stop)`);
    }

    const saveBody = form({ ...seeded.themeOneBody, _csrf: seeded.csrf.token, _action: 'next' });
    await preflight(`${app.url}${base}/themes/1`, { method: 'POST', headers: { ...FORM, cookie: pageCookies[0].cookie }, body: saveBody }, 303);
    const saveVariants = pageCookies.map((v) => ({ ...v, body: saveBody }));
    const save = await measure({
      scenario: 'save theme page 1', server: app, spec: { path: `${base}/themes/1`, method: 'POST', headers: FORM, variants: saveVariants },
      expect: 303, baseline: B, aim: { text: '>= 0.8 of (b)', ratio: 0.8 },
    });

    // Each draft is sent once: the run stops when they run out (or after BENCH_SECONDS).
    const sendVariants = seeded.sendDrafts.map((id) => ({ cookie: `${csrfCookie}; ps_draft=${id}`, body: form({ _csrf: seeded.csrf.token }) }));
    const sent = await measure({
      scenario: 'send answers (final submit)', server: app, spec: { path: `${base}/submit`, method: 'POST', headers: FORM, variants: sendVariants, amount: sendVariants.length },
      expect: 303, baseline: B, aim: { text: '>= 0.8 of (b)', ratio: 0.8 },
    });
    {
      // Requests still in flight when the load stopped may commit meanwhile: let them finish, and
      // read everything in one transaction (one snapshot).
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = openDatabase(file);
      const r = createRepositories(after);
      after.exec('BEGIN');
      const pending = r.responses.countPending(seeded.survey.id);
      const submitted = seeded.sendDrafts.filter((id) => (r.responses.findDraft(id, Date.now())?.submittedAt ?? null) !== null).length;
      const saved = seeded.pageDrafts.filter((id) => {
        const d = r.responses.findDraft(id, Date.now());
        const answers = (d?.answers ?? {}) as Record<string, { type: string; value?: number }>;
        return Object.entries(seeded.themeOneBody).every(([item, v]) => answers[item]?.value === Number(v));
      }).length;
      after.exec('COMMIT');
      after.close();
      check(saved === seeded.pageDrafts.length, `after ${save.expected} saves, ${saved} of ${seeded.pageDrafts.length} drafts hold theme 1's answers`);
      // As for (b): requests in flight when the time ran out may be stored without being counted.
      check(pending >= sent.expected && pending <= sent.expected + CONNECTIONS && submitted === pending, `${sent.expected} sends answered 303: ${pending} responses wait for release, ${submitted} drafts marked sent`);
    }
  }

  if (runs('reports')) {
    console.log('Reports (GET, one connection):');
    for (const r of seeded.reports) {
      const C = `(c) baseline: scan aggregation, ${r.size}`;
      const aggBase = await startChild('aggregate', 'servers/aggregate-baseline.js', [file]);
      await preflight(`${aggBase.url}/rounds/${r.round.id}`, {}, 200, '"themeId"');
      await measure({ scenario: C, server: aggBase, spec: { path: `/rounds/${r.round.id}`, connections: 1, duration: REPORT_SECONDS }, expect: 200 });
      await aggBase.stop();
      const under = r.size <= 10_000 ? 10 : 100;
      await preflight(`${app.url}/share/${r.shareToken}`, {}, 200, r.round.name);
      await measure({
        scenario: `report page (HTML), ${r.size} responses`, server: app, spec: { path: `/share/${r.shareToken}`, connections: 1, duration: REPORT_SECONDS },
        expect: 200, baseline: C, aim: { text: `p50 < ${under} ms`, p50Under: under },
      });
      const plain = { authorization: `Bearer ${r.plainToken}` };
      const json = JSON.parse(await preflight(`${app.url}/api/rounds/${r.round.id}/results`, { headers: plain }, 200)) as { respondents: { total: number } };
      check(json.respondents.total === r.size, `report API counts ${json.respondents.total} of ${r.size} respondents`);
      await measure({
        scenario: `report API (JSON), ${r.size} responses`, server: app, spec: { path: `/api/rounds/${r.round.id}/results`, headers: plain, connections: 1, duration: REPORT_SECONDS },
        expect: 200, baseline: C, aim: { text: `p50 < ${under} ms`, p50Under: under },
      });
      // The API carries every comment (the page shows 20 a theme): with a link that includes them.
      const withComments = { authorization: `Bearer ${r.shareToken}` };
      const full = JSON.parse(await preflight(`${app.url}/api/rounds/${r.round.id}/results`, { headers: withComments }, 200)) as { themes: { comments: string[] }[] };
      const comments = full.themes.reduce((n, t) => n + t.comments.length, 0);
      await measure({
        scenario: `report API + all ${comments} comments, ${r.size}`, server: app, spec: { path: `/api/rounds/${r.round.id}/results`, headers: withComments, connections: 1, duration: REPORT_SECONDS },
        expect: 200, baseline: C,
      });
    }
  }
  const finalRss = rssMb(app.proc.pid);
  // Between the readings after each scenario: what a request's garbage held at its height.
  const highWaterRss = rssMb(app.proc.pid, 'VmHWM');
  const peakRss = Math.max(...rows.filter((r) => r.rssMb !== null && !r.scenario.startsWith('(')).map((r) => r.rssMb!));
  await app.stop();

  if (process.env.WORKSHOP !== '0') {
    console.log('Workshop room (test/bench/workshop.ts):');
    // Its own failure (e.g. a stream waiting longer than STREAM_WAIT_MS on a very loaded machine) is
    // reported as a failed check; the rest of the table still prints.
    const out = await new Promise<string>((resolve) => {
      const proc = spawn(process.execPath, [path.join(HERE, 'workshop.js')], {
        env: { ...process.env, BENCH_JSON: '1', STREAM_WAIT_MS: process.env.STREAM_WAIT_MS ?? '180000' },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let text = '';
      proc.stdout.on('data', (c: Buffer) => (text += c.toString()));
      proc.once('exit', (code) => {
        if (code !== 0) check(false, `the workshop room benchmark exited ${code} (run npm run bench:workshop to see why)`);
        resolve(text);
      });
    });
    const runs = out.split('\n').filter((l) => l.startsWith('BENCH_JSON ')).map((l) => JSON.parse(l.slice(11)) as {
      label: string; streams: number; requests: number; seconds: number; errors: number; sent: number; lagMedianMs: number | null; lagMaxMs: number | null;
    });
    const W = 'workshop room, no stream open (baseline)';
    for (const w of runs) {
      const rps = w.requests / w.seconds;
      const baseRow = w.streams > 0 ? rows.find((r) => r.scenario === W) : undefined;
      rows.push({
        scenario: w.streams > 0 ? `workshop room, ${w.streams} streams open` : W,
        rps, p50: w.lagMedianMs ?? NaN, p99: w.lagMaxMs ?? NaN, errors: w.errors, unexpected: 0, rssMb: null,
        baseline: baseRow?.scenario, ratio: baseRow ? rps / baseRow.rps : undefined,
        aim: w.streams > 0 ? 'no errors, every response counted' : undefined, met: w.streams > 0 ? w.errors === 0 && w.sent * w.requests > 0 : undefined,
      });
      check(w.errors === 0, `${w.label}: ${w.sent} responses counted, ${w.errors} errors (p50/p99 columns: the final count's lag on the streams, median/max)`);
    }
  }

  console.log('');
  console.log(formatTable(rows));
  console.log('');
  console.log('Server CPU time per request (its ratio to the baseline moves less with the machine\'s load than req/s):');
  for (const r of rows.filter((x) => x.cpuUs !== undefined && !x.scenario.startsWith('report'))) {
    console.log(`  ${r.scenario.padEnd(44)} ${r.cpuUs!.toFixed(0).padStart(6)} µs${r.cpuRatio === undefined ? '' : `   ratio ${r.cpuRatio.toFixed(2)}`}`);
  }
  console.log('');
  console.log(`start to healthy /healthz: ${healthyMs.toFixed(0)} ms (listening after ${app.listeningMs.toFixed(0)} ms; database of ${REPORT_SIZES.reduce((a, b) => a + b, 0)} responses) -- aim < 1000 ms: ${healthyMs < 1000 ? 'met' : 'NOT MET'}`);
  console.log(`server RSS: ${idleRss?.toFixed(0)} MB idle, ${peakRss.toFixed(0)} MB at most after a scenario, ${finalRss?.toFixed(0)} MB at the end -- aim < 120 MB: ${peakRss < 120 ? 'met' : 'NOT MET'}`);
  // The first of the app's scenarios after which the high-water mark was what it is at the end: the one that set it.
  const setBy = rows.find((r) => !r.scenario.startsWith('(') && r.highWaterMb != null && highWaterRss !== null && r.highWaterMb >= highWaterRss);
  console.log(`server RSS at its highest at any moment (VmHWM): ${highWaterRss?.toFixed(0)} MB${setBy ? `, during "${setBy.scenario}"` : ''} -- ${highWaterRss !== null && highWaterRss < 120 ? 'under' : 'not under'} 120 MB`);
  for (const n of notes) console.log(n);

  const previousFile = path.join(OUT_DIR, 'latest.json');
  const previous = fs.existsSync(previousFile) ? (JSON.parse(fs.readFileSync(previousFile, 'utf8')) as { startedAt: string; rows: Row[] }) : undefined;
  const record = {
    startedAt: started.toISOString(),
    machine: { cores: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: os.totalmem() / 2 ** 30, loadAverage: os.loadavg(), node: process.version },
    options: { seconds: SECONDS, connections: CONNECTIONS, reportSeconds: REPORT_SECONDS, reportSizes: REPORT_SIZES, sendDrafts: SEND_DRAFTS },
    startToHealthyMs: healthyMs,
    rssMb: { idle: idleRss, peak: peakRss, final: finalRss, highWater: highWaterRss },
    rows,
    checks: notes,
  };
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(OUT_DIR, `bench-${stamp}.json`), JSON.stringify(record, null, 2));
  fs.writeFileSync(previousFile, JSON.stringify(record, null, 2));
  console.log(`\nFigures written to bench-results/bench-${stamp}.json (and latest.json).`);
  if (previous) {
    console.log(`Since the previous run (${previous.startedAt}):`);
    for (const line of compareRuns(rows, previous.rows)) console.log(`  ${line}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
