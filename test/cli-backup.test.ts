import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { runCli, type CliIo } from '../src/cli';
import { isScored } from '../src/domain/questionnaire';
import { browserLike, makeFileTestApp, type TestContext } from './helpers/app';
import { openRound } from './helpers/rounds';

function cli(dbPath: string) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  const io = { stdin: Readable.from([]), stdout: out, stderr: err, env: { NODE_ENV: 'test', DATABASE_PATH: dbPath } } as CliIo;
  return { run: (...argv: string[]) => runCli(argv, io), output: () => ({ stdout, stderr }) };
}

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
};

/** One respondent through the real pages: start, role, first theme (with a comment), send. */
async function answer(ctx: TestContext, linkToken: string, comment: string) {
  const b = browserLike(ctx.app);
  const base = `/r/${linkToken}`;
  await b.submit(base, {}, `${base}/start`);
  await b.submit(`${base}/role`, { role: 'staff' });
  const [page1] = ctx.services.responding.pages(ctx.services.rounds.findByLinkToken(linkToken)!);
  await b.submit(`${base}/themes/1`, Object.fromEntries(page1.items.map((i) => [i.id, isScored(i) ? '4' : comment])));
  const sent = await b.submit(`${base}/check`, {}, `${base}/submit`);
  expect(sent.headers.location).toBe(`${base}/thanks`);
}

describe('npm run cli -- backup / restore (issue 13, item 7)', () => {
  let dir: string;
  let ctx: TestContext & { file: string };
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-backup-'));
    ctx = makeFileTestApp(dir);
    const round = openRound(ctx);
    for (let i = 0; i < 3; i++) await answer(ctx, round.linkToken, `comment ${i}`);
  });
  afterEach(() => {
    if (ctx.db.open) ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies the database while the app serves and writes, shows progress and verifies the copy', async () => {
    // Make the file big enough to be copied in several steps.
    const round = { linkToken: roundToken(ctx) };
    ctx.db.exec("CREATE TABLE filler (x TEXT NOT NULL) STRICT; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO filler SELECT printf('%0500d', i) FROM n;");
    const { run, output } = cli(ctx.file);
    const copy = path.join(dir, 'backups', 'copy.db');
    // The app keeps taking answers while the copy runs.
    const backup = run('backup', copy);
    const answering = Promise.all([0, 1, 2].map((i) => answer(ctx, round.linkToken, `during backup ${i}`)));
    const [code] = await Promise.all([backup, answering]);
    expect(output().stderr).toBe('');
    expect(code).toBe(0);
    const lines = output().stdout.split('\n');
    expect(lines.filter((l) => /^Copying: \d+% \(\d+ of \d+ pages\)$/.test(l)).length).toBeGreaterThan(1);
    expect(output().stdout).toContain('Copying: 100%');
    expect(output().stdout).toMatch(/Backup written to .*copy\.db and checked \(integrity_check ok, row counts match\)/);
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(3000);
    db.close();
    expect(count(copy, 'pending_responses') + count(copy, 'responses')).toBeGreaterThanOrEqual(3);
    // No temporary file is left behind.
    expect(fs.readdirSync(path.dirname(copy))).toEqual(['copy.db']);
  });

  it('never overwrites an existing file', async () => {
    const copy = path.join(dir, 'exists.db');
    fs.writeFileSync(copy, 'precious');
    const { run, output } = cli(ctx.file);
    expect(await run('backup', copy)).toBe(1);
    expect(output().stderr).toContain('already exists');
    expect(fs.readFileSync(copy, 'utf8')).toBe('precious');
  });

  it('says so when there is no database to back up', async () => {
    const { run, output } = cli(path.join(dir, 'missing.db'));
    expect(await run('backup', path.join(dir, 'x.db'))).toBe(1);
    expect(output().stderr).toContain('There is no database at');
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
  });

  it('refuses to restore while the server has the database open, and changes nothing', async () => {
    const copy = path.join(dir, 'copy.db');
    expect(await cli(ctx.file).run('backup', copy)).toBe(0);
    const before = count(ctx.file, 'pending_responses');
    const { run, output } = cli(ctx.file);
    expect(await run('restore', copy)).toBe(1);
    expect(output().stderr).toContain('is in use (is the server running?)');
    expect(count(ctx.file, 'pending_responses')).toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.includes('before-restore') || f.includes('restoring'))).toEqual([]);
  });

  it('restores a checked backup once the server has stopped, keeping the replaced database', async () => {
    const copy = path.join(dir, 'copy.db');
    expect(await cli(ctx.file).run('backup', copy)).toBe(0);
    await answer(ctx, roundToken(ctx), 'after the backup');
    const afterBackup = count(ctx.file, 'pending_responses');
    ctx.db.close(); // the server stops
    const { run, output } = cli(ctx.file);
    expect(await run('restore', copy)).toBe(0);
    expect(output().stdout).toMatch(/Restored .* \(integrity_check ok\)\. Rows: .*pending_responses 3/);
    expect(count(ctx.file, 'pending_responses')).toBe(3);
    const kept = fs.readdirSync(dir).filter((f) => f.includes('.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(count(path.join(dir, kept[0]), 'pending_responses')).toBe(afterBackup);
    const db = new Database(ctx.file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('restores over a damaged database (what a restore is often for), keeping the damaged file', async () => {
    const copy = path.join(dir, 'copy.db');
    expect(await cli(ctx.file).run('backup', copy)).toBe(0);
    ctx.db.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(ctx.file + suffix, { force: true });
    fs.writeFileSync(ctx.file, 'garbage '.repeat(1000));
    const { run, output } = cli(ctx.file);
    expect(await run('restore', copy)).toBe(0);
    expect(output().stderr).toBe('');
    expect(count(ctx.file, 'pending_responses')).toBe(3);
    const kept = fs.readdirSync(dir).filter((f) => f.includes('.before-restore-'));
    expect(fs.readFileSync(path.join(dir, kept[0]), 'utf8')).toBe('garbage '.repeat(1000));
  });

  it.each([
    ['a file that is not a database', (f: string) => fs.writeFileSync(f, 'this is not SQLite '.repeat(300)), /not a readable SQLite database|could not be opened/],
    ['a truncated copy', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2)), /integrity_check failed|malformed|not a readable/],
    ['another application’s database', (f: string) => {
      fs.rmSync(f);
      const other = new Database(f);
      other.exec('CREATE TABLE notes (x TEXT)');
      other.close();
    }, /not a Powershare database/],
    ['a backup from a newer Powershare', (f: string) => {
      const newer = new Database(f);
      newer.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
      newer.close();
    }, /migration 999 \(future\), which this version of Powershare does not know/],
    ['a missing file', (f: string) => fs.rmSync(f), /There is no database at/],
  ])('refuses to restore %s, and changes nothing', async (_what, spoil, message) => {
    const copy = path.join(dir, 'copy.db');
    expect(await cli(ctx.file).run('backup', copy)).toBe(0);
    spoil(copy);
    ctx.db.close();
    const before = fs.readFileSync(ctx.file);
    const { run, output } = cli(ctx.file);
    expect(await run('restore', copy)).toBe(1);
    expect(output().stderr).toMatch(message);
    expect(output().stderr).toContain('Nothing was changed');
    expect(fs.readFileSync(ctx.file).equals(before)).toBe(true);
  });
});

function roundToken(ctx: TestContext): string {
  return (ctx.db.prepare('SELECT link_token FROM rounds ORDER BY id LIMIT 1').pluck().get() as string);
}
