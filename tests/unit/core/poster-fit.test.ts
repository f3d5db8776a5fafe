import { describe, expect, it } from 'vitest';
import { BODY_FIT, fitPoster, limitOf, scaleFor, TITLE_FIT } from '../../../src/core/poster-fit.js';

const text = (length: number) => 'x'.repeat(length);

describe('poster fit', () => {
  it.each([
    [0, 1], [1000, 1], [1250, 0.89], [1500, 0.81], [1777, 0.75], [5000, 0.75],
  ])('body of %i characters is drawn at %f', (length, scale) => {
    expect(scaleFor(length, BODY_FIT)).toBe(scale);
  });

  it('computes the limits from the floor', () => {
    expect(limitOf(BODY_FIT)).toBe(1777);
    expect(limitOf(TITLE_FIT)).toBe(97);
  });

  it('reports text beyond what the floor can hold', () => {
    const fit = fitPoster({ titre: text(120), description: text(1500), questions: [text(300)], exemples: [text(100)] });
    expect(fit.echelleTitre).toBe(0.7);
    expect(fit.echelle).toBe(0.75);
    expect(fit.excess).toEqual([
      { field: 'titre', length: 120, limit: 97 },
      { field: 'texte', length: 1900, limit: 1777 },
    ]);
  });

  it('leaves the shipped lengths at full size', () => {
    expect(fitPoster({ titre: text(48), description: text(420), questions: [text(110), text(110), text(110), text(110)] }))
      .toEqual({ echelleTitre: 1, echelle: 1, excess: [] });
  });
});
