/**
 * The shipped wording, read from the files a lab receives: the ministry's
 * rules (no point médian, docs/domain.md's facts) hold in every template and data file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const filesIn = (folder: string, extension: string): string[] =>
  readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(extension))
    .map((name) => path.join(folder, name));

const CONTENT = [
  ...filesIn('templates', '.hbs'),
  ...filesIn('themes', '.yaml'),
  ...filesIn('agendas', '.yaml'),
  ...filesIn('academies', '.yaml'),
];
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** « animateur·rice », « Le·la », « Un·e »: a middle dot between two letters; a separator has spaces around it. */
const POINT_MEDIAN = /\p{L}[·⋅•‧]\p{L}/u;

describe('the shipped wording', () => {
  it('finds the content files', () => {
    expect(CONTENT.length).toBeGreaterThan(30);
  });

  it.each([
    ['L’animateur·rice', true],
    ['Le·la gardien·ne', true],
    ['Un·e par sous-groupe', true],
    ['secrétaire-rapporteur⋅e', true],
    ['Académie de Créteil · Conseils', false],
    ['A3 paysage · 1 exemplaire', false],
  ])('tells the inclusive form from a separator: %s', (text, inclusive) => {
    expect(POINT_MEDIAN.test(text)).toBe(inclusive);
  });

  it.each(CONTENT)('%s has no point médian', (file) => {
    expect(read(file)).not.toMatch(POINT_MEDIAN);
  });

  it.each(CONTENT)('%s writes year ranges with an en dash', (file) => {
    expect(read(file)).not.toMatch(/\b20\d\d-20\d\d\b/);
  });

  it.each(CONTENT)('%s prints no unverified commitment number', (file) => {
    expect(read(file)).not.toMatch(/\bFR\d{4}\b/);
  });

  it.each(filesIn('academies', '.yaml'))('%s points no QR code at a rectorat homepage', (file) => {
    const url = (parse(read(file)) as { contribution_url?: string }).contribution_url;
    if (url !== undefined) expect(new URL(url).pathname).not.toBe('/');
    expect(read(file)).not.toMatch(/contribution_url: https?:\/\/www\.ac-[a-z-]+\.fr\/?\s*$/m);
  });

  it('spells out on the posters the acronyms it uses', () => {
    const posters = filesIn('themes', '.yaml').map(read).join('\n');
    for (const [acronym, words] of [
      ['CESCE', 'comité d’éducation à la santé, à la citoyenneté et à l’environnement'],
      ['AESH', 'accompagnants d’élèves en situation de handicap'],
      ['CVC', 'Conseil de la vie collégienne'],
      ['CVL', 'conseil des délégués pour la vie lycéenne'],
      ['E3D', 'démarche de développement durable'],
      // The official title (Légifrance, loi n° 2018-938), word for word.
      [
        'EGalim',
        'loi du 30 octobre 2018 pour l’équilibre des relations commerciales dans le secteur agricole et alimentaire et une alimentation saine, durable et accessible à tous',
      ],
      ['PAS', 'Pôles d’appui à la scolarité'],
      ['CADA', 'Commission d’accès aux documents administratifs'],
    ] as const) {
      if (posters.includes(acronym)) expect(posters, acronym).toContain(words);
    }
  });

  it('states the facts of docs/domain.md', () => {
    const themes = filesIn('themes', '.yaml').map(read).join('\n');
    expect(themes).toContain('algorithme national de la plateforme a été publié en 2018');
    expect(themes).toMatch(/depuis 2024, ils remplacent progressivement les pôles inclusifs/);
    expect(read('themes/engagement-citoyen.yaml')).toMatch(/^titre: .*notamment des jeunes$/m);
    expect(read('themes/probite.yaml')).toMatch(/^theme_pgo: Transparence et ouverture \(vie publique\)$/m);
    const brief = read('templates/partials/feuille-pgo-en-bref.hbs');
    for (const fact of [
      '2015–2017',
      '26 engagements',
      '2018–2020',
      '21 engagements',
      '2021–2023',
      '59 engagements de 20 administrations',
      '2024–2026',
      '17 engagements',
      'des ministères et d’autres organismes publics',
      'Redevabilité',
    ]) {
      expect(brief).toContain(fact);
    }
  });
});
