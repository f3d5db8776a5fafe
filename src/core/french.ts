/** French wording of dates, academy names and counts. Pure. */

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
/** The months' names, January first. */
export const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** `2026-12-10` → « jeudi 10 décembre 2026 »; the first of the month is « 1er ». */
export function formatFrenchDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${weekday} ${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}

/** Elision before a vowel sound: « de Limoges », « d’Aix-Marseille », « de La Réunion ». */
export function withDe(name: string): string {
  const first = name.normalize('NFD').charAt(0).toLowerCase();
  return 'aeiouy'.includes(first) ? `d’${name}` : `de ${name}`;
}

export function academyTitle(name: string): string {
  return `Académie ${withDe(name)}`;
}

/** « 1 exemplaire », « 24 exemplaires »; French takes the singular for 0 and 1. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count}\u00a0${Math.abs(count) < 2 ? singular : pluralForm}`;
}

/** `2027-01-15` → « 15 janvier 2027 », `2027-01` → « janvier 2027 »: the dates of a calendar of next steps. */
export function formatFrenchDay(value: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) throw new RangeError(`not an ISO date or month: ${value}`);
  const month = `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
  if (match[3] === undefined) return month;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${month}`;
}

/** « a », « a et b », « a, b et c »: a list as a sentence says it. */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** Nouns a lab's name may start with, that call for « la » rather than « le ». */
const FEMININE_HEADS = new Set([
  'cellule',
  'mission',
  'direction',
  'délégation',
  'fabrique',
  'maison',
  'équipe',
  'plateforme',
  'division',
  'cité',
]);

/**
 * A lab's name as a sentence says it, with its article: « le Lab académique
 * de Créteil », « le Lab’Lim », « l’Atelier… », « la Fabrique… »; a name that
 * already starts with an article keeps it, lowercased inside a sentence.
 */
export function withArticle(name: string): string {
  const existing = /^(le|la|les)\s+|^l[’']/i.exec(name);
  if (existing) return name.charAt(0).toLowerCase() + name.slice(1);
  const head = (/^[\p{L}]+/u.exec(name)?.[0] ?? '').toLowerCase();
  const first = name.normalize('NFD').charAt(0).toLowerCase();
  if ('aeiouy'.includes(first)) return `l’${name}`;
  return `${FEMININE_HEADS.has(head) ? 'la' : 'le'} ${name}`;
}

/** The same at the start of a sentence: « Le Lab’Lim vous invite ». */
export function withArticleCapitalised(name: string): string {
  const text = withArticle(name);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const HOURS_IN_WORDS = ['', 'une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit'];

/**
 * A session's length as an invitation says it: « deux heures », « une heure
 * et demie », « trois heures et quart », « 45 minutes », else « 1 h 40 ».
 */
export function durationInWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}\u00a0minutes`;
  const word = HOURS_IN_WORDS[hours];
  if (!word) return rest === 0 ? `${hours}\u00a0heures` : `${hours}\u00a0h\u00a0${String(rest).padStart(2, '0')}`;
  const base = `${word} ${hours === 1 ? 'heure' : 'heures'}`;
  if (rest === 0) return base;
  if (rest === 30) return `${base} et demie`;
  if (rest === 15) return `${base} et quart`;
  return `${hours}\u00a0h\u00a0${String(rest).padStart(2, '0')}`;
}

const SMALL_NUMBERS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];

/** « deux », « une » (feminine), and figures past ten, as a sentence writes a small count. */
export function countInWords(count: number, feminine = false): string {
  if (count === 1) return feminine ? 'une' : 'un';
  return SMALL_NUMBERS[count] ?? String(count);
}

/** « à » or « de » before a phrase that may start with « le » or « les »: « au lab », « du lab », « à l’Atelier », « de la Fabrique ». */
export function contracted(preposition: 'à' | 'de', phrase: string): string {
  const match = /^(le|les) (.*)$/s.exec(phrase);
  if (!match) return `${preposition} ${phrase}`;
  const merged = preposition === 'à' ? (match[1] === 'le' ? 'au' : 'aux') : match[1] === 'le' ? 'du' : 'des';
  return `${merged} ${match[2]}`;
}
