/**
 * `synthese` goes through the runner like `restitution`: a second run with nothing changed is
 * recognised before any YAML is read (its warnings said again from the stamp), and an invalid
 * restitution is said once, with one line saying that nothing was written.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removedAtEnd, removeMadeFolders } from '../helpers/cleanup.js';
import { BIN, makeWorkspace, ROOT, runCli, runCliInProcess } from '../helpers/cli.js';

afterAll(removeMadeFolders);

describe('pgo-kit synthese, a second time', () => {
  const root = removedAtEnd(
    makeWorkspace({
      'restitutions/limoges.yaml': readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8'),
    }),
  );
  const pdf = path.join(root, 'kits', 'synthese.pdf');
  let made: ReturnType<typeof runCli>;

  // The compiled pgo-kit, as the second run: a stamp's key includes the code that made it.
  beforeAll(() => {
    made = runCli(['synthese'], { cwd: root });
  }, 60_000);

  it('with nothing changed, says so and its warnings again, reading no YAML and loading nothing that prints', () => {
    expect(made.status, made.stderr).toBe(0);
    const written = statSync(pdf).mtimeMs;
    // A real process, with a recorder of the modules it loads (as for restitution).
    const second = spawnSync(
      process.execPath,
      ['--import', path.join(ROOT, 'tests', 'helpers', 'loaded-modules.mjs'), BIN, 'synthese'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(second.status, second.stderr).toBe(0);
    const lines = second.stderr.split('\n');
    const modules = lines.filter((line) => line.startsWith('module: ')).map((line) => line.slice('module: '.length));
    const said = lines.filter((line) => line && !line.startsWith('module: '));
    expect(
      said.some((line) => /^Synthèse de 1 académie\(s\), \d+ engagement\(s\) : inchangé → kits\/$/.test(line)),
    ).toBe(true);
    expect(said.at(-1)).toMatch(/^Terminé en [\d,]+ s : rien n’a changé\.$/);
    const warnings = (text: string) => text.split('\n').filter((line) => line.includes(' attention : '));
    expect(warnings(made.stderr).length).toBeGreaterThan(0);
    expect(said.filter((line) => line.includes(' attention : '))).toEqual(warnings(made.stderr));
    expect(second.stdout).toBe(made.stdout);
    expect(statSync(pdf).mtimeMs).toBe(written);
    const heavy = modules.filter((url) =>
      /\/node_modules\/(zod|yaml|handlebars|puppeteer-core|pdf-lib|stopword|@puppeteer)\/|\/dist\/(pdf\/(printer|metadata|print-jobs)|render\/|model\/(schemas|load|yaml-source|restitution-load)|run\/results-units|load)\.?/.test(
        url,
      ),
    );
    expect(heavy).toEqual([]);
  });

  it('with an invalid restitution, says its problem once and that nothing was written (exit 1)', async () => {
    appendFileSync(path.join(root, 'restitutions', 'limoges.yaml'), 'x');
    const written = statSync(pdf).mtimeMs;
    const result = await runCliInProcess(['synthese'], { cwd: root });
    expect(result.status).toBe(1);
    const problems = result.stderr.split('\n').filter((line) => /^restitutions\/limoges\.yaml:\d+:\d+ /.test(line));
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems).size).toBe(problems.length);
    expect(result.stderr).toContain('restitutions/limoges.yaml : 1 erreur(s), la synthèse n’a pas été écrite.');
    expect(existsSync(pdf) && statSync(pdf).mtimeMs).toBe(written);
  });
});
