/** A session date already past: almost always last year's file, or a wrong year. Pure: today is given. */
import { formatFrenchDate } from './french.js';

/** The day as the lab's machine sees it, `AAAA-MM-JJ` (local time, not UTC). */
export function localIsoDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The warning for a session dated before `today` (both `AAAA-MM-JJ`), or undefined. */
export function pastSessionMessage(date: string | undefined, today: string): string | undefined {
  if (date === undefined || date >= today) return undefined;
  return `la date de la session (${formatFrenchDate(date)}) est déjà passée : vérifiez-la, l’année surtout, avant d’imprimer`;
}
