import type { ExitCode } from '../../errors.js';
import type { Terminal } from '../terminal.js';

export interface CommandContext {
  terminal: Terminal;
  /** An ExitCode, or 130 / 143 after Ctrl-C or a termination. */
  setExitCode(code: ExitCode | 130 | 143): void;
}

/** Commander's accumulator for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
