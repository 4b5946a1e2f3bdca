import type { Readable, Writable } from 'node:stream';
import { ConfigError, loadConfig, localUrl, type Env } from './config';
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, migrate, MigrationError, openDatabase } from './db';
import { createServices } from './services';
import { ConflictError, ValidationError } from './services/errors';

/** Where the CLI reads and writes; tests pass their own streams. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
  env: Env;
}

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  create-admin --email <email>   Create the owner account (only while the server has none).
                                 The password is read from standard input: typed twice, hidden,
                                 at a terminal, or the first line of what is piped in.
  backup --to <file>             Copy the database (DATABASE_PATH) to a new file, safely, while
                                 the server runs. Refuses to overwrite an existing file.
  help                           Show this help.

To try Powershare with demo data (its own database, data/demo.db), run: npm run demo
`;

class UsageError extends Error {}

/** `--email x` or `--email=x`. */
function option(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

/** Reads a line at a terminal without echoing it. */
function promptHidden(prompt: string, io: CliIo): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin, stdout } = io;
    stdout.write(prompt);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = (result: () => void) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stdout.write('\n');
      result();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(value));
        if (ch === '\u0003') return finish(() => reject(new UsageError('Cancelled. Nothing was created.')));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line piped in (a trailing newline or CR is not part of the password). */
async function readFirstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n') || text.length > 4096) break;
  }
  return text.split(/\r?\n/)[0];
}

async function readPassword(io: CliIo): Promise<string> {
  if (!io.stdin.isTTY) return readFirstLine(io.stdin);
  const first = await promptHidden('Password (at least 12 characters, not shown): ', io);
  const second = await promptHidden('Type it again: ', io);
  if (first !== second) throw new UsageError('The two passwords are not the same. Nothing was created: run the command again and type the same password twice.');
  return first;
}

async function createAdmin(args: string[], io: CliIo): Promise<number> {
  if (args.some((a) => a === '--password' || a.startsWith('--password='))) {
    throw new UsageError('Passwords are never taken on the command line (other users could see them). Leave out --password: you will be asked for it.');
  }
  const email = option(args, 'email');
  if (!email) throw new UsageError('Give the email address: create-admin --email you@example.org');
  const config = loadConfig(io.env);
  const db = openDatabase(config.databasePath);
  try {
    migrate(db);
    const services = createServices({ db, config });
    if (services.accounts.hasOwner()) {
      io.stderr.write('This server already has an owner account, so create-admin does nothing. An owner can add admins on the Admin accounts page.\n');
      return 1;
    }
    const password = await readPassword(io);
    const admin = await services.accounts.createFirstOwner(email, password);
    // The server's own address if it has run (it records it: its PORT may not be in this shell),
    // else the one configured here.
    const base = config.publicUrl ?? services.serverAddress.recorded() ?? (config.port === 0 ? undefined : localUrl(config.host, config.port));
    io.stdout.write(
      base
        ? `Owner account created for ${admin.email}. Sign in at ${base}/admin/login\n`
        : `Owner account created for ${admin.email}. Sign in at /admin/login on the address the server prints when it starts.\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}

/** `backup --to <file>`: an online copy with progress, then a summary. */
async function backup(args: string[], io: CliIo): Promise<number> {
  const to = option(args, 'to');
  if (!to) throw new UsageError('Say where to write the copy: backup --to /backups/powershare-2026-11-25.db');
  const target = path.resolve(to);
  if (fs.existsSync(target)) throw new UsageError(`${target} already exists. Choose a new file name (for example with the date in it), or move the old file away first.`);
  if (!fs.existsSync(path.dirname(target))) throw new UsageError(`The folder ${path.dirname(target)} does not exist. Create it (mkdir -p ${path.dirname(target)}), then run the command again.`);
  const config = loadConfig(io.env);
  if (config.databasePath === ':memory:' || !fs.existsSync(config.databasePath)) {
    throw new UsageError(`There is no database at ${config.databasePath}. Set DATABASE_PATH to the server's database file, then run the command again.`);
  }
  const started = Date.now();
  const db = openDatabase(config.databasePath);
  try {
    io.stdout.write(`Backing up ${config.databasePath} to ${target}\n`);
    let shown = -1;
    const { pages } = await backupDatabase(db, target, (done) => {
      const percent = Math.floor(done * 100);
      if (percent >= shown + 10 || (percent === 100 && shown !== 100)) {
        shown = percent;
        io.stdout.write(`  ${percent}%\n`);
      }
    });
    const size = fs.statSync(target).size;
    io.stdout.write(`Backup done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${pages} pages, ${(size / 1024 / 1024).toFixed(1)} MB in ${target}. Keep it somewhere safe: it holds every answer.\n`);
    return 0;
  } finally {
    db.close();
  }
}

/** Runs one command; returns the exit code. Problems are explained on stderr, never as a stack. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'create-admin':
        return await createAdmin(args, io);
      case 'backup':
        return await backup(args, io);
      case undefined:
      case 'help':
      case '--help':
        io.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`Unknown command “${command}”.\n\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof ValidationError) {
      io.stderr.write(`Nothing was created:\n${err.fieldErrors.map((e) => `  - ${e.message}\n`).join('')}Fix that and run the command again.\n`);
    } else if (err instanceof ConfigError) {
      io.stderr.write(`${err.message}\nFix that environment variable, then run the command again.\n`);
    } else if (err instanceof MigrationError) {
      io.stderr.write(`${err.message}\nNothing was changed. Check DATABASE_PATH names this version's database, or restore a backup (docs/operating.md, "Upgrades").\n`);
    } else if (err instanceof UsageError || err instanceof ConflictError) {
      io.stderr.write(`${err.message}\n`);
    } else {
      throw err;
    }
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('The command failed unexpectedly. Check that DATABASE_PATH is writable and the disk is not full, then try again. The error was:', err);
      process.exit(1);
    },
  );
}
