import { describe, expect, it } from 'vitest';
import { applyAcademy, checkAgenda } from '../../../src/model/overlay.js';
import { AcademySchema, AgendaSchema, type ThemeConfig } from '../../../src/model/schemas.js';

const theme = (id: string, ordre?: number): ThemeConfig => ({
  id,
  titre: `Titre ${id}`,
  theme_pgo: 'PGO',
  description: 'Texte.',
  questions: ['Question ?'],
  ...(ordre ? { ordre } : {}),
});
const shipped = [theme('b', 2), theme('a', 1), theme('c', 3)];
const agenda = AgendaSchema.parse({
  id: 'atelier',
  titre: 'Atelier',
  duree: 30,
  criteres: [{ titre: 'C', description: 'D', question: 'Q ?' }],
  phases: [
    { id: 'un', titre: 'Un', duree: 10, format: 'plénière', objectif: 'O', consignes: ['C'] },
    { id: 'deux', titre: 'Deux', duree: 20, format: 'débat', objectif: 'O', consignes: ['C'] },
  ],
});
const academy = (extra: Record<string, unknown>) => AcademySchema.parse({ academie: 'Test', ...extra });
const local = { id: 'local', titre: 'Local', theme_pgo: 'PGO', description: 'Texte.', questions: ['Q ?'] };

describe('academy overlay', () => {
  it.each([
    [{}, ['a', 'b', 'c']],
    [{ thematiques: ['c', 'a'] }, ['c', 'a']],
    [{ themes_locaux: [local] }, ['a', 'b', 'c', 'local']],
    [{ themes_locaux: [local], thematiques: ['local', 'b'] }, ['local', 'b']],
    [{ themes_locaux: [local], thematiques: ['a'] }, ['a']],
  ])('offers the themes of %j in order', (extra, ids) => {
    const { value, problems } = applyAcademy(shipped, agenda, academy(extra));
    expect(problems).toEqual([]);
    expect(value.themes.map((t) => t.id)).toEqual(ids);
  });

  it('notices a local theme left out of the offered list', () => {
    const { notices } = applyAcademy(shipped, agenda, academy({ themes_locaux: [local], thematiques: ['a'] }));
    expect(notices).toEqual([
      { path: ['themes_locaux', 0, 'id'], message: expect.stringMatching(/« local » n’est pas proposée/) },
    ]);
  });

  it('modifies only the named fields of a theme', () => {
    const { value } = applyAcademy(shipped, agenda, academy({ modifications: { b: { questions: ['Nouvelle ?'] } } }));
    expect(value.themes.find((t) => t.id === 'b')).toEqual({ ...theme('b', 2), questions: ['Nouvelle ?'] });
  });

  it('modifies a local theme too', () => {
    const { value } = applyAcademy(
      shipped,
      agenda,
      academy({ themes_locaux: [local], modifications: { local: { titre: 'Autre' } } }),
    );
    expect(value.themes.find((t) => t.id === 'local')?.titre).toBe('Autre');
  });

  it('changes phase durations', () => {
    const { value } = applyAcademy(shipped, agenda, academy({ durees: { deux: 25 } }));
    expect(value.phases.map((p) => p.duree)).toEqual([10, 25]);
  });

  it.each([
    [{ thematiques: ['a', 'z'] }, ['thematiques', 1], /thématique inconnue « z »/],
    [{ thematiques: ['a', 'a'] }, ['thematiques', 1], /en double/],
    [{ modifications: { zz: { titre: 'X' } } }, ['modifications', 'zz'], /thématique inconnue « zz »/],
    [{ durees: { trois: 5 } }, ['durees', 'trois'], /phase inconnue « trois »/],
    [{ themes_locaux: [{ ...local, id: 'a' }] }, ['themes_locaux', 0, 'id'], /existe déjà/],
    [{ themes_locaux: [local, local] }, ['themes_locaux', 1, 'id'], /existe déjà plus haut/],
  ])('reports %j', (extra, path, message) => {
    const { problems } = applyAcademy(shipped, agenda, academy(extra));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toEqual(path);
    expect(problems[0]?.message).toMatch(message);
  });
});

describe('ids that are names of Object’s properties', () => {
  const trap = AgendaSchema.parse({
    ...agenda,
    phases: agenda.phases.map((phase, index) => ({ ...phase, id: index === 0 ? 'constructor' : 'tostring' })),
  });

  it.each([
    [{}, [10, 20]],
    [{ durees: { constructor: 15 } }, [15, 20]],
    [{ durees: { tostring: 5 } }, [10, 5]],
  ])('phase durations with %j', (extra, durations) => {
    const { value, problems } = applyAcademy(shipped, trap, academy(extra));
    expect(problems).toEqual([]);
    expect(value.phases.map((phase) => phase.duree)).toEqual(durations);
  });

  it.each([
    [
      { durees: { toString: 5 } },
      ['durees', 'toString'],
      /phase inconnue « toString » — vouliez-vous dire « tostring » \?/,
    ],
    [{ durees: { hasOwnProperty: 5 } }, ['durees', 'hasOwnProperty'], /phase inconnue « hasOwnProperty »/],
    [
      { modifications: { constructor: { titre: 'X' } } },
      ['modifications', 'constructor'],
      /thématique inconnue « constructor »/,
    ],
    [{ thematiques: ['constructor'] }, ['thematiques', 0], /thématique inconnue « constructor »/],
  ])('%j is an unknown id', (extra, path, message) => {
    const { problems } = applyAcademy(shipped, trap, academy(extra));
    expect(problems).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });
});

describe('agenda consistency', () => {
  it('accepts a consistent agenda', () => {
    expect(checkAgenda(agenda)).toEqual([]);
  });

  it('reports duplicate phases and unknown materials', () => {
    const broken = AgendaSchema.parse({
      ...agenda,
      materiel: [{ id: 'feutres', libelle: 'Feutres' }],
      phases: [agenda.phases[0], { ...agenda.phases[0], materiel: ['feutre'] }],
    });
    const problems = checkAgenda(broken);
    expect(problems.map((p) => p.path)).toEqual([
      ['phases', 1, 'id'],
      ['phases', 1, 'materiel', 0],
    ]);
    expect(problems[1]?.message).toMatch(/vouliez-vous dire « feutres »/);
  });
});
