import { describe, expect, it } from 'vitest';
import { materialList, printPlan, quantity, SUPPORTS } from '../../../src/core/print-plan.js';

const size = (participants: number, themes = 4, retainedThemes = 2) => ({ participants, themes, retainedThemes });
const copies = (participants: number, themes = 4) =>
  Object.fromEntries(printPlan(size(participants, themes)).map((line) => [line.id, line.exemplaires]));

describe('print plan', () => {
  it.each([
    [12, 7, { 'affiche-theme': 7, 'mes-3-idees': 12, vote: 1, 'canevas-engagement': 3, 'canevas-actions': 4, 'rappel-criteres': 3, synthese: 3 }],
    [16, 4, { 'affiche-theme': 4, 'mes-3-idees': 16, vote: 1, 'canevas-engagement': 3, 'canevas-actions': 4, 'rappel-criteres': 4, synthese: 3 }],
    [24, 5, { 'affiche-theme': 5, 'mes-3-idees': 24, vote: 1, 'canevas-engagement': 3, 'canevas-actions': 4, 'rappel-criteres': 6, synthese: 3 }],
    [1, 1, { 'affiche-theme': 1, 'mes-3-idees': 1, vote: 1, 'canevas-engagement': 3, 'canevas-actions': 4, 'rappel-criteres': 1, synthese: 3 }],
  ])('%i participants, %i themes', (participants, themes, expected) => {
    expect(copies(participants, themes)).toEqual(expected);
  });

  it.each([
    [4, ['1–4', '5', '6', '7', '8', '9', '10']],
    [1, ['1', '2', '3', '4', '5', '6', '7']],
  ])('numbers the pages of supports.pdf with %i themes', (themes, pages) => {
    expect(printPlan(size(12, themes)).map((line) => line.pages)).toEqual(pages);
  });

  it('gives every support a paper size', () => {
    expect(SUPPORTS.map((s) => s.papier)).toEqual(['A3', 'A4', 'A3', 'A3', 'A3', 'A4', 'A4']);
  });

  it.each([
    [{ par_participant: 3 }, 24, 72],
    [{ par_participant: 3 }, 16, 48],
    [{ fixe: 2, par_participant: 0.5 }, 15, 10],
    [{ fixe: 4, par_theme: 1 }, 10, 8],
    [{ par_participant: 0.1 }, 30, 3],
    [{}, 50, 0],
  ])('quantity %j for %i participants is %i', (rule, participants, expected) => {
    expect(quantity(rule, size(participants))).toBe(expected);
  });

  it('computes the materials of a catalogue', () => {
    const list = materialList([{ id: 'gommettes', libelle: 'Gommettes', par_participant: 3 }], size(24));
    expect(list).toEqual([{ id: 'gommettes', libelle: 'Gommettes', par_participant: 3, quantite: 72 }]);
  });
});
