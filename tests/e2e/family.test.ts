import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removedAtEnd, removeMadeFolders } from '../helpers/cleanup.js';
import { academyYaml, localTheme } from '../helpers/academy-file.js';
import {
  makeWorkspace,
  pageSizes,
  pdfPages as readPages,
  pdfText as readText,
  ROOT,
  runCliInProcess,
  type CliResult,
} from '../helpers/cli.js';
import { readOnce } from '../helpers/read-once.js';
import { sharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';
import { workerBrowser } from '../helpers/worker-browser.js';

// The kits read here do not change once built: each PDF read once.
const pdfText = readOnce(readText);
const pdfPages = readOnce(readPages);

/** A page's text on one line, no-break spaces as spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const themeTitle = (id: string) => {
  const match = /^titre: (.+)$/m.exec(readFileSync(path.join(ROOT, 'themes', `${id}.yaml`), 'utf8'));
  return (match?.[1] ?? '').replace(/'/g, '’');
};

/** A printer's note: « A4 portrait · 16 exemplaires », « 1 exemplaire par thématique ». */
const COPY_COUNT = /\d+\s+exemplaires?|A[34]\s+(portrait|paysage)/;

describe('what goes to families, for Créteil (24 participants, 5 themes, every key given)', () => {
  let file = (name: string) => name;
  let stderr = '';
  let envoi: string[] = [];

  beforeAll(async () => {
    const kit = await sharedKit('creteil', { html: true });
    expect(kit.status, kit.stderr).toBe(0);
    file = kit.file;
    stderr = kit.stderr;
    envoi = pdfPages(file('envoi.pdf')).map(flat);
  }, SHARED_KIT_TIMEOUT);

  it('writes envoi.pdf, A4, apart from the day’s supports, and warns of nothing missing', () => {
    expect(pageSizes(file('envoi.pdf'))).toEqual(['A4 portrait', 'A4 portrait']);
    expect(stderr).not.toMatch(/attention : (session|contact|donnees_personnelles) :/);
  });

  it('leaves the invitation and the authorisation out of supports.pdf', () => {
    const supports = pdfText(file('supports.pdf'));
    expect(supports).not.toMatch(/Invitation|vous invite|Autorisation de droit à l’image|titre gratuit/);
  });

  it('invites to the session as it is: its own themes, its length, times, address, contact and reply date', () => {
    const [invitation = ''] = envoi;
    expect(invitation).toMatch(/^Invitation/);
    for (const id of ['ecole-inclusive', 'engagement-citoyen', 'sante', 'environnement', 'donnees-ouvertes'])
      expect(invitation).toContain(flat(themeTitle(id)));
    for (const id of ['droit-information', 'probite']) expect(invitation).not.toContain(flat(themeTitle(id)));
    expect(invitation).toContain('le groupe en retiendra deux');
    expect(invitation).toContain('de l’académie, le Lab académique de Créteil vous invite à un atelier de deux heures');
    expect(invitation).toContain('mercredi 17 mars 2027');
    expect(invitation).toContain('accueil à 9 h 15, début à 9 h 30, fin à 11 h 30');
    expect(invitation).toContain('4 rue Georges-Enesco, 94000 Créteil');
    expect(invitation).toContain('Nadia Benali, lab-creteil@example.org');
    expect(invitation).toContain('Réponse, avant le mercredi 24 février 2027, à lab-creteil@example.org');
    // The old fixed examples are gone.
    expect(invitation).not.toMatch(/comme la santé à l’école, l’école inclusive ou l’accès à l’information/);
  });

  it('gives an authorisation that is prior, specific, free, withdrawable, with its RGPD notice', () => {
    const authorisation = envoi[1] ?? '';
    expect(authorisation).toMatch(/^Autorisation de droit à l’image/);
    expect(authorisation).toContain('avant l’atelier, pour cet atelier seulement');
    expect(authorisation).toContain(
      'le mercredi 17 mars 2027, Rectorat de Créteil, salle polyvalente, 4 rue Georges-Enesco, 94000 Créteil',
    );
    expect(authorisation).toMatch(/la synthèse de l’atelier, transmise au lab d’innovation du ministère/);
    expect(authorisation).toMatch(/le site internet de l’Académie de Créteil/);
    expect(authorisation).toMatch(/trois ans au plus/);
    expect(authorisation).toContain('titre gratuit');
    expect(authorisation).toMatch(/rien ne change : la personne participe normalement/);
    expect(authorisation).toContain(
      'Retrait à tout moment, sans avoir à se justifier, en écrivant à Nadia Benali (lab-creteil@example.org)',
    );
    expect(authorisation).toMatch(/un seul parent/);
    expect(authorisation).toContain('Responsable du traitement : Rectorat de l’académie de Créteil');
    expect(authorisation).toMatch(/Base légale : votre consentement/);
    expect(authorisation).toMatch(/Destinataires :/);
    expect(authorisation).toMatch(/Conservation :/);
    expect(authorisation).toMatch(/accès, rectification, effacement, retrait de votre consentement/);
    expect(authorisation).toMatch(
      /délégué à la protection des données \(DPO\) de l’académie : dpo\.creteil@example\.org/,
    );
    expect(authorisation).toMatch(/réclamation à la CNIL/);
  });

  it('carries no printer’s note on any page a family receives, and one on every room support', () => {
    envoi.forEach((page) => expect(page).not.toMatch(COPY_COUNT));
    pdfPages(file('supports.pdf')).forEach((page) =>
      expect(flat(page)).toMatch(/A[34] (portrait|paysage) · \d+ exemplaires?/),
    );
  });

  it('puts a one-line data notice on the attendance sheet', () => {
    const attendance =
      pdfPages(file('supports.pdf'))
        .map(flat)
        .find((page) => page.includes('Feuille d’émargement')) ?? '';
    expect(attendance).toContain('Données personnelles (responsable : Rectorat de l’académie de Créteil)');
    expect(attendance).toMatch(
      /conservée un an au plus, puis détruite\. Droits d’accès, de rectification et d’effacement auprès de Nadia Benali \(lab-creteil@example\.org\) ; délégué à la protection des données : dpo\.creteil@example\.org/,
    );
  });

  it('lists envoi.pdf in the print plan, three weeks ahead, and 2 blank authorisations for the day', () => {
    const deroule = flat(pdfText(file('deroule.pdf')));
    expect(deroule).toContain('Trois semaines avant : envoi.pdf');
    expect(deroule).toContain('Pour 34 personnes invitées');
    expect(deroule).toMatch(/Invitation 1 A4 portrait 34 /);
    // The copies (2) are checked in the unit tests: poppler reads that row's last cells after the footer.
    expect(deroule).toMatch(/Autorisation de droit à l’image, vierge envoi\.pdf, p\. 2 A4 portrait/);
    expect(deroule).toContain('pour un parent venu avec un participant mineur sans autorisation signée');
  });
});

/**
 * A lab's folder with two 1 h 30 academies, built by one command: « test », eight themes, its own durations,
 * no lab and none of the family keys; « court », the shipped 1 h 30 agenda (three themes).
 */
afterAll(removeMadeFolders);

const lab = removedAtEnd(
  makeWorkspace({
    'academies/test.yaml': academyYaml({
      session: { participants: 10 },
      durees: { accueil: 10, reflexion: 15, selection: 10, engagements: 25, actions: 20, cloture: 10 },
      themes_locaux: [
        localTheme('cantine', {
          titre: 'Une cantine locale et de saison',
          description: 'Ce que l’on mange à la cantine, d’où cela vient, et qui en décide.',
          questions: ['Qui choisit les menus de la cantine ?'],
        }),
      ],
    }),
    // Three themes: the agenda is the point, not their number (the eight themes are « test »'s).
    'academies/court.yaml': academyYaml({
      lab: 'Lab’Test',
      deroule: 'atelier-1h30',
      session: { participants: 12 },
      thematiques: ['sante', 'environnement', 'probite'],
    }),
  }),
);
let labBuild: Promise<CliResult> | undefined;
// Printed through the worker's browser (--navigateur-distant): its launch is not the point here.
const buildLab = () =>
  (labBuild ??= workerBrowser().then((remote) =>
    runCliInProcess(['build', '--academie', 'test', '--academie', 'court', '--html', ...remote], { cwd: lab }),
  ));

/** Eight themes, 1 h 30, no lab, none of the family keys: what the invitation says without them. */
describe('an 8-theme academy with a 1 h 30 agenda and no family keys', () => {
  const kit = path.join(lab, 'kits', 'test');
  let stderr = '';

  beforeAll(async () => {
    const result = await buildLab();
    expect(result.status, result.stderr).toBe(0);
    stderr = result.stderr;
  });

  it('says what is missing at build time, located, in French', () => {
    expect(stderr).toMatch(
      /academies\/test\.yaml:2:1 +attention : session : l’invitation \(envoi\.pdf\) ne donnera pas la date \(session\.date\), l’heure d’accueil \(session\.accueil\), l’adresse complète \(session\.adresse\) et la date limite de réponse \(session\.reponse_avant\)/,
    );
    expect(stderr).toMatch(
      /academies\/test\.yaml:1:1 +attention : contact : .*\(contact\.nom\) et .*\(contact\.courriel\)/,
    );
    expect(stderr).toMatch(
      /academies\/test\.yaml:1:1 +attention : donnees_personnelles : .*\(donnees_personnelles\.dpo\)/,
    );
  });

  it('never says « deux heures » or « 2 heures » on any page', () => {
    const pdfs = readdirSync(kit).filter((name) => name.endsWith('.pdf'));
    expect(pdfs.sort()).toEqual(['conseils.pdf', 'deroule.pdf', 'envoi.pdf', 'supports.pdf']);
    for (const name of pdfs)
      expect(flat(pdfText(path.join(kit, name))), name).not.toMatch(/deux heures|2 heures|\b2 ?h\b/i);
    expect(flat(pdfText(path.join(kit, 'envoi.pdf')))).toContain(
      'le lab de l’académie vous invite à un atelier d’une heure et demie',
    );
  });

  it('lists the eight themes, leaves out the lines it has no value for, and never prints a blank line for them', () => {
    const [invitation = '', authorisation = ''] = pdfPages(path.join(kit, 'envoi.pdf')).map(flat);
    expect(invitation).toContain('Une cantine locale et de saison');
    for (const id of [
      'sante',
      'engagement-citoyen',
      'ecole-inclusive',
      'droit-information',
      'donnees-ouvertes',
      'environnement',
      'probite',
    ])
      expect(invitation).toContain(flat(themeTitle(id)));
    expect(invitation).toContain('le groupe en retiendra deux');
    expect(invitation).toContain('début à 14 h 00, fin à 15 h 30');
    expect(invitation).not.toMatch(/accueil à|Contact|Lieu|avant le/);
    expect(invitation).toContain('Réponse Nom et prénom');
    // Only the hand-filled fields of the reply slip are lines to write on.
    const html = readFileSync(path.join(kit, 'envoi.html'), 'utf8');
    expect(html.match(/class="trait/g)?.length).toBe(2 + 5);
    expect(authorisation).toContain('en écrivant au lab de l’académie');
    expect(authorisation).toContain('auprès du lab de l’académie');
    expect(authorisation).toContain('Responsable du traitement : Rectorat de l’académie de Test');
    expect(authorisation).toMatch(
      /délégué à la protection des données \(DPO\) de l’académie : sur le site de l’académie/,
    );
    envoi(kit).forEach((page) => expect(page).not.toMatch(COPY_COUNT));
  });
});

function envoi(kit: string): string[] {
  return pdfPages(path.join(kit, 'envoi.pdf')).map(flat);
}

describe('the shipped 1 h 30 agenda', () => {
  it('never says « deux heures » on any page, and the invitation says its real length', async () => {
    const result = await buildLab();
    expect(result.status, result.stderr).toBe(0);
    const kit = path.join(lab, 'kits', 'court');
    for (const name of ['deroule.pdf', 'supports.pdf', 'conseils.pdf', 'envoi.pdf']) {
      expect(flat(pdfText(path.join(kit, name))), name).not.toMatch(/deux heures|2 heures|\b2 ?h\b/i);
    }
    expect(flat(pdfText(path.join(kit, 'envoi.pdf')))).toContain(
      'le Lab’Test vous invite à un atelier d’une heure et demie',
    );
    expect(flat(pdfText(path.join(kit, 'conseils.pdf')))).toContain('Le Lab’Test rédige une synthèse');
  });
});
