/** Files named on other systems, through the CLI's run() (in this process): the `.yaml` rule is said, never a silent skip. */
import { afterAll, describe, expect, it } from 'vitest';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { runCliInProcess } from '../helpers/cli.js';

afterAll(removeMadeFolders);

describe('YAML files with another extension', async () => {
  it.each(['x.yml', 'x.YAML', 'x.Yaml'])('validate names academies/%s with the rule, and exits 1', async (name) => {
    const workspace = madeWorkspace({
      [`academies/${name}`]: 'academie: Test\nthematiques: [sante]\n',
      'themes/t.yml': 'id: t\n',
    });
    const result = await runCliInProcess(['validate'], { cwd: workspace });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^academies/${name.replace('.', '\\.')} +extension « \\.${name.split('.')[1]} » : pgo-kit ne lit que les fichiers en « \\.yaml » \\(en minuscules\\) — renommez-le en x\\.yaml$`,
        'm',
      ),
    );
    expect(result.stderr).toMatch(/^themes\/t\.yml +extension « \.yml » .* renommez-le en t\.yaml$/m);
  });

  it('build --academie x says that academies/x.yml is not read, and how to fix it (exit 2)', async () => {
    const workspace = madeWorkspace({ 'academies/x.yml': 'academie: Test\nthematiques: [sante]\n' });
    const result = await runCliInProcess(['build', '--academie', 'x'], { cwd: workspace });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'académie inconnue « x » : academies/x.yml n’est pas lu, pgo-kit ne lit que les fichiers en « .yaml » (en minuscules) — renommez-le en x.yaml',
    );
  });
});
