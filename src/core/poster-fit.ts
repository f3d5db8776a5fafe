/**
 * How much a theme poster's text must shrink to stay on its one A3 sheet.
 * Text shrinks with the square root of its excess length (area grows with
 * the square of the size), down to a floor; beyond the floor, validation
 * warns with the limit. Pure.
 */

export interface FitRule {
  /** Characters that fit at full size. */
  nominal: number;
  /** Smallest scale still legible from a distance. */
  floor: number;
}

/** The poster holds 60 title characters at full size; the floor keeps a 34 pt title at 28 pt or more. */
export const TITLE_FIT: FitRule = { nominal: 60, floor: 0.83 };
/** The poster's text column holds about 1 450 characters at full size (15 pt). */
export const BODY_FIT: FitRule = { nominal: 1450, floor: 0.8 };

/** Longest text that still fits at the floor. */
export function limitOf(rule: FitRule): number {
  return Math.floor(rule.nominal / (rule.floor * rule.floor));
}

export function scaleFor(length: number, rule: FitRule): number {
  if (length <= rule.nominal) return 1;
  const scale = Math.sqrt(rule.nominal / length);
  return Math.max(rule.floor, Math.floor(scale * 100) / 100);
}

export interface PosterText {
  titre: string;
  description: string;
  questions: readonly string[];
  exemples?: readonly string[] | undefined;
}

export function bodyLength(theme: PosterText): number {
  return theme.description.length + theme.questions.join('').length + (theme.exemples ?? []).join('').length;
}

export interface PosterFit {
  echelleTitre: number;
  echelle: number;
  /** Texts longer than what the floor can hold. */
  excess: { field: 'titre' | 'texte'; length: number; limit: number }[];
}

export function fitPoster(theme: PosterText): PosterFit {
  const titleLength = theme.titre.length;
  const body = bodyLength(theme);
  const excess: PosterFit['excess'] = [];
  if (titleLength > limitOf(TITLE_FIT)) excess.push({ field: 'titre', length: titleLength, limit: limitOf(TITLE_FIT) });
  if (body > limitOf(BODY_FIT)) excess.push({ field: 'texte', length: body, limit: limitOf(BODY_FIT) });
  return { echelleTitre: scaleFor(titleLength, TITLE_FIT), echelle: scaleFor(body, BODY_FIT), excess };
}
