/**
 * A CSV opened in a spreadsheet computes nothing, whatever separator the
 * spreadsheet reads it with (« ; » in French, « , » in English, a tab).
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/core/csv.js';

const FORMULA = /^[=+\-@\t\r]/;

describe('a cell holding a separator, for a spreadsheet', () => {
  it.each([
    ['Rectorat,=2+2', '"Rectorat,\'=2+2"'],
    ['Rectorat;=2+2', '"Rectorat;\'=2+2"'],
    ['Rectorat\t=2+2', '"Rectorat\t\'=2+2"'],
    ['Rectorat, =2+2', '"Rectorat, \'=2+2"'],
    ['=2+2,Rectorat', '"\'=2+2,Rectorat"'],
    ['+33;5', '"\'+33;5"'],
    ['-former, puis évaluer', '"\'-former, puis évaluer"'],
    ['@lab,@rectorat', '"\'@lab,\'@rectorat"'],
    ['Rectorat, DSDEN', '"Rectorat, DSDEN"'],
    ['Rectorat de Limoges', 'Rectorat de Limoges'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value, ';', true)).toBe(expected);
  });

  const values = [
    'Rectorat,=2+2',
    'Rectorat;=2+2',
    'Rectorat\t=HYPERLINK("http://x")',
    '=2+2,x',
    '+1;2',
    '-a\tb',
    '@a,b',
    'Rectorat, DSDEN; lab',
    'Rectorat, =2+2',
  ];

  it.each([',', ';', '\t'])('read with « %s », each cell reads back whole, its formulas guarded', (delimiter) => {
    for (const value of values) {
      const text = toCsv(['pilote'], [[value]], { separator: ';', bom: false, spreadsheet: true });
      const rows = parse(text, { delimiter, relax_column_count: true }) as string[][];
      expect(rows[1]).toHaveLength(1);
      expect(rows[1]?.[0]).not.toMatch(FORMULA);
      expect(rows[1]?.[0]?.replace(/(^|[,;\t]*)'(?=[=+\-@])/g, '$1')).toBe(value);
    }
  });

  it.each([',', ';', '\t'])(
    'read with « %s » among other cells of a « ; » file, quotes mid-cell not honoured, no cell starts like a formula',
    (delimiter) => {
      const text = toCsv(
        ['a', 'pilote', 'b'],
        values.map((value) => ['x', value, 'y']),
        { separator: ';', bom: false, spreadsheet: true },
      );
      const cells = (parse(text, { delimiter, relax_column_count: true, relax_quotes: true }) as string[][]).flat();
      expect(cells.filter((cell) => /^[=+\-@]/.test(cell.replace(/^"/, '')))).toEqual([]);
    },
  );
});
