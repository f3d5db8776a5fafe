import { parse } from 'csv-parse/sync';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  makeWorkspace as makeFolder,
  ROOT,
  pageSizes,
  pdfFonts,
  pdfPages,
  pdfStructure,
  pdfText,
  runCliInProcess,
  squash,
  type CliResult,
} from '../helpers/cli.js';
import { removeMadeFolders, removedAtEnd } from '../helpers/cleanup.js';
import { workerBrowser } from '../helpers/worker-browser.js';
import { runCliAwaited } from '../helpers/cli-async.js';
import { accessibilityProblems } from '../helpers/pdf-ua.js';

/*
 * Restitution files written for these tests, with only the keys README « Après l’atelier » shows. Texts use
 * the typographic apostrophe so that they read back from the PDF unchanged.
 */
const LIMOGES = `academie: limoges
presents:
  eleves: 7
  etudiants: 1
  personnels: 5
  parents: 4
  associations: 3
idees:
  sante:
    - texte: Une infirmière présente chaque jour dans chaque collège
      gommettes: 6
    - texte: Des horaires de l’infirmerie affichés à l’entrée
      gommettes: 9
  donnees-ouvertes:
    - texte: Publier les menus et la provenance des repas de la cantine
      gommettes: 4
  numerique-responsable:
    - texte: Réparer les ordinateurs au lieu de les jeter
      gommettes: 0
themes_retenus: [sante, donnees-ouvertes]
engagements:
  - thematique: sante
    titre: Publier l’offre de santé scolaire de chaque établissement
    probleme: Les familles ignorent quand l’infirmière est présente ; un poste sur six est vacant.
    engagement: Publier chaque année, en données ouvertes, les postes de santé scolaire pourvus dans chaque établissement.
    resultats_attendus: Chaque famille connaît l’offre de santé de son établissement.
    valeurs: [transparence, redevabilite]
    partenaires:
      - nom: FCPE 87
        statut: present
      - nom: Mutualité française
        statut: a-solliciter
    pilote: Rectorat de Limoges, service médical
    debut: 2027-01
    fin: 2028-06
    jalons:
      - date: 2027-06
        livrable: carte des postes publiée en données ouvertes
      - date: 2027-11-15
        livrable: horaires affichés dans chaque collège
    indicateurs:
      externe: part des établissements dont l’offre est publiée
      auto_evaluation: bilan présenté au conseil académique
    criteres:
      inedit: oui
      valeurs: oui
      societe_civile: a-approfondir
      mesurable: oui
    points_en_debat:
      - Publier les noms ou seulement les postes ?
    actions:
      - action: Recenser les postes pourvus et vacants
        porteur: Service médical
        partenaires: Directions d’établissement
        echeance: 2027-03
        indicateur: recensement des trois départements
        moyens: deux jours par département
      - action: Mettre la carte en ligne
        porteur: Délégation au numérique
        echeance: 2027-06
  - thematique: donnees-ouvertes
    titre: Ouvrir les données de la restauration scolaire
    probleme: Personne ne sait d’où viennent les repas servis ni ce qu’ils coûtent.
    engagement: Publier en données ouvertes la provenance et le coût des repas servis dans les cantines.
    valeurs: [transparence]
    partenaires:
      - nom: Association Cantines responsables
        statut: present
    debut: 2027-09
    fin: 2027-03
    jalons:
      - date: 2028-02
        livrable: premier jeu de données publié
    indicateurs:
      externe: nombre de cantines couvertes
    criteres:
      inedit: a-approfondir
      valeurs: oui
      societe_civile: oui
      mesurable: non
    actions:
      - action: Choisir le format des données avec les gestionnaires
`;

const LILLE = `academie: lille
presents:
  eleves: 2
  etudiants: 4
  personnels: 3
  parents: 0
  associations: 1
idees:
  sante:
    - texte: Connaître les horaires de l’infirmerie
      gommettes: 5
  environnement:
    - texte: Un potager dans chaque école
      gommettes: 8
themes_retenus: [sante]
engagements:
  - thematique: sante
    titre: Publier l’offre de santé scolaire dans chaque établissement
    probleme: Les familles ne savent pas quand l’infirmerie est ouverte.
    engagement: Rendre publics chaque année, en données ouvertes, les postes de santé scolaire pourvus, établissement par établissement.
    partenaires:
      - nom: FCPE Nord
        statut: present
    jalons:
      - date: 2027-09
        livrable: données publiées
    indicateurs:
      externe: audit
      auto_evaluation: bilan
`;

const CRETEIL = `academie: creteil
presents:
  eleves: 3
  personnels: 2
  associations: 5
idees:
  ecole-inclusive:
    - texte: Des accompagnants mieux formés
      gommettes: 12
  sante:
    - texte: Une cellule d’écoute
      gommettes: 2
themes_retenus: [ecole-inclusive]
engagements:
  - thematique: ecole-inclusive
    titre: Former chaque accompagnant avant sa prise de poste
    probleme: Un accompagnant sur deux commence sans formation.
    engagement: Garantir une formation de soixante heures à chaque accompagnant d’élève en situation de handicap avant la rentrée.
    partenaires:
      - nom: APF France handicap
        statut: a-solliciter
    jalons:
      - date: 2027-08
        livrable: premier module de formation
    indicateurs:
      externe: part des accompagnants formés
      auto_evaluation: questionnaire aux familles
`;

/** Each test folder made here, removed once the file is done. */
const makeWorkspace = (files: Parameters<typeof makeFolder>[0]) => removedAtEnd(makeFolder(files));
afterAll(removeMadeFolders);

interface Commitment {
  thematique: string;
  titre: string;
  jalons?: { date: string; livrable: string }[];
  actions?: { action: string }[];
  [key: string]: unknown;
}

const data = parseYaml(LIMOGES) as { presents: Record<string, number>; engagements: Commitment[] };

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const frenchDate = (value: string) => {
  const [year, month, day] = value.split('-');
  const name = FRENCH_MONTHS[Number(month) - 1];
  return day ? `${Number(day) === 1 ? '1er' : Number(day)} ${name} ${year}` : `${name} ${year}`;
};

/** Each page's lines as pdftotext -layout sets them, runs of spaces made one: table rows stay rows. */
function layoutPages(file: string): string[][] {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .replace(/[\u00a0\u202f]/g, ' ')
    .split('\f')
    .map((page) =>
      page
        .split('\n')
        .map((line) => line.trim().replace(/\s+/g, ' '))
        .filter(Boolean),
    );
}

/*
 * The runs that print do it through the worker's browser (--navigateur-distant): how the browser starts is not what
 * this file tests.
 */
let remoteArgs = ['--navigateur-distant', 'ws://absent'];
const remote = () => remoteArgs;
beforeAll(async () => {
  remoteArgs = await workerBrowser();
});

describe('pgo-kit restitution --all, then synthese, over three academies and a draft', () => {
  const root = makeWorkspace({
    'restitutions/limoges.yaml': LIMOGES,
    'restitutions/lille.yaml': LILLE,
    'restitutions/creteil.yaml': CRETEIL,
  });
  const out = (...parts: string[]) => path.join(root, 'sortie', ...parts);
  let restitution: CliResult;
  let synthese: CliResult;
  let draftInit: CliResult;

  beforeAll(async () => {
    restitution = await runCliInProcess(['restitution', '--all', '--out', 'sortie', ...remote()], { cwd: root });
    // A fourth restitution, not filled in (a draft), written after restitution --all: the synthesis leaves it out.
    draftInit = await runCliInProcess(['restitution', 'init', '--academie', 'nantes'], { cwd: root });
    synthese = await runCliInProcess(['synthese', '--out', 'sortie', ...remote()], { cwd: root });
  });

  it('writes every file of every academy, and says what a commitment still lacks', () => {
    expect(restitution.status, restitution.stderr).toBe(0);
    for (const slug of ['creteil', 'lille', 'limoges']) {
      expect(readdirSync(out(slug)).sort()).toEqual([
        '.pgo-kit-restitution.json',
        'decidim-propositions.csv',
        'decidim-propositions.json',
        'engagements.csv',
        'engagements.json',
        'restitution-participants.pdf',
        'restitution.pdf',
      ]);
    }
    // Files in the current format, without the OGP template's new fields: built, with warnings naming them.
    for (const field of ['solution', 'pertinence_ogp', 'contact', 'autres_acteurs_publics']) {
      expect(restitution.stderr).toMatch(
        new RegExp(
          `restitutions/lille\\.yaml:\\d+:\\d+ +attention : engagements n° 1 › ${field} : champ de la fiche PGO`,
        ),
      );
    }
    expect(restitution.stderr).toMatch(
      /restitutions\/limoges\.yaml:\d+:\d+ +attention : engagements n° 1 › valeurs : « redevabilite » n’est pas une des quatre valeurs du canevas/,
    );
    // Warnings, located, that do not stop anything.
    expect(restitution.stderr).toMatch(
      /restitutions\/limoges\.yaml:70:10 +attention : engagements n° 2 › fin : la fin \(2027-03\) précède le début \(2027-09\)/,
    );
    expect(restitution.stderr).toMatch(
      /restitutions\/limoges\.yaml:\d+:\d+ +attention : engagements n° 2 › criteres\.mesurable : critère non rempli/,
    );
    expect(restitution.stderr).toMatch(
      /restitutions\/limoges\.yaml:\d+:\d+ +attention : engagements n° 2 › indicateurs : aucun indicateur d’autoévaluation/,
    );
    // The package's worked example is not among a lab's results.
    expect(existsSync(out('limoges'))).toBe(true);
    expect(readdirSync(out()).sort()).toEqual([
      '.pgo-kit-synthese.json',
      'creteil',
      'lille',
      'limoges',
      'synthese.csv',
      'synthese.pdf',
    ]);
  });

  it('prints attendance, scores and ideas exactly as the file says', () => {
    const pages = layoutPages(out('limoges', 'restitution.pdf'));
    const { presents } = data;
    const total = Object.values(presents).reduce((sum, n) => sum + n, 0);
    expect(total).toBe(20);
    expect(pages[0]).toEqual(
      expect.arrayContaining([
        `Élèves ${presents.eleves}`,
        `Étudiants ${presents.etudiants}`,
        `Personnels ${presents.personnels}`,
        `Parents ${presents.parents}`,
        `Associations ${presents.associations}`,
        `Total ${total}`,
      ]),
    );
    expect(pages[0]).toContain('Présents 20 personnes (16 attendues) Animation Camille Martin (Animation),');
    const ideas = pages[1] ?? [];
    // Scores per theme: 15 for santé (6 + 9), 0, 4 and 0; ideas most dotted first.
    expect(ideas).toEqual(
      expect.arrayContaining([
        'Santé et bien-être à l’école et à l’université RETENUE 15 gommettes',
        '9 Des horaires de l’infirmerie affichés à l’entrée',
        '6 Une infirmière présente chaque jour dans chaque collège',
        'Droit à l’information 0 gommette',
        'Données et codes sources ouverts dans l’Éducation RETENUE 4 gommettes',
        '4 Publier les menus et la provenance des repas de la cantine',
        'Numérique responsable 0 gommette',
        '0 Réparer les ordinateurs au lieu de les jeter',
      ]),
    );
    expect(ideas.indexOf('9 Des horaires de l’infirmerie affichés à l’entrée')).toBeLessThan(
      ideas.indexOf('6 Une infirmière présente chaque jour dans chaque collège'),
    );
  });

  it('draws the theme scores as a vector chart (no image, no script), one bar per offered theme in the session’s order', () => {
    const pdf = out('limoges', 'restitution.pdf');
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n');
    expect(images).toHaveLength(2);
    const first = layoutPages(pdf)[0] ?? [];
    const chart = first.slice(first.indexOf('Les thématiques et leurs gommettes')).join('\n');
    expect([...chart.matchAll(/(\d+) gommettes?/g)].map((m) => Number(m[1]))).toEqual([15, 0, 4, 0]);
    expect(chart).toContain('Droit à l’information 0 gommette');
  });

  it('gives each commitment its own commitment sheet, with every milestone and every action', () => {
    const pages = layoutPages(out('limoges', 'restitution.pdf'));
    const flat = pages.map((page) => squash(page.join(' ')).toLowerCase());
    data.engagements.forEach((commitment, index) => {
      const first = flat.findIndex((page) => page.includes(squash(`Fiche d’engagement n° ${index + 1}`).toLowerCase()));
      expect(first, commitment.titre).toBeGreaterThan(0);
      expect(pages[first]).toContain(commitment.titre);
      const sheet = [...(pages[first] ?? []), ...(pages[first + 1] ?? [])];
      // An older milestone's « date » is its end; it has no start.
      for (const milestone of commitment.jalons ?? [])
        expect(sheet).toContain(`— ${frenchDate(milestone.date)} ${milestone.livrable}`);
      // Table cells wrap side by side: read the actions in reading order.
      const text = squash(pdfText(out('limoges', 'restitution.pdf'), { first: first + 1, last: first + 2 }));
      for (const action of commitment.actions ?? []) expect(text).toContain(squash(action.action));
    });
    const sheet = squash((pages[2] ?? []).join(' '));
    for (const piece of [
      'janvier 2027 – juin 2028',
      'Rectorat de Limoges, service médical',
      'FCPE 87 a participé à l’atelier',
      'Mutualité française à solliciter',
      'Publier les noms ou seulement les postes ?',
      'part des établissements dont l’offre est publiée',
    ]) {
      expect(sheet, piece).toContain(squash(piece));
    }
    // The canvas's values (the seed's four) apart from the OGP grid: an older « redevabilite » is not a fifth value.
    expect(sheet).toContain(squash('Les valeurs cochées sur le canevas Transparence (les quatre valeurs'));
    expect(sheet).not.toMatch(/Transparence, Redevabilité/);
    // A partner's status in neutral words: never « présent ».
    expect(pages.flat().join(' ')).not.toMatch(/\bprésente?s? à l’atelier|\(présent\)/);
    const both = squash([...(pages[2] ?? []), ...(pages[3] ?? [])].join(' '));
    expect(both).toContain(squash('La pertinence pour le PGO'));
    expect(both).toContain(
      squash('À rédiger par le lab : transparence, participation civique, redevabilité publique.'),
    );
    // The four criteria, as the group judged them.
    expect(both).toContain(squash('Conçu et porté avec la société civile à approfondir'));
    const secondPage = pages.findIndex((page) => page.includes(data.engagements[1]?.titre ?? ''));
    const second = squash([...(pages[secondPage] ?? []), ...(pages[secondPage + 1] ?? [])].join(' '));
    expect(second).toContain(squash('À compléter avant de transmettre'));
    expect(second).toContain(squash('la fin (2027-03) précède le début (2027-09)'));
    expect(pages[pages.length - 2]?.[0]).toBe('Et maintenant ?');
  });

  it('prints on A4 with the kit’s fonts, tags and bookmarks', async () => {
    const pdf = out('limoges', 'restitution.pdf');
    expect(new Set(pageSizes(pdf))).toEqual(new Set(['A4 portrait']));
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.embedded && /SourceSans3/.test(font.name))).toBe(true);
    const structure = await pdfStructure(pdf);
    expect(structure.tagged).toBe(true);
    expect(structure.lang).toBe('fr-FR');
    expect(structure.outline.map((title) => title.replace(/[\u00a0\u202f]/g, ' '))).toEqual(
      expect.arrayContaining([
        'La session',
        'Les idées, par thématique',
        'Santé et bien-être à l’école et à l’université',
        ...data.engagements.map((c) => c.titre),
        'Le problème public',
        'Les jalons',
        'Les actions',
        'Et maintenant ?',
      ]),
    );
  });

  it('exports engagements.json that parses back to the file’s data', () => {
    const json = JSON.parse(readFileSync(out('limoges', 'engagements.json'), 'utf8')) as {
      academie: string;
      presents: Record<string, number>;
      engagements: Record<string, unknown>[];
    };
    expect(json.academie).toBe('limoges');
    expect(json.presents).toEqual(data.presents);
    expect(json.engagements).toHaveLength(2);
    data.engagements.forEach((commitment, index) => {
      const exported = json.engagements[index] ?? {};
      for (const [key, value] of Object.entries(commitment)) {
        if (key === 'indicateurs')
          expect(exported[key]).toEqual({ externe: null, auto_evaluation: null, ...(value as object) });
        // An older milestone's « date » is read as its end.
        else if (key === 'jalons')
          expect(exported[key]).toEqual(
            (value as { date: string; livrable: string }[]).map((j) => ({
              debut: null,
              fin: j.date,
              livrable: j.livrable,
            })),
          );
        // The canvas's values are the seed's four: an older « redevabilite » is left to the OGP grid (with a warning).
        else if (key === 'valeurs')
          expect(exported[key]).toEqual((value as string[]).filter((v) => v !== 'redevabilite'));
        else if (key === 'actions') {
          (value as Record<string, string>[]).forEach((action, i) =>
            expect((exported.actions as Record<string, unknown>[])[i]).toMatchObject(action),
          );
        } else expect(exported[key], key).toEqual(value);
      }
    });
    expect(json.engagements[1]).toMatchObject({
      solution: null,
      pilote: null,
      points_en_debat: [],
      contact: { nom: null, fonction: null, courriel: null },
      pertinence_ogp: { transparence: null, participation: null, redevabilite: null },
    });
  });

  it('exports engagements.csv, one row per commitment, that a French spreadsheet reads back', () => {
    const bytes = readFileSync(out('limoges', 'engagements.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    data.engagements.forEach((commitment, index) => {
      expect(rows[index]).toMatchObject({
        academie: 'limoges',
        numero: String(index + 1),
        thematique: commitment.thematique,
        titre: commitment.titre,
      });
      expect(rows[index]?.jalons).toBe((commitment.jalons ?? []).map((j) => `${j.date} : ${j.livrable}`).join('\n'));
      expect(rows[index]?.actions).toBe((commitment.actions ?? []).map((a) => a.action).join('\n'));
    });
    expect(rows[0]?.probleme).toBe(data.engagements[0]?.probleme);
    expect(rows[0]?.partenaires).toBe('FCPE 87 (a participé à l’atelier)\nMutualité française (à solliciter)');
  });

  it('exports the Decidim import files in the format docs/domain.md gives', () => {
    const csv = readFileSync(out('limoges', 'decidim-propositions.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('title/fr;body/fr');
    const rows = parse(csv, { delimiter: ';', columns: true }) as Record<string, string>[];
    const json = JSON.parse(readFileSync(out('limoges', 'decidim-propositions.json'), 'utf8')) as {
      title: { fr: string };
      body: { fr: string };
    }[];
    expect(rows).toEqual(json.map((p) => ({ 'title/fr': p.title.fr, 'body/fr': p.body.fr })));
    expect(json.map((p) => Object.keys(p))).toEqual([
      ['title', 'body'],
      ['title', 'body'],
    ]);
    expect(json.map((p) => p.title.fr)).toEqual(data.engagements.map((c) => c.titre));
    for (const proposal of json) {
      expect(proposal.title.fr.length).toBeGreaterThanOrEqual(15);
      expect(proposal.title.fr.length).toBeLessThanOrEqual(150);
      expect(proposal.body.fr.length).toBeGreaterThanOrEqual(15);
    }
    // Simple HTML, as Decidim renders an official proposal's body (README, « Decidim »).
    const body = json[0]?.body.fr.replace(/[\u00a0\u202f]/g, ' ') ?? '';
    expect(body).toContain(`<p><strong>Problème :</strong> ${data.engagements[0]?.probleme as string}</p>`);
    expect(body).toContain(
      '<p><strong>Actions :</strong></p><ul><li>Recenser les postes pourvus et vacants (échéance : mars 2027)</li><li>Mettre la carte en ligne (échéance : juin 2027)</li></ul>',
    );
  });

  it('writes synthese.csv: every commitment, in a fixed order, near-identical ones in one group', () => {
    expect(synthese.status, synthese.stderr).toBe(0);
    const rows = parse(readFileSync(out('synthese.csv')), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => [r.academie, r.thematique, r.titre])).toEqual([
      ['creteil', 'ecole-inclusive', 'Former chaque accompagnant avant sa prise de poste'],
      ['lille', 'sante', 'Publier l’offre de santé scolaire dans chaque établissement'],
      ['limoges', 'sante', 'Publier l’offre de santé scolaire de chaque établissement'],
      ['limoges', 'donnees-ouvertes', 'Ouvrir les données de la restauration scolaire'],
    ]);
    const groups = rows.map((r) => r.groupe);
    expect(groups[1]).toBe(groups[2]);
    expect(new Set(groups).size).toBe(3);
    expect(groups).toEqual(['1', '2', '2', '3']);
  });

  it('writes synthese.pdf: participation per academy and profile, scores per theme, groups, criteria', () => {
    const lines = layoutPages(out('synthese.pdf')).flat();
    // Créteil 3 0 2 0 5 = 10; Lille 2 4 3 0 1 = 10; Limoges 7 1 5 4 3 = 20; then the number of commitments.
    expect(lines).toEqual(
      expect.arrayContaining([
        'Académie de Créteil 3 0 2 0 5 10 1',
        'Académie de Lille 2 4 3 0 1 10 1',
        'Académie de Limoges 7 1 5 4 3 20 2',
        'Total 12 5 10 4 9 40 4',
        // Santé: offered by all three, retained by two, 4 ideas, 6 + 9 + 5 + 2 = 22 dots.
        'Santé et bien-être à l’école et à l’université 3 académies 2 4 22',
        'École et université inclusives 2 académies 1 1 12',
        'Protection de l’environnement 2 académies 0 1 8',
        'Données et codes sources ouverts dans l’Éducation 3 académies 1 1 4',
        'Groupe 2',
        // Criteria coverage over the four commitments: oui, non, à approfondir.
        'Conçu et porté avec la société civile 1 0 3',
        'Résultats mesurables (évaluation externe et autoévaluation) 1 1 2',
      ]),
    );
    expect(lines).not.toContain('Groupe 1');
    expect(lines).not.toContain('Groupe 3');
    const text = squash(lines.join(' '));
    expect(text).toContain(squash('Publier l’offre de santé scolaire dans chaque établissement — Académie de Lille'));
    expect(text).toContain(squash('Publier l’offre de santé scolaire de chaque établissement — Académie de Limoges'));
    expect(new Set(pageSizes(out('synthese.pdf')))).toEqual(new Set(['A4 portrait']));
    // Per theme, alike commitments together with their academies; per OGP value, how many are relevant.
    expect(text).toContain(squash('Les engagements par thématique'));
    expect(text).toContain(
      squash(
        'Publier l’offre de santé scolaire dans chaque établissement / Publier l’offre de santé scolaire de chaque établissement — Lille, Limoges',
      ),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'Transparence 0',
        'Participation civique 0',
        'Redevabilité publique 0',
        'Aucune valeur renseignée 4',
      ]),
    );
  });

  it('synthese counts a draft apart and names it, never mixed in', () => {
    expect(draftInit.status, draftInit.stderr).toBe(0);
    expect(synthese.status, synthese.stderr).toBe(0);
    expect(synthese.stderr).toMatch(/restitutions\/nantes\.yaml +attention : brouillon .* laissé hors de la synthèse/);
    const rows = parse(readFileSync(out('synthese.csv')), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(new Set(rows.map((row) => row.academie))).toEqual(new Set(['creteil', 'lille', 'limoges']));
    const text = squash(pdfText(out('synthese.pdf')));
    expect(text).toContain(squash('Une restitution en brouillon, non comptée'));
    expect(text).toContain(squash('Académie de Nantes (restitutions/nantes.yaml)'));
  });

  it('writes restitution-participants.pdf: one or two pages in plain words, what was proposed and kept, without the lab’s to-do', () => {
    const pdf = out('limoges', 'restitution-participants.pdf');
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(2);
    const text = squash(pages.join(' '));
    for (const piece of [
      'Ce que vous avez proposé',
      'Ce que le groupe a retenu',
      'Et ensuite ?',
      ...data.engagements.map((c) => c.titre),
      'Recenser les postes pourvus et vacants',
      'FCPE 87 (a participé à l’atelier)',
      'Le Lab’Lim transmet ces propositions',
    ]) {
      expect(text, piece).toContain(squash(piece));
    }
    expect(text).not.toMatch(
      /compléter|à désigner|à définir|à fixer|Relire avec le groupe|decidim|engagements\.json|présent à/i,
    );
    expect(new Set(pageSizes(pdf))).toEqual(new Set(['A4 portrait']));
  });
});

describe('a bad restitution file', () => {
  it('gets located French errors and writes nothing', async () => {
    const root = makeWorkspace({
      'restitutions/limoges.yaml': `academie: limoges\npresents:\n  eleves: -1\nidees:\n  sant: []\nthemes_retenus: [sante]\nengagements:\n  - thematique: sante\n    titre: Publier l’offre de santé scolaire\n    debut: 2027-13\n`,
    });
    const result = await runCliInProcess(['restitution', '--academie', 'limoges'], { cwd: root });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /restitutions\/limoges\.yaml:3:11 +presents\.eleves : nombre entier positif ou nul attendu \(reçu : -1\)/,
    );
    expect(result.stderr).toMatch(
      /restitutions\/limoges\.yaml:5:3 +idees\.sant : thématique non proposée lors de la session « sant » — vouliez-vous dire « sante » \?/,
    );
    expect(result.stderr).toMatch(/restitutions\/limoges\.yaml:10:12 +engagements n° 1 › debut : date invalide/);
    expect(result.stderr).toMatch(/rien n’a été écrit/);
    expect(existsSync(path.join(root, 'kits'))).toBe(false);

    // validate checks the lab's restitutions too.
    const validated = await runCliInProcess(['validate'], { cwd: root });
    expect(validated.status).toBe(1);
    expect(validated.stderr).toMatch(/restitutions\/limoges\.yaml:5:3 +idees\.sant : thématique non proposée/);
    expect(validated.stderr).toMatch(/✗ restitutions\/limoges\.yaml : données invalides/);

    // One invalid file among valid ones: the synthesis writes nothing either.
    writeFileSync(path.join(root, 'restitutions', 'lille.yaml'), LILLE);
    const consolidated = await runCliInProcess(['synthese'], { cwd: root });
    expect(consolidated.status).toBe(1);
    expect(consolidated.stderr).toMatch(/restitutions\/limoges\.yaml:3:11/);
    expect(existsSync(path.join(root, 'kits'))).toBe(false);
  });

  it('names a missing restitution, a bad slug, or no restitution at all (exit 2)', async () => {
    const root = makeWorkspace({ 'restitutions/.gitkeep': '' });
    const missing = await runCliInProcess(['restitution', '--academie', 'lille'], { cwd: root });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /aucune restitution pour « lille » : créez-la avec pgo-kit restitution init --academie lille/,
    );
    expect((await runCliInProcess(['restitution', '--academie', '../etc'], { cwd: root })).status).toBe(2);
    const none = await runCliInProcess(['synthese'], { cwd: root });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/aucune restitution dans le dossier restitutions\//);
  });
});

describe('pgo-kit restitution init', () => {
  it('writes a pre-filled file naming its schema, and refuses to overwrite it without --force', async () => {
    const root = makeWorkspace({});
    const run = (args: string[]) => runCliInProcess(['restitution', 'init', ...args], { cwd: root });
    const created = await run(['--academie', 'lille']);
    expect(created.status, created.stderr).toBe(0);
    const file = path.join(root, 'restitutions', 'lille.yaml');
    const text = readFileSync(file, 'utf8');
    const schema = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text.split('\n')[0] ?? '')?.[1] ?? '';
    expect(existsSync(path.resolve(path.dirname(file), schema)), schema).toBe(true);
    const parsed = parseYaml(text) as {
      idees: Record<string, unknown>;
      themes_retenus: string[];
      engagements: Commitment[];
    };
    expect(Object.keys(parsed.idees)).toHaveLength(7);
    expect(parsed.engagements.map((c) => c.thematique)).toEqual(parsed.themes_retenus);

    writeFileSync(file, 'academie: lille\n');
    const refused = await run(['--academie', 'lille']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/existe déjà : rien n’a été modifié \(pour le remplacer : --force\)/);
    expect(readFileSync(file, 'utf8')).toBe('academie: lille\n');
    expect((await run(['--academie', 'lille', '--force'])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect((await run(['--academie', 'lile'])).stderr).toMatch(/vouliez-vous dire « lille » \?/);
  });
});

describe('a restitution not filled in is a draft: printed, never sent', () => {
  const root = makeWorkspace({});
  const out = (...parts: string[]) => path.join(root, 'kits', ...parts);
  const lille = path.join(root, 'restitutions', 'lille.yaml');
  const visible = (slug: string) => readdirSync(out(slug)).filter((name) => !name.startsWith('.'));
  const unfilled = LILLE.replace(/ {4}probleme: .*\n/, '');
  const run = (args: string[]) => runCliInProcess(args, { cwd: root });
  let init: CliResult;
  let scaffold: string;
  let draft: CliResult;
  let draftFiles: string[];
  let draftPages: string[];
  let complete: CliResult;
  let completeFiles: string[];
  let decidimCsv: string;
  let decidimJson: { title: Record<string, string> }[];
  let badLocale: CliResult;
  let again: CliResult;
  let againFiles: string[];
  let third: CliResult;
  let validated: CliResult;

  // One sequence, each step's outcome kept for the tests below: init, a draft, the file completed (with
  // another Decidim locale), emptied again (twice), validated. (The synthesis of a draft: above.)
  beforeAll(async () => {
    init = await run(['restitution', 'init', '--academie', 'lille']);
    scaffold = readFileSync(lille, 'utf8');
    draft = await run(['restitution', '--academie', 'lille', ...remote()]);
    draftFiles = visible('lille');
    draftPages = pdfPages(out('lille', 'restitution.pdf'));
    writeFileSync(lille, LILLE);
    complete = await run(['restitution', '--academie', 'lille', '--langue-decidim', 'en', ...remote()]);
    completeFiles = readdirSync(out('lille'));
    decidimCsv = readFileSync(out('lille', 'decidim-propositions.csv'), 'utf8');
    decidimJson = JSON.parse(readFileSync(out('lille', 'decidim-propositions.json'), 'utf8')) as typeof decidimJson;
    badLocale = await run(['restitution', '--academie', 'lille', '--langue-decidim', 'français']);
    writeFileSync(lille, unfilled);
    again = await run(['restitution', '--academie', 'lille', ...remote()]);
    againFiles = visible('lille');
    third = await run(['restitution', '--academie', 'lille', ...remote()]);
    validated = await run(['validate', '--academie', 'lille']);
  }, 120_000);

  it('restitution init then restitution at once: exit 1, restitution.pdf marked « brouillon » on every page, nothing to send, every placeholder located', () => {
    expect(init.status, init.stderr).toBe(0);
    expect(draft.status, draft.stderr).toBe(1);
    expect(draftFiles).toEqual(['restitution.pdf']);
    const pages = draftPages;
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => expect(page, `page ${index + 1}`).toMatch(/BROUILLON/));
    const text = scaffold.split('\n');
    const placeholders = text.flatMap((line, index) =>
      /À compléter/.test(line) && !line.trimStart().startsWith('#') ? [index + 1] : [],
    );
    expect(placeholders.length).toBeGreaterThan(0);
    for (const line of placeholders) {
      expect(draft.stderr).toMatch(
        new RegExp(`restitutions/lille\\.yaml:${line}:\\d+ +engagements n° \\d › titre : texte à remplacer`),
      );
    }
    expect(draft.stderr).toMatch(/restitutions\/lille\.yaml:\d+:\d+ +presents : aucun présent noté/);
    expect(draft.stderr).toMatch(/restitutions\/lille\.yaml:\d+:\d+ +engagements n° 1 › probleme : « probleme » vide/);
    expect(draft.stderr).toMatch(/brouillon .* ni engagements\.\*, ni decidim-propositions\.\*/);
  });

  it('made again at the next run, and nothing left of an earlier complete run', () => {
    expect(complete.status, complete.stderr).toBe(0);
    expect(completeFiles).toContain('decidim-propositions.json');
    expect(again.status).toBe(1);
    expect(againFiles).toEqual(['restitution.pdf']);
    expect(third.status).toBe(1);
  });

  it('validate says a draft is one, without failing: it is valid data, not yet to send', () => {
    expect(validated.status, validated.stderr).toBe(0);
    expect(validated.stdout).toMatch(
      /✓ restitutions\/lille\.yaml : 1\sengagement \(brouillon : 1\spoint à reprendre avant l’envoi\)/,
    );
    expect(validated.stderr).toMatch(
      /restitutions\/lille\.yaml:\d+:\d+ +attention : engagements n° 1 › probleme : « probleme » vide/,
    );
  });

  it('--langue-decidim names the Decidim columns and keys after the organisation’s default locale', () => {
    expect(decidimCsv.split('\r\n')[0]).toBe('title/en;body/en');
    expect(decidimJson.map((p) => Object.keys(p.title))).toEqual([['en']]);
    expect(badLocale.status).toBe(2);
    expect(badLocale.stderr).toMatch(/code de langue invalide pour --langue-decidim « français »/);
  });
});

/*
 * The shipped example in a lab's folder, its restitution and its synthesis made once by the real process (an
 * in-process run stamps its files with the code it runs, src/ and not dist/): the second runs below are about what
 * the process loads. Both print through the file's browser.
 */
const shipped = makeWorkspace({
  'restitutions/limoges.yaml': readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8'),
});
let shippedRuns: Promise<{ restitution: CliResult; synthese: CliResult }> | undefined;
const madeFromShipped = () =>
  (shippedRuns ??= (async () => {
    const restitution = await runCliAwaited(['restitution', '--academie', 'limoges', ...remote()], { cwd: shipped });
    const synthese = await runCliAwaited(['synthese', ...remote()], { cwd: shipped });
    return { restitution, synthese };
  })());

describe('a complete restitution (the shipped example) carries every field of the OGP commitment template', () => {
  const root = shipped;
  let made: CliResult;
  beforeAll(async () => {
    made = (await madeFromShipped()).restitution;
  });

  it('prints them in restitution.pdf, in the template’s order', () => {
    const result = made;
    expect(result.status, result.stderr).toBe(0);
    const example = parseYaml(readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8')) as {
      engagements: Record<string, unknown>[];
    };
    const first = example.engagements[0] as {
      solution: string;
      pertinence_ogp: Record<string, string>;
      contact: { nom: string; fonction: string; courriel: string };
      autres_acteurs_publics: string[];
      jalons: { debut: string; fin: string; livrable: string }[];
      probleme: string;
    };
    // As laid out on the page, so that a label and its value read on one line.
    const text = squash(
      layoutPages(path.join(root, 'kits', 'limoges', 'restitution.pdf'))
        .flat()
        .join(' '),
    );
    const pieces = [
      'Calendrier janvier 2027 – juin 2028',
      `Contact ${first.contact.nom}, ${first.contact.fonction}`,
      first.contact.courriel,
      `Autres acteurs publics ${first.autres_acteurs_publics.join(', ')}`,
      first.probleme,
      `En quoi il résout le problème ${first.solution}`,
      `Transparence ${first.pertinence_ogp.transparence}`,
      `Redevabilité publique ${first.pertinence_ogp.redevabilite}`,
      ...first.jalons.map((j) => `${frenchDate(j.debut)} ${frenchDate(j.fin)} ${j.livrable}`),
      'Les valeurs cochées sur le canevas Transparence, Ouverture',
    ];
    const positions = pieces.map((piece) => text.indexOf(squash(piece)));
    pieces.forEach((piece, index) => expect(positions[index], piece).toBeGreaterThanOrEqual(0));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('a second run with nothing changed says so and its warnings again, reading no YAML and loading nothing that prints', () => {
    expect(made.status, made.stderr).toBe(0);
    const second = spawnSync(
      process.execPath,
      [
        '--import',
        path.join(ROOT, 'tests', 'helpers', 'loaded-modules.mjs'),
        BIN,
        'restitution',
        '--academie',
        'limoges',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(second.status, second.stderr).toBe(0);
    const lines = second.stderr.split('\n');
    const modules = lines.filter((line) => line.startsWith('module: ')).map((line) => line.slice('module: '.length));
    const said = lines.filter((line) => line && !line.startsWith('module: '));
    expect(said).toContain('Académie de Limoges : inchangé → kits/limoges/');
    expect(said.at(-1)).toMatch(/^Terminé en [\d,]+ s : rien n’a changé\.$/);
    // The same warnings as the run that made the files, said from the stamp.
    const warnings = (text: string) => text.split('\n').filter((line) => line.includes(' attention : '));
    expect(warnings(made.stderr).length).toBeGreaterThan(0);
    expect(said.filter((line) => line.includes(' attention : '))).toEqual(warnings(made.stderr));
    expect(second.stdout).toBe(made.stdout);
    // The modules that ran: pgo-kit's command line and runner, but no YAML parser, no schema, no template, no PDF.
    expect(modules.some((url) => url.endsWith('/dist/run/runner.js'))).toBe(true);
    const heavy = modules.filter((url) =>
      /\/node_modules\/(zod|yaml|handlebars|puppeteer-core|pdf-lib|qrcode|@puppeteer)\/|\/dist\/(pdf\/(printer|metadata|print-jobs)|render\/|model\/(schemas|load|yaml-source|restitution-load)|load)\.?/.test(
        url,
      ),
    );
    expect(heavy).toEqual([]);
  });
});

describe('accessible results (PDF/UA rules read back)', () => {
  it('gives every figure alternative text, every link a description, and declares PDF/UA, in a restitution’s PDFs and the synthesis', async () => {
    const { restitution, synthese } = await madeFromShipped();
    expect(restitution.status, restitution.stderr).toBe(0);
    expect(synthese.status, synthese.stderr).toBe(0);
    const folder = path.join(shipped, 'kits', 'limoges');
    const pdfs = [
      ...readdirSync(folder)
        .filter((name) => name.endsWith('.pdf'))
        .map((name) => path.join(folder, name)),
      path.join(shipped, 'kits', 'synthese.pdf'),
    ];
    expect(pdfs.map((file) => path.basename(file)).sort()).toEqual([
      'restitution-participants.pdf',
      'restitution.pdf',
      'synthese.pdf',
    ]);
    for (const file of pdfs) expect(await accessibilityProblems(file), path.basename(file)).toEqual([]);
  });
});

/*
 * `synthese` goes through the runner like `restitution`: a second run with nothing changed is recognised before any
 * YAML is read (its warnings said again from the stamp), and an invalid restitution is said once, with one line saying
 * that nothing was written. (Last in this file: its last case makes the shipped example's copy invalid.)
 */
describe('pgo-kit synthese, a second time', () => {
  const root = shipped;
  const pdf = path.join(root, 'kits', 'synthese.pdf');
  let made: CliResult;
  beforeAll(async () => {
    made = (await madeFromShipped()).synthese;
  });

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
