/**
 * A lab's templates in place of the shipped ones must give as many pages as
 * the print plan (deroule.pdf's, and impression/) takes from them: fewer is
 * said on each such template, in French, and the kit is not written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli.js';
import { madeWorkspace } from '../helpers/hostile.js';

const onePage = (name: string) => `<!doctype html>\n<html lang="fr">\n<body><p>${name}</p></body>\n</html>\n`;

it('a lab’s one-page templates where the plan takes more pages: located on each template, exit 1, no kit', async () => {
  const workspace = madeWorkspace({
    'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
    ...Object.fromEntries(
      ['deroule', 'supports', 'conseils', 'envoi'].map((name) => [`templates/${name}.hbs`, onePage(name)]),
    ),
  });
  const result = await runCliInProcess(['build', '--academie', 'test'], { cwd: workspace });
  expect(result.status, result.stderr).toBe(1);
  expect(result.stderr).toMatch(
    /^templates\/envoi\.hbs +envoi\.pdf n’a que 1\u00a0page, et le plan d’impression en prend jusqu’à la page 2 \(impression\/envoi-A4-\d+-exemplaires\.pdf\)/m,
  );
  expect(result.stderr).toMatch(/^templates\/supports\.hbs +supports\.pdf n’a que 1\u00a0page, et le plan/m);
  expect(result.stderr).not.toMatch(/erreur interne/);
  expect(existsSync(path.join(workspace, 'kits', 'test'))).toBe(false);
});
