/* global fetch, setTimeout, clearTimeout, URLSearchParams, AbortSignal */
// Crash safety (issue 13, item 5). Starts the real built server (node dist/server.js) as a child
// process on 127.0.0.1 with a temporary database, drives concurrent respondents through join,
// role, every theme page and submit over HTTP, SIGKILLs the server's process group at several
// points, restarts it, retries interrupted submits with the same cookies, and checks:
//   - every acknowledged submission (303 to /thanks) is stored exactly once, whole;
//   - no submission is stored twice, none half-written (every waiting or released response has
//     all its answers; comments match responses);
//   - every draft whose save was acknowledged resumes with what it held;
//   - PRAGMA integrity_check is ok and foreign_key_check is empty.
// Prints acknowledged / stored / lost and exits 1 on any loss or failed check.
//
//   npm run build && node scripts/crash-test.js        (CRASH_RESPONDENTS, CRASH_KILLS to change)
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const PER_PHASE = Number(process.env.CRASH_RESPONDENTS ?? 80);
const KILLS = Number(process.env.CRASH_KILLS ?? 4);
const TIME_LIMIT_MS = 150_000;
const started = Date.now();

if (!fs.existsSync(path.join(DIST, 'server.js'))) {
  console.error('crash-test: dist/server.js is missing: run `npm run build` first.');
  process.exit(1);
}
const Database = require('better-sqlite3');
const { openDatabase, migrate } = require(path.join(DIST, 'db'));
const { createServices } = require(path.join(DIST, 'services'));
const { defaultRoles } = require(path.join(DIST, 'services', 'rounds'));
const { DEFAULT_QUESTIONNAIRE_ID } = require(path.join(DIST, 'questionnaires'));
const { loadConfig } = require(path.join(DIST, 'config'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-crash-'));
const dbFile = path.join(dir, 'powershare.db');
const env = { PATH: process.env.PATH, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: dbFile };

// --- the round everyone answers ---------------------------------------------------------------
function seed() {
  const config = loadConfig(env);
  const db = openDatabase(dbFile);
  migrate(db);
  const services = createServices({ db, config });
  const org = services.organisations.create('Crash Test Trust');
  const q = services.questionnaires.get(DEFAULT_QUESTIONNAIRE_ID, 1);
  const round = services.rounds.create(org.id, {
    name: 'Crash test round',
    questionnaireId: q.id,
    questionnaireVersion: q.version,
    form: 'full',
    mode: 'survey',
    roles: defaultRoles(q),
    minGroupSize: 3,
    opensAt: null,
    closesAt: null,
    intro: '',
    // Batches: some answers are released (moved into the results tables) while the server is
    // being killed, so that transaction is crash-tested too.
    resultsRelease: 'batches',
  });
  const opened = services.rounds.open(round.id);
  db.close();
  return opened.linkToken;
}

// --- the server --------------------------------------------------------------------------------
let server;
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(DIST, 'server.js')], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 15_000);
    const onData = (chunk) => {
      out += chunk;
      const m = /Powershare is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, url: m[1] });
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!/Powershare is running/.test(out)) reject(new Error(`server exited (${code ?? signal}) before starting:\n${out}`));
    });
  });
}

function kill(s) {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    // The whole process group: the server and anything it started.
    process.kill(-s.child.pid, 'SIGKILL');
  });
}

function stop(s) {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    process.kill(s.child.pid, 'SIGTERM');
  });
}

/** Runs `node dist/cli.js …` against the same database; resolves with its exit code and output. */
function cli(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

// --- a respondent: a cookie jar and fetch --------------------------------------------------------
class Browser {
  constructor() {
    this.cookies = new Map();
  }
  async request(method, pathname, form) {
    const headers = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const res = await fetch(server.url + pathname, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, location: res.headers.get('location'), text };
  }
}

const csrfOf = (html) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** The fields of a theme page: each radio group answered with its first scored option, the first comment box with `comment`. */
function themeFields(html, comment) {
  const fields = {};
  for (const m of html.matchAll(/<input[^>]*type="radio"[^>]*name="([^"]+)"[^>]*value="([^"]+)"/g)) {
    if (!(m[1] in fields) && m[2] !== 'dk') fields[m[1]] = m[2];
  }
  const boxes = [...html.matchAll(/<textarea[^>]*name="([^"]+)"/g)].map((m) => m[1]);
  if (comment && boxes.length) fields[boxes[0]] = comment;
  return { fields, radios: Object.keys(fields).filter((k) => !boxes.includes(k)).length, boxes: boxes.length };
}

const tally = { acknowledged: new Set(), interrupted: new Set(), savedDrafts: new Map(), attempted: 0, retried: 0, killedDuring: {}, cleanFailures: [] };
let scoredItems; // radio groups across all theme pages
let themePages;

/** One respondent; `kind` is 'submit' or 'save' (saves theme 1 and stops). Throws when the server dies. */
async function respondent(linkToken, id, kind, state) {
  const b = state.browser;
  const base = `/r/${linkToken}`;
  const marker = `crash-marker-${id}`;
  state.marker = marker;
  state.step = 'welcome';
  const welcome = await b.request('GET', base);
  let token = csrfOf(welcome.text);
  if (!token) throw new Error(`no form on the welcome page (${welcome.status})`);
  state.step = 'start';
  let res = await b.request('POST', `${base}/start`, { _csrf: token });
  if (res.status !== 303) throw new Error(`start answered ${res.status}`);
  state.step = 'role';
  const rolePage = await b.request('GET', `${base}/role`);
  const role = /name="role"[^>]*value="([^"]+)"/.exec(rolePage.text)?.[1];
  token = csrfOf(rolePage.text);
  res = await b.request('POST', `${base}/role`, { _csrf: token, role });
  if (res.status !== 303) throw new Error(`role answered ${res.status}`);
  let n = 1;
  let radios = 0;
  for (;;) {
    state.step = `theme ${n}`;
    const page = await b.request('GET', `${base}/themes/${n}`);
    if (page.status === 404) break;
    if (page.status !== 200) throw new Error(`theme ${n} answered ${page.status}`);
    const { fields, radios: r } = themeFields(page.text, n === 1 ? marker : '');
    radios += r;
    const sent = await b.request('POST', `${base}/themes/${n}`, { _csrf: csrfOf(page.text), ...fields, ...(kind === 'save' ? { _action: 'later' } : {}) });
    if (sent.status !== 303) throw new Error(`theme ${n} save answered ${sent.status}`);
    if (kind === 'save') {
      // Acknowledged: this draft must come back with the marker in it.
      tally.savedDrafts.set(id, { browser: b, marker, base });
      return;
    }
    if (sent.location.endsWith('/check')) break;
    n++;
  }
  if (scoredItems === undefined) {
    scoredItems = radios;
    themePages = n;
  }
  state.step = 'check';
  const check = await b.request('GET', `${base}/check`);
  state.submitToken = csrfOf(check.text);
  state.step = 'submit';
  res = await b.request('POST', `${base}/submit`, { _csrf: state.submitToken });
  if (res.status === 303 && res.location === `${base}/thanks`) tally.acknowledged.add(marker);
  else throw new Error(`submit answered ${res.status} ${res.location}`);
}

async function retrySubmit(linkToken, state) {
  const base = `/r/${linkToken}`;
  tally.retried++;
  const res = await state.browser.request('POST', `${base}/submit`, { _csrf: state.submitToken });
  if (res.status === 303 && res.location === `${base}/thanks`) {
    tally.acknowledged.add(state.marker);
    tally.interrupted.delete(state);
  }
}

async function phase(linkToken, number, killAtFraction) {
  const states = [];
  let done = 0;
  const kinds = (i) => (i % 5 === 4 ? 'save' : 'submit');
  const killAfter = Math.max(1, Math.floor(PER_PHASE * killAtFraction));
  let killed = false;
  let killing;
  const runs = [];
  for (let i = 0; i < PER_PHASE; i++) {
    const id = `${number}-${i}`;
    const state = { browser: new Browser(), id };
    states.push(state);
    tally.attempted++;
    runs.push(
      respondent(linkToken, id, kinds(i), state).then(
        () => {
          done++;
          if (killAtFraction < 1 && !killed && done >= killAfter) {
            killed = true;
            // A little later, so the kill lands in the middle of other requests.
            killing = new Promise((r) => setTimeout(r, Math.floor(Math.random() * 15))).then(() => kill(server));
          }
        },
        (err) => {
          if (killAtFraction >= 1) tally.cleanFailures.push(`${id} at ${state.step}: ${err.message}`);
          if (state.step === 'submit') tally.interrupted.add(state);
          tally.killedDuring[state.step.replace(/\d+/, 'n')] = (tally.killedDuring[state.step.replace(/\d+/, 'n')] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(runs);
  if (killing) await killing;
  return killed;
}

// --- the checks ----------------------------------------------------------------------------------
function inspect() {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const fk = db.pragma('foreign_key_check');
    const pending = db.prepare('SELECT body FROM pending_responses').pluck().all().map((b) => JSON.parse(b));
    const responses = db.prepare('SELECT id FROM responses').pluck().all();
    const answersPer = db.prepare('SELECT COUNT(*) FROM answers WHERE response_id = ?').pluck();
    const comments = db.prepare('SELECT body FROM comments').pluck().all();
    const orphanAnswers = db.prepare('SELECT COUNT(*) FROM answers WHERE response_id NOT IN (SELECT id FROM responses)').pluck().get();
    const markers = new Map();
    const add = (text) => {
      for (const m of String(text).matchAll(/crash-marker-\d+-\d+/g)) markers.set(m[0], (markers.get(m[0]) ?? 0) + 1);
    };
    const problems = [];
    for (const p of pending) {
      const r = p.response ?? p;
      if (!Array.isArray(r.answers) || r.answers.length !== scoredItems) problems.push(`a waiting response has ${r.answers?.length} answers, not ${scoredItems}`);
      if (!Array.isArray(r.comments) || r.comments.length !== 1) problems.push(`a waiting response has ${r.comments?.length} comments, not 1`);
      for (const c of r.comments ?? []) add(c.body);
    }
    for (const id of responses) {
      const n = answersPer.get(id);
      if (n !== scoredItems) problems.push(`response ${id} has ${n} answers, not ${scoredItems}`);
    }
    for (const c of comments) add(c);
    if (comments.length !== responses.length) problems.push(`${comments.length} comments for ${responses.length} released responses (each sent one)`);
    if (orphanAnswers) problems.push(`${orphanAnswers} answers belong to no response`);
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} rows`);
    return { problems, markers, stored: pending.length + responses.length, waiting: pending.length, released: responses.length };
  } finally {
    db.close();
  }
}

async function main() {
  const linkToken = seed();
  server = await startServer();
  const fractions = [0.1, 0.35, 0.6, 0.85, 0.5, 0.25].slice(0, KILLS);
  let kills = 0;
  for (let p = 0; p < fractions.length; p++) {
    if (Date.now() - started > TIME_LIMIT_MS) throw new Error('time limit reached');
    const killed = await phase(linkToken, p + 1, fractions[p]);
    if (killed) kills++;
    else await kill(server); // the phase finished before its kill point: kill it idle instead
    server = await startServer();
    // Interrupted submits are sent again with the same cookies: stored once, never twice.
    await Promise.all([...tally.interrupted].map((s) => retrySubmit(linkToken, s).catch(() => {})));
  }
  // A last phase without a kill, with an online backup taken by the CLI (another process) while
  // respondents answer, and a restore that must refuse because the server has the database open.
  const backupFile = path.join(dir, 'backup.db');
  const [, backup] = await Promise.all([phase(linkToken, fractions.length + 1, 1), cli(['backup', backupFile])]);
  const refused = await cli(['restore', backupFile]);
  const backupProblems = [];
  if (backup.code !== 0 || !/checked \(integrity_check ok, row counts match\)/.test(backup.out)) backupProblems.push(`backup while serving failed (${backup.code}): ${backup.out}`);
  if (refused.code !== 1 || !/in use \(is the server running\?\)/.test(refused.out)) backupProblems.push(`restore did not refuse while the server runs (${refused.code}): ${refused.out}`);
  const draftProblems = [];
  for (const [id, d] of tally.savedDrafts) {
    const page = await d.browser.request('GET', `${d.base}/check`);
    if (page.status !== 200 || !page.text.includes(d.marker)) draftProblems.push(`draft ${id} did not resume with its answers (${page.status})`);
  }
  await stop(server);
  if (process.env.CRASH_SELFTEST === 'drop') {
    // Proves the checks can fail: one acknowledged response is removed before they run.
    const db = new Database(dbFile);
    const pendingId = db.prepare('SELECT id FROM pending_responses LIMIT 1').pluck().get();
    if (pendingId) db.prepare('DELETE FROM pending_responses WHERE id = ?').run(pendingId);
    else {
      db.prepare('DELETE FROM responses WHERE id = (SELECT MIN(id) FROM responses)').run();
      db.prepare('DELETE FROM comments WHERE id = (SELECT MIN(id) FROM comments)').run();
    }
    db.close();
    console.log('crash-test: CRASH_SELFTEST=drop removed one stored response; this run must fail.');
  }

  const { problems, markers, stored, waiting, released } = inspect();
  const lost = [...tally.acknowledged].filter((m) => (markers.get(m) ?? 0) === 0);
  const twice = [...markers].filter(([, n]) => n > 1).map(([m]) => m);
  const unacknowledgedStored = [...markers.keys()].filter((m) => !tally.acknowledged.has(m)).length;
  console.log(
    [
      `crash-test: ${kills} SIGKILLs during ${fractions.length} phases of ${PER_PHASE} concurrent respondents (+1 clean phase); ${tally.attempted} respondents, ${scoredItems} scored items on ${themePages} theme pages`,
      `  acknowledged ${tally.acknowledged.size}, stored ${stored} (${waiting} waiting, ${released} released), lost ${lost.length}, stored twice ${twice.length}, stored without acknowledgement ${unacknowledgedStored}`,
      `  submits retried after a restart ${tally.retried}; interrupted at: ${JSON.stringify(tally.killedDuring)}`,
      `  saved drafts checked ${tally.savedDrafts.size}, not resumed ${draftProblems.length}; integrity_check ${problems.some((p) => p.startsWith('integrity')) ? 'FAILED' : 'ok'}`,
      `  ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ].join('\n'),
  );
  console.log(`  backup while serving: ${backup.code === 0 ? 'ok' : 'FAILED'} (${(backup.out.match(/^Copying:/gm) ?? []).length} progress lines); restore while serving: ${refused.code === 1 ? 'refused' : 'NOT refused'}`);
  const all = [...problems, ...draftProblems, ...backupProblems, ...tally.cleanFailures.map((f) => `failed with no kill: ${f}`), ...lost.map((m) => `lost: ${m}`), ...twice.map((m) => `stored twice: ${m}`)];
  if (kills < Math.min(3, fractions.length)) all.push(`only ${kills} kills landed while respondents were active`);
  if (tally.acknowledged.size === 0) all.push('nothing was acknowledged: the test proved nothing');
  if (all.length) {
    console.error(`crash-test FAILED:\n  ${all.slice(0, 30).join('\n  ')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((err) => {
    console.error('crash-test FAILED:', err);
    process.exitCode = 1;
    if (server) return kill(server);
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
