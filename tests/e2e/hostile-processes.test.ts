/**
 * Hostile faults that need pgo-kit's own process (issue 8): a lab's template
 * that never ends (rendered in the compiled pgo-kit's worker thread), signals,
 * kill -9 of pgo-kit or of its browser, the child's TMPDIR. Each gets a French
 * answer, an exit code among 0/1/2/3/129/130/143, never a stack trace, and
 * leaves nothing behind. (Split from hostile.test.ts so that both run side by side.)
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeMadeFolders, removedAtEnd } from '../helpers/cleanup.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { browserOf, expectClean, madeWorkspace, shortTemporaryFolder, STACK, waitForText } from '../helpers/hostile.js';

afterAll(removeMadeFolders);

/** The example restitution: its synthesis is the smallest run that starts a browser and prints (one PDF). */
const RESTITUTION = readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8');

describe('a template that loops for ever', () => {
  const loop =
    '<!doctype html>\n<html lang="fr"><body>{{#each (range 100000)}}{{#each (range 100000)}}x{{/each}}{{/each}}</body></html>\n';

  // Real processes: a lab's template renders in a worker thread, which only the compiled pgo-kit has (see render-pool.ts);
  // in this process it would loop for ever. The loop is the kit's first document: nothing is printed before it ends.
  it('is stopped by the per-document timeout, located', () => {
    const workspace = madeWorkspace({
      'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
      'templates/deroule.hbs': loop,
    });
    // A short delay (the loop burns a core while it runs): the loop is the first document the worker is given, so the delay
    // runs for it whatever the worker's start costs; the browser's launch, bounded by the same delay, is only awaited by a
    // print, which a failed render never reaches (runner.ts), so a slow launch cannot say anything else.
    const result = runCli(['build', '--academie', 'test'], { cwd: workspace, env: { PGO_KIT_DELAI: '0.3' } });
    expectClean(result, 1);
    expect(result.stderr).toMatch(
      /^templates\/deroule\.hbs +le modèle met plus de 0,3 s à produire deroule\.pdf \(test\) : une boucle sans fin \?/m,
    );
    expect(existsSync(path.join(workspace, 'kits', 'test'))).toBe(false);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    'is stopped by %s (SIGHUP: its terminal was closed), with only the « Interrompu » line',
    async (signal, code) => {
      const workspace = madeWorkspace({
        'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
        'templates/deroule.hbs': loop,
      });
      const child = spawn(process.execPath, [BIN, 'build', '--academie', 'test'], {
        cwd: workspace,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // The browser starts while templates render: once it is there, the build is under way.
      expect(await browserOf(child.pid ?? 0)).toBeDefined();
      const exited = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
      child.kill(signal);
      expect(await exited).toBe(code);
      // The file read is said first, as by every build, and the academy's warnings (what its family documents lack); then only the « Interrompu » line.
      const said = stderr
        .trim()
        .split('\n')
        .filter((line) => line !== '' && !/^academies\/test\.yaml:\d+:\d+ +attention : /.test(line));
      expect(said).toEqual([
        'Académie test : academies/test.yaml',
        'Interrompu : aucun fichier partiel n’a été laissé, les PDF précédents sont intacts.',
      ]);
    },
  );
});

describe('pgo-kit killed in the middle of a build (kill -9, a closed terminal)', () => {
  const loop =
    '<!doctype html>\n<html lang="fr"><body>{{#each (range 100000)}}{{#each (range 100000)}}x{{/each}}{{/each}}</body></html>\n';
  /** Running, as opposed to gone or a zombie waiting to be reaped. */
  const running = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat[stat.lastIndexOf(')') + 2] !== 'Z';
    } catch {
      return false;
    }
  };

  it('takes its browser with it, and the next run removes the profile left behind', async () => {
    const temporary = shortTemporaryFolder();
    const workspace = madeWorkspace({
      'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
      'templates/deroule.hbs': loop,
    });
    const env = { ...process.env, TMPDIR: temporary };
    const child = spawn(process.execPath, [BIN, 'build', '--academie', 'test'], {
      cwd: workspace,
      env,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const browser = await browserOf(child.pid ?? 0);
    expect(browser).toBeDefined();
    child.kill('SIGKILL');
    // Reaped: its pid no longer names a running process, as for a pgo-kit killed in another terminal.
    await exited;
    // The browser reads its DevTools pipe: closed with pgo-kit, it quits.
    for (let i = 0; i < 250 && running(browser ?? 0); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running(browser ?? 0)).toBe(false);
    expect(readdirSync(temporary)).toEqual([expect.stringMatching(new RegExp(`^pgo-kit-chrome-${child.pid}-`))]);
    // The next run, a process with the same TMPDIR, removes the profile the killed one left (a synthesis of one
    // restitution, in a workspace of its own: one PDF printed; the clean-up, not what is printed, is the point).
    const next = runCli(['synthese'], {
      cwd: madeWorkspace({ 'restitutions/limoges.yaml': RESTITUTION }),
      env: { TMPDIR: temporary },
    });
    expectClean(next, 0);
    expect(next.stderr).toMatch(/synthese\.pdf imprimé/);
    expect(readdirSync(temporary)).toEqual([]);
  });
});

describe('a lab’s template for the results that loops for ever', () => {
  const loop =
    '<!doctype html>\n<html lang="fr"><body>{{#each (range 100000)}}{{#each (range 100000)}}x{{/each}}{{/each}}</body></html>\n';

  it.each([
    [
      'restitution',
      ['restitution', '--academie', 'limoges'],
      'restitution',
      /^templates\/restitution\.hbs +le modèle met plus de 0,3 s à produire restitution\.pdf \(limoges\) : une boucle sans fin \?/m,
      path.join('kits', 'limoges'),
    ],
    [
      'synthese',
      ['synthese'],
      'synthese',
      /^templates\/synthese\.hbs +le modèle met plus de 0,3 s à produire synthese\.pdf : une boucle sans fin \?/m,
      path.join('kits', 'synthese.pdf'),
    ],
  ])('is stopped by the per-document timeout, located (%s)', (_name, args, template, message, output) => {
    const workspace = madeWorkspace({ 'restitutions/limoges.yaml': RESTITUTION, [`templates/${template}.hbs`]: loop });
    // A real process, as above: the lab's template renders in pgo-kit's worker thread. The short delay is safe as above:
    // the loop's document is the first the worker is given (restitution.pdf before restitution-participants.pdf).
    const result = runCli(args, { cwd: workspace, env: { PGO_KIT_DELAI: '0.3' } });
    expectClean(result, 1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(workspace, output))).toBe(false);
  });
});

describe('a long TMPDIR, as macOS gives (/var/folders/…/T/)', () => {
  // A real process: the TMPDIR is the child's own, as a Mac gives it, and its browser's socket goes below it.
  it('does not stop the full Chromium, whose socket would not fit below it', () => {
    const temporary = path.join(
      removedAtEnd(mkdtempSync(path.join(os.tmpdir(), 't-'))),
      'var',
      'folders',
      'zz',
      'zyxvpxvq6csfxvn_n0000000000000',
      'T',
    );
    mkdirSync(temporary, { recursive: true });
    // The browser starting and printing is the point, not a kit: the synthesis of one restitution prints one PDF (a kit, four).
    const workspace = madeWorkspace({ 'restitutions/limoges.yaml': RESTITUTION });
    const result = runCli(['synthese', '--browser', 'chromium'], {
      cwd: workspace,
      env: { TMPDIR: temporary, PATH: `/usr/bin:${process.env.PATH ?? ''}` },
    });
    expectClean(result, 0);
    expect(
      readdirSync(path.join(workspace, 'kits'))
        .filter((name) => !name.startsWith('.'))
        .sort(),
    ).toEqual(['synthese.csv', 'synthese.pdf']);
    expect(readdirSync(temporary)).toEqual([]);
  });
});

describe('the browser’s temporary folders', () => {
  // Real processes: the browser's process tree is killed and its TMPDIR (the child's) must be left empty.
  it('are removed after a launch timeout, even while the browser keeps writing in them', () => {
    const temporary = shortTemporaryFolder();
    const workspace = madeWorkspace({
      'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n',
      // Writes in its profile and in its TMPDIR, as Chromium does, and never answers.
      'navigateur.sh': [
        '#!/bin/sh',
        'for arg in "$@"; do case "$arg" in --user-data-dir=*) profile="${arg#--user-data-dir=}";; esac; done',
        'mkdir -p "$TMPDIR/.org.chromium.Chromium.test"',
        'i=0; while true; do i=$((i+1)); mkdir -p "$profile/Default/d$i"; echo x > "$profile/Default/d$i/f"; sleep 0.01; done',
        '',
      ].join('\n'),
    });
    chmodSync(path.join(workspace, 'navigateur.sh'), 0o755);
    const result = runCli(['build', '--academie', 'test', '--browser', path.join(workspace, 'navigateur.sh')], {
      cwd: workspace,
      // Half a second allowed: the browser writes all along it (every 10 ms), and the path is the 60 s default's.
      env: { PGO_KIT_DELAI: '0.5', TMPDIR: temporary },
    });
    expectClean(result, 3);
    expect(result.stderr).toMatch(/le navigateur ne répond pas/);
    expect(result.stderr).not.toMatch(/ENOTEMPTY/);
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('are removed after a kill -9 of the browser, which is said in French', async () => {
    const temporary = shortTemporaryFolder();
    // A one-theme academy printed one document at a time: after its first document, three are still to print.
    const workspace = madeWorkspace({ 'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n' });
    const child = spawn(process.execPath, [BIN, 'build', '--academie', 'test', '--jobs', '1'], {
      cwd: workspace,
      env: { ...process.env, TMPDIR: temporary },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const browser = await browserOf(child.pid ?? 0);
    expect(browser).toBeDefined();
    // Killed in the middle of printing: once a first document is printed, with many still to print.
    await waitForText(child, () => stderr, /imprimé/);
    process.kill(browser ?? 0, 'SIGKILL');
    expect(await exited).toBe(3);
    expect(stderr).toMatch(/^pgo-kit : le navigateur/m);
    expect(stderr).not.toMatch(STACK);
    expect(existsSync(path.join(workspace, 'kits', 'test'))).toBe(false);
    expect(readdirSync(temporary)).toEqual([]);
  });
});
