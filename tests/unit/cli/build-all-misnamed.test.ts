/**
 * `build --all` builds every academy file; a lab's file with another extension (`autre.yml`,
 * `autre.YAML`) is never read: it is said first, as a located warning, rather than left out unsaid.
 * The output folder /proc/x stops each run before anything is printed (no browser, no kit): what is
 * asserted is said before that check.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCliInProcess } from '../../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});
const lab = () => {
  const root = makeWorkspace({
    'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
    'academies/autre.yml': 'academie: Autre\nthematiques: [sante]\n',
    'academies/troisieme.YAML': 'academie: Troisième\nthematiques: [sante]\n',
  });
  made.push(root);
  return root;
};

describe('build --all in a lab folder holding misnamed academy files', () => {
  it('names each of them first, with the name to give it', async () => {
    const result = await runCliInProcess(['build', '--all', '--out', '/proc/x'], { cwd: lab() });
    expect(result.status).toBe(3);
    // Aligned in columns, as every list of located lines.
    const [first, second] = result.stderr.split('\n').map((line) => line.replace(/ {2,}/, '  '));
    expect([first, second]).toEqual([
      'academies/autre.yml  attention : extension « .yml » : pgo-kit ne lit que les fichiers en « .yaml » (en minuscules) — renommez-le en autre.yaml',
      'academies/troisieme.YAML  attention : extension « .YAML » : pgo-kit ne lit que les fichiers en « .yaml » (en minuscules) — renommez-le en troisieme.yaml',
    ]);
  });

  it('says nothing of them when academies are named (build --academie test)', async () => {
    const result = await runCliInProcess(['build', '--academie', 'test', '--out', '/proc/x'], { cwd: lab() });
    expect(result.status).toBe(3);
    expect(result.stderr).not.toContain('autre.yml');
  });
});
