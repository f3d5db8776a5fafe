/** What the CLI prints: results on stdout, progress and problems on stderr. */
import { formatIssues, type Issue } from '../errors.js';

export interface Terminal {
  /** Results (paths written, lists): silent with --quiet. */
  out(line: string): void;
  /** Errors: always said. */
  err(line: string): void;
  /** Progress and hints, for a person watching: silent with --quiet. */
  note(line: string): void;
  verbose: boolean;
  /** --quiet: errors only. */
  quiet: boolean;
}

export const processTerminal = (verbose = false): Terminal => {
  // `pgo-kit list | head`: the reader left, which is not an error worth a stack trace.
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const terminal: Terminal = {
    out: (line) => {
      if (!terminal.quiet) process.stdout.write(`${line}\n`);
    },
    err: (line) => process.stderr.write(`${line}\n`),
    note: (line) => {
      if (!terminal.quiet) process.stderr.write(`${line}\n`);
    },
    verbose,
    quiet: false,
  };
  return terminal;
};

/** Every issue, one per line; with --quiet, warnings are left out (errors only). */
export function printIssues(terminal: Terminal, issues: readonly Issue[]): void {
  const shown = terminal.quiet ? issues.filter((issue) => issue.severity === 'error') : issues;
  for (const line of formatIssues(shown)) terminal.err(line);
}
