import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  academySourceLines,
  isLabFolder,
  sourceLines,
  sourceOf,
  type SourceFile,
} from '../../../src/cli/source-note.js';
import { createWorkspace, origin } from '../../../src/model/workspace.js';

/** A home folder holding a user npm prefix, pgo-kit installed in it, as `npm config set prefix ~/.npm-global` makes. */
function homeWithPrefix(): { home: string; packageRoot: string } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-home-'));
  const packageRoot = path.join(home, '.npm-global', 'lib', 'node_modules', 'pgo-kit');
  for (const [folder, name] of [
    ['academies', 'nantes'],
    ['academies', 'limoges'],
    ['themes', 'sante'],
    ['agendas', 'atelier-2h'],
  ] as const) {
    mkdirSync(path.join(packageRoot, folder), { recursive: true });
    writeFileSync(path.join(packageRoot, folder, `${name}.yaml`), 'id: x\n');
  }
  return { home, packageRoot };
}

describe('where a data file comes from, for list', () => {
  it('marks nothing as the user’s in a home folder that contains the npm prefix', () => {
    const { home, packageRoot } = homeWithPrefix();
    const workspace = createWorkspace(home, packageRoot);
    expect(origin(workspace, 'academies', 'nantes.yaml')).toBe('paquet');
    expect(origin(workspace, 'themes', 'sante.yaml')).toBe('paquet');
    expect(origin(workspace, 'agendas', 'atelier-2h.yaml')).toBe('paquet');
  });

  it('marks the files of the workspace, and those that replace the package’s', () => {
    const { home, packageRoot } = homeWithPrefix();
    mkdirSync(path.join(home, 'academies'));
    writeFileSync(path.join(home, 'academies', 'nantes.yaml'), 'academie: Nantes\n');
    writeFileSync(path.join(home, 'academies', 'lab.yaml'), 'academie: Lab\n');
    const workspace = createWorkspace(home, packageRoot);
    expect(origin(workspace, 'academies', 'nantes.yaml')).toBe('remplace');
    expect(origin(workspace, 'academies', 'lab.yaml')).toBe('dossier');
    expect(origin(workspace, 'academies', 'limoges.yaml')).toBe('paquet');
  });
});

describe('which academy file a command read', () => {
  it('outside a lab’s folder, names the shipped file and the way to one’s own', () => {
    const { home, packageRoot } = homeWithPrefix();
    const workspace = createWorkspace(home, packageRoot);
    expect(isLabFolder(workspace)).toBe(false);
    expect(academySourceLines(workspace, ['nantes'])).toEqual([
      // Inside the home folder, the shipped file is shown relative to it.
      'Académie nantes : .npm-global/lib/node_modules/pgo-kit/academies/nantes.yaml (fichier fourni avec pgo-kit)',
      'fichier fourni avec pgo-kit : pour le vôtre, pgo-kit init nantes dans votre dossier de travail',
    ]);
  });

  it('in a lab’s folder, names its own file, and a shipped one without the way out', () => {
    const { home, packageRoot } = homeWithPrefix();
    mkdirSync(path.join(home, 'academies'));
    writeFileSync(path.join(home, 'academies', 'nantes.yaml'), 'academie: Nantes\n');
    const workspace = createWorkspace(home, packageRoot);
    expect(isLabFolder(workspace)).toBe(true);
    expect(academySourceLines(workspace, ['nantes', 'limoges'])).toEqual([
      'Académie nantes : academies/nantes.yaml',
      'Académie limoges : .npm-global/lib/node_modules/pgo-kit/academies/limoges.yaml (fichier fourni avec pgo-kit)',
    ]);
  });

  it('in pgo-kit’s own folder, its files are the ones edited', () => {
    const { packageRoot } = homeWithPrefix();
    const workspace = createWorkspace(packageRoot, packageRoot);
    expect(sourceOf(workspace, 'academies', 'nantes')).toEqual({
      slug: 'nantes',
      file: 'academies/nantes.yaml',
      bundled: false,
    });
    expect(academySourceLines(workspace, ['nantes'])).toEqual(['Académie nantes : academies/nantes.yaml']);
  });

  const shipped = (slug: string): SourceFile => ({ slug, file: `/pkg/academies/${slug}.yaml`, bundled: true });
  const own = (slug: string): SourceFile => ({ slug, file: `academies/${slug}.yaml`, bundled: false });
  it.each<[string, SourceFile[], boolean, string[]]>([
    ['nothing read', [], false, []],
    [
      'many shipped files, outside a lab’s folder',
      ['a', 'b', 'c', 'd'].map(shipped),
      false,
      [
        'Fichiers d’académie lus : 4 fournis avec pgo-kit',
        'fichiers fournis avec pgo-kit : pour le vôtre, pgo-kit init <slug> dans votre dossier de travail',
      ],
    ],
    [
      'many files of both kinds, in a lab’s folder',
      [own('a'), own('b'), shipped('c'), shipped('d')],
      true,
      ['Fichiers d’académie lus : 2 de votre dossier, 2 fournis avec pgo-kit'],
    ],
  ])('%s', (_name, sources, inLab, lines) => {
    expect(sourceLines(sources, inLab)).toEqual(lines);
  });

  it('says the shipped restitution and how to start one’s own', () => {
    expect(sourceLines([shipped('limoges')], false, 'Restitution', 'pgo-kit restitution init --academie')).toEqual([
      'Restitution limoges : /pkg/academies/limoges.yaml (fichier fourni avec pgo-kit)',
      'fichier fourni avec pgo-kit : pour le vôtre, pgo-kit restitution init --academie limoges dans votre dossier de travail',
    ]);
  });
});
