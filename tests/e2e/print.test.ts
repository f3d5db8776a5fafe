import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  pageSizes as readPageSizes,
  pdfFonts,
  pdfInfo,
  pdfPages as readPages,
  pdfStructure,
  pdfText as readText,
  ROOT,
  squash,
} from '../helpers/cli.js';
import { readOnce } from '../helpers/read-once.js';
import { sharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';

// The shared kit does not change: each of its PDFs read once.
const pdfText = readOnce(readText);
const pdfPages = readOnce(readPages);
const pageSizes = readOnce(readPageSizes);

/** Créteil: 24 participants (4 small groups), 5 offered themes, no QR code (its URL stays commented out). */
describe('the printed kit of Créteil', () => {
  let file = (name: string) => name;
  const academy = readFileSync(path.join(ROOT, 'academies', 'creteil.yaml'), 'utf8');
  const offered = (parse(academy) as { thematiques: string[] }).thematiques;

  beforeAll(async () => {
    const kit = await sharedKit('creteil', { html: true });
    expect(kit.status, kit.stderr).toBe(0);
    file = kit.file;
  }, SHARED_KIT_TIMEOUT);

  it('prints one poster for each of its five offered themes, for 24 participants', () => {
    const titles = offered.map(
      (id) => (parse(readFileSync(path.join(ROOT, 'themes', `${id}.yaml`), 'utf8')) as { titre: string }).titre,
    );
    expect(titles).toHaveLength(5);
    const posters = pdfPages(file('supports.pdf')).slice(0, 5).map(squash);
    titles.forEach((title, index) => expect(posters[index]).toContain(squash(title.replace(/'/g, '’'))));
    expect(pdfText(file('deroule.pdf')).replace(/\s+/g, ' ')).toContain('Pour 24 participants');
  });

  it('prints every support at its own size, one page each, the posters first', () => {
    expect(pageSizes(file('supports.pdf'))).toEqual([
      ...Array(5).fill('A3 paysage'),
      // Ideas, tally, commitment and action canvases, the criteria for the wall, the summary sheet.
      'A4 portrait',
      'A3 paysage',
      'A3 paysage',
      'A3 paysage',
      'A3 portrait',
      'A4 portrait',
      // The brief, the attendance sheet: what goes to families is in envoi.pdf.
      'A4 portrait',
      'A4 portrait',
      // The agenda poster, the feedback slip, « Notre engagement » for the plenary.
      'A3 portrait',
      'A4 portrait',
      'A3 paysage',
    ]);
  });

  it('says on each support its paper and its copies', () => {
    const pages = pdfPages(file('supports.pdf')).map((page) => page.replace(/\s+/g, ' '));
    pages.slice(0, 5).forEach((page) => expect(page).toContain('A3 paysage · 1 exemplaire par thématique'));
    expect(pages[5]).toMatch(/Mes 3 idées/);
    expect(pages[5]).toContain('A4 portrait · 24 exemplaires');
    expect(pages[6]).toContain('A3 paysage · 1 exemplaire');
    expect(pages[6]).toMatch(/3 gommettes par personne, collées en silence sur les idées/);
    expect(pages[6]).toMatch(/Le score d’une thématique est le total des gommettes de toutes ses idées/);
    expect(pages[7]).toMatch(/Proposition d’engagement/);
    expect(pages[8]).toMatch(/actions/i);
    expect(pages[8]).toContain('A3 paysage · 5 exemplaires');
    expect(pages[9]).toMatch(/Inédit/);
    expect(pages[10]).toMatch(/Synthèse/);
    expect(pages[10]).toMatch(/Une fiche par sous-groupe, remplie par la personne qui prend les notes/);
    expect(pages[10]).not.toMatch(/Contribuer en ligne|https:/);
    expect(pages[11]).toMatch(/Le PGO en bref/);
    expect(pages[11]).toMatch(/direction interministérielle de la transformation publique \(DITP\)/);
    expect(pages[11]).toMatch(/2021–2023 59 engagements de 20 administrations/);
    expect(pages[11]).toMatch(/31 mars 2027 synthèse envoyée/);
    expect(pages[12]).toMatch(/Feuille d’émargement/);
    expect(pages[12]).toContain('A4 portrait · 3 exemplaires');
    expect(pages[13]).toMatch(/L’atelier, pas à pas/);
    expect(pages[13]).toContain('A3 portrait · 1 exemplaire');
    for (const piece of [
      '9 h 30 Accueil et enjeux du PGO',
      '9 h 45 Réflexion individuelle',
      '10 h 05 Partage des idées',
      '11 h 10 Restitution et suites',
      '11 h 30 Fin de l’atelier',
    ]) {
      expect(pages[13]).toContain(piece);
    }
    expect(pages[14]).toMatch(/Votre avis sur l’atelier/);
    expect(pages[14]).toContain('A4 portrait · 24 exemplaires');
    expect(pages[15]).toMatch(/Notre engagement/);
    expect(pages[15]).toContain('A3 paysage · 3 exemplaires');
    expect(pages[15]).toMatch(/la transparence.*l’ouverture.*la participation.*la collaboration/s);
    expect(pages[14]?.match(/^\d\. /gm) ?? pages[14]?.match(/ \d\. [A-Z]/g)).toHaveLength(4);
    // The summary sheet no longer asks for attendance totals: the attendance sheet is at the door.
    expect(pages[10]).not.toMatch(/Total :|totaux de la feuille d’émargement/);
    expect(pages[10]).toMatch(/Un autre sous-groupe a travaillé sur le même engagement/);
  });

  it('marks on the commitment canvas what the lab completes afterwards, the OGP grid apart from the four values, and partner status', () => {
    const canvas = (pdfPages(file('supports.pdf'))[7] ?? '').replace(/\s+/g, ' ');
    expect(canvas).toMatch(/Les données de départ Après, par le lab/);
    expect(canvas).toMatch(/Le constat En séance/);
    expect(canvas.match(/Après, par le lab/g)?.length).toBe(5);
    expect(canvas).toMatch(/Pour la fiche du PGO/i);
    for (const value of ['Participation civique', 'Redevabilité publique']) expect(canvas).toContain(value);
    expect(canvas).not.toContain('Redevabilité : rendre des comptes');
    expect(canvas.match(/a participé à l’atelier/g)?.length).toBe(3);
    expect(canvas.match(/à solliciter/g)?.length).toBe(3);
    expect(canvas).not.toMatch(/\bprésent\b/);
    expect(canvas).toMatch(/Transparence Ouverture Participation Collaboration/);
  });

  it('works in 4 small groups, in the run sheet, the print plan and the materials', () => {
    const text = pdfText(file('deroule.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('4 sous-groupes de 6 personnes (2 sur chaque engagement)');
    expect(text).toMatch(/Canevas d’actions 9 A3 paysage 5 un par sous-groupe/);
    expect(text).toMatch(/Rappel des critères 10 A3 portrait 1 un pour le mur/);
    expect(text).toMatch(/Affiche du déroulé 14 A3 portrait 1 /);
    expect(text).toMatch(/Fiche « Votre avis sur l’atelier » 15 A4 portrait 24 /);
    expect(text).toMatch(/Affiche « Notre engagement » 16 A3 paysage 3 /);
    expect(text).toMatch(/Affiche thématique 1–5 A3 paysage 5 une par thématique, en tête d’une feuille de paperboard/);
    expect(text).toMatch(/prévoyez 5 feuilles de paperboard pour elles/);
    expect(text).toMatch(
      /Feuilles de paperboard \(1 sous chaque affiche thématique pour les post-it, 4 pour le « parking » et les désaccords\) 9 /,
    );
    expect(text).toMatch(/Le PGO en bref 12 A4 portrait 24 /);
    // The name may wrap in its cell: pdftotext then reads the page number between its two lines.
    expect(text).toMatch(/Feuille (13 )?d’émargement (13 )?A4 portrait 3 /);
    expect(text).toMatch(/Invitation 1 A4 portrait 34 /);
    expect(text).toMatch(/Autorisation de droit à l’image \(mineurs\) et sa notice 2 A4 portrait 34 /);
    expect(text).toMatch(/Formez 4 sous-groupes de 6 personnes au plus/);
    expect(text).toMatch(/Blocs de post-it \(76 × 76 mm\) 14/);
    expect(text).not.toContain('51 × 38');
    expect(text).toMatch(/Chevalet de conférence/);
    expect(text).toContain('Pour 24 participants, en 4 sous-groupes de 6 personnes pour les actions.');
    expect(text).toMatch(/Feutres épais[^)]*\) 8 /);
    expect(text).toMatch(/Téléphone ou appareil photo/);
  });

  it('gives the opening the same minutes in the run sheet and the guide', () => {
    const deroule = pdfText(file('deroule.pdf')).replace(/\s+/g, ' ');
    const conseils = pdfText(file('conseils.pdf')).replace(/\s+/g, ' ');
    for (const text of [deroule, conseils]) {
      expect(text).toContain('Le PGO en bref (7 min)');
    }
    expect(deroule).toContain('Accueil (3 min)');
    expect(deroule).toContain('Programme (5 min)');
    expect(conseils).toContain('3 minutes d’accueil, 7 minutes pour « Le PGO en bref » et 5 minutes pour le programme');
    expect(conseils).not.toMatch(/trois minutes pour présenter le PGO|Limitez la présentation à 10 minutes/);
  });

  it('prints no point médian', () => {
    for (const name of ['deroule.pdf', 'supports.pdf', 'conseils.pdf']) {
      expect(pdfText(file(name))).not.toMatch(/\p{L}[·⋅•‧]\p{L}/u);
    }
  });

  it('puts the criteria and the OGP commitment fields on the commitment canvas', () => {
    const canvas = squash(pdfPages(file('supports.pdf'))[7] ?? '');
    for (const field of [
      'Problème public visé',
      'Résultats attendus',
      'Partenaires de la société civile',
      'Jalons datés',
      'Évaluation externe',
      'Auto-évaluation',
    ]) {
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
    expect(text).toMatch(/Gommettes rondes[^)]*\) 82/);
    expect(text).toMatch(/mercredi 17 mars 2027/);
    expect(text).toContain('9 h 30 – 9 h 45');
  });

  it('has no blank page', () => {
    for (const name of ['deroule.pdf', 'supports.pdf', 'conseils.pdf']) {
      pdfPages(file(name)).forEach((page, index) =>
        expect(page.trim().length, `${name} page ${index + 1}`).toBeGreaterThan(40),
      );
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
