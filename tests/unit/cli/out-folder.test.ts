import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outFolder } from '../../../src/cli/commands/shared.js';
import { UsageError } from '../../../src/errors.js';
import { makeWorkspace, runCliInProcess } from '../../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

describe('the folder --out names', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'kits'],
    ['sortie', 'sortie'],
    ['.', '.'],
    [' kits du lab', ' kits du lab'],
  ])('--out %j: %j', (value, expected) => {
    expect(outFolder(value, 'kits')).toBe(expected);
  });

  it.each(['', '   '])('an empty one (%j, a variable left unset in a script) is refused', (value) => {
    expect(() => outFolder(value, 'kits')).toThrow(UsageError);
    expect(() => outFolder(value, 'kits')).toThrow(
      '--out attend un dossier (reçu un texte vide) : par exemple --out kits',
    );
  });

  it.each([
    [['build', '--academie', 'test'], 'kits'],
    [['synthese'], 'kits'],
    [['schema'], 'schemas'],
  ])('%j --out "" stops with exit 2 and writes nothing in the current folder', async (args, example) => {
    const root = makeWorkspace({ 'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n' });
    made.push(root);
    const result = await runCliInProcess([...args, '--out', ''], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `pgo-kit : --out attend un dossier (reçu un texte vide) : par exemple --out ${example}`,
    );
    expect(readdirSync(root)).toEqual(['academies']);
    expect(existsSync(path.join(root, 'test'))).toBe(false);
  });
});
