/**
 * Placeholders in an agenda's texts: `{duree}`, `{duree/2}`,
 * `{(duree-5)/sous_groupes}`, `{gommettes}`… A lab edits minutes and counts
 * in plain YAML, and the printed instructions follow the phase's real
 * duration and the size of the group. Arithmetic is the usual one
 * (+ − × ÷, parentheses, precedence); the result is rounded to the nearest
 * whole number. Pure.
 */

/** What a placeholder may name, with what it means (the agenda file documents the same list). */
export const PLACEHOLDER_NAMES = {
  duree: 'durée de la phase, en minutes',
  participants: 'nombre de participants attendus',
  sous_groupes: 'nombre de sous-groupes (six personnes au plus)',
  taille_sous_groupe: 'taille du plus grand sous-groupe',
  gommettes: 'gommettes par personne pour le vote',
  themes: 'thématiques proposées',
  themes_retenus: 'thématiques retenues (un engagement chacune)',
  ouverture_accueil: 'minutes d’accueil et d’installation, dans la phase « accueil »',
  ouverture_pgo: 'minutes de « Le PGO en bref », dans la phase « accueil »',
  ouverture_programme: 'minutes du programme, des rôles et des critères, dans la phase « accueil »',
  format_post_it: 'format de post-it conseillé pour les affiches (texte)',
  idees_par_affiche: 'nombre de post-it attendus sur l’affiche la plus fournie',
  feuilles_par_affiche: 'feuilles de paperboard fixées sous chaque affiche thématique pour les post-it',
  tour_affiches: 'minutes du tour des affiches (une minute par affiche)',
  regroupement: 'minutes pour regrouper les post-it en double (une minute pour dix post-it)',
  duree_vote: 'minutes du vote silencieux',
  comptage: 'minutes pour compter les gommettes de toutes les affiches',
} as const;
export type PlaceholderName = keyof typeof PLACEHOLDER_NAMES;
export type PlaceholderValues = Partial<Record<PlaceholderName, number | string>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** A placeholder that cannot be expanded; the message is French, for the lab. */
export class PlaceholderError extends Error {}

type Token = { kind: 'number'; value: number } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:[.,]\d+)?)|([a-z_]+)|([-+*/()]))/y;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match)
      throw new PlaceholderError(`repère illisible « {${source}} » : écrivez par exemple {duree} ou {duree/2}`);
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1].replace(',', '.')) });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', value: match[2] });
    else tokens.push({ kind: 'op', value: match[3] ?? '' });
    index = pattern.lastIndex;
  }
  return tokens;
}

/** Recursive descent over `expr := term (± term)*`, `term := factor (×÷ factor)*`. */
function evaluate(source: string, values: PlaceholderValues): number | string {
  const tokens = tokenize(source);
  let position = 0;
  const fail = (): never => {
    throw new PlaceholderError(`repère illisible « {${source}} » : écrivez par exemple {duree} ou {duree/2}`);
  };
  const lookup = (name: string): number | string => {
    if (!(name in PLACEHOLDER_NAMES)) {
      throw new PlaceholderError(
        `repère inconnu « {${name}} » ; repères possibles : ${Object.keys(PLACEHOLDER_NAMES).join(', ')}`,
      );
    }
    const value = values[name as PlaceholderName];
    if (value === undefined)
      throw new PlaceholderError(
        `repère « {${name}} » sans valeur ici (${PLACEHOLDER_NAMES[name as PlaceholderName]})`,
      );
    return value;
  };
  const factor = (): number => {
    const token = tokens[position++];
    if (!token) return fail();
    if (token.kind === 'number') return token.value;
    if (token.kind === 'name') {
      const value = lookup(token.value);
      if (typeof value !== 'number')
        throw new PlaceholderError(`le repère « {${token.value}} » est un texte : il ne se calcule pas`);
      return value;
    }
    if (token.value === '(') {
      const inner = expr();
      if (tokens[position++]?.value !== ')') fail();
      return inner;
    }
    if (token.value === '-') return -factor();
    return fail();
  };
  const term = (): number => {
    let value = factor();
    while (tokens[position]?.value === '*' || tokens[position]?.value === '/') {
      const op = tokens[position++]?.value;
      const right = factor();
      if (op === '/' && right === 0) throw new PlaceholderError(`division par zéro dans « {${source}} »`);
      value = op === '*' ? value * right : value / right;
    }
    return value;
  };
  const expr = (): number => {
    let value = term();
    while (tokens[position]?.value === '+' || tokens[position]?.value === '-') {
      const op = tokens[position++]?.value;
      const right = term();
      value = op === '+' ? value + right : value - right;
    }
    return value;
  };
  // A text value (the post-it format) stands alone: no arithmetic on it.
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only?.kind === 'name') return lookup(only.value);
  const result = expr();
  if (position !== tokens.length) fail();
  return result;
}

/** Rounded to the nearest whole number; a count of minutes is never below 1. */
function formatNumber(value: number): string {
  return String(Math.max(1, Math.round(value)));
}

/** The nouns an agenda counts with a placeholder, after a 0 or a 1 that the placeholder gave. */
const COUNTED_AFTER_ONE =
  /(^|[^\d,.])([01]) (minutes|sous-groupes|personnes|gommettes|thématiques|affiches|feuilles|idées|actions|engagements|post-its)(?![\p{L}-])/gu;

/** Replaces every `{…}` of `text`; throws PlaceholderError on an unknown name or bad syntax. */
export function expandPlaceholders(text: string, values: PlaceholderValues): string {
  const expanded = text.replace(PLACEHOLDER, (_, source: string) => {
    const value = evaluate(source, values);
    return typeof value === 'number' ? formatNumber(value) : value;
  });
  // French takes the singular for 0 and 1: « 1 minute », « 1 sous-groupe de 1 personne », never « 1 minutes ».
  return expanded.replace(
    COUNTED_AFTER_ONE,
    (_, before: string, count: string, noun: string) => `${before}${count} ${noun.slice(0, -1)}`,
  );
}

/** The problems of a text's placeholders, checked with every name set (for validation). */
export function placeholderProblems(text: string): string[] {
  const sample = Object.fromEntries(
    Object.keys(PLACEHOLDER_NAMES).map((name) => [name, name === 'format_post_it' ? '76 × 76 mm' : 12]),
  ) as PlaceholderValues;
  const problems: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    try {
      evaluate(match[1] ?? '', sample);
    } catch (error) {
      if (!(error instanceof PlaceholderError)) throw error;
      problems.push(error.message);
    }
  }
  return problems;
}
