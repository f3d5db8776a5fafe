/**
 * CSV text, RFC 4180 quoting: a cell is quoted when it holds the separator,
 * a quote or a line break, and its quotes are doubled. Lines end with CRLF,
 * as spreadsheets and RFC 4180 expect. Pure.
 */

export interface CsvOptions {
  separator: ',' | ';';
  /** A UTF-8 byte-order mark, so that Excel reads accents right. */
  bom: boolean;
}

export function csvCell(value: string | number | null | undefined, separator: string): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], options: CsvOptions): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => csvCell(cell, options.separator)).join(options.separator));
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`;
}
