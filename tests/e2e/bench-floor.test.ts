/**
 * The benchmark compares pgo-kit with a « floor » (scripts/bench-floor.mjs)
 * printing the HTML of `build --html`: the comparison is fair only if both
 * print the same documents — same pages, same embedded fonts, same text,
 * tags and bookmarks. This also checks that what pgo-kit adds to the bare
 * printing (its own browser start, metadata) takes nothing away.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/pdf/find-browser.js';
import { pageSizes, pdfFonts, pdfInfo, pdfStructure, pdfText, ROOT } from '../helpers/cli.js';
import { sharedKit, type SharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';

// The shared kit is inside the project, as the benchmark's: the floor's file:// pages load the CSS and fonts by relative paths.
let kit: SharedKit;
const floor = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-plancher-'));
const documents = ['deroule', 'supports', 'conseils', 'envoi'];

beforeAll(async () => {
  kit = await sharedKit('limoges', { html: true });
  expect(kit.status, kit.stderr).toBe(0);
  const html = readdirSync(kit.folder)
    .filter((name) => name.endsWith('.html'))
    .map((name) => kit.file(name));
  const browser = (await findBrowser({})).executablePath;
  const script = path.join(ROOT, 'scripts', 'bench-floor.mjs');
  const printed = spawnSync(process.execPath, [script, browser, '1', floor, ...html], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(printed.status, printed.stderr).toBe(0);
}, SHARED_KIT_TIMEOUT);

afterAll(() => rmSync(floor, { recursive: true, force: true }));

/** A font's name without the subset tag Chromium puts before it (ABCDEF+SourceSans3-Regular). */
const fontNames = (file: string) =>
  [...new Set(pdfFonts(file).map((font) => font.name.replace(/^[A-Z]{6}\+/, '')))].sort();

const undoubled = (title: string) =>
  title.length % 2 === 0 && title.slice(0, title.length / 2) === title.slice(title.length / 2)
    ? title.slice(0, title.length / 2)
    : title;

describe.each(documents)('the floor and pgo-kit print the same %s.pdf', (name) => {
  const ours = () => kit.file(`${name}.pdf`);
  const theirs = () => path.join(floor, 'limoges', `${name}.pdf`);

  it('same pages and paper', () => {
    expect(pageSizes(ours())).toEqual(pageSizes(theirs()));
    expect(pageSizes(ours()).length).toBeGreaterThan(0);
  });

  it('same fonts, all embedded: the floor’s pages did load the CSS and fonts', () => {
    expect(fontNames(ours())).toEqual(fontNames(theirs()));
    expect(fontNames(ours()).some((font) => font.startsWith('SourceSans3'))).toBe(true);
    expect(pdfFonts(theirs()).every((font) => font.embedded)).toBe(true);
  });

  it('same text', () => {
    expect(pdfText(ours())).toBe(pdfText(theirs()));
  });

  it('same tags and bookmarks; pgo-kit adds the document information', async () => {
    const [mine, bare] = await Promise.all([pdfStructure(ours()), pdfStructure(theirs())]);
    expect(mine.tagged).toBe(true);
    expect(bare.tagged).toBe(true);
    // Chromium 156 writes some bookmark titles twice (« TitreTitre »): pgo-kit repairs them (src/pdf/metadata.ts), the floor does not.
    expect(mine.outline).toEqual(bare.outline.map(undoubled));
    expect(mine.outline).toEqual(mine.outline.map(undoubled));
    expect(pdfInfo(ours()).Title).toMatch(/ — Académie de Limoges$/);
    expect(pdfInfo(ours()).Author).toBeTruthy();
  });
});
