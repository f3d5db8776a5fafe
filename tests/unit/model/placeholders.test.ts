import { describe, expect, it } from 'vitest';
import { expandPlaceholders, PlaceholderError, placeholderProblems } from '../../../src/model/placeholders.js';

const values = { duree: 20, sous_groupes: 4, themes_retenus: 2, gommettes: 3, format_post_it: '51 × 38 mm' };

describe('placeholders in an agenda’s texts', () => {
  it.each([
    ['laissez {duree} minutes', 'laissez 20 minutes'],
    ['{duree/2} minutes chacun', '10 minutes chacun'],
    ['{duree*2/5} minutes', '8 minutes'],
    ['{ duree - 5 } minutes', '15 minutes'],
    ['{(duree-5)/sous_groupes} minutes', '4 minutes'],
    ['{duree-5/sous_groupes}', '19'],
    ['{duree/3} minutes', '7 minutes'],
    ['{duree/40} minutes', '1 minute'],
    ['{duree-30} minutes', '1 minute'],
    ['{gommettes} gommettes, post-it {format_post_it}', '3 gommettes, post-it 51 × 38 mm'],
    ['{duree/themes_retenus} et {duree/themes_retenus}', '10 et 10'],
    ['sans repère', 'sans repère'],
    ['11 minutes', '11 minutes'],
    // Agreement after a count of 1 (values are never below 1), for every noun an agenda counts.
    ['Formez {sous_groupes/4} sous-groupes de {duree/20} personnes', 'Formez 1 sous-groupe de 1 personne'],
    ['Formez {sous_groupes/2} sous-groupes de {duree/10} personnes', 'Formez 2 sous-groupes de 2 personnes'],
    [
      '{gommettes/3} gommettes, {themes_retenus/2} thématiques, {duree/20} affiches',
      '1 gommette, 1 thématique, 1 affiche',
    ],
    [
      '{gommettes-1} gommettes, {themes_retenus} thématiques, {duree/10} affiches',
      '2 gommettes, 2 thématiques, 2 affiches',
    ],
    [
      '{duree/20} feuilles, {duree/20} idées, {duree/20} actions, {duree/20} engagements',
      '1 feuille, 1 idée, 1 action, 1 engagement',
    ],
    [
      '{duree/10} feuilles, {duree/10} idées, {duree/10} actions, {duree/10} engagements',
      '2 feuilles, 2 idées, 2 actions, 2 engagements',
    ],
    ['11 sous-groupes, 21 personnes', '11 sous-groupes, 21 personnes'],
  ])('%s → %s', (text, expected) => {
    expect(expandPlaceholders(text, values)).toBe(expected);
  });

  it('follows the phase’s real duration', () => {
    expect(expandPlaceholders('laissez {duree*2/5} minutes', { duree: 30 })).toBe('laissez 12 minutes');
  });

  it.each([
    ['{minutes}', /repère inconnu « \{minutes\} »/],
    ['{duree/}', /repère illisible/],
    ['{duree/0}', /division par zéro/],
    ['{format_post_it*2}', /texte : il ne se calcule pas/],
    ['{duree)}', /repère illisible/],
    ['{ouverture_pgo}', /sans valeur ici/],
  ])('refuses %s', (text, message) => {
    expect(() => expandPlaceholders(text, values)).toThrow(PlaceholderError);
    expect(() => expandPlaceholders(text, values)).toThrow(message);
  });

  it.each([
    ['{duree/2} et {ouverture_pgo}', []],
    ['{duree} et {minutes} et {x+}', ['repère inconnu', 'repère inconnu']],
  ])('checks %s for validation', (text, starts) => {
    expect(placeholderProblems(text).map((message) => message.slice(0, 14))).toEqual(starts);
  });
});
