import { describe, expect, it } from 'vitest';
import { formatIssues, notYetSaid, readablePath, type Issue } from '../../src/errors.js';

const issue = (file: string, line: number): Issue => ({
  file,
  line,
  col: 1,
  path: `cle${line}`,
  message: 'clé inconnue',
  severity: 'error',
});

describe('at most 50 problems per file', () => {
  it.each([
    [1, 1, undefined],
    [50, 50, undefined],
    [51, 50, '… et 1 autre problème dans ce fichier'],
    [130, 50, '… et 80 autres problèmes dans ce fichier'],
  ])('%i problems: %i lines and %s', (count, shown, tail) => {
    const lines = formatIssues([
      ...Array.from({ length: count }, (_, i) => issue('a.yaml', i + 1)),
      issue('b.yaml', 1),
    ]);
    expect(lines.filter((line) => line.startsWith('a.yaml:'))).toHaveLength(shown);
    const more = lines.find((line) => line.includes('… et'));
    if (tail) expect(more).toMatch(new RegExp(`^a\\.yaml +${tail}$`));
    else expect(more).toBeUndefined();
    expect(lines.filter((line) => line.startsWith('b.yaml:'))).toHaveLength(1);
  });
});

describe('positions in lists, counted from 1 as the documents count them', () => {
  it.each([
    ['session.participants', 'session.participants'],
    ['thematiques[2]', 'thematiques n° 3'],
    ['engagements[1].debut', 'engagements n° 2 › debut'],
    ['engagements[0].criteres.inedit', 'engagements n° 1 › criteres.inedit'],
    ['themes_locaux[0].questions[4]', 'themes_locaux n° 1 › questions n° 5'],
    ['phases[9].consignes[0]', 'phases n° 10 › consignes n° 1'],
    ['', ''],
  ])('%s reads « %s »', (path, expected) => {
    expect(readablePath(path)).toBe(expected);
  });

  it('in every printed problem, its file position unchanged', () => {
    const [line] = formatIssues([
      {
        file: 'restitutions/lille.yaml',
        line: 12,
        col: 12,
        path: 'engagements[1].debut',
        message: 'date invalide',
        severity: 'error',
      },
    ]);
    expect(line).toBe('restitutions/lille.yaml:12:12  engagements n° 2 › debut : date invalide');
  });
});

describe('notYetSaid', () => {
  it('keeps the issues not said in this run, and remembers them', () => {
    const said = new Set<string>();
    expect(notYetSaid([issue('a.yaml', 1), issue('b.yaml', 2)], said)).toEqual([
      issue('a.yaml', 1),
      issue('b.yaml', 2),
    ]);
    // An equal issue from another academy's loading is not said again; a new one is.
    expect(notYetSaid([issue('a.yaml', 1), issue('a.yaml', 3)], said)).toEqual([issue('a.yaml', 3)]);
    expect(notYetSaid([issue('a.yaml', 3)], said)).toEqual([]);
  });
});
