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

/**
 * A title longer than its limit wraps onto more lines than the poster
 * plans for, and pushes the text below it off the sheet. Measured on the
 * A3 poster (Chromium, Source Sans 3): about 28 title characters per line
 * at full size (34 pt, line height 1.06), 64 text characters per line
 * (15 pt, line height 1.28, description and bold questions averaged); the
 * text's budget leaves room for four full-size title lines. Checked against
 * printed posters: a 147-character title hides nothing of a 2 100-character
 * text, a 293-character one hides its examples and nothing else.
 */
const TITLE_CHARS_PER_LINE = 28;
const TITLE_LINE_PT = 34 * 1.06;
const PLANNED_TITLE_PT = 4 * TITLE_LINE_PT;
const BODY_CHARS_PER_LINE = 64;
const BODY_LINE_PT = 15 * 1.28;

/** Text characters (at text scale `bodyScale`) that a title of `length` drawn at `titleScale` pushes off the sheet. */
export function displacedByTitle(length: number, titleScale: number, bodyScale: number): number {
  const lines = Math.ceil(length / (TITLE_CHARS_PER_LINE / titleScale));
  const extraPt = Math.max(0, lines * TITLE_LINE_PT * titleScale - PLANNED_TITLE_PT);
  return Math.ceil((extraPt / (BODY_LINE_PT * bodyScale)) * (BODY_CHARS_PER_LINE / bodyScale));
}

/** What the text holds at `scale`: its area grows with the square of the size. */
function capacity(rule: FitRule, scale: number): number {
  return Math.floor(rule.nominal / (scale * scale));
}

export interface PosterFit {
  echelleTitre: number;
  echelle: number;
  /** Texts longer than what the floor can hold. */
  excess: { field: 'titre' | 'texte'; length: number; limit: number }[];
  /** What a too-long title would push off the sheet, in reading order (« la question 4 », « les exemples »). */
  hidden: string[];
}

/** The parts of the poster's text, in the order they are drawn, named as a lab reads them. */
function bodyParts(theme: PosterText): { label: string; length: number }[] {
  return [
    { label: 'la description', length: theme.description.length },
    ...theme.questions.map((question, index) => ({
      label: `la question ${index + 1} (« ${question.length > 40 ? `${question.slice(0, 40)}…` : question} »)`,
      length: question.length,
    })),
    ...(theme.exemples ?? []).map((example, index) => ({ label: `l’exemple ${index + 1}`, length: example.length })),
  ];
}

export function fitPoster(theme: PosterText): PosterFit {
  const titleLength = theme.titre.length;
  const body = bodyLength(theme);
  const excess: PosterFit['excess'] = [];
  if (titleLength > limitOf(TITLE_FIT)) excess.push({ field: 'titre', length: titleLength, limit: limitOf(TITLE_FIT) });
  if (body > limitOf(BODY_FIT)) excess.push({ field: 'texte', length: body, limit: limitOf(BODY_FIT) });
  const echelleTitre = scaleFor(titleLength, TITLE_FIT);
  let echelle = scaleFor(body, BODY_FIT);
  // Shrink the text further while the title's extra lines would push part of it off the sheet.
  while (
    echelle > BODY_FIT.floor &&
    body + displacedByTitle(titleLength, echelleTitre, echelle) > capacity(BODY_FIT, echelle)
  ) {
    echelle = Math.round((echelle - 0.01) * 100) / 100;
  }
  const room = capacity(BODY_FIT, echelle) - displacedByTitle(titleLength, echelleTitre, echelle);
  const hidden: string[] = [];
  // Only what the title pushes out is said here: text too long on its own already has its warning.
  if (displacedByTitle(titleLength, echelleTitre, echelle) > 0 && body > room) {
    let used = 0;
    for (const part of bodyParts(theme)) {
      used += part.length;
      if (used > room) hidden.push(part.label);
    }
  }
  return { echelleTitre, echelle, excess, hidden };
}
