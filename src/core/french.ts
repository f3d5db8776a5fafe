/** French wording of dates, academy names and counts. Pure. */

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

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
