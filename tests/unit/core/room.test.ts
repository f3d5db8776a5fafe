import { describe, expect, it } from 'vitest';
import {
  FLIPCHART_ZONE,
  IDEA_ZONE,
  ideaZonePlan,
  MAX_SUBGROUP,
  NOTE,
  NOTE_SLOT,
  notesThatFit,
  openingSplit,
  subgroupPlan,
} from '../../../src/core/room.js';

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
  ])(
    '%i participants, %i commitments → %i groups',
    (participants, retainedThemeCount, groups, [min, max], perCommitment, canvases) => {
      const plan = subgroupPlan(participants, retainedThemeCount);
      expect(plan.nombre).toBe(groups);
      expect([plan.tailleMin, plan.tailleMax]).toEqual([min, max]);
      expect(plan.tailleMax).toBeLessThanOrEqual(MAX_SUBGROUP);
      expect(plan.parEngagement).toEqual(perCommitment);
      expect(plan.canevasActions).toBe(canvases);
    },
  );
});

describe('the ideas of a theme poster', () => {
  it('holds on an A3, beside the text, only 4 marker-written notes with their dots; 42 on a flip-chart sheet beneath', () => {
    expect(notesThatFit(NOTE_SLOT, IDEA_ZONE)).toBe(4);
    expect(notesThatFit(NOTE_SLOT, FLIPCHART_ZONE)).toBe(42);
    expect(NOTE.libelle).toBe('76 × 76 mm');
  });

  it.each([
    // participants, themes, expected per poster (× 3.5 / themes), on the busiest, flip-chart sheets per poster and in all
    [12, 7, 6, 9, 1, 7],
    [16, 4, 14, 21, 1, 4],
    [24, 5, 17, 26, 1, 5],
    [24, 8, 11, 17, 1, 8],
    [24, 2, 42, 63, 2, 4],
    [1, 1, 4, 4, 1, 1],
  ])('%i participants on %i themes', (participants, themes, expected, busiest, perPoster, sheets) => {
    const zone = ideaZonePlan(participants, themes);
    expect(zone.attendues).toBe(expected);
    expect(zone.plusFournie).toBe(busiest);
    expect(zone.format).toBe('76 × 76 mm');
    expect(zone.feuillesParAffiche).toBe(perPoster);
    expect(zone.feuilles).toBe(sheets);
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
