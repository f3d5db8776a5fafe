/**
 * Which restitution file `restitution --academie <slug>` reads: the lab's own, else the package's worked
 * example — but not for a lab that has its own academy file for that slug: the example describes another
 * session (its themes, its ideas), and the lab's path is `restitution init`.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { restitutionFile } from '../../../src/results.js';
import { academyYaml } from '../../helpers/academy-file.js';
import { makeWorkspace, ROOT, runCliInProcess } from '../../helpers/cli.js';

const made: string[] = [];
const folder = (files: Record<string, string>) => {
  const root = makeWorkspace(files);
  made.push(root);
  return root;
};
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

const example = readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8');
const ownAcademy = academyYaml({ academie: 'Limoges', thematiques: ['sante', 'probite'] });

describe('the restitution file of an academy', () => {
  it.each<[string, Record<string, string>, string]>([
    ['an empty folder: the worked example', {}, 'paquet'],
    [
      'a lab with other academies only: the worked example',
      { 'academies/nantes.yaml': 'academie: Nantes\n' },
      'paquet',
    ],
    [
      'a lab with its own academy and restitution files: its own',
      { 'academies/limoges.yaml': ownAcademy, 'restitutions/limoges.yaml': example },
      'dossier',
    ],
    ['a lab with only its own restitution file: its own', { 'restitutions/limoges.yaml': example }, 'dossier'],
  ])('%s', (_case, files, expected) => {
    const root = folder(files);
    const file = restitutionFile(createWorkspace(root), 'limoges');
    if (expected === 'dossier') expect(file).toBe(path.join(root, 'restitutions', 'limoges.yaml'));
    else expect(file).toBe(path.join(ROOT, 'restitutions', 'limoges.yaml'));
  });

  it('is refused, with the way to one’s own, for a lab whose academy file is its own but has no restitution', () => {
    const workspace = createWorkspace(folder({ 'academies/limoges.yaml': ownAcademy }));
    expect(() => restitutionFile(workspace, 'limoges')).toThrow(UsageError);
    expect(() => restitutionFile(workspace, 'limoges')).toThrow(
      /^aucune restitution pour « limoges » dans votre dossier : créez-la avec pgo-kit restitution init --academie limoges \(restitutions\/limoges\.yaml fourni avec pgo-kit est l’exemple d’une autre session que celle d’academies\/limoges\.yaml\)$/,
    );
  });

  it('stops the command with exit 2 before it names any file read, and writes nothing', async () => {
    const root = folder({ 'academies/limoges.yaml': ownAcademy });
    const result = await runCliInProcess(['restitution', '--academie', 'limoges'], { cwd: root });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'pgo-kit : aucune restitution pour « limoges » dans votre dossier : créez-la avec pgo-kit restitution init --academie limoges (restitutions/limoges.yaml fourni avec pgo-kit est l’exemple d’une autre session que celle d’academies/limoges.yaml)',
    );
    expect(existsSync(path.join(root, 'kits'))).toBe(false);
  });
});
