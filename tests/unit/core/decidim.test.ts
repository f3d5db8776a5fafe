import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bodyProblems, decidimCsv, decidimJson, etiquetteProblems, titleProblems } from '../../../src/core/decidim.js';
import { csvCell, toCsv } from '../../../src/core/csv.js';

describe('Decidim would refuse', () => {
  it.each([
    ['Publier l’offre de santé scolaire', []],
    ['Santé publique', [/trop court.*14 caractères, 15 au moins/]],
    ['Exactement quinze', []],
    [`Un titre ${'très '.repeat(30)}long`, [/trop long.*163 caractères, 150 au plus/]],
    ['PUBLIER L’OFFRE DE SANTÉ', [/trop de majuscules/]],
    ['Publier l’offre de santé ?!', [/ponctuation répétée/]],
    ['publier l’offre de santé scolaire', [/commence par une minuscule/]],
    ['Étendre l’offre de l’ENT aux parents', []],
  ] as [string, RegExp[]][])('title %j', (title, expected) => {
    const problems = titleProblems(title);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, index) => expect(problems[index]).toMatch(pattern));
  });

  it.each([
    ['=Publier l’offre de santé', /titre commençant par « = »/],
    ['+ de santé scolaire pour tous', /titre commençant par « \+ »/],
    ['- Publier l’offre de santé', /titre commençant par « - »/],
    ['@lab Publier l’offre de santé', /titre commençant par « @ »/],
  ] as [string, RegExp][])(
    'a title a spreadsheet would compute, %j, is a warning and left as it is in the file',
    (title, pattern) => {
      expect(titleProblems(title).some((problem) => pattern.test(problem))).toBe(true);
      const csv = decidimCsv([{ title: { fr: title }, body: { fr: '<p>Un texte assez long.</p>' } }]);
      expect(parse(csv, { delimiter: ';', columns: true })[0]).toEqual({
        'title/fr': title,
        'body/fr': '<p>Un texte assez long.</p>',
      });
    },
  );

  it.each([
    ['Court', 1],
    ['<p>Court</p><ul><li>a</li></ul>', 1],
    ['Un texte assez long pour Decidim.', 0],
  ] as [string, number][])('body %j', (body, count) => {
    expect(bodyProblems(body)).toHaveLength(count);
  });

  it('etiquette counts accented capitals as capitals', () => {
    expect(etiquetteProblems('ÉLÈVES ÉCOUTÉS')).toHaveLength(1);
  });
});

describe('CSV', () => {
  it.each([
    ['simple', ';', 'simple'],
    ['a;b', ';', '"a;b"'],
    ['a,b', ';', 'a,b'],
    ['a,b', ',', '"a,b"'],
    ['dit « oui » et "non"', ';', '"dit « oui » et ""non"""'],
    ['deux\nlignes', ';', '"deux\nlignes"'],
    [null, ';', ''],
    [3, ';', '3'],
  ] as [string | number | null, string, string][])('%j with %j', (value, separator, expected) => {
    expect(csvCell(value, separator)).toBe(expected);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+33 5 55 00 00 00', "'+33 5 55 00 00 00"],
    ['- former les enseignants', "'- former les enseignants"],
    ['@lab', "'@lab"],
    // Quoted too: read with a tab as separator, it would otherwise be two cells.
    ['\tcaché', '"\'\tcaché"'],
    ['=HYPERLINK("http://x";"clic")', '"\'=HYPERLINK(""http://x"";""clic"")"'],
    ['Former les enseignants', 'Former les enseignants'],
    ['a = b', 'a = b'],
    [-3, '-3'],
  ] as [string | number, string][])('for a spreadsheet, %j is never a formula', (value, expected) => {
    expect(csvCell(value, ';', true)).toBe(expected);
  });

  it('leaves text as it is for a file another program imports', () => {
    expect(csvCell('=1+1', ';')).toBe('=1+1');
  });

  it('reads back as written, BOM and CRLF included', () => {
    const rows = [
      ['a;b', 'x "y"'],
      ['deux\nlignes', ''],
    ];
    const text = toCsv(['un', 'deux'], rows, { separator: ';', bom: true });
    expect(text.startsWith('\ufeffun;deux\r\n')).toBe(true);
    expect(parse(text, { bom: true, delimiter: ';' })).toEqual([['un', 'deux'], ...rows]);
  });

  it('the Decidim files have the headers and shape docs/domain.md gives', () => {
    const proposals = [
      { title: { fr: 'Publier l’offre; de santé' }, body: { fr: 'Problème : « rien »\n\nEngagement : tout' } },
    ];
    const csv = decidimCsv(proposals);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(parse(csv, { delimiter: ';', columns: true })).toEqual([
      { 'title/fr': 'Publier l’offre; de santé', 'body/fr': 'Problème : « rien »\n\nEngagement : tout' },
    ]);
    expect(JSON.parse(decidimJson(proposals))).toEqual(proposals);
  });

  it('names its columns after the organisation’s default locale (--langue-decidim)', () => {
    const proposals = [
      { title: { en: 'Publish each school’s health offer' }, body: { en: '<p>Families do not know.</p>' } },
    ];
    expect(decidimCsv(proposals, 'en').split('\r\n')[0]).toBe('title/en;body/en');
    expect(parse(decidimCsv(proposals, 'en'), { delimiter: ';', columns: true })).toEqual([
      { 'title/en': 'Publish each school’s health offer', 'body/en': '<p>Families do not know.</p>' },
    ]);
  });
});
