import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, pdfInfo, pdfText, ROOT, runCli, squash } from '../helpers/cli.js';

const PDFS = ['deroule.pdf', 'supports.pdf', 'conseils.pdf', 'envoi.pdf'];
const shippedSante = readFileSync(path.join(ROOT, 'themes', 'sante.yaml'), 'utf8');

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
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['build', ...args], { cwd: workspace, env });
  type Mtimes = { a: number[]; b: number[] };
  const steps: Record<string, { result: ReturnType<typeof run>; before: Mtimes; after: Mtimes }> = {};
  const step = (name: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const before = { a: mtimes('a'), b: mtimes('b') };
    const result = run(args, env);
    steps[name] = { result, before, after: { a: mtimes('a'), b: mtimes('b') } };
  };

  beforeAll(() => {
    const first = run(both);
    expect(first.status, first.stderr).toBe(0);
    // A browser that does not exist: a build that needs none still succeeds.
    step('nothing changed', [...both, '--browser', '/nulle/part/chromium']);
    writeFileSync(
      path.join(workspace, 'themes', 'sante.yaml'),
      shippedSante.replace(/^titre: .*$/m, 'titre: La santé revue par le lab'),
    );
    step('theme edited', both);
    step('forced', ['--academie', 'b', '--force']);
    step('dated', ['--academie', 'b'], { SOURCE_DATE_EPOCH: '1796220000' });
    step('with html', ['--academie', 'b', '--html'], { SOURCE_DATE_EPOCH: '1796220000' });
    step('with html again', ['--academie', 'b', '--html', '--browser', '/nulle/part/chromium'], {
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
  });

  it('rebuilds everything asked for with --force', () => {
    const { result, before, after } = steps.forced!;
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Académie de Bêta : deroule\.pdf/);
    expect(after.b.every((mtime, index) => mtime > before.b[index]!)).toBe(true);
    expect(after.a).toEqual(before.a);
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
  ])('refuses %j %j as a usage error', (args, env, message) => {
    const result = run(['--academie', 'a', ...args], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('reproducible builds', () => {
  it('gives byte-identical PDFs for the same inputs, whatever the number of pages at a time', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-repro-'));
    const first = runCli(['build', '--academie', 'limoges', '--out', path.join(out, '1')]);
    const second = runCli(['build', '--academie', 'limoges', '--out', path.join(out, '2'), '--jobs', '1']);
    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
    const sha = (folder: string, name: string) =>
      createHash('sha256')
        .update(readFileSync(path.join(out, folder, 'limoges', name)))
        .digest('hex');
    for (const name of PDFS) expect(sha('2', name), name).toBe(sha('1', name));
    // The print jobs too, made from those PDFs.
    const jobs = readdirSync(path.join(out, '1', 'limoges', 'impression')).sort();
    expect(readdirSync(path.join(out, '2', 'limoges', 'impression')).sort()).toEqual(jobs);
    expect(jobs.length).toBeGreaterThan(1);
    for (const name of jobs) expect(sha('2', `impression/${name}`), name).toBe(sha('1', `impression/${name}`));
    // No date unless SOURCE_DATE_EPOCH gives one.
    expect(pdfInfo(path.join(out, '1', 'limoges', 'deroule.pdf')).CreationDate).toBeUndefined();
  }, 120_000);
});
