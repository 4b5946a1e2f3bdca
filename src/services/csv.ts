/**
 * CSV that opens correctly in spreadsheet programs: UTF-8 with a byte-order mark, CRLF line
 * ends, every field quoted, and no formula injection (a cell starting with =, +, -, @, tab or
 * carriage return, also after leading spaces or quotes, is prefixed with an apostrophe so it is shown as text, never run).
 */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // Numbers we write are never negative; any text that could start a formula is neutralised.
  // Spreadsheets ignore leading spaces before a formula, and some drop a leading quote when
  // importing, so look past both.
  if (typeof value === 'string' && /^[\s"']*[=+\-@]|^[\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export type CsvRow = (string | number | null | undefined)[];

const csvLine = (row: CsvRow) => `${row.map(csvCell).join(',')}\r\n`;

export function toCsv(header: string[], rows: Iterable<CsvRow | typeof PAUSE>): string {
  let out = CSV_BOM + csvLine(header);
  for (const row of rows) if (row !== PAUSE) out += csvLine(row);
  return out;
}

/**
 * Yielded by a row generator between chunks of work (reading a page, sorting): a consumer that
 * streams lets other requests run there. Consumers that build the whole file skip it.
 */
export const PAUSE: unique symbol = Symbol('pause');

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same CSV as {@link toCsv}, in chunks of about `rowsPerChunk` rows, giving the event loop
 * a turn (setImmediate) at every PAUSE and between chunks, so a big export never holds up
 * other requests for long. For `Readable.from`.
 */
export async function* csvChunks(header: string[], rows: Iterable<CsvRow | typeof PAUSE>, rowsPerChunk = 500): AsyncGenerator<string> {
  let chunk = CSV_BOM + csvLine(header);
  let count = 0;
  for (const row of rows) {
    if (row !== PAUSE) {
      chunk += csvLine(row);
      if (++count < rowsPerChunk) continue;
    }
    count = 0;
    if (chunk) yield chunk;
    chunk = '';
    await nextTurn();
  }
  if (chunk) yield chunk;
}
