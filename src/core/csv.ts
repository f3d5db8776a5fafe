/**
 * CSV text, RFC 4180 quoting: a cell is quoted when it holds the separator,
 * a quote or a line break, and its quotes are doubled. Lines end with CRLF,
 * as spreadsheets and RFC 4180 expect. Pure.
 */

export interface CsvOptions {
  separator: ',' | ';';
  /** A UTF-8 byte-order mark, so that Excel reads accents right. */
  bom: boolean;
  /**
   * For a file opened in a spreadsheet: a text cell that starts like a
   * formula (= + - @, a tab or a carriage return) gets a leading apostrophe,
   * so that « - former les enseignants » or « =1+1 » is shown as text and
   * never computed (OWASP, « CSV injection »). Numbers are left as they are.
   */
  spreadsheet?: boolean;
}

/** Text a spreadsheet would take for a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined, separator: string, spreadsheet = false): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const text = spreadsheet && typeof value === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], options: CsvOptions): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvCell(cell, options.separator, options.spreadsheet)).join(options.separator));
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}
