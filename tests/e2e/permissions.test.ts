/**
 * Files and folders a lab's account may not read or write (EACCES). Tests
 * run as root here, for whom every permission holds: the CLI is run as
 * « nobody » (setpriv), where that is possible.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';

const NOBODY = ['--reuid=65534', '--regid=65534', '--clear-groups'];

/** The CLI as « nobody », or undefined when this machine cannot (not root, no setpriv, pgo-kit unreadable to others). */
function asNobody(args: string[], cwd: string) {
  return spawnSync('setpriv', [...NOBODY, 'env', 'HOME=/tmp', process.execPath, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

const possible =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('setpriv', [...NOBODY, process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)})`])
    .status === 0;

// In /tmp itself (open to all), not in the tests' own temporary folder (private to root).
const root = possible ? mkdtempSync('/tmp/pgo-droits-') : '';
if (root) chmodSync(root, 0o755);
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A folder of the given mode, owned by root; files in it are readable by all unless said. */
function folder(relative: string, mode: number, files: Record<string, [string, number]> = {}): string {
  const target = path.join(root, relative);
  mkdirSync(target, { recursive: true });
  for (const [name, [text, fileMode]] of Object.entries(files)) {
    writeFileSync(path.join(target, name), text);
    chmodSync(path.join(target, name), fileMode);
  }
  chmodSync(target, mode);
  return target;
}

describe.skipIf(!possible)('an account without the rights (EACCES)', () => {
  it('is told the output folder cannot be written, at once, exit 3', () => {
    const work = folder('atelier', 0o755);
    folder('atelier/academies', 0o755, { 'test.yaml': ['academie: Test\nthematiques: [sante]\n', 0o644] });
    folder('verrouille', 0o555);
    const result = asNobody(['build', '--academie', 'test', '--out', path.join(root, 'verrouille', 'kits')], work);
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      /impossible d’écrire dans le dossier de sortie .*verrouille\/kits : permission refusée/,
    );
    expect(result.stderr).not.toMatch(/EACCES|at .+:\d+:\d+/);
  });

  it('is told, by restitution init in a read-only folder, that the file cannot be written, exit 3', () => {
    const work = folder('lecture-seule', 0o555);
    const result = asNobody(['restitution', 'init', '--academie', 'limoges'], work);
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/impossible d’écrire restitutions\/limoges\.yaml : permission refusée/);
    expect(result.stderr).not.toMatch(/erreur interne|EACCES/);
  });

  it('is told a read-only TMPDIR cannot hold the browser’s profile, before any browser starts, exit 3', () => {
    const work = folder('atelier-tmp', 0o777);
    // A one-theme academy: the check before the browser is the point, not the kit.
    folder('atelier-tmp/academies', 0o755, { 'test.yaml': ['academie: Test\nthematiques: [sante]\n', 0o644] });
    const temporary = folder('tmp-lecture-seule', 0o555);
    const result = spawnSync(
      'setpriv',
      [
        ...NOBODY,
        'env',
        'HOME=/tmp',
        `TMPDIR=${temporary}`,
        process.execPath,
        BIN,
        'build',
        '--academie',
        'test',
        '--out',
        path.join(work, 'kits'),
      ],
      { cwd: work, encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      /le dossier temporaire .*tmp-lecture-seule est inutilisable \(permission refusée\) : le navigateur y met son profil ; corrigez la variable TMPDIR/,
    );
  });

  it('is told which file it may not read, located, exit 1', () => {
    const work = folder('prive', 0o755);
    folder('prive/academies', 0o755, { 'test.yaml': ['academie: Test\nthematiques: [sante]\n', 0o600] });
    const result = asNobody(['validate', '--academie', 'test'], work);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/academies\/test\.yaml:1:1 +lecture interdite \(droits du fichier\)/);
  });

  it('is told which folder it may not list', () => {
    const work = folder('ferme', 0o755);
    folder('ferme/academies', 0o711, { 'test.yaml': ['academie: Test\n', 0o644] });
    const result = asNobody(['list'], work);
    expect(result.stdout + result.stderr).toMatch(/academies +dossier illisible \(droits du dossier\)/);
    expect(result.stderr).not.toMatch(/EACCES|at .+:\d+:\d+/);
  });
});
