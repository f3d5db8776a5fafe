import { chmodSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removedAtEnd, removeMadeFolders } from '../helpers/cleanup.js';
import { academyYaml } from '../helpers/academy-file.js';
import { makeWorkspace, runCli, runCliInProcess } from '../helpers/cli.js';

const workspaceOf = (files: Parameters<typeof makeWorkspace>[0]) => removedAtEnd(makeWorkspace(files));
afterAll(removeMadeFolders);

describe('misuse of the command line exits 2 with a French message', () => {
  it.each([
    [['build', '--academie', '../../etc/passwd'], /identifiant d’académie invalide « \.\.\/\.\.\/etc\/passwd »/],
    [['build', '--academie', 'Limoges!'], /identifiant d’académie invalide « Limoges! »/],
    [['build', '--academie', 'limoge'], /académie inconnue « limoge » — vouliez-vous dire « limoges » \?/],
    [['build', '--all', '--academie', 'limoges'], /soit --all, soit/],
    [['build'], /indiquez au moins une académie/],
    [['construire'], /commande inconnue « construire »/],
    [['build', '--academie', 'limoges', '--couleur'], /option inconnue « --couleur »/],
    [['validate', '--academie'], /attend une valeur/],
  ])('%j', async (args, message) => {
    const result = await runCliInProcess(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/pgo-kit --help/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('invalid data exits 1, with every problem located', () => {
  it('validate lists each problem as file:line:col  path : message', async () => {
    const workspace = workspaceOf({
      'academies/test.yaml':
        'academie: Test\nsession:\n  partcipants: 16\n  debut: "25:00"\nthematiques: [sante, santee]\n',
    });
    const result = await runCliInProcess(['validate', '--academie', 'test'], { cwd: workspace });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^academies\/test\.yaml:3:3 +session\.partcipants : clé inconnue — vouliez-vous dire « participants » \?$/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^academies\/test\.yaml:4:10 +session\.debut : heure invalide/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^academies\/test\.yaml:5:22 +thematiques n° 2 : thématique inconnue « santee »/),
    );
  });

  // A failed build leaving an earlier kit as it was: tests/e2e/invalid-build.test.ts.

  it('warns, naming both totals, when durations no longer match the agenda', async () => {
    const workspace = workspaceOf({ 'academies/test.yaml': 'academie: Test\ndurees:\n  reflexion: 30\n' });
    const result = await runCliInProcess(['validate', '--academie', 'test'], { cwd: workspace });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /academies\/test\.yaml:2:1 +attention : durees : la durée totale des phases \(130 min\) diffère de la durée prévue par le déroulé « atelier-2h » \(120 min\)/,
    );
  });
});

// A one-theme academy where a browser fails: the failure is the point, not rendering a kit's documents before it is met.
const ONE_THEME = academyYaml({ thematiques: ['sante'] });

describe('a machine without a usable browser exits 3', () => {
  it.each([
    [['--browser', '/nulle/part/chrome'], {}],
    [[], { PUPPETEER_EXECUTABLE_PATH: '/nulle/part/chrome' }],
  ])('%j %j', async (args, env) => {
    const workspace = workspaceOf({ 'academies/test.yaml': ONE_THEME });
    const result = await runCliInProcess(['build', '--academie', 'test', ...args], { cwd: workspace, env });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/navigateur introuvable/);
  });
});

describe('a browser that fails exits 3 without leaving anything behind', () => {
  it('one that cannot start', async () => {
    const workspace = workspaceOf({ 'academies/test.yaml': ONE_THEME });
    const result = await runCliInProcess(['build', '--academie', 'test', '--browser', '/bin/false'], {
      cwd: workspace,
    });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/le navigateur n’a pas pu démarrer \(\/bin\/false\)/);
    expect(result.stderr).toMatch(/relancez avec --verbose/);
  });

  it('one that hangs, within the allowed delay', () => {
    const workspace = workspaceOf({
      'academies/test.yaml': ONE_THEME,
      'navigateur-bloque.sh': '#!/bin/sh\nexec sleep 600\n',
    });
    chmodSync(path.join(workspace, 'navigateur-bloque.sh'), 0o755);
    // The real process: the hung browser must be ended and the command must exit (the test's timeout bounds it).
    const result = runCli(
      ['build', '--academie', 'test', '--browser', path.join(workspace, 'navigateur-bloque.sh'), '--verbose'],
      {
        cwd: workspace,
        // Half a second allowed: the same path as the 60 s default, without the wait.
        env: { PGO_KIT_DELAI: '0.5' },
      },
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/le navigateur ne répond pas/);
    expect(readdirSync(workspace)).not.toContain('kits');
  });
});

describe('an output folder that cannot be written', () => {
  it('exits 3 with a French message', async () => {
    const workspace = workspaceOf({
      'academies/test.yaml': ONE_THEME,
      'kits/test': 'un fichier, pas un dossier',
    });
    const result = await runCliInProcess(['build', '--academie', 'test'], { cwd: workspace });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/impossible d’écrire le kit dans kits\/test : un fichier porte déjà ce nom/);
  });
});

describe('list', () => {
  it('lists the 30 academies, the themes and the agendas', async () => {
    const result = await runCliInProcess(['list']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Académies \(30\)/);
    expect(result.stdout).toMatch(/aix-marseille +Académie d’Aix-Marseille — Provence-Alpes-Côte d’Azur/);
    expect(result.stdout).toMatch(/Thématiques \(7\)/);
    expect(result.stdout).toMatch(/atelier-2h/);
  });
});
