import os from 'node:os';
import { UsageError, type ExitCode } from '../../errors.js';
import type { Terminal } from '../terminal.js';

export interface CommandContext {
  terminal: Terminal;
  /** An ExitCode, or signalExitCode() after Ctrl-C, a closed terminal or a termination. */
  setExitCode(code: ExitCode | number): void;
}

/** What stops a long command cleanly: Ctrl-C, a closed terminal (on Windows, Node emulates both), a termination. */
export const INTERRUPTIONS = ['SIGINT', 'SIGHUP', 'SIGTERM'] as const;

/** The shell's convention: 128 + the signal's number (130 after Ctrl-C, 129 for a closed terminal, 143 for SIGTERM). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (os.constants.signals[signal] ?? 15);
}

/** Commander's accumulator for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Where `init` writes the JSON Schemas, and how the academy file names its schema from academies/. */
export const WORKSPACE_SCHEMA_FOLDER = 'schemas';
export const ACADEMY_SCHEMA_REF = '../schemas/academie.schema.json';

/**
 * The folder an --out option names, else `fallback`. An empty one (a variable left unset in a script:
 * --out "$DOSSIER") would write into the current folder: refused.
 */
export function outFolder(value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (value.trim() === '')
    throw new UsageError(`--out attend un dossier (reçu un texte vide) : par exemple --out ${fallback}`);
  return value;
}
