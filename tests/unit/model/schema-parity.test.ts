/**
 * The editor is as strict as the tool: over the shipped files and a table of
 * invalid ones, the JSON Schemas (what yaml-language-server checks, here with
 * ajv) and `validate` (in-process) give the same verdict. The mistakes a
 * schema cannot see (an id that names no theme, a plain text ending in a
 * stray quote) are listed apart, so that the gap is known.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { createLoader } from '../../../src/load.js';
import { JSON_SCHEMAS } from '../../../src/model/json-schemas.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const ROOT = path.resolve(__dirname, '../../..');
const ajv = new Ajv2020({ allErrors: true, strict: true });
// The formats the schemas still use (the family documents' `courriel`: email), as the editor knows them.
addFormats.default(ajv);
// yaml-language-server's and VS Code's own keyword: the French message of a pattern.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
const schemaOf = (file: string) =>
  ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')) as object);
const academySchema = schemaOf('academie.schema.json');

/**
 * `validate`'s verdict on one academy file, in a lab's folder holding only it (rewritten before each load). One
 * folder and one loader for the file, as `validate --all` shares them: the themes and agendas are read once, the
 * academy file again at each load.
 */
const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-parite-'));
mkdirSync(path.join(root, 'academies'));
const loader = createLoader(createWorkspace(root), { today: '2026-01-01' });

function validateSays(text: string): boolean {
  writeFileSync(path.join(root, 'academies', 'test.yaml'), text);
  try {
    loader.load('test');
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

/** The editor's verdict: YAML 1.2 as yaml-language-server reads it, then the schema. */
function schemaSays(text: string): boolean {
  return academySchema(parse(text, { version: '1.2' })) === true;
}

const academy = (...lines: string[]) => `${['academie: Test', ...lines].join('\n')}\n`;

const invalid: [string, string][] = [
  ['no academie', 'lab: Lab’Lim\n'],
  ['a misspelled key', academy('session:', '  partcipants: 16')],
  ['an unknown top-level key', academy('academy: Test')],
  ['participants out of range', academy('session:', '  participants: 500')],
  ['participants zero', academy('session:', '  participants: 0')],
  ['participants in quotes', academy('session:', '  participants: "20"')],
  ['participants not whole', academy('session:', '  participants: 12.5')],
  ['a time past 23:59', academy('session:', '  debut: "25:00"')],
  ['a French time', academy('session:', '  debut: 9h30')],
  ['a time as a number', academy('session:', '  debut: 14')],
  ['a French date', academy('session:', '  date: 12/03/2026')],
  ['30 February', academy('session:', '  date: 2026-02-30')],
  ['31 April', academy('session:', '  date: 2026-04-31')],
  ['29 February of a common year', academy('session:', '  date: 2027-02-29')],
  ['29 February 1900 (a century)', academy('session:', '  date: 1900-02-29')],
  ['month 13', academy('session:', '  date: 2026-13-01')],
  ['a theme twice', academy('thematiques: [sante, probite, sante]')],
  ['a theme id with capitals', academy('thematiques: [Sante]')],
  ['an empty theme list', academy('thematiques: []')],
  ['an unknown phase of the default agenda', academy('durees:', '  reflexio: 20')],
  ['an unknown phase of atelier-2h', academy('deroule: atelier-2h', 'durees:', '  cloture: 10', '  pause: 10')],
  ['a duration of 0', academy('durees:', '  reflexion: 0')],
  ['a duration over 600', academy('durees:', '  reflexion: 601')],
  ['an http address', academy('contribution_url: http://www.example.fr/contribuer')],
  ['an address without scheme', academy('contribution_url: www.example.fr')],
  ['an empty academie', 'academie: "   "\n'],
  ['a text of spaces', academy('lab: "  "')],
  [
    'a colour not #rrvvbb',
    academy(
      'thematiques: [local]',
      'themes_locaux:',
      '  - id: local',
      '    titre: Local',
      '    theme_pgo: Transparence',
      '    couleur: vert',
      '    description: Une description.',
      '    questions: [Pourquoi ?]',
    ),
  ],
  [
    'a local theme without questions',
    academy(
      'thematiques: [local]',
      'themes_locaux:',
      '  - id: local',
      '    titre: Local',
      '    theme_pgo: Transparence',
      '    description: Une description.',
    ),
  ],
  ['a step date that is no day', academy('suites:', '  - date: 2027-02-30', '    etape: Synthèse envoyée')],
  ['a list where keys are expected', academy('session:', '  - participants: 12')],
  ['a whole file that is a list', '- academie: Test\n'],
  ['a modification of a theme with an unknown field', academy('modifications:', '  sante:', '    titres: Autre')],
  ['a deroule id with capitals', academy('deroule: Atelier-2h')],
];

const valid: [string, string][] = [
  ['the least file', academy()],
  [
    'a full session',
    academy('session:', '  date: 2028-02-29', '  debut: "09:30"', '  lieu: Amphi A', '  participants: 200'),
  ],
  ['a leap day of a century divisible by 400', academy('session:', '  date: 2000-02-29')],
  ['an accented address', academy('contribution_url: https://www.ac-créteil.fr/contribuer?atelier=pgo')],
  [
    'themes in order, phases of the default agenda',
    academy('thematiques: [probite, sante]', 'durees:', '  reflexion: 25', '  cloture: 10'),
  ],
  [
    'a local theme offered',
    academy(
      'thematiques: [sante, numerique]',
      'themes_locaux:',
      '  - id: numerique',
      '    titre: Numérique responsable',
      '    theme_pgo: Environnement',
      '    couleur: "#455a64"',
      '    description: Une description.',
      '    questions: [Pourquoi ?]',
    ),
  ],
  [
    'dated steps, by day and by month',
    academy(
      'suites:',
      '  - date: 2027-01',
      '    etape: Synthèse envoyée',
      '  - date: 2027-03-15',
      '    etape: Retour aux participants',
    ),
  ],
];

describe('the JSON Schema and validate agree', () => {
  it('on enough invalid files to mean something', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(20);
  });

  it.each(invalid)('both refuse %s', (_what, text) => {
    expect(validateSays(text), 'validate').toBe(false);
    expect(schemaSays(text), JSON.stringify(academySchema.errors)).toBe(false);
  });

  it.each(valid)('both accept %s', (_what, text) => {
    expect(validateSays(text), 'validate').toBe(true);
    expect(schemaSays(text), JSON.stringify(academySchema.errors)).toBe(true);
  });

  it.each(readdirSync(path.join(ROOT, 'academies')).filter((name) => name.endsWith('.yaml')))(
    'both accept the shipped academies/%s',
    (name) => {
      const text = readFileSync(path.join(ROOT, 'academies', name), 'utf8');
      expect(validateSays(text)).toBe(true);
      expect(schemaSays(text), JSON.stringify(academySchema.errors)).toBe(true);
    },
  );

  // What only pgo-kit can see: it knows the lab's themes and reads the YAML's quotes.
  it.each([
    ['a theme that does not exist', academy('thematiques: [santee]')],
    ['a stray quote at the end of a text', academy('session:', '  lieu: Amphi A"')],
  ])('only validate refuses %s (a schema cannot say it)', (_what, text) => {
    expect(validateSays(text)).toBe(false);
    expect(schemaSays(text)).toBe(true);
  });
});

describe('every shipped data file names its schema on its first line', () => {
  const kinds: [string, string][] = [
    ['academies', 'academie'],
    ['themes', 'theme'],
    ['agendas', 'deroule'],
    ['restitutions', 'restitution'],
  ];
  it.each(
    kinds.flatMap(([folder, kind]) =>
      readdirSync(path.join(ROOT, folder))
        .filter((name) => name.endsWith('.yaml'))
        .map((name) => [`${folder}/${name}`, kind] as const),
    ),
  )('%s', (file, kind) => {
    const [first] = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
    expect(first).toBe(`# yaml-language-server: $schema=../schemas/${kind}.schema.json`);
  });
});

describe('every pattern of every schema says in French what it wants', () => {
  it.each(JSON_SCHEMAS.map((entry) => entry.file))('%s', (file) => {
    const unexplained: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      if (typeof record.pattern === 'string' && !/^[a-zé].* /.test(String(record.patternErrorMessage ?? '')))
        unexplained.push(where);
      if (record.format === 'uri') unexplained.push(`${where} (format uri)`);
      for (const [key, value] of Object.entries(record)) visit(value, `${where}/${key}`);
    };
    visit(JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')), '');
    expect(unexplained).toEqual([]);
  });
});
