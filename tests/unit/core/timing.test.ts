import { describe, expect, it } from 'vitest';
import {
  closingNeed,
  hasVote,
  ideasWritten,
  reflectionNeed,
  shortfalls,
  themeChoiceNeed,
} from '../../../src/core/timing.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const minutes = (need: { parts: { id: string; minutes: number }[] }) =>
  Object.fromEntries(need.parts.map((part) => [part.id, part.minutes]));

describe('the minutes that depend on the group', () => {
  it.each([
    [12, 42],
    [16, 56],
    [24, 84],
    [1, 4],
    [0, 0],
  ])('%i participants write about %i ideas (3.5 each)', (participants, ideas) => {
    expect(ideasWritten(participants)).toBe(ideas);
  });

  it.each([
    // themes offered, kept, vote?
    [7, 2, true],
    [3, 2, true],
    [2, 2, false],
    [1, 2, false],
    [2, 1, true],
  ])('%i themes offered, %i kept: vote %s', (themes, retainedThemeCount, vote) => {
    expect(hasVote({ themes, retainedThemeCount })).toBe(vote);
  });

  it.each([
    // participants, themes, kept → reading, merging, vote, counting, total
    [16, 4, 2, { lecture: 4, fusion: 6, vote: 3, comptage: 2 }, 15],
    [16, 7, 2, { lecture: 7, fusion: 6, vote: 3, comptage: 4 }, 20],
    [24, 5, 2, { lecture: 5, fusion: 9, vote: 3, comptage: 3 }, 20],
    [24, 8, 2, { lecture: 8, fusion: 9, vote: 3, comptage: 4 }, 24],
    [12, 7, 2, { lecture: 7, fusion: 5, vote: 3, comptage: 4 }, 19],
    [10, 2, 2, { lecture: 2, fusion: 4 }, 6],
  ])(
    'theme choice for %i participants and %i themes (%i kept)',
    (participants, themes, retainedThemeCount, parts, total) => {
      const need = themeChoiceNeed({ participants, themes, retainedThemeCount });
      expect(minutes(need)).toEqual(parts);
      expect(need.total).toBe(total);
    },
  );

  it.each([
    [4, 14],
    [7, 17],
    [8, 18],
  ])('the poster tour and reflection with %i posters take %i minutes', (themes, total) => {
    const need = reflectionNeed({ themes });
    expect(minutes(need).tour).toBe(themes);
    expect(need.total).toBe(total);
  });

  it.each([
    [1, 8],
    [2, 11],
    [3, 14],
    [4, 17],
  ])('a closing with %i small groups takes %i minutes', (subgroups, total) => {
    expect(closingNeed({ subgroups }).total).toBe(total);
  });

  const phases = (selection: number, cloture: number, reflexion = 20) => [
    { id: 'accueil', titre: 'Accueil', duree: 15 },
    { id: 'reflexion', titre: 'Réflexion', duree: reflexion },
    { id: 'selection', titre: 'Choix des thématiques', duree: selection },
    { id: 'cloture', titre: 'Restitution et suites', duree: cloture },
  ];

  it('says nothing when every phase holds', () => {
    expect(shortfalls(phases(20, 15), { participants: 16, themes: 4, retainedThemeCount: 2, subgroups: 3 })).toEqual(
      [],
    );
  });

  it('names the phase and the number that breaks it', () => {
    const found = shortfalls(phases(20, 15, 15), { participants: 24, themes: 8, retainedThemeCount: 2, subgroups: 4 });
    expect(found.map((shortfall) => [shortfall.phaseId, shortfall.prevues, shortfall.necessaires])).toEqual([
      ['reflexion', 15, 18],
      ['selection', 20, 24],
      ['cloture', 15, 17],
    ]);
    const [reflection, choice, closing] = found.map((shortfall) => plain(shortfall.message));
    expect(reflection).toContain(
      'la phase « Réflexion » ne tient pas en 15 min pour 24 participants et 8 thématiques : 8 min pour le tour de 8 affiches',
    );
    expect(reflection).toContain('comptez 18 min');
    expect(choice).toContain(
      '8 min pour la lecture de 8 affiches, 9 min pour le regroupement des doublons parmi 84 post-it, 3 min pour le vote et 4 min pour le comptage de 8 affiches, comptez 24 min',
    );
    expect(closing).toContain(
      'pour 4 sous-groupes : 12 min pour les présentations de 4 sous-groupes (3 min chacun au moins) et 5 min pour la relecture et les suites, comptez 17 min',
    );
    expect(closing).not.toContain('moins de thématiques');
  });

  it('leaves alone a phase whose id it does not know', () => {
    expect(
      shortfalls([{ id: 'pause', titre: 'Pause', duree: 1 }], {
        participants: 200,
        themes: 8,
        retainedThemeCount: 2,
        subgroups: 34,
      }),
    ).toEqual([]);
  });
});
