import type { Server } from 'node:http';
import { ConfigError, loadConfig, localUrl, type Config, type Env } from './config';
import { migrate, MigrationError, openDatabase, type Db } from './db';
import { createServices, type Services } from './services';
import { createApp } from './web/app';

export interface RunningServer {
  server: Server;
  db: Db;
  services: Services;
  url: string;
  /** Stops accepting, lets in-flight requests finish for up to `shutdownGraceMs`, closes the database. */
  shutdown(): Promise<void>;
}

const MAINTENANCE_EVERY_MS = 60 * 60_000;

/** Composition root: config -> db -> migrate -> services -> app -> listen. */
export async function startServer(config: Config, log: (line: string) => void = console.log): Promise<RunningServer> {
  const db = openDatabase(config.databasePath);
  try {
    const applied = migrate(db);
    if (applied.length > 0) log(`Applied database migrations: ${applied.join(', ')}`);
  } catch (err) {
    db.close();
    throw err;
  }
  const services = createServices({ db, config });
  const app = createApp(services, config);

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host);
    s.once('listening', () => resolve(s));
    s.once('error', (err) => {
      db.close();
      reject(err);
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = localUrl(config.host, port);
  try {
    // So `npm run cli` (another process, perhaps without this PORT) can print the right address.
    services.serverAddress.record(config.publicUrl ?? url);
  } catch (err) {
    console.error('[start-up] could not record the server address:', err);
  }

  const runMaintenance = () => {
    try {
      services.maintenance.run();
    } catch (err) {
      services.storage.noteFailure(err);
      console.error('[maintenance] failed:', err);
    }
  };
  runMaintenance();
  const maintenance = setInterval(runMaintenance, MAINTENANCE_EVERY_MS);
  maintenance.unref();

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= new Promise<void>((resolve) => {
      clearInterval(maintenance);
      // The bound: requests still in flight (a stalled upload, a slow client) are cut off here.
      const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      deadline.unref();
      // Keep-alive connections become idle once their last response is sent: close them as they do.
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      idle.unref();
      // Live presenter streams never finish on their own: end them, or the stop waits for the grace timeout.
      services.events.end();
      server.close(() => {
        clearTimeout(deadline);
        clearInterval(idle);
        try {
          services.maintenance.checkpoint();
        } catch (err) {
          console.error('[shutdown] checkpoint failed:', err);
        }
        db.close();
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  announceSetup(services, config.publicUrl ?? url, log);
  return { server, db, services, url, shutdown };
}

/** While no owner exists, prints a fresh one-time set-up code (only its hash is kept, in memory). */
function announceSetup(services: Services, baseUrl: string, log: (line: string) => void): void {
  const code = services.accounts.issueSetupCode();
  if (!code) return;
  log(
    [
      'No admin account exists yet. To create the owner account, open',
      `  ${baseUrl}/setup`,
      `and enter this one-time set-up code: ${code}`,
      'It works until an owner exists; a new code is printed at each start until then.',
      'Or, on this machine: npm run cli -- create-admin --email you@example.org',
    ].join('\n'),
  );
}

/** Entry point. Returns the exit code to use when start-up fails. */
export async function main(env: Env = process.env, exit: (code: number) => void = process.exit): Promise<RunningServer | undefined> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Powershare cannot start. ${err.message}`);
      exit(1);
      return undefined;
    }
    throw err;
  }
  let running: RunningServer;
  try {
    running = await startServer(config);
  } catch (err) {
    if (err instanceof MigrationError) console.error(`Powershare cannot start. ${err.message}`);
    else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Powershare cannot start. Port ${config.port} on ${config.host} is in use: set PORT to another port.`);
    } else console.error('Powershare cannot start.', err);
    exit(1);
    return undefined;
  }
  console.log(`Powershare is running at ${running.url} (database: ${config.databasePath})`);
  stopOnSignals(running, exit);
  return running;
}

/** On SIGTERM or SIGINT: finish requests in progress, close the database, then exit 0. */
export function stopOnSignals(running: RunningServer, exit: (code: number) => void = process.exit): void {
  const onSignal = (signal: string) => {
    console.log(`${signal} received: finishing requests in progress, then stopping.`);
    void running.shutdown().then(() => {
      console.log('Powershare stopped.');
      exit(0);
    });
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
}

if (require.main === module) void main();
