/**
 * A word without a break point (a token, a pasted address) or a title of
 * 10,000 characters stays inside the page in every PDF, and is warned about.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { academyWithLocalTheme, ROOT, runCliInProcess } from '../helpers/cli.js';
import { workerBrowser } from '../helpers/worker-browser.js';

afterAll(removeMadeFolders);

// The worker's headless shell for the file's three prints (--navigateur-distant): the browser's launch is not the point here.
let remoteArgs: string[] = [];
const remote = () => remoteArgs;
beforeAll(async () => {
  remoteArgs = await workerBrowser();
}, 60_000);

const TOKEN = `https://exemple.fr/${'a1b2c3d4'.repeat(23)}`;
const HUGE_TITLE = `DÉBUT ${'engagement '.repeat(1_000).slice(0, 9_990)} FIN`;

/**
 * How often a long word starts in a PDF, and how often it comes whole (text
 * outside the page is not extracted: a word cut off by the page's edge is
 * not whole); line breaks are taken out first, so a wrapped word is whole.
 * For the huge title: whether it reaches its end, and the words of its lines
 * cut by the page's edge.
 */
function cutWords(file: string): {
  starts: number;
  whole: number;
  title: { starts: number; ends: number; cut: string[] };
} {
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const squashed = text.replace(/\s+/g, '');
  const count = (needle: string) => squashed.split(needle).length - 1;
  const titleLines = text.split('\n').filter((line) => line.includes('engagement engagement'));
  // A word of the title cut by the page's edge reads as the start of « engagement »: « engag », « engageme »…
  const cut = titleLines
    .flatMap((line) => line.trim().split(/\s+/))
    .filter((word) => word !== 'engagement' && word !== 'en' && 'engagement'.startsWith(word));
  return {
    starts: count('https://exemple.fr/'),
    whole: count(TOKEN),
    title: { starts: count('DÉBUT'), ends: count('engagementenFIN'), cut },
  };
}

describe('long words and titles in every PDF', () => {
  describe('the kit', () => {
    const question = `Que faire de ${TOKEN} ?`;
    const workspace = madeWorkspace({
      'academies/test-lab.yaml': academyWithLocalTheme(question).replace(
        'titre: Numérique responsable',
        `titre: "Numérique ${TOKEN}"`,
      ),
    });
    let stderr = '';
    beforeAll(async () => {
      const result = await runCliInProcess(['build', '--academie', 'test-lab', ...remote()], { cwd: workspace });
      expect(result.status, result.stderr).toBe(0);
      stderr = result.stderr;
    }, 120_000);

    it.each(['deroule.pdf', 'supports.pdf', 'conseils.pdf'])(
      '%s keeps every long word whole inside the page',
      (name) => {
        const found = cutWords(path.join(workspace, 'kits', 'test-lab', name));
        expect(found.whole).toBe(found.starts);
      },
    );

    it('warns where the long word is written', () => {
      expect(stderr).toMatch(
        /academies\/test-lab\.yaml:\d+:\d+ +attention : themes_locaux n° 1 › questions n° 1 : mot de 203 caractères sans espace .* il sera coupé en fin de ligne dans les PDF/,
      );
    });
  });

  describe('the results', () => {
    const example = parseDocument(readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8'));
    example.setIn(['engagements', 0, 'titre'], `Publier ${TOKEN}`);
    example.setIn(['engagements', 0, 'pilote'], `Rectorat ${TOKEN}`);
    example.setIn(['engagements', 1, 'titre'], HUGE_TITLE);
    const workspace = madeWorkspace({ 'restitutions/limoges.yaml': example.toString({ lineWidth: 0 }) });
    let stderr = '';
    beforeAll(async () => {
      const restitution = await runCliInProcess(['restitution', '--academie', 'limoges', ...remote()], {
        cwd: workspace,
      });
      expect(restitution.status, restitution.stderr).toBe(0);
      const synthese = await runCliInProcess(['synthese', ...remote()], { cwd: workspace });
      expect(synthese.status, synthese.stderr).toBe(0);
      stderr = restitution.stderr;
    }, 120_000);

    it('writes restitution.pdf, restitution-participants.pdf and synthese.pdf with every long word whole inside the page', () => {
      const files = [
        ...readdirSync(path.join(workspace, 'kits', 'limoges'))
          .filter((name) => name.endsWith('.pdf'))
          .map((name) => path.join(workspace, 'kits', 'limoges', name)),
        path.join(workspace, 'kits', 'synthese.pdf'),
      ];
      expect(files.map((file) => path.basename(file)).sort()).toEqual([
        'restitution-participants.pdf',
        'restitution.pdf',
        'synthese.pdf',
      ]);
      for (const file of files) {
        const found = cutWords(file);
        expect({ file: path.basename(file), ...found }).toEqual({
          file: path.basename(file),
          starts: found.starts,
          whole: found.starts,
          title: { starts: found.title.starts, ends: found.title.starts, cut: [] },
        });
        expect(found.starts, path.basename(file)).toBeGreaterThan(0);
      }
    });

    it('warns of the long word and of the 10,000-character title, where they are written', () => {
      expect(stderr).toMatch(
        /restitutions\/limoges\.yaml:\d+:\d+ +attention : engagements n° 1 › pilote : mot de 203 caractères sans espace/,
      );
      expect(stderr).toMatch(
        /restitutions\/limoges\.yaml:\d+:\d+ +attention : engagements n° 2 › titre : titre de 10\u202f000 caractères : raccourcissez-le \(1\u202f000 au plus\)/,
      );
    });
  });
});
