import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli, type CliIo } from '../src/cli';
import { migrate, openDatabase } from '../src/db';
import { testConfig } from '../src/config';
import { createServices } from '../src/services';

const PASSWORD = 'violet-harbour-kettle-58';

function io(dbPath: string, stdin: CliIo['stdin']) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  return {
    io: { stdin, stdout: out, stderr: err, env: { NODE_ENV: 'test', DATABASE_PATH: dbPath } } as CliIo,
    output: () => ({ stdout, stderr }),
  };
}

/** A fake terminal: raw mode, keystrokes sent once the CLI starts listening. */
function fakeTty(keys: string[]): CliIo['stdin'] {
  const stream = new PassThrough({ encoding: 'utf8' }) as unknown as CliIo['stdin'];
  stream.isTTY = true;
  stream.setRawMode = () => stream;
  const queue = [...keys];
  const originalOn = stream.on.bind(stream);
  stream.on = ((event: string, listener: (...args: unknown[]) => void) => {
    originalOn(event, listener);
    if (event === 'data' && queue.length) setImmediate(() => (stream as unknown as PassThrough).write(queue.shift()!));
    return stream;
  }) as typeof stream.on;
  return stream;
}

describe('npm run cli -- create-admin', () => {
  let dir: string;
  let dbPath: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'powershare-cli-'));
    dbPath = path.join(dir, 'test.db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const owners = () => {
    const db = openDatabase(dbPath);
    migrate(db);
    const list = createServices({ db, config: testConfig() }).accounts.list();
    db.close();
    return list;
  };

  it('creates the owner with the first line piped to standard input', async () => {
    const { io: cliIo, output } = io(dbPath, Readable.from([`${PASSWORD}\r\nignored\n`]));
    expect(await runCli(['create-admin', '--email', 'Owner@Example.org'], cliIo)).toBe(0);
    expect(output().stdout).toContain('Owner account created for owner@example.org');
    expect(owners()).toMatchObject([{ email: 'owner@example.org', role: 'owner', hasPassword: true }]);
  });

  it('reads the password twice, hidden, at a terminal', async () => {
    const { io: cliIo, output } = io(dbPath, fakeTty([`${PASSWORD}x\u007f\r`, `${PASSWORD}\r`]));
    expect(await runCli(['create-admin', `--email=owner@example.org`], cliIo)).toBe(0);
    expect(output().stdout).not.toContain(PASSWORD);
    expect(owners()).toHaveLength(1);
  });

  it('refuses when the two typed passwords differ', async () => {
    const { io: cliIo, output } = io(dbPath, fakeTty([`${PASSWORD}\r`, `${PASSWORD}!\r`]));
    expect(await runCli(['create-admin', '--email', 'owner@example.org'], cliIo)).toBe(1);
    expect(output().stderr).toContain('not the same');
    expect(output().stderr).toContain('run the command again');
    expect(owners()).toHaveLength(0);
  });

  it('refuses once an owner exists', async () => {
    await runCli(['create-admin', '--email', 'owner@example.org'], io(dbPath, Readable.from([`${PASSWORD}\n`])).io);
    const { io: cliIo, output } = io(dbPath, Readable.from([`${PASSWORD}\n`]));
    expect(await runCli(['create-admin', '--email', 'second@example.org'], cliIo)).toBe(1);
    expect(output().stderr).toContain('already has an owner');
    expect(owners().map((o) => o.email)).toEqual(['owner@example.org']);
  });

  it('never takes a password on the command line', async () => {
    const { io: cliIo, output } = io(dbPath, Readable.from([]));
    expect(await runCli(['create-admin', '--email', 'owner@example.org', '--password', PASSWORD], cliIo)).toBe(1);
    expect(output().stderr).toContain('never taken on the command line');
    expect(owners()).toHaveLength(0);
  });

  it('explains a weak password or a missing email', async () => {
    const weak = io(dbPath, Readable.from(['password1234\n']));
    expect(await runCli(['create-admin', '--email', 'owner@example.org'], weak.io)).toBe(1);
    expect(weak.output().stderr).toMatch(/Nothing was created:\n {2}- This password is too common/);
    expect(weak.output().stderr).toContain('Fix that and run the command again.');
    const noEmail = io(dbPath, Readable.from([]));
    expect(await runCli(['create-admin'], noEmail.io)).toBe(1);
    expect(noEmail.output().stderr).toContain('--email');
    const unknown = io(dbPath, Readable.from([]));
    expect(await runCli(['make-coffee'], unknown.io)).toBe(1);
    expect(unknown.output().stderr).toContain('Unknown command');
  });

  describe('the sign-in hint (issue 16, item 7)', () => {
    const create = async (env: Record<string, string>) => {
      const run = io(dbPath, Readable.from([`${PASSWORD}\n`]));
      run.io.env = { ...run.io.env, ...env };
      expect(await runCli(['create-admin', '--email', 'owner@example.org'], run.io)).toBe(0);
      return run.output().stdout;
    };

    it('uses the configured port and host, not always 127.0.0.1:3000', async () => {
      expect(await create({ PORT: '8123', HOST: '0.0.0.0' })).toContain('Sign in at http://127.0.0.1:8123/admin/login');
    });

    it('puts an IPv6 host in brackets', async () => {
      expect(await create({ HOST: '::1', PORT: '8080' })).toContain('Sign in at http://[::1]:8080/admin/login');
    });

    it('prefers the address the server recorded when it last started (its PORT may not be set in this shell)', async () => {
      const db = openDatabase(dbPath);
      migrate(db);
      createServices({ db, config: testConfig({ databasePath: dbPath }) }).serverAddress.record('http://127.0.0.1:4567');
      db.close();
      expect(await create({})).toContain('Sign in at http://127.0.0.1:4567/admin/login');
    });

    it('prefers PUBLIC_URL over everything', async () => {
      expect(await create({ PUBLIC_URL: 'https://powershare.example.org/', PORT: '8123' })).toContain('Sign in at https://powershare.example.org/admin/login');
    });
  });
});
