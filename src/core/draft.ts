/**
 * A restitution that is not filled in yet is a draft (README « Après
 * l’atelier »): it still holds `restitution init`'s placeholders, counts
 * nobody present, or has a commitment without its problem or its
 * commitment text. A draft is printed (marked « brouillon ») but never sent:
 * no engagements.* nor decidim-propositions.*. Pure: takes the parsed file,
 * returns what is missing with its path, for the loader to locate.
 */

import { isPlaceholder } from '../model/unfilled.js';

export { isPlaceholder };

/** A text the lab has not written: absent, empty, or a placeholder. */
export function isBlank(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim() === '' || isPlaceholder(text);
}

export interface DraftReason {
  /** Path in the restitution file, e.g. ['engagements', 0, 'probleme']. */
  path: (string | number)[];
  /** Point at the key rather than its value (the value is missing). */
  key?: boolean;
  message: string;
}

/** Every string of a parsed YAML value, with its path. */
function* strings(
  value: unknown,
  path: (string | number)[] = [],
): Generator<{ path: (string | number)[]; text: string }> {
  if (typeof value === 'string') yield { path, text: value };
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* strings(item, [...path, index]);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) yield* strings(item, [...path, key]);
}

interface DraftInput {
  presents?: Record<string, number | null | undefined> | null | undefined;
  engagements?:
    readonly { probleme?: string | null | undefined; engagement?: string | null | undefined }[] | null | undefined;
}

/** Why `restitution` would be a draft, in the file's order: placeholders, attendance, then each commitment's missing texts. */
export function draftReasons(restitution: DraftInput): DraftReason[] {
  const reasons: DraftReason[] = [];
  for (const { path, text } of strings(restitution)) {
    if (isPlaceholder(text))
      reasons.push({
        path,
        message: `texte à remplacer, laissé tel que restitution init l’a écrit : « ${text.trim()} »`,
      });
  }
  const present = Object.values(restitution.presents ?? {}).reduce<number>((sum, count) => sum + (count ?? 0), 0);
  if (present === 0)
    reasons.push({
      path: ['presents'],
      key: true,
      message: 'aucun présent noté : recopiez les présents par profil depuis la feuille d’émargement',
    });
  (restitution.engagements ?? []).forEach((commitment, index) => {
    for (const [field, what] of [
      ['probleme', 'le problème public visé'],
      ['engagement', 'ce que les ministères s’engagent à faire'],
    ] as const) {
      const text = commitment[field];
      // A placeholder is already listed above, once.
      if (text === null || text === undefined || text.trim() === '') {
        reasons.push({
          path: ['engagements', index, field],
          key: true,
          message: `« ${field} » vide : recopiez ${what} depuis le canevas`,
        });
      }
    }
  });
  return reasons;
}
