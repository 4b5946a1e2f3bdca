import type { Readable, Writable } from 'node:stream';
import { ConfigError, loadConfig, localUrl, type Env } from './config';
import { backupDatabase, BackupError, migrate, MigrationError, openDatabase, restoreDatabase, type TableCounts } from './db';
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
  backup <file> | --to <file>    Copy the database to <file> while the server keeps running
                                 (SQLite online backup), then check the copy. Never overwrites.
  restore <file>                 Replace the database with a backup, after checking it. Stop the
                                 server first: restore refuses while the database is in use. The
                                 current database is kept beside it as *.before-restore-<time>.
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

const countsLine = (counts: TableCounts) =>
  ['organisations', 'rounds', 'responses', 'answers', 'comments', 'pending_responses', 'drafts', 'admins']
    .filter((t) => t in counts)
    .map((t) => `${t} ${counts[t]}`)
    .join(', ');

async function backup(args: string[], io: CliIo): Promise<number> {
  const file = option(args, 'to') ?? args.find((a) => !a.startsWith('--'));
  if (!file) throw new UsageError('Give the file to write: backup /path/to/powershare-backup.db');
  const config = loadConfig(io.env);
  let shown = -1;
  const started = Date.now();
  const counts = await backupDatabase(config.databasePath, file, ({ totalPages, remainingPages }) => {
    const pct = totalPages === 0 ? 100 : Math.floor(((totalPages - remainingPages) / totalPages) * 100);
    if (shown < 0 || pct >= shown + 10 || pct === 100) {
      shown = pct;
      io.stdout.write(`Copying: ${pct}% (${totalPages - remainingPages} of ${totalPages} pages)\n`);
    }
  });
  io.stdout.write(`Backup written to ${file} and checked (integrity_check ok, row counts match) in ${Date.now() - started} ms.\n`);
  io.stdout.write(`Rows: ${countsLine(counts)}.\n`);
  return 0;
}

function restore(args: string[], io: CliIo): number {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new UsageError('Give the backup file to restore: restore /path/to/powershare-backup.db');
  const config = loadConfig(io.env);
  const { counts, keptAs } = restoreDatabase(file, config.databasePath, new Date());
  io.stdout.write(`Restored ${config.databasePath} from ${file} (integrity_check ok). Rows: ${countsLine(counts)}.\n`);
  if (keptAs) io.stdout.write(`The database it replaced is kept as ${keptAs}: delete it once you are sure.\n`);
  io.stdout.write('Start the server again to use it.\n');
  return 0;
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
      case 'restore':
        return restore(args, io);
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
    } else if (err instanceof BackupError) {
      io.stderr.write(`${err.message}\n`);
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
