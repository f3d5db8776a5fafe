/**
 * build, restitution and synthese share one runner: the same options, the same stamps, the same checks before the browser.
 * The CLI's run() is called in this process: nothing here is about pgo-kit's own process.
 */
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { ROOT, runCliInProcess, type CliResult } from '../helpers/cli.js';
import { sharedKit } from '../helpers/shared-kits.js';
import { workerBrowser } from '../helpers/worker-browser.js';

afterAll(removeMadeFolders);

const KIT = ['conseils.pdf', 'deroule.pdf', 'supports.pdf'];
const RESTITUTION = [
  'decidim-propositions.csv',
  'decidim-propositions.json',
  'engagements.csv',
  'engagements.json',
  'restitution.pdf',
];
const restitutionYaml = readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8');

/** A « browser » that only says it was started, then hangs: a check made before the launch never starts it. */
function fakeBrowser(workspace: string): { executable: string; started: string } {
  const started = path.join(workspace, 'navigateur-lance');
  const executable = path.join(workspace, 'faux-navigateur.sh');
  writeFileSync(executable, `#!/bin/sh\ntouch '${started}'\nsleep 30\n`);
  chmodSync(executable, 0o755);
  return { executable, started };
}

describe('an impossible output folder fails before the browser starts, for every command that prints', () => {
  it.each([
    ['build', ['build', '--academie', 'limoges']],
    ['restitution', ['restitution', '--academie', 'limoges']],
    ['synthese', ['synthese']],
  ])('%s --out /proc/…', async (_, args) => {
    const workspace = madeWorkspace({ 'restitutions/limoges.yaml': restitutionYaml });
    const browser = fakeBrowser(workspace);
    const result = await runCliInProcess([...args, '--out', '/proc/pgo-kit', '--browser', browser.executable], {
      cwd: workspace,
      env: { PGO_KIT_DELAI: '20' },
    });
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      /impossible d’écrire dans le dossier de sortie \/proc\/pgo-kit : dossier impossible à créer à cet endroit/,
    );
    expect(existsSync(browser.started)).toBe(false);
  });
});

describe('the kit and the restitution share a folder, each with its own stamp', () => {
  const workspace = madeWorkspace({});
  const file = (name: string) => path.join(workspace, 'kits', 'limoges', name);
  const mtimes = (names: readonly string[]) => names.map((name) => statSync(file(name)).mtimeMs);
  const steps: Record<string, CliResult> = {};
  let kitAfterBuild: number[] = [];
  let kitAfterRestitution: number[] = [];
  let restitutionBefore: number[] = [];
  let restitutionAgain: number[] = [];
  let restitutionAfter: number[] = [];
  let restitution = Buffer.alloc(0);
  // The worker's browser for the file's three printing runs (--navigateur-distant): launching a browser is not the point here.
  let remoteArgs: string[] = [];
  const remote = () => remoteArgs;

  beforeAll(async () => {
    remoteArgs = await workerBrowser();
    const run = async (name: string, args: string[]) => {
      steps[name] = await runCliInProcess(args, { cwd: workspace });
      expect(steps[name]!.status, `${name}: ${steps[name]!.stderr}`).toBe(0);
    };
    // The run's shared Limoges kit built with --html, copied into the workspace's kits/ (it is changed below).
    const kit = await sharedKit('limoges', { html: true });
    expect(kit.status, kit.stderr).toBe(0);
    cpSync(kit.out, path.join(workspace, 'kits'), { recursive: true, preserveTimestamps: true });
    kitAfterBuild = mtimes(KIT);
    await run('restitution', ['restitution', '--academie', 'limoges', '--html', '--jobs', '1', ...remote()]);
    kitAfterRestitution = mtimes(KIT);
    restitutionBefore = mtimes(RESTITUTION);
    // A browser that does not exist: a run that needs none still succeeds.
    await run('restitution again', [
      'restitution',
      '--academie',
      'limoges',
      '--html',
      '--browser',
      '/nulle/part/chromium',
    ]);
    restitutionAgain = mtimes(RESTITUTION);
    await run('build without html', ['build', '--academie', 'limoges', ...remote()]);
    restitutionAfter = mtimes(RESTITUTION);
    // Another PDF of the same size in place of the restitution's, its inputs unchanged: the stamp's sizes agree, its
    // digests do not. (The restitution's stamp is checked as the kit's: one runner, one stamp format.)
    restitution = readFileSync(file('restitution.pdf'));
    const other = Buffer.concat([readFileSync(file('supports.pdf')), Buffer.alloc(restitution.length)]).subarray(
      0,
      restitution.length,
    );
    writeFileSync(file('restitution.pdf'), other);
    await run('restitution after a same-size overwrite', [
      'restitution',
      '--academie',
      'limoges',
      '--html',
      ...remote(),
    ]);
  }, 300_000);

  it('writes the restitution beside the kit without touching the kit’s files', () => {
    expect(steps.restitution!.stderr).toMatch(
      /Académie de Limoges : restitution\.pdf, restitution-participants\.pdf, engagements\.json, engagements\.csv, decidim-propositions\.csv, decidim-propositions\.json →/,
    );
    expect(kitAfterRestitution).toEqual(kitAfterBuild);
    expect(existsSync(file('restitution.html'))).toBe(true);
    expect(readdirSync(path.join(workspace, 'kits', 'limoges'))).toContain('.pgo-kit-restitution.json');
  });

  it('says that nothing changed on a second restitution, and launches no browser', () => {
    const again = steps['restitution again']!;
    expect(again.stderr).toContain('Académie de Limoges : inchangé → kits/limoges/');
    expect(again.stderr).toMatch(/rien n’a changé/);
    expect(again.stdout).toContain('kits/limoges/restitution.pdf');
    expect(restitutionAgain).toEqual(restitutionBefore);
  });

  it('rebuilds the kit without touching the restitution, and removes the HTML the earlier --html run left', () => {
    expect(restitutionAfter).toEqual(restitutionBefore);
    for (const name of KIT) expect(existsSync(file(name.replace(/\.pdf$/, '.html'))), name).toBe(false);
    // The restitution's own HTML is the restitution's to keep.
    expect(existsSync(file('restitution.html'))).toBe(true);
  });

  it('makes again a unit whose PDF was replaced by another file of the same size', () => {
    const result = steps['restitution after a same-size overwrite']!;
    expect(result.stderr).toMatch(/Académie de Limoges : restitution\.pdf/);
    // Made again, byte for byte the PDF it was before it was overwritten (runs are reproducible).
    expect(readFileSync(file('restitution.pdf')).equals(restitution)).toBe(true);
  });
});
