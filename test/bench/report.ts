/**
 * Benchmark: the report for a round of 10,000 full-form responses.
 * Run with `npm run bench` (never part of `npm test`). Prints median and p95 timings of the
 * results service beside a bare baseline (the same aggregate SQL with no scoring) measured in
 * the same run. Options: RESPONSES=10000 RUNS=30.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { testConfig } from '../../src/config';
import { createRepositories, migrate, openDatabase } from '../../src/db';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { createServices } from '../../src/services';
import { defaultRoles } from '../../src/services/rounds';
import { fillRound } from '../helpers/synthetic';

const RESPONSES = Number(process.env.RESPONSES ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 30);

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { median: at(0.5), p95: at(0.95), min: sorted[0] };
}

function time(runs: number, fn: () => unknown): number[] {
  for (let i = 0; i < 3; i++) fn(); // warm up caches and the JIT
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-bench-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  migrate(db);
  const config = testConfig({ databasePath: file });
  const services = createServices({ db, config });
  const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
  const org = services.organisations.create('Benchmark Trust');
  const round = services.rounds.create(org.id, {
    name: 'Benchmark round', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
    roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: '', resultsRelease: 'after-close',
  });

  const t0 = performance.now();
  fillRound(createRepositories(db), q, round, RESPONSES, 42);
  const fillMs = performance.now() - t0;
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM answers WHERE round_id = ?').get(round.id) as { n: number }).n;

  const repos = createRepositories(db);
  const baseline = stats(time(RUNS, () => {
    repos.responses.countByRole(round.id);
    repos.results.themeMoments(round.id);
    repos.results.itemCounts(round.id);
  }));
  const report = stats(time(RUNS, () => services.results.forRound(round.id, { comments: 'visible' })));

  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log(`Report benchmark: ${RESPONSES} responses, ${rows} answer rows, full form, ${RUNS} runs (filled in ${(fillMs / 1000).toFixed(1)} s)`);
  console.log('                                   median      p95      min   (ms)');
  console.log(`baseline: aggregate SQL only     ${fmt(baseline.median)}  ${fmt(baseline.p95)}  ${fmt(baseline.min)}`);
  console.log(`results service (whole report)   ${fmt(report.median)}  ${fmt(report.p95)}  ${fmt(report.min)}`);
  console.log(`target: report median under 100 ms: ${report.median < 100 ? 'met' : 'NOT MET'}`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main();
