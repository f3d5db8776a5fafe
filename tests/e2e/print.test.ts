import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pageSizes, pdfFonts, pdfInfo, pdfPages, pdfStructure, pdfText, ROOT, runCli, squash } from '../helpers/cli.js';

/** Créteil: 24 participants, 5 offered themes, a QR code. */
describe('the printed kit of Créteil', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-creteil-'));
  const file = (name: string) => path.join(out, 'creteil', name);
  const academy = readFileSync(path.join(ROOT, 'academies', 'creteil.yaml'), 'utf8');
  const offered = (parse(academy) as { thematiques: string[] }).thematiques;

  beforeAll(() => {
    const result = runCli(['build', '--academie', 'creteil', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
  });

  it('offers five themes to 24 participants', () => {
    expect(offered).toHaveLength(5);
    expect(academy).toMatch(/participants: 24/);
  });

  it('prints every support at its own size, one page each, the posters first', () => {
    expect(pageSizes(file('supports.pdf'))).toEqual([
      ...Array(5).fill('A3 paysage'),
      'A4 portrait', 'A3 paysage', 'A3 paysage', 'A3 paysage', 'A4 portrait', 'A4 portrait',
    ]);
  });

  it('says on each support its paper and its copies', () => {
    const pages = pdfPages(file('supports.pdf')).map((page) => page.replace(/\s+/g, ' '));
    pages.slice(0, 5).forEach((page) => expect(page).toContain('A3 paysage · 1 exemplaire par thématique'));
    expect(pages[5]).toMatch(/Mes 3 idées/);
    expect(pages[5]).toContain('A4 portrait · 24 exemplaires');
    expect(pages[6]).toContain('A3 paysage · 1 exemplaire');
    expect(pages[6]).toMatch(/3 gommettes par personne/);
    expect(pages[7]).toMatch(/Proposition d’engagement/);
    expect(pages[8]).toMatch(/actions/i);
    expect(pages[9]).toMatch(/Inédit/);
    expect(pages[10]).toMatch(/Synthèse/);
    expect(pages[10]).toContain('https://www.ac-creteil.fr/');
  });

  it('puts the criteria and the OGP commitment fields on the commitment canvas', () => {
    const canvas = squash(pdfPages(file('supports.pdf'))[7] ?? '');
    for (const field of ['Problème public visé', 'Résultats attendus', 'Partenaires de la société civile', 'Jalons datés', 'Évaluation externe', 'Auto-évaluation']) {
      expect(canvas.toLowerCase()).toContain(squash(field).toLowerCase());
    }
    for (const criterion of ['Inédit et transformateur', 'Porté avec la société civile', 'Résultats mesurables']) {
      expect(canvas).toContain(squash(criterion));
    }
  });

  it('follows the participants in the print plan and the materials list', () => {
    const text = pdfText(file('deroule.pdf')).replace(/\s+/g, ' ');
    expect(text).toMatch(/Fiche « Mes 3 idées » 6 A4 portrait 24 /);
    expect(text).toMatch(/Affiche thématique 1–5 A3 paysage 5 /);
    expect(text).toMatch(/Gommettes[^\d]*72/);
    expect(text).toMatch(/mercredi 17 mars 2027/);
    expect(text).toContain('9 h 30 – 9 h 45');
  });

  it('has no blank page', () => {
    for (const name of ['deroule.pdf', 'supports.pdf', 'conseils.pdf']) {
      pdfPages(file(name)).forEach((page, index) => expect(page.trim().length, `${name} page ${index + 1}`).toBeGreaterThan(40));
    }
  });

  it('numbers its pages and names the academy and the document in the footer', () => {
    const pages = pdfPages(file('conseils.pdf'));
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} sur ${pages.length}`);
      expect(page).toContain('Académie de Créteil · Conseils d’animation');
    });
  });

  it('embeds only the shipped fonts, none from the system', () => {
    for (const name of ['deroule.pdf', 'supports.pdf', 'conseils.pdf']) {
      for (const font of pdfFonts(file(name))) {
        expect(font.name).toMatch(/^[A-Z]{6}\+SourceSans3-(Regular|It|Italic|SemiBold|Bold)$/);
        expect(font.embedded).toBe(true);
      }
    }
  });

  it('is tagged, in French, with bookmarks in the run sheet and the guide', async () => {
    const deroule = await pdfStructure(file('deroule.pdf'));
    const conseils = await pdfStructure(file('conseils.pdf'));
    const supports = await pdfStructure(file('supports.pdf'));
    for (const structure of [deroule, conseils, supports]) {
      expect(structure.tagged).toBe(true);
      expect(structure.lang).toBe('fr-FR');
    }
    expect(deroule.outline).toEqual(expect.arrayContaining(['Horaires', 'Plan d’impression']));
    expect(deroule.outline.join('|')).toMatch(/Accueil et enjeux du PGO/);
    expect(conseils.outline.length).toBeGreaterThan(5);
  });

  it('declares title, author and subject', () => {
    const info = pdfInfo(file('supports.pdf'));
    expect(info.Title).toBe('Supports d’atelier — Académie de Créteil');
    expect(info.Author).toBe('Lab académique de Créteil');
    expect(info.Subject).toMatch(/Affiches/);
  });
});
