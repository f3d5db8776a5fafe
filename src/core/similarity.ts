/**
 * Which commitments of different academies say the same thing. A small,
 * documented method, French-aware and deterministic:
 *
 * 1. lower case, accents removed, split on anything that is not a letter
 *    or a digit (so « l’offre » gives « offre »);
 * 2. French stop words dropped (the `stopword` package's list, plus a few
 *    words every commitment uses), and words of fewer than 3 letters;
 * 3. light stemming by truncation: a final plural « s » or « x » removed,
 *    then the first 5 letters kept (« publier », « publication » → « publi »;
 *    « infirmières », « infirmier » → « infir »), which is known to work
 *    about as well as a full stemmer for French retrieval;
 * 4. each commitment is a bag of stems: its title counted twice, its
 *    « engagement » text once; two commitments are compared by the cosine
 *    of their bags.
 *
 * Two commitments of different academies whose cosine is at least
 * SIMILARITY_THRESHOLD are alike; groups are the connected sets of alike
 * commitments. Pure.
 */

/**
 * Cosine at or above which two commitments are grouped. Tuned on samples:
 * reworded copies of one commitment score 0.75 to 0.95; different
 * commitments that share the usual words (publier, scolaire, données
 * ouvertes) score up to 0.56.
 */
export const SIMILARITY_THRESHOLD = 0.65;

/** Words a commitment uses whatever it is about, on top of the generic list. */
const DOMAIN_STOPWORDS = [
  'chaque',
  'tout',
  'tous',
  'toute',
  'toutes',
  'plus',
  'afin',
  'ainsi',
  'entre',
  'dont',
  'etre',
  'avoir',
  'faire',
  'sans',
  'sous',
  'vers',
  'chez',
  'cette',
  'leurs',
  'aussi',
];

export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function createStopwords(list: readonly string[]): ReadonlySet<string> {
  return new Set([...list, ...DOMAIN_STOPWORDS].map(fold));
}

export function stem(word: string): string {
  const singular = word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
  return singular.slice(0, 5);
}

export function stems(text: string, stopwords: ReadonlySet<string>): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && !stopwords.has(word))
    .map(stem);
}

export type Bag = Map<string, number>;

export function bagOf(parts: readonly { text: string; weight: number }[], stopwords: ReadonlySet<string>): Bag {
  const bag: Bag = new Map();
  for (const { text, weight } of parts) {
    for (const token of stems(text, stopwords)) bag.set(token, (bag.get(token) ?? 0) + weight);
  }
  return bag;
}

export function cosine(a: Bag, b: Bag): number {
  let dot = 0;
  for (const [token, weight] of a) dot += weight * (b.get(token) ?? 0);
  const norm = (bag: Bag) => Math.sqrt([...bag.values()].reduce((sum, w) => sum + w * w, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

export interface Comparable {
  /** Items of the same origin (academy) are never grouped together. */
  origin: string;
  titre: string;
  texte: string | null;
}

/**
 * A group number for each item, in input order: 1 for the first item's
 * group, then 2 for the next item not yet grouped, and so on. The same
 * input in the same order always gives the same numbers.
 */
export function groupAlike(
  items: readonly Comparable[],
  stopwords: ReadonlySet<string>,
  threshold = SIMILARITY_THRESHOLD,
): number[] {
  const bags = items.map((item) =>
    bagOf(
      [
        { text: item.titre, weight: 2 },
        { text: item.texte ?? '', weight: 1 },
      ],
      stopwords,
    ),
  );
  const parent = items.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    return root;
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i]?.origin === items[j]?.origin) continue;
      if (cosine(bags[i] ?? new Map(), bags[j] ?? new Map()) >= threshold) {
        const [a, b] = [find(i), find(j)];
        // The smaller index stays the root, so numbering follows input order.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const numbers = new Map<number, number>();
  return items.map((_, index) => {
    const root = find(index);
    if (!numbers.has(root)) numbers.set(root, numbers.size + 1);
    return numbers.get(root) ?? 0;
  });
}
