import { describe, expect, it } from 'vitest';
import { BODY_FIT, fitPoster, limitOf, scaleFor, TITLE_FIT } from '../../../src/core/poster-fit.js';

const text = (length: number) => 'x'.repeat(length);

describe('poster fit', () => {
  it.each([
    [0, 1], [1450, 1], [1600, 0.95], [2000, 0.85], [2265, 0.8], [5000, 0.8],
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
    expect(fitPoster({ titre: text(60), description: text(420), questions: Array(5).fill(text(110)), exemples: Array(3).fill(text(160)) }))
      .toEqual({ echelleTitre: 1, echelle: 1, excess: [] });
  });
});
