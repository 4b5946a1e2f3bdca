/**
 * Benchmark: sending one response on a file database, with the WAL checkpoint (TRUNCATE) the
 * responding service runs right after the event-loop turn of each submission (issue 16: a sent draft's text must leave the
 * WAL), beside a baseline in the same run where that checkpoint is made a no-op. Each run first
 * fills a fresh draft page by page (not timed), as a respondent would. Run with `npm run bench:submit`
 * (never part of `npm test`).
 * Options: RESPONSES=5000 (already in the round) DRAFTS=50 (in progress) RUNS=200.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { testConfig } from '../../src/config';
import { checkpointDatabase, createRepositories, migrate, openDatabase } from '../../src/db';
import { DEFAULT_QUESTIONNAIRE_ID } from '../../src/questionnaires';
import { createServices } from '../../src/services';
import { defaultRoles } from '../../src/services/rounds';
import { fillRound } from '../helpers/synthetic';

const RESPONSES = Number(process.env.RESPONSES ?? 5_000);
const DRAFTS = Number(process.env.DRAFTS ?? 50);
const RUNS = Number(process.env.RUNS ?? 200);

const pct = (times: number[], p: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(p * times.length))];

function setUp(checkpoint: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-bench-submit-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  migrate(db);
  const services = createServices({ db, config: testConfig({ databasePath: file }) });
  const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
  const org = services.organisations.create('Benchmark Trust');
  const round = services.rounds.open(services.rounds.create(org.id, {
    name: 'Benchmark round', questionnaireId: q.id, questionnaireVersion: q.version, form: 'full', mode: 'survey',
    roles: defaultRoles(q), minGroupSize: 5, opensAt: null, closesAt: null, intro: '', resultsRelease: 'after-close',
  }).id);
  fillRound(createRepositories(db), q, round, RESPONSES, 42);
  checkpointDatabase(db);
  if (!checkpoint) {
    // Baseline only: the service's checkpoint does nothing.
    const pragma = db.pragma.bind(db);
    db.pragma = ((source: string, options?: { simple?: boolean }) =>
      source.startsWith('wal_checkpoint') ? [{ busy: 0, log: 0, checkpointed: 0 }] : pragma(source, options)) as typeof db.pragma;
  }
  const pages = services.responding.pages(round);
  /** One respondent's draft, filled in page by page. */
  const fillDraft = () => {
    const draft = services.responding.startDraft(round);
    services.responding.saveRole(round, draft.id, 'staff');
    for (const page of pages) {
      const body = Object.fromEntries(page.items.map((i) => [i.id, i.kind === 'comment' ? 'A comment of middling length about meetings.' : '2']));
      services.responding.saveThemeAnswers(round, draft.id, page.theme.id, body);
    }
    return draft.id;
  };
  // Other people's drafts in progress, so the tables and the log are not empty.
  for (let i = 0; i < DRAFTS; i++) fillDraft();
  return { db, dir, services, round, fillDraft };
}

async function measure(label: string, checkpoint: boolean) {
  const { db, dir, services, round, fillDraft } = setUp(checkpoint);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const id = fillDraft();
    const t0 = performance.now();
    services.responding.submit(round, id);
    // The checkpoint runs right after the turn of the event loop that handled the send: include it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    times.push(performance.now() - t0);
  }
  const wal = fs.existsSync(`${db.name}-wal`) ? fs.statSync(`${db.name}-wal`).size : 0;
  console.log(`${label.padEnd(44)} median ${pct(times, 0.5).toFixed(2)} ms   p95 ${pct(times, 0.95).toFixed(2)} ms   WAL after: ${wal} bytes`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`Sending one response (round of ${RESPONSES}, ${DRAFTS} drafts in progress, ${RUNS} runs, synchronous=FULL):`);
void (async () => {
  await measure('submit, checkpoint a no-op (baseline)', false);
  await measure('submit with wal_checkpoint(TRUNCATE)', true);
})();
