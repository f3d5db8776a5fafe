/**
 * `pgo-kit build --watch`: the kit is built, then built again on each save
 * with the same browser; an invalid save keeps the previous PDFs.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academyWithLocalTheme, makeWorkspace, pdfText, runCliInProcess } from '../helpers/cli.js';
import { browserProfiles } from '../helpers/browser-profiles.js';
import { startCli, type LongRunning } from '../helpers/long-running.js';

const academy = (question: string, participants = '12') => academyWithLocalTheme(question, { participants });

const WAITING = /En attente de modifications/g;

describe('pgo-kit build --watch', () => {
  const workspace = makeWorkspace({
    'academies/test-lab.yaml': academy('Combien de temps dure un ordinateur ?'),
    // Small: its kit is built again at each change of template.
    'academies/autre.yaml': 'academie: Nantes\nthematiques: [sante, probite]\nsession:\n  participants: 8\n',
    // There from the start: a templates/ folder created during a watch is followed too (the same watch as
    // preview's, tested there and in tests/unit/preview/watch.test.ts), and here it would cost two more kits.
    'templates/styles/lab.css': '.a { color: rgb(1, 2, 3); }\n',
  });
  const file = path.join(workspace, 'academies', 'test-lab.yaml');
  const supports = path.join(workspace, 'kits', 'test-lab', 'supports.pdf');
  const digest = (target: string) => createHash('sha256').update(readFileSync(target)).digest('hex');
  let cli: LongRunning;
  /** How many times the command has said it waits, so far. */
  const waits = () => (cli.stderr().match(WAITING) ?? []).length;
  /**
   * Resolves when the command has said it waits for the n-th time. Each wait is looked for after the last one
   * said, in the new text only: a pattern for « n times » over the whole output backtracked on every chunk of it.
   */
  const waitingFor = async (count: number) => {
    while (waits() < count) {
      const last = cli.stderr().lastIndexOf(WAITING.source);
      await cli.waitFor('stderr', new RegExp(WAITING.source), {
        from: last < 0 ? 0 : last + WAITING.source.length,
        timeoutMs: 90_000,
      });
    }
  };

  beforeAll(async () => {
    cli = startCli(['build', '--watch', '--academie', 'test-lab', '--academie', 'autre'], workspace);
    await waitingFor(1);
    // stdout and stderr are two pipes: the files written may arrive after the line that says it waits.
    await cli.waitFor('stdout', /kits\/autre\/conseils\.pdf/);
  }, 120_000);

  afterAll(async () => {
    await cli?.stop('SIGKILL');
    rmSync(workspace, { recursive: true, force: true });
  });

  it('builds the kits first, then waits', () => {
    expect(cli.stdout()).toContain('kits/test-lab/supports.pdf');
    expect(cli.stdout()).toContain('kits/autre/deroule.pdf');
    expect(pdfText(supports)).toContain('Combien de temps dure un ordinateur ?');
  });

  it('rebuilds the edited academy on save, and only it', async () => {
    const before = {
      hash: digest(supports),
      other: statSync(path.join(workspace, 'kits', 'autre', 'deroule.pdf')).mtimeMs,
    };
    const from = cli.stdout().length;
    writeFileSync(file, academy('Que devient le matériel numérique ?'));
    await waitingFor(2);
    expect(cli.stderr()).toMatch(/Modifié : academies\/test-lab\.yaml → nouvelle production : test-lab/);
    await cli.waitFor('stdout', /kits\/test-lab\/conseils\.pdf/, { from });
    expect(cli.stdout().slice(from)).not.toContain('kits/autre/');
    expect(digest(supports)).not.toBe(before.hash);
    expect(pdfText(supports)).toContain('Que devient le matériel numérique ?');
    expect(statSync(path.join(workspace, 'kits', 'autre', 'deroule.pdf')).mtimeMs).toBe(before.other);
  });

  it('keeps the previous PDFs after an invalid save, says why, and goes on watching', async () => {
    const before = digest(supports);
    writeFileSync(file, academy('Une question jamais imprimée ?', 'douze'));
    await waitingFor(3);
    expect(cli.stderr()).toMatch(/academies\/test-lab\.yaml:4:\d+\s+session\.participants : /);
    expect(cli.stderr()).toContain('test-lab : 1 erreur(s), les PDF précédents sont conservés.');
    expect(digest(supports)).toBe(before);
    expect(cli.child.exitCode).toBeNull();

    writeFileSync(file, academy('Quels logiciels libres en classe ?'));
    await waitingFor(4);
    expect(pdfText(supports)).toContain('Quels logiciels libres en classe ?');
  });

  it('keeps following templates/ after saves by rename (sed -i, editors’ safe-save)', async () => {
    // Saves that leave the text as it was (an editor's save of an unchanged buffer): sed -i still writes a new
    // file and renames it over the old one, the event this case is about, and the kits, their sources unchanged,
    // are found unchanged instead of being printed again (four kits no assertion would read).
    const css = path.join(workspace, 'templates', 'styles', 'lab.css');
    for (let save = 0; save < 2; save++) {
      // Counted before the save: a production that finds its kits unchanged may say it waits again in the
      // same chunk of output as the change it produced.
      const [saved, waited] = [cli.stderr().length, waits()];
      execFileSync('sed', ['-i', 's/1, 2, 3/1, 2, 3/', css]);
      await cli.waitFor('stderr', /Modifié : templates\/styles\/lab\.css → nouvelle production : test-lab, autre/, {
        from: saved,
      });
      await waitingFor(waited + 1);
      expect(cli.stderr().slice(saved)).toMatch(/Limoges : inchangé → kits\/test-lab\//);
      expect(cli.stderr().slice(saved)).toMatch(/Nantes : inchangé → kits\/autre\//);
    }
  });

  it('says an academy file deleted during the watch, keeps its PDFs, and goes on watching', async () => {
    const before = digest(supports);
    const content = readFileSync(file, 'utf8');
    const from = cli.stderr().length;
    rmSync(file);
    await waitingFor(waits() + 1);
    expect(cli.stderr().slice(from)).toMatch(
      /^academies\/test-lab\.yaml +fichier supprimé ou déplacé depuis le lancement de la commande : remettez-le en place/m,
    );
    expect(cli.stderr().slice(from)).toContain('test-lab : 1 erreur(s), les PDF précédents sont conservés.');
    expect(digest(supports)).toBe(before);
    expect(cli.child.exitCode).toBeNull();
    // Put back as it was, as the message asks: the watch reads it again and finds its kit unchanged (a changed
    // save after an error is printed in the case above).
    const back = cli.stderr().length;
    writeFileSync(file, content);
    await waitingFor(waits() + 1);
    expect(cli.stderr().slice(back)).toMatch(/Modifié : academies\/test-lab\.yaml → nouvelle production : test-lab/);
    expect(cli.stderr().slice(back)).toMatch(/Limoges : inchangé → kits\/test-lab\//);
    expect(cli.stderr().slice(back)).not.toContain('erreur(s)');
    expect(digest(supports)).toBe(before);
  });

  it('stops on Ctrl-C with exit 130 and closes its one browser', async () => {
    const profiles = () => browserProfiles(cli.child.pid);
    // One browser for the whole session, however many rebuilds.
    expect(profiles()).toHaveLength(1);
    expect(await cli.stop('SIGINT')).toBe(130);
    expect(profiles()).toEqual([]);
  });
});

describe('pgo-kit build --watch without a browser', () => {
  // In-process: a run that watched instead would never end, and the test would fail on its timeout.
  it('stops at once as build does (exit 3), instead of watching for nothing', async () => {
    const workspace = makeWorkspace({ 'academies/test-lab.yaml': academy('Une question ?') });
    const result = await runCliInProcess(
      ['build', '--watch', '--academie', 'test-lab', '--browser', '/introuvable/chrome'],
      { cwd: workspace },
    );
    rmSync(workspace, { recursive: true, force: true });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('navigateur introuvable');
    expect(result.stderr).not.toContain('En attente de modifications');
  });
});
