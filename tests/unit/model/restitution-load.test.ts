import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError, formatIssues, type Issue } from '../../../src/errors.js';
import { createLoader } from '../../../src/load.js';
import { loadRestitution, type RestitutionModel } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

/**
 * A lab folder holding one restitution file; academies and themes come from the package. One folder and one
 * loader for the file, as a command shares them between files: the themes and agendas are read once, the
 * academy and the restitution file again at each load (the file is rewritten before it).
 */
const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-restitution-'));
mkdirSync(path.join(root, 'restitutions'));
const workspace = createWorkspace(root);
const loader = createLoader(workspace);

function load(yaml: string, name = 'limoges'): RestitutionModel {
  const file = path.join(root, 'restitutions', `${name}.yaml`);
  writeFileSync(file, yaml);
  return loadRestitution(workspace, file, (slug) => loader.load(slug));
}

function errorsOf(yaml: string, name?: string): Issue[] {
  try {
    load(yaml, name);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('the file was expected to be invalid');
}

/** Limoges offers sante, droit-information, donnees-ouvertes, numerique-responsable. */
const COMMITMENT = `  - thematique: sante
    titre: Publier l’offre de santé scolaire de chaque établissement
    partenaires: [{nom: FCPE 87, statut: present}]
    jalons: [{date: 2027-06, livrable: carte publiée}]
    indicateurs: {externe: audit annuel, auto_evaluation: bilan en conseil}
`;
const VALID = `academie: limoges
themes_retenus: [sante]
engagements:
${COMMITMENT}`;
/** Every field of the OGP commitment template filled in too. */
const OGP_FIELDS = `    solution: La publication oblige à tenir l’information à jour.
    pertinence_ogp: {transparence: Les postes pourvus deviennent publics.}
    autres_acteurs_publics: []
    contact: {nom: Claire Dumas, fonction: Infirmière conseillère, courriel: sante@example.org}
`;
const COMPLETE = `${VALID}${OGP_FIELDS}`;

// [case, file text, line, col, dotted path, message]
const invalid: [string, string, number, number, string, RegExp][] = [
  [
    'unknown key',
    `academie: limoges\npresent:\n  eleves: 3\n`,
    2,
    1,
    'present',
    /clé inconnue — vouliez-vous dire « presents » \?/,
  ],
  [
    'unknown profile',
    `academie: limoges\npresents:\n  eleve: 3\n`,
    3,
    3,
    'presents.eleve',
    /clé inconnue — vouliez-vous dire « eleves » \?/,
  ],
  [
    'attendance not an integer',
    `academie: limoges\npresents:\n  eleves: 3.5\n`,
    3,
    11,
    'presents.eleves',
    /nombre entier positif ou nul attendu \(reçu : 3.5\)/,
  ],
  [
    'negative dots',
    `academie: limoges\nidees:\n  sante:\n    - texte: Une idée\n      gommettes: -2\n`,
    5,
    18,
    'idees.sante[0].gommettes',
    /nombre entier positif ou nul attendu/,
  ],
  [
    'dots as text',
    `academie: limoges\nidees:\n  sante:\n    - texte: Une idée\n      gommettes: six\n`,
    5,
    18,
    'idees.sante[0].gommettes',
    /nombre entier positif ou nul attendu \(reçu : "six"\)/,
  ],
  [
    'idea theme not offered',
    `academie: limoges\nidees:\n  santé-x: []\n  environement: []\n`,
    4,
    3,
    'idees.environement',
    /thématique non proposée lors de la session « environement ».*proposées par la session : sante, droit-information, donnees-ouvertes, numerique-responsable/,
  ],
  [
    'idea theme typo',
    `academie: limoges\nidees:\n  sant: []\n`,
    3,
    3,
    'idees.sant',
    /« sant » — vouliez-vous dire « sante » \?/,
  ],
  [
    'retained theme not offered',
    `academie: limoges\nthemes_retenus: [sante, probite]\nengagements:\n${COMMITMENT}`,
    2,
    25,
    'themes_retenus[1]',
    /thématique non proposée lors de la session « probite »/,
  ],
  [
    'retained theme twice',
    `academie: limoges\nthemes_retenus: [sante, sante]\nengagements:\n${COMMITMENT}`,
    2,
    25,
    'themes_retenus[1]',
    /en double/,
  ],
  [
    'retained theme without commitment',
    `academie: limoges\nthemes_retenus: [sante, donnees-ouvertes]\nengagements:\n${COMMITMENT}`,
    2,
    25,
    'themes_retenus[1]',
    /aucun engagement pour la thématique retenue « donnees-ouvertes »/,
  ],
  [
    'commitment on a theme not retained',
    `academie: limoges\nthemes_retenus: [droit-information]\nengagements:\n${COMMITMENT}  - thematique: droit-information\n    titre: Expliquer la répartition des moyens aux familles\n`,
    4,
    17,
    'engagements[0].thematique',
    /thématique non retenue « sante ».*retenues : droit-information/,
  ],
  [
    'bad month',
    `${VALID}    debut: 2027-13\n`,
    9,
    12,
    'engagements[0].debut',
    /date invalide : date attendue au format AAAA-MM ou AAAA-MM-JJ/,
  ],
  [
    'date with a day that does not exist',
    `${VALID}    fin: 2027-02-30\n`,
    9,
    10,
    'engagements[0].fin',
    /date invalide/,
  ],
  [
    'date as a number',
    `${VALID}    fin: 2027\n`,
    9,
    10,
    'engagements[0].fin',
    /date attendue au format AAAA-MM ou AAAA-MM-JJ.*\(reçu : 2027\)/,
  ],
  [
    'milestone date',
    `academie: limoges\nthemes_retenus: [sante]\nengagements:\n  - thematique: sante\n    titre: Publier l’offre de santé scolaire de chaque établissement\n    jalons:\n      - date: juin 2027\n        livrable: carte\n`,
    7,
    15,
    'engagements[0].jalons[0].date',
    /date invalide/,
  ],
  [
    'unknown value',
    `${VALID}    valeurs: [transparence, ouvertur]\n`,
    9,
    29,
    'engagements[0].valeurs[1]',
    /valeur inconnue ; valeurs possibles : transparence, ouverture, participation, collaboration/,
  ],
  [
    'unknown verdict',
    `${VALID}    criteres:\n      inedit: peut-etre\n`,
    10,
    15,
    'engagements[0].criteres.inedit',
    /valeurs possibles : oui, non, a-approfondir/,
  ],
  [
    'unknown partner status',
    `academie: limoges\nthemes_retenus: [sante]\nengagements:\n  - thematique: sante\n    titre: Publier l’offre de santé scolaire de chaque établissement\n    partenaires:\n      - nom: FCPE 87\n        statut: presente\n`,
    8,
    17,
    'engagements[0].partenaires[0].statut',
    /valeurs possibles : present, a-solliciter/,
  ],
  [
    'commitment without title',
    `academie: limoges\nthemes_retenus: [sante]\nengagements:\n  - thematique: sante\n    probleme: Rien n’est publié\n`,
    4,
    5,
    'engagements[0].titre',
    /clé obligatoire manquante « titre »/,
  ],
  [
    'action without its text',
    `${VALID}    actions:\n      - porteur: Rectorat\n`,
    10,
    9,
    'engagements[0].actions[0].action',
    /clé obligatoire manquante « action »/,
  ],
  [
    'unknown academy',
    `academie: limogs\n`,
    1,
    11,
    'academie',
    /académie inconnue « limogs » — vouliez-vous dire « limoges » \?/,
  ],
  ['file of another academy', `academie: lille\n`, 1, 11, 'academie', /ce fichier est celui de « limoges »/],
  ['bad slug', `academie: Limoges\n`, 1, 11, 'academie', /identifiant invalide/],
  ['no academie', `presents:\n  eleves: 2\n`, 1, 1, 'academie', /clé obligatoire manquante « academie »/],
];

describe('an invalid restitution file gets located French errors', () => {
  it.each(invalid)('%s', (_name, yaml, line, col, dotted, message) => {
    const issues = errorsOf(yaml);
    const issue = issues.find((i) => message.test(i.message));
    expect(issue, formatIssues(issues).join('\n')).toBeDefined();
    expect(issue?.file).toBe('restitutions/limoges.yaml');
    expect(issue?.severity).toBe('error');
    expect([issue?.line, issue?.col, issue?.path]).toEqual([line, col, dotted]);
  });

  it('reports every problem at once, cross-checks included, even with a broken commitment', () => {
    const issues = errorsOf(`academie: limoges
presents:
  eleves: trois
idees:
  sant: []
themes_retenus: [sante]
engagements:
  - thematique: donnees-ouvertes
    titre: Publier les données de la restauration scolaire
  - thematique: sante
    titre: Publier l’offre de santé scolaire de chaque établissement
    debut: demain
`);
    const lines = formatIssues(issues).join('\n');
    expect(lines).toMatch(/:3:11 +presents\.eleves : nombre entier/);
    expect(lines).toMatch(/:5:3 +idees\.sant : thématique non proposée/);
    expect(lines).toMatch(/:8:17 +engagements n° 1 › thematique : thématique non retenue « donnees-ouvertes »/);
    expect(lines).toMatch(/:12:12 +engagements n° 2 › debut : date invalide/);
  });

  it('YAML syntax errors are located too', () => {
    const issues = errorsOf('academie: limoges\npresents:\n  eleves: 3\n   parents: 2\n');
    expect(issues[0]).toMatchObject({ file: 'restitutions/limoges.yaml', line: 4 });
    expect(issues[0]?.message).toMatch(/YAML invalide/);
  });
});

// [case, text added to the valid commitment or a whole commitment, dotted path, message]
const warned: [string, string, string, RegExp][] = [
  [
    'no civil-society partner',
    `academie: limoges\nthemes_retenus: [sante]\nengagements:\n  - thematique: sante\n    titre: Publier l’offre de santé scolaire de chaque établissement\n    jalons: [{date: 2027-06, livrable: carte publiée}]\n    indicateurs: {externe: audit, auto_evaluation: bilan}\n`,
    'engagements[0].partenaires',
    /aucun partenaire de la société civile/,
  ],
  [
    'empty partner list',
    VALID.replace('partenaires: [{nom: FCPE 87, statut: present}]', 'partenaires: []'),
    'engagements[0].partenaires',
    /aucun partenaire/,
  ],
  [
    'no indicator at all',
    VALID.replace('    indicateurs: {externe: audit annuel, auto_evaluation: bilan en conseil}\n', ''),
    'engagements[0].indicateurs',
    /aucun indicateur : les résultats ne pourront être mesurés/,
  ],
  [
    'no external indicator',
    VALID.replace('externe: audit annuel, ', ''),
    'engagements[0].indicateurs',
    /aucun indicateur d’évaluation externe/,
  ],
  [
    'no self-assessment',
    VALID.replace(', auto_evaluation: bilan en conseil', ''),
    'engagements[0].indicateurs',
    /aucun indicateur d’autoévaluation/,
  ],
  [
    'no milestone',
    VALID.replace('    jalons: [{date: 2027-06, livrable: carte publiée}]\n', ''),
    'engagements[0].jalons',
    /aucun jalon daté/,
  ],
  [
    'milestone without a date',
    VALID.replace('{date: 2027-06, livrable: carte publiée}', '{livrable: carte publiée}'),
    'engagements[0].jalons[0]',
    /jalon sans fin/,
  ],
  [
    'milestone ending before it starts',
    VALID.replace(
      '{date: 2027-06, livrable: carte publiée}',
      '{debut: 2027-09, fin: 2027-06, livrable: carte publiée}',
    ),
    'engagements[0].jalons[0].fin',
    /la fin du jalon \(2027-06\) précède son début \(2027-09\)/,
  ],
  ['no « solution » (OGP template)', VALID, 'engagements[0].solution', /champ de la fiche PGO manquant : « solution »/],
  [
    'no « pertinence_ogp » (OGP template)',
    VALID,
    'engagements[0].pertinence_ogp',
    /champ de la fiche PGO vide : « pertinence_ogp »/,
  ],
  [
    'an empty « pertinence_ogp »',
    COMPLETE.replace('{transparence: Les postes pourvus deviennent publics.}', '{transparence: , participation: }'),
    'engagements[0].pertinence_ogp',
    /« pertinence_ogp » \(une phrase pour au moins une valeur du PGO/,
  ],
  ['no « contact » (OGP template)', VALID, 'engagements[0].contact', /champ de la fiche PGO manquant : « contact »/],
  [
    'no « autres_acteurs_publics » (OGP template)',
    VALID,
    'engagements[0].autres_acteurs_publics',
    /champ de la fiche PGO manquant : « autres_acteurs_publics »/,
  ],
  [
    '« redevabilite » ticked as a fifth canvas value (older files)',
    `${COMPLETE}    valeurs: [transparence, redevabilite]\n`,
    'engagements[0].valeurs',
    /« redevabilite » n’est pas une des quatre valeurs du canevas.*pertinence_ogp\.redevabilite/,
  ],
  [
    '« mesurable: oui » without an indicator',
    `${COMPLETE.replace('    indicateurs: {externe: audit annuel, auto_evaluation: bilan en conseil}\n', '')}    criteres: {mesurable: oui}\n`,
    'engagements[0].indicateurs',
    /critère « mesurable » coché oui, mais aucun indicateur/,
  ],
  [
    '« mesurable: oui » with placeholder indicators',
    `${COMPLETE.replace('{externe: audit annuel, auto_evaluation: bilan en conseil}', '{externe: "…", auto_evaluation: À compléter}')}    criteres: {mesurable: oui}\n`,
    'engagements[0].indicateurs',
    /critère « mesurable » coché oui, mais aucun indicateur/,
  ],
  [
    'a title a spreadsheet would compute',
    VALID.replace(
      'Publier l’offre de santé scolaire de chaque établissement',
      '"=Publier l’offre de santé scolaire de chaque établissement"',
    ),
    'engagements[0].titre',
    /titre commençant par « = ».*le fichier pour Decidim le garde tel quel/,
  ],
  [
    'a title starting with a dash',
    VALID.replace(
      'Publier l’offre de santé scolaire de chaque établissement',
      '"- Publier l’offre de santé scolaire de chaque établissement"',
    ),
    'engagements[0].titre',
    /titre commençant par « - »/,
  ],
  [
    'end before start',
    `${VALID}    debut: 2028-01\n    fin: 2027-06\n`,
    'engagements[0].fin',
    /la fin \(2027-06\) précède le début \(2028-01\)/,
  ],
  [
    'criterion marked non',
    `${VALID}    criteres:\n      societe_civile: non\n`,
    'engagements[0].criteres.societe_civile',
    /critère non rempli : « conçu et porté avec la société civile »/,
  ],
  [
    'title too short for Decidim',
    VALID.replace('Publier l’offre de santé scolaire de chaque établissement', 'Santé publique'),
    'engagements[0].titre',
    /titre trop court pour Decidim : 14 caractères, 15 au moins/,
  ],
  [
    'title too long for Decidim',
    VALID.replace(
      'Publier l’offre de santé scolaire de chaque établissement',
      `Publier ${'l’offre de santé scolaire '.repeat(6)}`,
    ),
    'engagements[0].titre',
    /titre trop long pour Decidim : 1\d\d caractères, 150 au plus/,
  ],
  [
    'title in capitals',
    VALID.replace('Publier l’offre de santé scolaire de chaque établissement', 'PUBLIER L’OFFRE DE SANTÉ SCOLAIRE'),
    'engagements[0].titre',
    /trop de majuscules/,
  ],
  [
    'title with repeated marks',
    VALID.replace(
      'Publier l’offre de santé scolaire de chaque établissement',
      'Publier enfin l’offre de santé scolaire !!',
    ),
    'engagements[0].titre',
    /ponctuation répétée/,
  ],
  [
    'title starting lower-case',
    VALID.replace('Publier l’offre de santé scolaire de chaque établissement', 'publier l’offre de santé scolaire'),
    'engagements[0].titre',
    /commence par une minuscule/,
  ],
];

describe('a commitment that fails a criterion on its face, or that Decidim would refuse, gets a located warning', () => {
  it.each(warned)('%s', (_name, yaml, dotted, message) => {
    const model = load(yaml);
    const warning = model.warnings.find((w) => message.test(w.message));
    expect(warning, formatIssues(model.warnings).join('\n')).toBeDefined();
    expect(warning?.severity).toBe('warning');
    expect(warning?.path).toBe(dotted);
    expect(warning?.line).toBeGreaterThan(3);
  });

  it('a complete commitment gets no warning', () => {
    expect(formatIssues(load(COMPLETE).warnings)).toEqual([]);
  });

  it('a month and a day of the same month are not « before » each other', () => {
    expect(load(`${COMPLETE}    debut: 2027-06-15\n    fin: 2027-06\n`).warnings).toEqual([]);
  });
});

describe('a file not filled in is a draft, each reason located', () => {
  const ATTENDANCE = 'presents: {eleves: 3}\n';
  const ready = `${COMPLETE.replace('academie: limoges\n', `academie: limoges\n${ATTENDANCE}`)}    probleme: Les familles ignorent quand l’infirmière est là.\n    engagement: Publier les postes pourvus.\n`;

  it('a filled file is not a draft', () => {
    expect(formatIssues(load(ready).draft)).toEqual([]);
  });

  // [case, file text, line, dotted path, message]
  it.each([
    [
      'a placeholder left in a title',
      ready.replace(
        'Publier l’offre de santé scolaire de chaque établissement',
        '"À compléter : l’engagement pour la santé"',
      ),
      6,
      'engagements[0].titre',
      /texte à remplacer.*« À compléter : l’engagement pour la santé »/,
    ],
    [
      'a lone « … »',
      ready.replace('Publier les postes pourvus.', '"…"'),
      15,
      'engagements[0].engagement',
      /texte à remplacer.*« … »/,
    ],
    [
      '« ... » in a list',
      `${ready}    points_en_debat: ["..."]\n`,
      16,
      'engagements[0].points_en_debat[0]',
      /« \.\.\. »/,
    ],
    ['nobody present', ready.replace(ATTENDANCE, ''), 1, 'presents', /aucun présent noté/],
    [
      'zero attendance written out',
      ready.replace(ATTENDANCE, 'presents: {eleves: 0, parents: 0}\n'),
      2,
      'presents',
      /aucun présent noté/,
    ],
    [
      'no problem',
      ready.replace('    probleme: Les familles ignorent quand l’infirmière est là.\n', ''),
      5,
      'engagements[0].probleme',
      /« probleme » vide/,
    ],
    [
      'an empty commitment text',
      ready.replace('Publier les postes pourvus.', ''),
      15,
      'engagements[0].engagement',
      /« engagement » vide/,
    ],
  ] as [string, string, number, string, RegExp][])('%s', (_name, yaml, line, dotted, message) => {
    const model = load(yaml);
    const reason = model.draft.find((issue) => message.test(issue.message));
    expect(reason, formatIssues(model.draft).join('\n')).toBeDefined();
    expect([reason?.file, reason?.line, reason?.path]).toEqual(['restitutions/limoges.yaml', line, dotted]);
  });

  it.each([
    ['À compléter : l’engagement pour « Santé »', true],
    ['Il reste un dossier à compléter par les familles', false],
    ['À compléter', true],
    ['a completer', true],
    ['…', true],
    ['...', true],
    ['Un texte… avec des points de suspension', false],
    ['Compléter l’offre de santé', false],
  ] as [string, boolean][])('%j is a placeholder: %s', async (text, expected) => {
    const { isPlaceholder } = await import('../../../src/model/unfilled.js');
    expect(isPlaceholder(text)).toBe(expected);
  });
});
