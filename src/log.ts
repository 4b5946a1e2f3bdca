import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * Errors in the log: type, message, code and stack only. pino's own error serializer copies
 * every enumerable property, and some errors carry what was sent (body-parser's `body`).
 */
function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}), stack: err.stack };
}

/**
 * The structured log: one JSON object a line on standard output (pino), at `LOG_LEVEL`.
 * What goes in is chosen field by field where it is logged (web/request-log.ts for requests):
 * never a URL, body, cookie, header, token, code, password or address. Tests pass `destination`
 * to read what was written.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
    },
    // Asynchronous: while one write to standard output is under way the next lines wait in
    // memory and go out together, instead of one blocking write() per request (issue 12). pino
    // writes what is waiting when the process exits.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
