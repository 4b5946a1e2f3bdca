import type { Server } from 'node:http';

/** Tells the parent (test/bench/run.ts) where a benchmark server listens: one line on stdout. */
export function announce(server: Server): void {
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  process.stdout.write(`LISTENING http://127.0.0.1:${address.port}\n`);
  // The parent ends us with SIGTERM; also stop if it dies without saying so.
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
