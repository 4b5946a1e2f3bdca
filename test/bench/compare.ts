/**
 * `npm run bench:compare [-- <build> ...]`: one respondent page's server CPU time a request, for
 * builds of the app side by side, beside baseline (a) and, for the theme page, the least such a
 * page must do on this stack (servers/theme-floor.ts). Never part of `npm test`.
 *
 * `npm run bench` measures each scenario once, for 8 s; on a shared machine its figures move by
 * up to a third from one run to the next, which hides any change worth less than that. Here every
 * server runs at once on its own copy of one seeded database, and each is driven in turn for a
 * short burst (COMPARE_SECONDS), round after round (COMPARE_ROUNDS), starting each round one
 * server further on; so a change of load on the machine falls on all of them alike. What is
 * compared is the server's own CPU time (from /proc) over all its bursts, divided by the requests
 * it answered. Two builds of the same code come out within about 2% of each other in 10 rounds.
 *
 * A build is a folder holding a benchmark build (what `tsc -p tsconfig.bench.json` writes, with
 * test/bench/servers/app.js in it); none named: this checkout's own, dist-bench/. To build another
 * commit beside this one (docs/performance.md):
 *   git worktree add /tmp/before <commit> && ln -s "$PWD/node_modules" /tmp/before/
 *   (cd /tmp/before && node scripts/copy-vendor.js && npx tsc -p tsconfig.bench.json)
 *   npm run bench:compare -- /tmp/before/dist-bench dist-bench
 * Options (environment): COMPARE_PAGE=theme (home, join, welcome, theme or theme-br: the theme
 * page compressed, as browsers ask for it), COMPARE_ROUNDS=10,
 * COMPARE_SECONDS=2, BENCH_CONNECTIONS=50.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '../../src/config';
import { checkpointDatabase, migrate, openDatabase } from '../../src/db';
import { createServices } from '../../src/services';
import { SERVER_NODE_FLAGS } from '../../src/node-flags';
import type { LoadSpec } from './load';
import { cpuMs, runLoad, startServerProcess, type Child } from './processes';
import { seed } from './seed';

const PAGES = ['home', 'join', 'welcome', 'theme', 'theme-br'] as const;
type Page = (typeof PAGES)[number];
const PAGE = (process.env.COMPARE_PAGE ?? 'theme') as Page;
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 10);
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const HERE = __dirname;

interface Contender {
  name: string;
  server: Child;
  spec: Omit<LoadSpec, 'url' | 'connections' | 'duration'> & { path: string };
  cpuMs: number;
  answered: number;
  perRound: number[];
}

async function main() {
  if (!PAGES.includes(PAGE)) throw new Error(`COMPARE_PAGE is one of ${PAGES.join(', ')}`);
  if (!(ROUNDS >= 1 && ROUNDS <= 100 && SECONDS >= 1 && SECONDS <= 30)) throw new Error('COMPARE_ROUNDS is 1 to 100, COMPARE_SECONDS 1 to 30');
  const builds = process.argv.slice(2);
  if (builds.length === 0) builds.push(path.join(HERE, '..', '..'));
  for (const b of builds) if (!fs.existsSync(path.join(b, 'test/bench/servers/app.js'))) throw new Error(`${b} holds no benchmark build (test/bench/servers/app.js)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-compare-'));
  const seedFile = path.join(dir, 'seed.db');
  const db = openDatabase(seedFile);
  migrate(db);
  const seeded = seed(db, createServices({ db, config: testConfig({ databasePath: seedFile }) }), { pageDrafts: 50, sendDrafts: 0, reportSizes: [], log: () => undefined });
  checkpointDatabase(db);
  const copies = await Promise.all(['floor', ...builds.map((_, i) => `build-${i}`)].map(async (name) => {
    const file = path.join(dir, `${name}.db`);
    await db.backup(file);
    return file;
  }));
  db.close();

  const base = `/r/${seeded.survey.linkToken}`;
  const csrfCookie = `ps_csrf=${seeded.csrf.cookie}`;
  const drafts = seeded.pageDrafts.map((id) => ({ cookie: `${csrfCookie}; ps_draft=${id}` }));
  const paths: Record<Page, Contender['spec']> = {
    home: { path: '/' },
    join: { path: '/join' },
    welcome: { path: base },
    theme: { path: `${base}/themes/1`, variants: drafts },
    // The theme page as browsers ask for it: compressed (brotli).
    'theme-br': { path: `${base}/themes/1`, variants: drafts, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } },
  };
  const contenders: Contender[] = [];
  const running: Child[] = [];
  const launch = async (name: string, script: string, args: string[], flags: readonly string[] = []) => {
    const child = await startServerProcess(name, script, args, flags);
    running.push(child);
    return child;
  };
  const add = (name: string, server: Child, spec: Contender['spec']) => contenders.push({ name, server, spec, cpuMs: 0, answered: 0, perRound: [] });
  try {
    const apps: Child[] = [];
    for (const [i, b] of builds.entries()) apps.push(await launch(`build-${i}`, path.join(b, 'test/bench/servers/app.js'), [copies[i + 1]], SERVER_NODE_FLAGS));
    add('(a) baseline: Express+helmet, fixed 2 KB page', await launch('static', path.join(HERE, 'servers/static-baseline.js'), []), { path: '/' });
    if (PAGE === 'theme') {
      // The floor sends a page as big as the first build's theme page.
      const page = await fetch(`${apps[0].url}${paths.theme.path}`, { headers: { cookie: drafts[0].cookie } });
      const bytes = (await page.arrayBuffer()).byteLength;
      add(`the least a theme page does (${(bytes / 1024).toFixed(1)} KB)`, await launch('floor', path.join(HERE, 'servers/theme-floor.js'), [copies[0], String(bytes)]), paths.theme);
    }
    builds.forEach((b, i) => add(`${PAGE} page, ${path.relative(process.cwd(), b) || '.'}`, apps[i], paths[PAGE]));
    for (const c of contenders) {
      const res = await fetch(`${c.server.url}${c.spec.path}`, { headers: c.spec.variants ? { cookie: c.spec.variants[0].cookie! } : {} });
      if (res.status !== 200) throw new Error(`${c.name} answered ${res.status}`);
    }
    console.log(`npm run bench:compare: the ${PAGE} page, ${ROUNDS} rounds of ${SECONDS} s a server, ${CONNECTIONS} connections; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    // A first burst each, not counted: code optimised, pages kept.
    for (const c of contenders) await burst(c);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(round + k) % contenders.length];
        const { cpu, answered } = await burst(c);
        c.cpuMs += cpu;
        c.answered += answered;
        c.perRound.push((cpu * 1000) / Math.max(1, answered));
      }
    }
  } finally {
    await Promise.all(running.map((c) => c.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const us = (c: Contender) => (c.cpuMs * 1000) / c.answered;
  const baseline = us(contenders[0]);
  const first = contenders.find((c) => c.name.startsWith(`${PAGE} page`))!;
  console.log(`\n${'server'.padEnd(56)} ${'µs/request'.padStart(10)} ${'rounds from–to'.padStart(15)} ${'ratio to (a)'.padStart(13)} ${'to the first build'.padStart(19)}`);
  for (const c of contenders) {
    const spread = `${Math.min(...c.perRound).toFixed(0)}–${Math.max(...c.perRound).toFixed(0)}`;
    const own = c.name.startsWith(`${PAGE} page`) ? (us(c) / us(first)).toFixed(3) : '';
    console.log(`${c.name.padEnd(56)} ${us(c).toFixed(1).padStart(10)} ${spread.padStart(15)} ${(baseline / us(c)).toFixed(2).padStart(13)} ${own.padStart(19)}`);
  }
}

/** Drives one server for COMPARE_SECONDS; its CPU time (ms) and the requests it answered 200. */
async function burst(c: Contender): Promise<{ cpu: number; answered: number }> {
  const before = cpuMs(c.server.proc.pid);
  const result = await runLoad({ ...c.spec, url: `${c.server.url}${c.spec.path}`, connections: CONNECTIONS, duration: SECONDS });
  const after = cpuMs(c.server.proc.pid);
  const answered = result.statusCodeStats['200']?.count ?? 0;
  const others = Object.entries(result.statusCodeStats).filter(([code]) => code !== '200');
  if (others.length > 0 || result.errors > 0) throw new Error(`${c.name}: ${JSON.stringify(Object.fromEntries(others))}, ${result.errors} errors`);
  if (before === null || after === null) throw new Error(`${c.name}: no CPU time in /proc (Linux only)`);
  return { cpu: after - before, answered };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
