import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfInfo, pdfText as readText, runCliInProcess } from '../helpers/cli.js';
import { readOnce } from '../helpers/read-once.js';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { copyKit, sharedKit, type SharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';
import { workerBrowser } from '../helpers/worker-browser.js';

/** Every word of a PDF with its box height in points (pdftotext -bbox), and its page. */
function wordsOf(file: string): { text: string; height: number; page: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const found: { text: string; height: number; page: number }[] = [];
  let page = 0;
  for (const match of xml.matchAll(
    /<page |<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (match[0] === '<page ') page++;
    else found.push({ text: match[3] ?? '', height: Number(match[2]) - Number(match[1]), page });
  }
  return found;
}

// The kits read here do not change once built: each PDF read once.
const pdfText = readOnce(readText);
const words = readOnce(wordsOf);

const flat = (text: string) => text.replace(/\s+/g, ' ');
/** Times (« 13 h 45 »), dates and counts in a text, page footers left out. */
const times = (text: string) => new Set(flat(text).match(/\d{1,2} h \d{2}/g) ?? []);

afterAll(removeMadeFolders);

describe('large print on request (Limoges)', () => {
  // The same kit with and without the request (both with --html: the PDFs are the same): the run's shared kit, and
  // a copy of it built again with --gros-caracteres by the CLI's run() in this process.
  let standard: SharedKit;
  let large: SharedKit;
  const file = (kit: SharedKit, name: string) => kit.file(name);
  let largeText = '';
  // The worker's headless shell, with pgo-kit's flags, for the file's two builds (--navigateur-distant): launching a
  // browser is not the point here, and its PDFs are those of pgo-kit's own browser (compared byte for byte below).
  let remoteArgs: string[] = [];
  const remote = () => remoteArgs;

  beforeAll(async () => {
    [standard, remoteArgs] = await Promise.all([sharedKit('limoges', { html: true }), workerBrowser()]);
    expect(standard.status, standard.stderr).toBe(0);
    large = copyKit(standard);
    const built = await runCliInProcess([
      'build',
      '--academie',
      'limoges',
      '--out',
      large.out,
      '--html',
      '--gros-caracteres',
      ...remote(),
    ]);
    expect(built.status, built.stderr).toBe(0);
    // Every document printed again (not the copy's files left as they were): the byte-for-byte case below means something.
    expect(built.stderr).toMatch(
      /Académie de Limoges : deroule\.pdf, supports\.pdf, conseils\.pdf, envoi\.pdf, gros-caracteres\.pdf/,
    );
    largeText = pdfText(file(large, 'gros-caracteres.pdf'));
  }, SHARED_KIT_TIMEOUT);

  it('writes gros-caracteres.pdf only when asked', () => {
    expect(existsSync(file(large, 'gros-caracteres.pdf'))).toBe(true);
    expect(existsSync(file(standard, 'gros-caracteres.pdf'))).toBe(false);
  });

  it('sets every word at 18 pt or more, calibrated on the 8.5 pt page footer of envoi.pdf', () => {
    // A word's box is the font's ascent + descent: its height over the font size is the same at any size.
    const footer = words(file(standard, 'envoi.pdf')).find((word) => word.text === 'Page');
    expect(footer).toBeDefined();
    const boxPerPoint = (footer?.height ?? 0) / 8.5;
    const all = words(file(large, 'gros-caracteres.pdf'));
    expect(all.length).toBeGreaterThan(500);
    const small = all.filter((word) => word.height / boxPerPoint < 17.95);
    expect(small).toEqual([]);
    // The standard sheets do have smaller text: the measure sees it.
    expect(words(file(standard, 'envoi.pdf')).some((word) => word.height / boxPerPoint < 17.95)).toBe(true);
  });

  it('leaves the standard sheets unchanged byte for byte (the run sheet and the guide only gain its print line and markers)', () => {
    for (const name of ['supports.pdf', 'envoi.pdf']) {
      expect(readFileSync(file(large, name)).equals(readFileSync(file(standard, name))), name).toBe(true);
    }
  });

  it('prints the same times, themes and texts as the standard sheets', () => {
    const envoi = pdfText(file(standard, 'envoi.pdf'));
    const supports = pdfText(file(standard, 'supports.pdf'));
    expect(times(envoi).size).toBeGreaterThan(0);
    expect(times(largeText)).toEqual(times(envoi));
    for (const text of [
      'jeudi 10 décembre 2026',
      'Mes 3 idées',
      'Un bon engagement…',
      'Le PGO en bref',
      'Votre avis sur l’atelier',
      '59 engagements de 20 administrations',
      'Autorisation de droit à l’image',
    ]) {
      expect(flat(largeText), text).toContain(text);
      expect(flat(envoi + supports), text).toContain(text);
    }
    // Every theme of the invitation, in both.
    const invitationThemes = /Les thématiques proposées \(([^)]*)\)(.*?)Date/s.exec(flat(envoi))?.[2] ?? '';
    expect(invitationThemes.length).toBeGreaterThan(20);
    expect(flat(largeText)).toContain(invitationThemes.trim());
  });

  it('is tagged, in French, and planned: the print plan lists it, the materials add thick black markers', () => {
    expect(pdfInfo(file(large, 'gros-caracteres.pdf'))['Tagged']).toBe('yes');
    expect(readFileSync(file(large, 'gros-caracteres.pdf')).toString('latin1')).toMatch(/\/Lang \(fr\)/);
    const deroule = flat(pdfText(file(large, 'deroule.pdf')));
    expect(deroule).toContain('Documents en gros caractères gros-caracteres.pdf, toutes les pages A4 portrait');
    expect(deroule).toContain(
      'Feutres noirs épais (pointe large), pour les personnes qui écrivent en gros caractères 1',
    );
    expect(flat(pdfText(file(large, 'conseils.pdf')))).toContain('Feutres noirs épais');
    const plain = flat(pdfText(file(standard, 'deroule.pdf')));
    expect(plain).not.toContain('gros-caracteres.pdf');
    expect(plain).not.toContain('Feutres noirs épais');
  });

  it('removes gros-caracteres.pdf when the request goes away', async () => {
    const copy = copyKit(large);
    expect(existsSync(file(copy, 'gros-caracteres.pdf'))).toBe(true);
    const again = await runCliInProcess(['build', '--academie', 'limoges', '--out', copy.out, '--html', ...remote()]);
    expect(again.status, again.stderr).toBe(0);
    expect(existsSync(file(copy, 'gros-caracteres.pdf'))).toBe(false);
  });
});
