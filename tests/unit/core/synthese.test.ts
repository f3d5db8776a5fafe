import { parse } from 'csv-parse/sync';
import { fra } from 'stopword';
import { describe, expect, it } from 'vitest';
import type { RestitutionInput } from '../../../src/core/restitution.js';
import { createStopwords } from '../../../src/core/similarity.js';
import { syntheseCsv, syntheseView } from '../../../src/core/synthese.js';
import { AcademySchema } from '../../../src/model/schemas.js';

const stopwords = createStopwords(fra);
const theme = (id: string, titre: string) => ({ id, titre, theme_pgo: '-', description: '-', questions: ['-'] });

function input(slug: string, nom: string, restitution: RestitutionInput['restitution']): RestitutionInput {
  return {
    slug,
    restitution,
    academy: {
      // Parsed, so that a key added to the academy file later comes with its default here too.
      academy: AcademySchema.parse({ academie: nom, session: { participants: 12 } }),
      themes: [theme('sante', 'Santé'), theme('probite', 'Probité')],
      identity: {},
    },
  };
}

const amiens = input('amiens', 'Amiens', {
  academie: 'amiens',
  presents: { eleves: 4, parents: 2 },
  idees: {
    sante: [
      { texte: 'a', gommettes: 3 },
      { texte: 'b', gommettes: null },
    ],
    probite: [{ texte: 'c', gommettes: 5 }],
  },
  themes_retenus: ['probite'],
  engagements: [
    {
      thematique: 'probite',
      titre: 'Publier les cadeaux reçus par les services',
      criteres: { inedit: 'oui', valeurs: 'oui', societe_civile: 'non', mesurable: 'a-approfondir' },
      pertinence_ogp: { transparence: 'Les cadeaux deviennent publics.', redevabilite: 'Chaque service en répond.' },
      contact: { nom: 'Alex Martin', fonction: 'Déontologue', courriel: 'deonto@example.org' },
    },
  ],
});
const besancon = input('besancon', 'Besançon', {
  academie: 'besancon',
  presents: { eleves: 1, personnels: 3 },
  idees: { sante: [{ texte: 'd', gommettes: 7 }] },
  themes_retenus: ['sante'],
  engagements: [
    {
      thematique: 'sante',
      titre: 'Publier les cadeaux reçus par les services académiques',
      pertinence_ogp: { transparence: 'Publiés chaque année.' },
    },
    { thematique: 'sante', titre: 'Un médecin scolaire pour chaque lycée' },
  ],
});

describe('the national synthesis', () => {
  const view = syntheseView([besancon, amiens], stopwords);

  it('orders academies by slug, whatever the input order', () => {
    expect(view.academies.map((a) => a.slug)).toEqual(['amiens', 'besancon']);
    expect(syntheseView([amiens, besancon], stopwords)).toEqual(view);
  });

  it('counts participation per academy and per profile', () => {
    expect(view.academies.map((a) => [a.presents, a.total, a.engagements])).toEqual([
      [[4, 0, 0, 2, 0], 6, 1],
      [[1, 0, 3, 0, 0], 4, 2],
    ]);
    expect(view.profils.map((p) => p.total)).toEqual([5, 0, 3, 2, 0]);
    expect(view.total).toBe(10);
  });

  it('scores themes across academies, most dotted first', () => {
    expect(view.themes.map((t) => [t.id, t.academies, t.retenue, t.idees, t.gommettes])).toEqual([
      ['sante', 2, 1, 3, 10],
      ['probite', 2, 1, 1, 5],
    ]);
  });

  it('groups alike commitments of different academies and counts criteria', () => {
    expect(view.engagements.map((e) => [e.academie, e.groupe])).toEqual([
      ['amiens', 1],
      ['besancon', 1],
      ['besancon', 2],
    ]);
    expect(view.groupes).toEqual([
      {
        numero: 1,
        membres: [
          expect.objectContaining({ academie: 'Académie d’Amiens' }),
          expect.objectContaining({ academie: 'Académie de Besançon' }),
        ],
      },
    ]);
    expect(view.criteres.map((c) => [c.oui, c.non, c.aApprofondir])).toEqual([
      [1, 0, 2],
      [1, 0, 2],
      [0, 1, 2],
      [0, 0, 3],
    ]);
  });

  it('writes synthese.csv with the columns docs/file-formats.md names first, then the OGP grid and the contact', () => {
    const rows = parse(syntheseCsv(view), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {}).slice(0, 4)).toEqual(['academie', 'thematique', 'titre', 'groupe']);
    expect(rows.map((r) => r.groupe)).toEqual(['1', '1', '2']);
    expect(rows[0]).toMatchObject({
      pertinence_ogp_transparence: 'Les cadeaux deviennent publics.',
      pertinence_ogp_participation: '',
      pertinence_ogp_redevabilite: 'Chaque service en répond.',
      contact_nom: 'Alex Martin',
      contact_fonction: 'Déontologue',
      contact_courriel: 'deonto@example.org',
    });
  });

  it('shows per theme the commitments grouped as alike, with their academies', () => {
    expect(
      view.parThematique.map((t) => [t.id, t.groupes.map((g) => [g.numero, g.academies, g.semblables, g.ailleurs])]),
    ).toEqual([
      [
        'sante',
        [
          [1, ['Besançon'], true, ['Probité (Amiens)']],
          [2, ['Besançon'], false, []],
        ],
      ],
      ['probite', [[1, ['Amiens'], true, ['Santé (Besançon)']]]],
    ]);
  });

  it('counts, per OGP value, the commitments that say how they serve it', () => {
    expect(view.pertinenceOgp.map((v) => [v.libelle, v.engagements])).toEqual([
      ['Transparence', 2],
      ['Participation civique', 0],
      ['Redevabilité publique', 1],
    ]);
    expect(view.sansPertinenceOgp).toBe(1);
  });

  it('names drafts apart, counting nothing of them', () => {
    const withDraft = syntheseView([besancon, amiens], stopwords, [
      { slug: 'lille', academie: 'Lille', file: 'restitutions/lille.yaml', raisons: 3 },
    ]);
    expect(withDraft.brouillons).toEqual([
      { slug: 'lille', academie: 'Lille', file: 'restitutions/lille.yaml', raisons: 3, titre: 'Académie de Lille' },
    ]);
    expect(withDraft.academies.map((a) => a.slug)).toEqual(['amiens', 'besancon']);
    expect(withDraft.totaux).toEqual(view.totaux);
  });
});
