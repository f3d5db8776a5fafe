import { describe, expect, it } from 'vitest';
import {
  academyTitle,
  contracted,
  countInWords,
  durationInWords,
  formatFrenchDate,
  plural,
  withArticle,
  withArticleCapitalised,
  withDe,
} from '../../../src/core/french.js';

describe('French wording', () => {
  it.each([
    ['2026-12-10', 'jeudi 10 décembre 2026'],
    ['2027-03-17', 'mercredi 17 mars 2027'],
    ['2027-02-01', 'lundi 1er février 2027'],
    ['2028-02-29', 'mardi 29 février 2028'],
    ['2026-08-15', 'samedi 15 août 2026'],
  ])('dates %s as « %s »', (iso, text) => {
    expect(formatFrenchDate(iso)).toBe(text);
  });

  it.each([
    ['Limoges', 'Académie de Limoges'],
    ['Aix-Marseille', 'Académie d’Aix-Marseille'],
    ['Orléans-Tours', 'Académie d’Orléans-Tours'],
    ['Amiens', 'Académie d’Amiens'],
    ['La Réunion', 'Académie de La Réunion'],
    ['Créteil', 'Académie de Créteil'],
  ])('names %s « %s »', (name, title) => {
    expect(academyTitle(name)).toBe(title);
  });

  it('elides « de » before a vowel only', () => {
    expect(withDe('Égypte')).toBe('d’Égypte');
    expect(withDe('Nice')).toBe('de Nice');
  });

  it.each([
    [0, '0\u00a0exemplaire'],
    [1, '1\u00a0exemplaire'],
    [2, '2\u00a0exemplaires'],
    [24, '24\u00a0exemplaires'],
  ])('agrees %i', (count, text) => {
    expect(plural(count, 'exemplaire')).toBe(text);
  });

  it.each([
    ['Lab académique de Créteil', 'le Lab académique de Créteil', 'Le Lab académique de Créteil'],
    ['Lab’Lim', 'le Lab’Lim', 'Le Lab’Lim'],
    ['Lab d’innovation de l’académie', 'le Lab d’innovation de l’académie', 'Le Lab d’innovation de l’académie'],
    ['Atelier des possibles', 'l’Atelier des possibles', 'L’Atelier des possibles'],
    ['Cellule innovation', 'la Cellule innovation', 'La Cellule innovation'],
    ['Le 110 bis', 'le 110 bis', 'Le 110 bis'],
    ['La Fabrique', 'la Fabrique', 'La Fabrique'],
  ])('names the lab « %s » with its article: « %s »', (name, inSentence, atStart) => {
    expect(withArticle(name)).toBe(inSentence);
    expect(withArticleCapitalised(name)).toBe(atStart);
  });

  it.each([
    [120, 'deux heures'],
    [90, 'une heure et demie'],
    [60, 'une heure'],
    [135, 'deux heures et quart'],
    [45, '45\u00a0minutes'],
    [100, '1\u00a0h\u00a040'],
  ])('says %i minutes as « %s » on an invitation', (minutes, text) => {
    expect(durationInWords(minutes)).toBe(text);
  });

  it.each([
    [1, false, 'un'],
    [1, true, 'une'],
    [2, true, 'deux'],
    [7, true, 'sept'],
    [12, true, '12'],
  ])('counts %i (feminine: %s) as « %s »', (count, feminine, text) => {
    expect(countInWords(count, feminine)).toBe(text);
  });

  it.each([
    ['à', 'le lab de l’académie', 'au lab de l’académie'],
    ['de', 'le Lab’Lim', 'du Lab’Lim'],
    ['à', 'l’Atelier', 'à l’Atelier'],
    ['de', 'la Fabrique', 'de la Fabrique'],
    ['à', 'Camille Martin (lab@example.org)', 'à Camille Martin (lab@example.org)'],
    ['de', 'les labs réunis', 'des labs réunis'],
  ] as const)('contracts « %s » before « %s »: « %s »', (preposition, phrase, text) => {
    expect(contracted(preposition, phrase)).toBe(text);
  });
});
