import { describe, expect, it } from 'vitest';
import { formatIssues, type Issue } from '../../src/errors.js';

const issue = (file: string, line: number): Issue => ({ file, line, col: 1, path: `cle${line}`, message: 'clé inconnue', severity: 'error' });

describe('at most 50 problems per file', () => {
  it.each([
    [1, 1, undefined],
    [50, 50, undefined],
    [51, 50, '… et 1 autre problème dans ce fichier'],
    [130, 50, '… et 80 autres problèmes dans ce fichier'],
  ])('%i problems: %i lines and %s', (count, shown, tail) => {
    const lines = formatIssues([...Array.from({ length: count }, (_, i) => issue('a.yaml', i + 1)), issue('b.yaml', 1)]);
    expect(lines.filter((line) => line.startsWith('a.yaml:'))).toHaveLength(shown);
    const more = lines.find((line) => line.includes('… et'));
    if (tail) expect(more).toMatch(new RegExp(`^a\\.yaml +${tail}$`));
    else expect(more).toBeUndefined();
    expect(lines.filter((line) => line.startsWith('b.yaml:'))).toHaveLength(1);
  });
});
