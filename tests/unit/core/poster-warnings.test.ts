import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/errors.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

function academyWithLocalTheme(titre: string): string {
  const questions = Array.from(
    { length: 6 },
    (_, i) =>
      `      - "Question ${i + 1} : ${'comment faire participer chacun aux décisions '.repeat(3).slice(0, 130)} ?"`,
  );
  const examples = Array.from(
    { length: 3 },
    (_, i) =>
      `      - "Exemple ${i + 1} : ${'une initiative réelle décrite pour inspirer le groupe '.repeat(4).slice(0, 185)}"`,
  );
  return [
    'academie: Test',
    'thematiques: [long]',
    'themes_locaux:',
    '  - id: long',
    `    titre: "${titre}"`,
    '    theme_pgo: Transparence',
    `    description: "${'Une description qui remplit l’affiche, phrase après phrase. '.repeat(10).slice(0, 600)}"`,
    '    questions:',
    ...questions,
    '    exemples:',
    ...examples,
    '',
  ].join('\n');
}

function warningsFor(titre: string): string[] {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-poster-'));
  mkdirSync(path.join(root, 'academies'));
  writeFileSync(path.join(root, 'academies', 'test.yaml'), academyWithLocalTheme(titre));
  return formatIssues(
    createLoader(createWorkspace(root))
      .load('test')
      .warnings.filter((w) => w.path.endsWith('titre')),
  );
}

describe('a title so long that it hides the poster’s text', () => {
  it('is said at the title, naming what would be hidden', () => {
    const [line, ...others] = warningsFor('Un titre beaucoup trop long '.repeat(11).trim());
    expect(others).toEqual([]);
    expect(line).toMatch(
      /^academies\/test\.yaml:5:12 +attention : themes_locaux n° 1 › titre : titre trop long pour l’affiche : ses lignes en plus cacheraient .*l’exemple 3 — raccourcissez le titre \(87 caractères au plus\) ou le texte$/,
    );
  });

  it('is the plain length warning when the title hides nothing', () => {
    const [line] = warningsFor('Un titre trop long '.repeat(6).trim());
    expect(line).toMatch(/titre trop long pour l’affiche : 113 caractères, 87 au plus/);
    expect(line).not.toMatch(/cacheraient/);
  });
});
