import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../../src/model/suggest.js';

describe('suggestions', () => {
  it.each([
    ['participants', 'partcipants', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('distance between %s and %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it.each([
    ['partcipants', ['date', 'debut', 'lieu', 'participants'], 'participants'],
    ['limoge', ['lille', 'limoges', 'lyon'], 'limoges'],
    ['Créteil', ['creteil', 'corse'], 'creteil'],
    ['xyz', ['limoges', 'lille'], undefined],
    ['sante', [], undefined],
  ])('suggests for %s', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});
