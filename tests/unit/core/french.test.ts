import { describe, expect, it } from 'vitest';
import { academyTitle, formatFrenchDate, plural, withDe } from '../../../src/core/french.js';

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
    [0, '0\u00a0exemplaire'], [1, '1\u00a0exemplaire'], [2, '2\u00a0exemplaires'], [24, '24\u00a0exemplaires'],
  ])('agrees %i', (count, text) => {
    expect(plural(count, 'exemplaire')).toBe(text);
  });
});
