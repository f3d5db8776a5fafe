import { describe, expect, it } from 'vitest';
import { ideaZonePlan, MAX_SUBGROUP, NOTE_LARGE, NOTE_SMALL, notesThatFit, openingSplit, subgroupPlan } from '../../../src/core/room.js';

describe('small groups of at most six', () => {
  it.each([
    // participants, retained themes, groups, sizes, groups per commitment, action canvases
    [24, 2, 4, [6, 6], [2, 2], 4],
    [16, 2, 3, [5, 6], [2, 1], 3],
    [20, 2, 4, [5, 5], [2, 2], 4],
    [12, 2, 2, [6, 6], [1, 1], 2],
    [13, 2, 3, [4, 5], [2, 1], 3],
    [6, 2, 1, [6, 6], [1, 1], 2],
    [1, 1, 1, [1, 1], [1], 1],
    [200, 3, 34, [5, 6], [12, 11, 11], 34],
  ])('%i participants, %i commitments → %i groups', (participants, retained, groups, [min, max], perCommitment, canvases) => {
    const plan = subgroupPlan(participants, retained);
    expect(plan.nombre).toBe(groups);
    expect([plan.tailleMin, plan.tailleMax]).toEqual([min, max]);
    expect(plan.tailleMax).toBeLessThanOrEqual(MAX_SUBGROUP);
    expect(plan.parEngagement).toEqual(perCommitment);
    expect(plan.canevasActions).toBe(canvases);
  });
});

describe('the idea zone of a theme poster', () => {
  it('holds 6 large or 24 small notes', () => {
    expect(notesThatFit(NOTE_LARGE)).toBe(6);
    expect(notesThatFit(NOTE_SMALL)).toBe(24);
  });

  it.each([
    // participants, themes, expected on the busiest poster, format, flipchart beneath
    [12, 8, 7, '51 × 38 mm', false],
    [4, 7, 3, '76 × 76 mm', false],
    [16, 4, 18, '51 × 38 mm', false],
    [24, 5, 22, '51 × 38 mm', false],
    [24, 3, 36, '76 × 76 mm', true],
    [2, 1, 6, '76 × 76 mm', false],
  ])('%i participants on %i themes', (participants, themes, expected, format, flipchart) => {
    const zone = ideaZonePlan(participants, themes);
    expect(zone.attendues).toBe(expected);
    expect(zone.format).toBe(format);
    expect(zone.paperboard).toBe(flipchart);
  });
});

describe('the split of the opening', () => {
  it.each([
    [15, { accueil: 3, pgo: 7, programme: 5 }],
    [10, { accueil: 2, pgo: 5, programme: 3 }],
    [20, { accueil: 4, pgo: 9, programme: 7 }],
    [30, { accueil: 6, pgo: 14, programme: 10 }],
    [3, { accueil: 1, pgo: 1, programme: 1 }],
  ])('%i minutes', (minutes, split) => {
    expect(openingSplit(minutes)).toEqual(split);
  });

  it.each([5, 10, 12, 15, 20, 25, 45])('adds up to the phase’s %i minutes', (minutes) => {
    const { accueil, pgo, programme } = openingSplit(minutes);
    expect(accueil + pgo + programme).toBe(minutes);
  });
});
