/** Every impossible place to write is said at once, with its true cause, in French (issue 15, item 5). No browser is needed, nor a process of its own: the CLI's run() is called in this process, TMPDIR set around it. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { runCliInProcess } from '../helpers/cli.js';

afterAll(removeMadeFolders);

const LONG_SLUG = 'a'.repeat(240);

describe('a place that cannot be written', () => {
  it.each<[string, string[], Record<string, string>, number, RegExp]>([
    [
      'schema into /proc',
      ['schema', '--out', '/proc/pgo-kit'],
      {},
      3,
      /impossible d’écrire dans le dossier des schémas \/proc\/pgo-kit : dossier impossible à créer à cet endroit/,
    ],
    [
      'schema onto an existing file',
      ['schema', '--out', 'un-fichier'],
      {},
      3,
      /impossible d’écrire dans le dossier des schémas un-fichier : un fichier porte déjà ce nom/,
    ],
    [
      'schema below an existing file',
      ['schema', '--out', 'un-fichier/schemas'],
      {},
      3,
      /impossible d’écrire dans le dossier des schémas un-fichier\/schemas : un fichier porte déjà ce nom/,
    ],
    [
      'a TMPDIR that does not exist',
      ['build', '--academie', 'limoges'],
      { TMPDIR: '/nulle/part' },
      3,
      /le dossier temporaire \/nulle\/part est inutilisable \(ce dossier n’existe pas\) : le navigateur y met son profil ; corrigez la variable TMPDIR ou retirez-la/,
    ],
    [
      'a TMPDIR that is a file',
      ['build', '--academie', 'limoges'],
      { TMPDIR: 'un-fichier' },
      3,
      /le dossier temporaire .*un-fichier est inutilisable \(c’est un fichier, pas un dossier\)/,
    ],
    [
      'an academy of 240 characters',
      ['init', LONG_SLUG],
      {},
      3,
      /impossible d’écrire academies\/a+\.yaml : nom trop long pour le système de fichiers/,
    ],
  ])('%s', async (_, args, env, status, message) => {
    const workspace = madeWorkspace({ 'un-fichier': 'pas un dossier\n' });
    const absolute = Object.fromEntries(
      Object.entries(env).map(([key, value]) => [key, value.startsWith('/') ? value : path.join(workspace, value)]),
    );
    const result = await runCliInProcess(args, { cwd: workspace, env: absolute });
    expect(result.status, result.stderr).toBe(status);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/erreur interne|vérifiez les droits/);
  });

  it('restitution init beside a file named restitutions says so', async () => {
    const workspace = madeWorkspace({ restitutions: 'un fichier\n' });
    const result = await runCliInProcess(['restitution', 'init', '--academie', 'limoges'], { cwd: workspace });
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/impossible d’écrire restitutions\/limoges\.yaml : un fichier porte déjà ce nom/);
  });
});
