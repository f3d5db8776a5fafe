/**
 * The mistakes people really make, each with the message that names its fix;
 * and the fix applied as advised gives a file with no error at all (no advice
 * leads to a new error).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { formatIssues, ValidationError, type Issue } from '../../../src/errors.js';
import { RestitutionSchema } from '../../../src/model/restitution-schema.js';
import { AcademySchema } from '../../../src/model/schemas.js';
import { createLoader } from '../../../src/load.js';
import { validateParsed } from '../../../src/model/validate.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { parseYamlSource } from '../../../src/model/yaml-source.js';

function problems(text: string, schema: z.ZodType = AcademySchema) {
  const parsed = parseYamlSource('academies/test.yaml', new TextEncoder().encode(text));
  if (parsed.data === undefined) return parsed.issues;
  return [...parsed.issues, ...validateParsed(schema, parsed, 'academies/test.yaml').issues];
}

const lines = (...all: string[]) => `${all.join('\n')}\n`;

// [mistake, file, line, expected message (whole), the file fixed as the message says]
const academyCases: [string, string, number, string, string][] = [
  [
    '`[]` kept after a key, items added below',
    lines('academie: Test', 'thematiques: []', '  - sante', '  - probite'),
    2,
    'YAML invalide — supprimez « [] » après « thematiques: » : les éléments sont écrits sur les lignes en dessous (« [] » voulait dire : aucun)',
    lines('academie: Test', 'thematiques:', '  - sante', '  - probite'),
  ],
  [
    '`[]` kept, items at the key’s column, another key after',
    lines('academie: Test', 'animation: []', '- nom: Camille Martin', '  role: Animation', 'lab: Mon lab'),
    2,
    'YAML invalide — supprimez « [] » après « animation: » : les éléments sont écrits sur les lignes en dessous (« [] » voulait dire : aucun)',
    lines('academie: Test', 'animation:', '- nom: Camille Martin', '  role: Animation', 'lab: Mon lab'),
  ],
  [
    'a key uncommented with its leading space left',
    lines(
      'academie: Test',
      'region_academique: Pays de la Loire',
      '# Décommentez :',
      '#',
      '# lab: Mon lab',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      ' lab: Mon lab',
      'session:',
      '  participants: 12',
    ),
    14,
    'YAML invalide — supprimez l’espace en début de ligne 14 : « lab: » doit commencer à la même colonne que la ligne 2',
    lines(
      'academie: Test',
      'region_academique: Pays de la Loire',
      '# Décommentez :',
      '#',
      '# lab: Mon lab',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'lab: Mon lab',
      'session:',
      '  participants: 12',
    ),
  ],
  [
    'a nested key uncommented with one space too many',
    lines('academie: Test', 'session:', '  participants: 12', '#  lieu: Amphi', '   lieu: Amphi'),
    5,
    'YAML invalide — supprimez l’espace en début de ligne 5 : « lieu: » doit commencer à la même colonne que la ligne 3',
    lines('academie: Test', 'session:', '  participants: 12', '#  lieu: Amphi', '  lieu: Amphi'),
  ],
  [
    'a quoted number',
    lines('academie: Test', 'session:', '  participants: "20"'),
    3,
    'session.participants : nombre entier attendu entre 1 et 200 (reçu : "20") — écrivez le nombre sans guillemets : 20',
    lines('academie: Test', 'session:', '  participants: 20'),
  ],
  [
    'an apostrophe inside single quotes',
    lines('academie: Test', 'session:', "  lieu: 'Amphi A : l'espace'"),
    3,
    'YAML invalide — apostrophe dans un texte entre apostrophes : écrivez "Amphi A : l\'espace"',
    lines('academie: Test', 'session:', '  lieu: "Amphi A : l\'espace"'),
  ],
  [
    'an unclosed quote before a comment',
    lines('academie: Test', 'session:', '  lieu: "Amphi A # salle du bas', '  participants: 12'),
    3,
    'YAML invalide — guillemet fermant manquant : fermez-le avant le commentaire : lieu: "Amphi A" # salle du bas',
    lines('academie: Test', 'session:', '  lieu: "Amphi A" # salle du bas', '  participants: 12'),
  ],
  [
    'an unclosed quote at the end of a line',
    lines('academie: Test', 'lab: "Lab’Lim', 'session:', '  participants: 12'),
    2,
    'YAML invalide — guillemet fermant manquant : ajoutez " à la fin de la ligne : lab: "Lab’Lim"',
    lines('academie: Test', 'lab: "Lab’Lim"', 'session:', '  participants: 12'),
  ],
  [
    'a stray quote at the end of a value',
    lines('academie: Test', 'session:', '  lieu: Amphi A"'),
    3,
    'guillemet « " » en trop à la fin de « Amphi A" » : supprimez-le (il serait imprimé sur les documents)',
    lines('academie: Test', 'session:', '  lieu: Amphi A'),
  ],
  [
    'a French date',
    lines('academie: Test', 'session:', '  date: 12/03/2026'),
    3,
    'session.date : date invalide : format AAAA-MM-JJ attendu, avec un jour qui existe (par exemple 2026-12-10) (reçu : "12/03/2026") — écrivez 2026-03-12',
    lines('academie: Test', 'session:', '  date: 2026-03-12'),
  ],
  [
    'a French time',
    lines('academie: Test', 'session:', '  debut: 9h30'),
    3,
    'session.debut : heure invalide : format "HH:MM" attendu, par exemple "14:00" (reçu : "9h30") — écrivez "09:30"',
    lines('academie: Test', 'session:', '  debut: "09:30"'),
  ],
  [
    'an hour as a number',
    lines('academie: Test', 'session:', '  debut: 14'),
    3,
    'session.debut : heure attendue entre guillemets, au format "HH:MM", par exemple "14:00" (reçu : 14) — écrivez "14:00"',
    lines('academie: Test', 'session:', '  debut: "14:00"'),
  ],
  [
    'no space after « : » at the top',
    lines('academie:Test'),
    1,
    'après « academie: » il faut un espace : écrivez academie: Test',
    lines('academie: Test'),
  ],
  [
    'no space after « : » under a key',
    lines('academie: Test', 'session:', '  participants:20'),
    3,
    'session : après « participants: » il faut un espace : écrivez participants: 20',
    lines('academie: Test', 'session:', '  participants: 20'),
  ],
  [
    'no space after « : » among other keys',
    lines('academie: Test', 'lab:Mon lab', 'session:', '  participants: 20'),
    2,
    'YAML invalide — après « lab: » il faut un espace : écrivez lab: Mon lab',
    lines('academie: Test', 'lab: Mon lab', 'session:', '  participants: 20'),
  ],
  [
    'a value where keys are expected',
    lines('academie: Test', 'session: 12'),
    2,
    'session : des lignes « clé: valeur » sont attendues ici, en dessous et en retrait (reçu : 12)',
    lines('academie: Test', 'session:', '  participants: 12'),
  ],
];

describe('a mistake people make gets the message that names its fix', () => {
  it.each(academyCases)('%s', (_mistake, text, line, message, fixed) => {
    const found = problems(text);
    expect(
      formatIssues(found).map((shown) => shown.replace(/^\S+\s+/, '')),
      formatIssues(found).join('\n'),
    ).toContain(message);
    expect(
      found.find((issue) => issue.message === message || `${issue.path} : ${issue.message}` === message)?.line,
    ).toBe(line);
    // The one mistake is said once, not buried among the parser's consequences.
    expect(
      found.filter((issue) => issue.severity === 'error'),
      formatIssues(found).join('\n'),
    ).toHaveLength(1);
    // Done as said, the file is valid.
    expect(formatIssues(problems(fixed))).toEqual([]);
  });
});

const restitution = (verdict: string, status: string) =>
  lines(
    'academie: limoges',
    'engagements:',
    '  - thematique: sante',
    '    titre: Publier l’offre de santé scolaire',
    '    partenaires:',
    '      - nom: FCPE 87',
    `        statut: ${status}`,
    '    criteres:',
    `      inedit: ${verdict}`,
  );

describe('a near miss of an allowed word gets « vouliez-vous dire »', () => {
  it.each([
    [
      'Oui',
      'present',
      9,
      'engagements[0].criteres.inedit',
      'valeur inconnue ; valeurs possibles : oui, non, a-approfondir (reçu : "Oui") — vouliez-vous dire « oui » ?',
      'oui',
      'present',
    ],
    [
      'à approfondir',
      'present',
      9,
      'engagements[0].criteres.inedit',
      'valeur inconnue ; valeurs possibles : oui, non, a-approfondir (reçu : "à approfondir") — vouliez-vous dire « a-approfondir » ?',
      'a-approfondir',
      'present',
    ],
    [
      'oui',
      'présent',
      7,
      'engagements[0].partenaires[0].statut',
      'valeur inconnue ; valeurs possibles : present, a-solliciter (reçu : "présent") — vouliez-vous dire « present » ?',
      'oui',
      'present',
    ],
    [
      'oui',
      'A solliciter',
      7,
      'engagements[0].partenaires[0].statut',
      'valeur inconnue ; valeurs possibles : present, a-solliciter (reçu : "A solliciter") — vouliez-vous dire « a-solliciter » ?',
      'oui',
      'a-solliciter',
    ],
  ])('%s / %s', (verdict, status, line, where, message, fixedVerdict, fixedStatus) => {
    const found = problems(restitution(verdict, status), RestitutionSchema);
    expect(found).toEqual([expect.objectContaining({ line, path: where, message })]);
    expect(problems(restitution(fixedVerdict, fixedStatus), RestitutionSchema)).toEqual([]);
  });

  it('offers no value that would itself be refused', () => {
    // 500 is out of range: saying « sans guillemets » would lead to a new error.
    const found = problems(lines('academie: Test', 'session:', '  participants: "500"'));
    expect(found).toEqual([
      expect.objectContaining({ message: 'nombre entier attendu entre 1 et 200 (reçu : "500")' }),
    ]);
    // 31 February is no day: no date is offered.
    expect(problems(lines('academie: Test', 'session:', '  date: 31/02/2026'))[0]?.message).not.toMatch(/écrivez/);
  });
});

describe('a session date in the past', () => {
  const folder = (files: Record<string, string>) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-date-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    return createWorkspace(root);
  };

  it('is a warning at the date, with the date in words', () => {
    const workspace = folder({ 'academies/test.yaml': lines('academie: Test', 'session:', '  date: 2026-03-12') });
    const model = createLoader(workspace, { today: '2026-12-06' }).load('test');
    expect(model.warnings).toContainEqual(
      expect.objectContaining({
        file: 'academies/test.yaml',
        line: 3,
        col: 9,
        path: 'session.date',
        severity: 'warning',
        message:
          'la date de la session (jeudi 12 mars 2026) est déjà passée : vérifiez-la, l’année surtout, avant d’imprimer',
      }),
    );
    expect(
      createLoader(workspace, { today: '2026-03-12' })
        .load('test')
        .warnings.filter((w) => w.path === 'session.date'),
    ).toEqual([]);
  });

  it('is not said once the lab transcribes the session’s results', () => {
    const workspace = folder({
      'academies/test.yaml': lines('academie: Test', 'session:', '  date: 2026-03-12'),
      'restitutions/test.yaml': lines('academie: test'),
    });
    expect(
      createLoader(workspace, { today: '2026-12-06' })
        .load('test')
        .warnings.filter((w) => w.path === 'session.date'),
    ).toEqual([]);
  });
});

describe('warnings are said with the errors, all at once', () => {
  it('past midnight, characters the fonts lack and a long title, beside a schema error', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-ensemble-'));
    mkdirSync(path.join(root, 'academies'));
    writeFileSync(
      path.join(root, 'academies', 'test.yaml'),
      lines(
        'academie: Test',
        'lab: "Lab 😀"',
        'session:',
        '  debut: "23:00"',
        'durees:',
        '  reflexio: 20',
        'thematiques: [local]',
        'themes_locaux:',
        '  - id: local',
        `    titre: ${'Un titre beaucoup trop long pour une affiche '.repeat(4).trim()}`,
        '    theme_pgo: Transparence',
        '    description: Une description.',
        '    questions: ["Pourquoi ?"]',
      ),
    );
    let issues: Issue[] = [];
    try {
      createLoader(createWorkspace(root), { today: '2026-12-06' }).load('test');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues = error.issues;
    }
    const said = issues.map((issue) => [issue.severity, issue.path, issue.message.split(' :')[0]]);
    expect(said, formatIssues(issues).join('\n')).toEqual(
      expect.arrayContaining([
        ['error', 'durees.reflexio', expect.stringMatching(/^phase inconnue « reflexio »/)],
        ['warning', 'session.debut', 'la session se terminerait après minuit (à 1\u00a0h\u00a000 le lendemain)'],
        ['warning', 'lab', 'caractère « 😀 » (U+1F600) absent de la police des documents'],
        ['warning', 'themes_locaux[0].titre', 'titre trop long pour l’affiche'],
      ]),
    );
  });
});
