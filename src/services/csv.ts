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

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return CSV_BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
