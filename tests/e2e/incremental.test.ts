import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeWorkspace as makeFolder,
  pdfInfo,
  pdfText,
  ROOT,
  runCliInProcess,
  squash,
  type CliResult,
} from '../helpers/cli.js';
import { removeMadeFolders, removedAtEnd } from '../helpers/cleanup.js';
import { workerBrowser } from '../helpers/worker-browser.js';

const PDFS = ['deroule.pdf', 'supports.pdf', 'conseils.pdf', 'envoi.pdf'];
const shippedSante = readFileSync(path.join(ROOT, 'themes', 'sante.yaml'), 'utf8');

/** Each test folder made here, removed once the file is done. */
const makeWorkspace = (files: Parameters<typeof makeFolder>[0]) => removedAtEnd(makeFolder(files));
afterAll(removeMadeFolders);

describe('an unchanged kit is not built again', () => {
  // Two academies: only « a » offers the theme the lab edits.
  const workspace = makeWorkspace({
    'academies/a.yaml': 'academie: Alpha\nthematiques: [sante, probite]\n',
    'academies/b.yaml': 'academie: Bêta\nthematiques: [probite, environnement]\n',
    'themes/sante.yaml': shippedSante,
  });
  const both = ['--academie', 'a', '--academie', 'b'];
  const file = (slug: string, name: string) => path.join(workspace, 'kits', slug, name);
  const mtimes = (slug: string) => PDFS.map((name) => statSync(file(slug, name)).mtimeMs);
  // In-process: the steps are about the stamp and the files, not about the process.
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCliInProcess(['build', ...args], { cwd: workspace, env });
  type Mtimes = { a: number[]; b: number[] };
  // Bêta's PDFs (print jobs included) after its first build, one document at a time, and after --force, two at a time.
  let bytesOfB: Record<string, string> = {};
  let bytesOfForcedB: Record<string, string> = {};
  let forcedDate: string | undefined = 'not read';
  type Stamp = { key: string; files: unknown[]; sources?: { key: string } };
  const stamp = (slug: string) => JSON.parse(readFileSync(file(slug, '.pgo-kit.json'), 'utf8')) as Stamp;
  const steps: Record<string, { result: CliResult; before: Mtimes; after: Mtimes; stamps: Stamp[] }> = {};
  const step = async (name: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const before = { a: mtimes('a'), b: mtimes('b') };
    const stampBefore = stamp('b');
    const result = await run(args, env);
    steps[name] = { result, before, after: { a: mtimes('a'), b: mtimes('b') }, stamps: [stampBefore, stamp('b')] };
  };

  // The builds that print do it through the worker's browser (--navigateur-distant): how many launches is not
  // the point here; the steps that must launch none are given a browser that does not exist instead.
  beforeAll(async () => {
    const remote = await workerBrowser();
    // One document at a time (the tests' default, said here: the --force step below prints two at a time).
    const first = await run([...both, '--jobs', '1', ...remote]);
    expect(first.status, first.stderr).toBe(0);
    bytesOfB = digests(path.join(workspace, 'kits', 'b'));
    // A browser that does not exist: a build that needs none still succeeds.
    await step('nothing changed', [...both, '--browser', '/nulle/part/chromium']);
    writeFileSync(
      path.join(workspace, 'themes', 'sante.yaml'),
      shippedSante.replace(/^titre: .*$/m, 'titre: La santé revue par le lab'),
    );
    await step('theme edited', [...both, ...remote]);
    // Bêta again with nothing changed, two documents at a time: its bytes must be those of its first build.
    await step('forced', ['--academie', 'b', '--force', '--jobs', '2', ...remote]);
    bytesOfForcedB = digests(path.join(workspace, 'kits', 'b'));
    forcedDate = pdfInfo(file('b', 'deroule.pdf')).CreationDate;
    await step('dated', ['--academie', 'b', ...remote], { SOURCE_DATE_EPOCH: '1796220000' });
    await step('with html', ['--academie', 'b', '--html', ...remote], { SOURCE_DATE_EPOCH: '1796220000' });
    await step('with html again', ['--academie', 'b', '--html', '--browser', '/nulle/part/chromium'], {
      SOURCE_DATE_EPOCH: '1796220000',
    });
  }, 240_000);

  it('says « inchangé », lists the kit, touches no file and launches no browser', () => {
    const { result, before, after } = steps['nothing changed']!;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('Académie d’Alpha : inchangé');
    expect(result.stderr).toContain('Académie de Bêta : inchangé');
    expect(result.stdout).toContain('kits/a/deroule.pdf');
    expect(after).toEqual(before);
  });

  it('rebuilds only the academies that offer an edited theme', () => {
    const { result, before, after } = steps['theme edited']!;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /Académie d’Alpha : deroule\.pdf, supports\.pdf, conseils\.pdf, envoi\.pdf, impression\/ \(\d+\u00a0fichiers\) →/,
    );
    expect(result.stderr).toContain('Académie de Bêta : inchangé');
    expect(after.b).toEqual(before.b);
    expect(after.a.every((mtime, index) => mtime > before.a[index]!)).toBe(true);
    expect(squash(pdfText(file('a', 'supports.pdf')))).toContain(squash('La santé revue par le lab'));
    // Bêta's stamp gets the new sources (its files and key as they were): the next run need not load it.
    const [stampBefore, stampAfter] = steps['theme edited']!.stamps;
    expect(stampAfter).toMatchObject({ key: stampBefore!.key, files: stampBefore!.files });
    expect(stampAfter!.sources!.key).toMatch(/^[0-9a-f]{64}$/);
    expect(stampAfter!.sources!.key).not.toBe(stampBefore!.sources!.key);
  });

  it('rebuilds everything asked for with --force', () => {
    const { result, before, after } = steps.forced!;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Académie de Bêta : deroule\.pdf/);
    expect(after.b.every((mtime, index) => mtime > before.b[index]!)).toBe(true);
    expect(after.a).toEqual(before.a);
    // Its stamp keeps its sources, as an unforced build's: the next run with nothing changed loads no data.
    const [stampBefore, stampAfter] = steps.forced!.stamps;
    expect(stampAfter!.sources!.key).toBe(stampBefore!.sources!.key);
  });

  it('rebuilds when SOURCE_DATE_EPOCH changes, and writes that date', () => {
    const { result, before, after } = steps.dated!;
    expect(result.status, result.stderr).toBe(0);
    expect(after.b).not.toEqual(before.b);
    expect(pdfInfo(file('b', 'deroule.pdf')).CreationDate).toMatch(/2026/);
  });

  it('counts --html as an input: adding the HTML rebuilds, asking again does not', () => {
    expect(steps['with html']!.result.stderr).toMatch(/Académie de Bêta : deroule\.pdf/);
    expect(steps['with html']!.result.stdout).toContain('kits/b/deroule.html');
    const again = steps['with html again']!;
    expect(again.result.status, again.result.stderr).toBe(0);
    expect(again.result.stderr).toContain('Académie de Bêta : inchangé');
    expect(again.result.stdout).toContain('kits/b/deroule.html');
    expect(again.after).toEqual(again.before);
  });

  it.each([
    [['--jobs', '0'], {}, /--jobs attend un nombre entier/],
    [['--jobs', 'beaucoup'], {}, /--jobs attend un nombre entier/],
    [[], { SOURCE_DATE_EPOCH: 'hier' }, /SOURCE_DATE_EPOCH attend un nombre de secondes/],
  ])('refuses %j %j as a usage error', async (args, env, message) => {
    const result = await run(['--academie', 'a', ...args], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('gives byte-identical PDFs for the same inputs, whatever the number of documents at a time', () => {
    // Bêta's first build (--jobs 1) against its rebuild with --force (--jobs 2), its inputs unchanged in between.
    expect(steps.forced!.result.status, steps.forced!.result.stderr).toBe(0);
    const names = Object.keys(bytesOfB);
    for (const name of PDFS) expect(names, name).toContain(name);
    // The print jobs too, made from those PDFs.
    expect(names.filter((name) => name.startsWith('impression/')).length).toBeGreaterThan(1);
    expect(bytesOfForcedB).toEqual(bytesOfB);
    // No date unless SOURCE_DATE_EPOCH gives one.
    expect(forcedDate).toBeUndefined();
  });
});

/** The SHA-256 of each PDF of a kit, print jobs included, by its path in the kit. */
function digests(kit: string): Record<string, string> {
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  return Object.fromEntries(
    readdirSync(kit, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.pdf'))
      .sort()
      .map((name) => [name, sha(path.join(kit, name))]),
  );
}
