import { fra } from 'stopword';
import { describe, expect, it } from 'vitest';
import {
  bagOf,
  cosine,
  createStopwords,
  groupAlike,
  stem,
  stems,
  SIMILARITY_THRESHOLD,
} from '../../../src/core/similarity.js';

const stopwords = createStopwords(fra);

describe('French-aware similarity', () => {
  it.each([
    ['publier', 'publi'],
    ['publication', 'publi'],
    ['infirmières', 'infir'],
    ['eaux', 'eau'],
    ['bus', 'bus'],
  ])('stem(%s) = %s', (word, expected) => {
    expect(stem(word.normalize('NFD').replace(/\p{M}/gu, ''))).toBe(expected);
  });

  it('drops accents, case, elisions and stop words', () => {
    expect(stems('Publier l’offre de santé de CHAQUE établissement', stopwords)).toEqual([
      'publi',
      'offre',
      'sante',
      'etabl',
    ]);
  });

  const sante1 = {
    titre: 'Publier l’offre de santé scolaire de chaque établissement',
    texte:
      'Publier chaque année, en données ouvertes, les postes d’infirmières et de médecins scolaires pourvus dans chaque établissement.',
  };
  const sante2 = {
    titre: 'Publier l’offre de santé scolaire dans chaque établissement',
    texte:
      'Rendre publics chaque année les postes de santé scolaire pourvus, établissement par établissement, en données ouvertes.',
  };
  const cantine = {
    titre: 'Publier les données de la restauration scolaire',
    texte: 'Publier en données ouvertes la provenance et le coût des repas servis dans les cantines scolaires.',
  };
  const numerique = {
    titre: 'Associer les élèves au choix des outils numériques',
    texte: 'Un comité d’élèves et de personnels donne son avis sur les logiciels achetés.',
  };
  const bag = (item: { titre: string; texte: string }) =>
    bagOf(
      [
        { text: item.titre, weight: 2 },
        { text: item.texte, weight: 1 },
      ],
      stopwords,
    );

  it.each([
    ['a reworded copy', sante2, true],
    ['a commitment sharing common words', cantine, false],
    ['an unrelated commitment', numerique, false],
  ] as const)('%s is %s alike', (_name, other, alike) => {
    expect(cosine(bag(sante1), bag(other)) >= SIMILARITY_THRESHOLD).toBe(alike);
  });

  it('groups across academies only, numbered in input order, the same on every run', () => {
    const items = [
      { origin: 'creteil', ...numerique },
      { origin: 'lille', ...sante2 },
      { origin: 'limoges', ...sante1 },
      { origin: 'limoges', ...cantine },
      { origin: 'limoges', titre: sante1.titre, texte: sante1.texte },
    ];
    const groups = groupAlike(items, stopwords);
    // The two Limoges copies are not grouped with each other, but both join Lille's.
    expect(groups).toEqual([1, 2, 2, 3, 2]);
    expect(groupAlike(items, stopwords)).toEqual(groups);
    expect(groupAlike([], stopwords)).toEqual([]);
  });
});
