import { describe, expect, it } from 'vitest';
import { BODY_FIT, displacedByTitle, fitPoster, limitOf, scaleFor, TITLE_FIT } from '../../../src/core/poster-fit.js';

const text = (length: number) => 'x'.repeat(length);

describe('poster fit', () => {
  it.each([
    [0, 1],
    [1450, 1],
    [1600, 0.95],
    [2000, 0.85],
    [2265, 0.8],
    [5000, 0.8],
  ])('body of %i characters is drawn at %f', (length, scale) => {
    expect(scaleFor(length, BODY_FIT)).toBe(scale);
  });

  it('computes the limits from the floor', () => {
    expect(limitOf(BODY_FIT)).toBe(2265);
    expect(limitOf(TITLE_FIT)).toBe(87);
  });

  it('reports text beyond what the floor can hold', () => {
    const fit = fitPoster({ titre: text(120), description: text(2000), questions: [text(300)], exemples: [text(100)] });
    expect(fit.echelleTitre).toBe(0.83);
    expect(fit.echelle).toBe(0.8);
    expect(fit.excess).toEqual([
      { field: 'titre', length: 120, limit: 87 },
      { field: 'texte', length: 2400, limit: 2265 },
    ]);
  });

  it('leaves the shipped lengths at full size', () => {
    expect(
      fitPoster({
        titre: text(60),
        description: text(420),
        questions: Array(5).fill(text(110)),
        exemples: Array(3).fill(text(160)),
      }),
    ).toEqual({ echelleTitre: 1, echelle: 1, excess: [], hidden: [] });
  });

  it.each([
    // Titles within their limit keep to the lines the poster plans for.
    [60, 1, 1, 0],
    [87, 0.83, 1, 0],
    [147, 0.83, 0.8, 29],
    [293, 0.83, 0.8, 652],
  ])(
    'a title of %i characters (drawn at %f, text at %f) pushes %i text characters off the sheet',
    (length, titleScale, bodyScale, displaced) => {
      expect(displacedByTitle(length, titleScale, bodyScale)).toBe(displaced);
    },
  );

  it('names what a too-long title would hide, in reading order, and only that', () => {
    const theme = {
      titre: text(293),
      description: text(600),
      questions: Array.from({ length: 6 }, () => text(150)),
      exemples: [text(200), text(200), text(200)],
    };
    const fit = fitPoster(theme);
    expect(fit.echelle).toBe(0.8);
    expect(fit.hidden).toEqual(['l’exemple 1', 'l’exemple 2', 'l’exemple 3']);
    // The same text under a long title that still leaves it room: nothing hidden.
    expect(fitPoster({ ...theme, titre: text(147) }).hidden).toEqual([]);
  });

  it('shrinks the text before hiding it when a long title takes its room', () => {
    const fit = fitPoster({ titre: text(200), description: text(1450), questions: [text(10)] });
    expect(fit.hidden).toEqual([]);
    expect(fit.echelle).toBeLessThan(scaleFor(1460, BODY_FIT));
  });

  it('quotes the question it would hide', () => {
    const fit = fitPoster({
      titre: text(500),
      description: text(650),
      questions: ['Vers qui se tourner en cas de souci ?'],
    });
    expect(fit.hidden).toEqual(['la question 1 (« Vers qui se tourner en cas de souci ? »)']);
  });
});
