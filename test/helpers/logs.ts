import { createLogger, type Logger } from '../../src/log';
import type { LogLevel } from '../../src/config';

/** One line of the structured log, parsed. */
export type LogEntry = Record<string, unknown> & { level: string; msg?: string };

/** A real logger (src/log.ts) writing to memory, so a test can read exactly what would be logged. */
export function captureLogs(level: LogLevel = 'trace'): { logger: Logger; lines: string[]; entries(): LogEntry[]; text(): string } {
  const lines: string[] = [];
  const logger = createLogger({ logLevel: level }, { write: (line: string) => void lines.push(line) });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as LogEntry), text: () => lines.join('') };
}
