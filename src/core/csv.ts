/**
 * CSV text, RFC 4180 quoting: a cell is quoted when it holds the separator,
 * a quote or a line break (for a spreadsheet, any separator one may use), and its quotes are doubled. Lines end with CRLF,
 * as spreadsheets and RFC 4180 expect. Pure.
 */

export interface CsvOptions {
  separator: ',' | ';';
  /** A UTF-8 byte-order mark, so that Excel reads accents right. */
  bom: boolean;
  /**
   * For a file opened in a spreadsheet: a text cell that starts like a
   * formula (= + - @, a tab or a carriage return) gets a leading apostrophe,
   * as does such a start after a separator inside the cell (« Rectorat,'=2+2 »),
   * so that « - former les enseignants » or « =1+1 » is shown as text and
   * never computed (OWASP, « CSV injection »). Numbers are left as they are.
   */
  spreadsheet?: boolean;
}

/** Text a spreadsheet would take for a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Separators a spreadsheet may read a CSV with, whatever the file's own (its language decides: « , » in English, « ; » in French). */
const ANY_SEPARATOR = /[,;\t]/;

export function csvCell(value: string | number | null | undefined, separator: string, spreadsheet = false): string {
  const raw = value === null || value === undefined ? '' : String(value);
  // Read with another separator than the file's, « Rectorat,=2+2 » becomes two cells, and quotes in the middle of
  // a cell do not hold them together: what follows a separator is guarded like a cell's start.
  const guarded = spreadsheet && typeof value === 'string' ? raw.replace(/([,;\t][ \u00a0]*)(?=[=+\-@])/g, "$1'") : raw;
  const text = spreadsheet && typeof value === 'string' && FORMULA_START.test(guarded) ? `'${guarded}` : guarded;
  // For a spreadsheet, a cell holding any separator is quoted too, so that it stays one cell for whoever honours quotes.
  const quoted = text.includes(separator) || /["\r\n]/.test(text) || (spreadsheet && ANY_SEPARATOR.test(text));
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
  options: CsvOptions,
): string {
  const lines = [header, ...rows].map((row) =>
    row.map((cell) => csvCell(cell, options.separator, options.spreadsheet)).join(options.separator),
  );
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}
