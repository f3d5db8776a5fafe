/** What the CLI prints: results on stdout, progress and problems on stderr. */
import { formatIssues, type Issue } from '../errors.js';

export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  verbose: boolean;
}

export const processTerminal = (verbose = false): Terminal => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  verbose,
});

export function printIssues(terminal: Terminal, issues: readonly Issue[]): void {
  for (const line of formatIssues(issues)) terminal.err(line);
}
