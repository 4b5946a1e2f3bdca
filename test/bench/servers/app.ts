/**
 * The app itself for `npm run bench`: the real server (src/server.ts: production settings, every
 * middleware, the file database given) on 127.0.0.1 and a free port. One change from a default
 * start: the per-address limits on starting and sending answers are raised, because every
 * benchmark request comes from the one address 127.0.0.1. Usage: node app.js <database file>
 */
import { loadConfig } from '../../../src/config';
import { startServer } from '../../../src/server';
import { announce } from './listen';

void (async () => {
  const config = {
    ...loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: process.argv[2] }),
    answerLimits: { perAddress: 10_000_000, workshopPerAddress: 10_000_000, startsPerRoundPerMinute: 10_000_000 },
  };
  const running = await startServer(config, () => undefined);
  announce(running.server);
  process.removeAllListeners('SIGTERM');
  process.once('SIGTERM', () => void running.shutdown().then(() => process.exit(0)));
})();
