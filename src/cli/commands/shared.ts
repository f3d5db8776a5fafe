import type { ExitCode } from '../../errors.js';
import type { Terminal } from '../terminal.js';

export interface CommandContext {
  terminal: Terminal;
  setExitCode(code: ExitCode): void;
}

/** Commander's accumulator for a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
