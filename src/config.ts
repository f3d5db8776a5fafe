/**
 * The environment variables pgo-kit reads, each parsed here once, with its
 * default written once. The README's « Variables d’environnement » lists them.
 */
import { UsageError } from './errors.js';

/** Seconds allowed per document (and for the browser to start) when PGO_KIT_DELAI is unset. */
export const DEFAULT_DELAY_SECONDS = 60;
export const DEFAULT_DELAY_MS = DEFAULT_DELAY_SECONDS * 1000;

export interface Config {
  /** PGO_KIT_DELAI, in milliseconds: per document, and for the browser to start or answer. */
  delayMs: number;
  /** PGO_KIT_NAVIGATEUR_DISTANT: ws://… of a running browser (the --navigateur-distant option wins). */
  remoteBrowser: string | undefined;
  /** SOURCE_DATE_EPOCH (reproducible-builds.org): the date written in the PDFs; none when unset. */
  sourceDate: Date | undefined;
  /** PGO_KIT_PROFIL=1: where the time of a build went. */
  profile: boolean;
}

/** PGO_KIT_DELAI: a positive number of seconds; anything else keeps the default. */
export function parseDelay(value: string | undefined): number {
  const seconds = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(seconds) && seconds > 0
    ? seconds * 1000
    : DEFAULT_DELAY_MS;
}

/** A delay as said in a message: « 60 s », « 1,5 s », « 0,4 s » (never « 0 s » for a delay under half a second). */
export function delayInSeconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} s`;
}

export function parseSourceDate(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(Number(value) * 1000);
  if (!/^\d{1,12}$/.test(value) || Number.isNaN(date.getTime()))
    throw new UsageError(
      `SOURCE_DATE_EPOCH attend un nombre de secondes depuis le 1er janvier 1970 (reçu « ${value} »)`,
    );
  return date;
}

/** Reads the environment; throws a UsageError for a value that cannot be meant (SOURCE_DATE_EPOCH=demain). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    delayMs: parseDelay(env.PGO_KIT_DELAI),
    remoteBrowser: env.PGO_KIT_NAVIGATEUR_DISTANT || undefined,
    sourceDate: parseSourceDate(env.SOURCE_DATE_EPOCH),
    profile: env.PGO_KIT_PROFIL === '1',
  };
}
