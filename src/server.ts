import type { Server } from 'node:http';
import os from 'node:os';
import { ConfigError, loadConfig, localUrl, type Config, type Env } from './config';
import { migrate, MigrationError, openDatabase, type Db } from './db';
import { createServices, type Services } from './services';
import { createLogger, type Logger } from './log';
import { createApp } from './web/app';
import { hostPolicy } from './web/hosts';
import { createHttpServer } from './web/http-server';

export interface RunningServer {
  server: Server;
  db: Db;
  services: Services;
  url: string;
  /** Stops accepting, lets in-flight requests finish for up to `shutdownGraceMs`, closes the database. */
  shutdown(): Promise<void>;
}

const MAINTENANCE_EVERY_MS = 60 * 60_000;

/**
 * Composition root: config -> db -> migrate -> services -> app -> listen. `log` prints the
 * set-up instructions for a person; everything else goes to the structured `logger`.
 */
export async function startServer(config: Config, log: (line: string) => void = console.log, logger: Logger = createLogger(config)): Promise<RunningServer> {
  const db = openDatabase(config.databasePath);
  try {
    const applied = migrate(db);
    if (applied.length > 0) logger.info({ migrations: applied }, `Applied database migrations: ${applied.join(', ')}`);
  } catch (err) {
    db.close();
    throw err;
  }
  const services = createServices({ db, config, logger });
  const app = createApp(services, config);

  const server = await new Promise<Server>((resolve, reject) => {
    // Not app.listen: requests made with Express's prototypes from the start (web/http-server.ts).
    const s = createHttpServer(app).listen(config.port, config.host);
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
    if (!services.storage.noteFailure(err)) logger.error({ err }, '[start-up] could not record the server address');
  }

  const runMaintenance = () => {
    try {
      services.maintenance.run();
    } catch (err) {
      if (!services.storage.noteFailure(err)) logger.error({ err }, '[maintenance] failed');
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
          logger.error({ err }, '[shutdown] checkpoint failed');
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
export async function main(env: Env = process.env, exit: (code: number) => void = process.exit, makeLogger: (config: Config) => Logger = createLogger): Promise<RunningServer | undefined> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      // No logger yet (LOG_LEVEL itself may be the bad value): one plain line.
      console.error(`Powershare cannot start. ${err.message}`);
      exit(1);
      return undefined;
    }
    throw err;
  }
  const logger = makeLogger(config);
  let running: RunningServer;
  try {
    running = await startServer(config, console.log, logger);
  } catch (err) {
    logger.fatal(startFailure(err, config), `Powershare cannot start. ${startFailureMessage(err, config)}`);
    exit(1);
    return undefined;
  }
  const accepted = config.publicUrl ? undefined : hostPolicy(config).describe();
  const lan = networkUrls(config.host, Number(new URL(running.url).port));
  logger.info(
    { event: 'start', url: running.url, database: config.databasePath, ...(accepted ? { acceptedHosts: accepted } : {}), ...(lan.length > 0 ? { networkUrls: lan } : {}) },
    `Powershare is running at ${running.url} (database: ${config.databasePath})` + (lan.length > 0 ? `; on this machine's networks: ${lan.join(', ')}` : ''),
  );
  stopOnSignals(running, exit, logger);
  return running;
}

/**
 * On a wildcard HOST, the addresses other devices can use (a workshop's phones): this machine's
 * IPv4 addresses, loopback excepted. Empty for any other HOST.
 */
export function networkUrls(host: string, port: number, interfaces = os.networkInterfaces()): string[] {
  if (!['0.0.0.0', '::', '[::]'].includes(host)) return [];
  return Object.values(interfaces)
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => `http://${i.address}:${port}`);
}

/** What a failed start logs: the error only where it is not already explained by the message. */
function startFailure(err: unknown, config: Config): Record<string, unknown> {
  const code = (err as NodeJS.ErrnoException).code;
  if (err instanceof MigrationError || code === 'EADDRINUSE' || isUnopenable(err)) return { event: 'start-failed', database: config.databasePath };
  return { event: 'start-failed', err };
}

/** SQLite could not open the database or create its write-ahead log (e.g. a read-only folder). */
const isUnopenable = (err: unknown) => ['SQLITE_CANTOPEN', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY_DIRECTORY'].includes(String((err as { code?: unknown }).code));

function startFailureMessage(err: unknown, config: Config): string {
  if (err instanceof MigrationError) return err.message;
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') return `Port ${config.port} on ${config.host} is in use: set PORT to another port.`;
  if (isUnopenable(err)) {
    return `The database ${config.databasePath} cannot be opened: its folder must be writable by this user (SQLite keeps its -wal and -shm files beside it). Check the permissions of the folder and the file.`;
  }
  if ((err as { code?: unknown }).code === 'SQLITE_READONLY') {
    return `The database ${config.databasePath} is read-only and has migrations to apply: make it writable by this user, then start again.`;
  }
  return (err as Error)?.message ?? String(err);
}

/** On SIGTERM or SIGINT: finish requests in progress, close the database, then exit 0. Returns the handler (for tests). */
export function stopOnSignals(running: RunningServer, exit: (code: number) => void = process.exit, logger: Logger = running.services.logger): (signal: string) => void {
  const onSignal = (signal: string) => {
    logger.info({ event: 'stopping', signal }, `${signal} received: finishing requests in progress, then stopping.`);
    void running.shutdown().then(() => {
      logger.info({ event: 'stopped' }, 'Powershare stopped.');
      exit(0);
    });
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  return onSignal;
}

if (require.main === module) void main();
