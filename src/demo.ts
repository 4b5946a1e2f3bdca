// `npm run demo`: builds the demo database from scratch (data/demo.db, never the real database),
// from a fixed seed so the figures are the same every run, then serves it on 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Env } from './config';
import { migrate, openDatabase } from './db';
import { projectPath } from './paths';
import { startServer, stopOnSignals } from './server';
import { generateDemo } from './services/demo';

/** The demo's own database file: fixed, so the demo can never overwrite the real one. */
export const DEMO_DATABASE = projectPath('data', 'demo.db');

export async function runDemo(env: Env = process.env, out: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  // Quiet by default (a newcomer reads the lines below, not a log line per request); LOG_LEVEL still applies.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...env, DATABASE_PATH: DEMO_DATABASE, HOST: '127.0.0.1' });
  fs.mkdirSync(path.dirname(DEMO_DATABASE), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DEMO_DATABASE + suffix, { force: true });
  out(`Building the demo database from a fixed seed: ${DEMO_DATABASE}`);
  const db = openDatabase(DEMO_DATABASE);
  let summary;
  try {
    migrate(db);
    summary = await generateDemo(db, config, { onProgress: out });
  } finally {
    db.close();
  }
  const built = ((Date.now() - started) / 1000).toFixed(1);
  out(
    `Done in ${built} s: 1 organisation, ${summary.rounds.length} closed rounds (3 yearly surveys, 2 workshops), ` +
      `${summary.responses} responses, ${summary.comments} comments, ${summary.actions} actions.`,
  );
  const running = await startServer(config, out);
  const base = config.publicUrl ?? running.url;
  out(
    [
      '',
      `Powershare demo is running at ${running.url}`,
      `  Sign in at ${base}/admin/login`,
      `    email:    ${summary.admin.email}`,
      `    password: ${summary.admin.password}`,
      `  Trends:    ${base}/admin/organisations/${summary.organisationId}/trends`,
      `  Board share link (trends, read only): ${base}/share/${summary.shareTokens.trends}`,
      `  Board share link (2026 report):       ${base}/share/${summary.shareTokens.round}`,
      `  Database: ${DEMO_DATABASE} (rebuilt at every run; your real data is never touched)`,
      'Stop it with Ctrl+C.',
    ].join('\n'),
  );
  stopOnSignals(running);
}

if (require.main === module) {
  runDemo().catch((err: unknown) => {
    if (err instanceof ConfigError) console.error(`The demo cannot start. ${err.message}`);
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error('The demo cannot start: its port is in use (is Powershare already running?). Stop the other server, or run: PORT=3001 npm run demo');
    } else console.error('The demo could not be built. Run `npm run build` to check the code compiles, then try again. The error was:', err);
    process.exit(1);
  });
}
