/**
 * The few error classes the pipeline throws on purpose. The CLI's single
 * handler (src/cli/main.ts) turns them into French messages and exit codes;
 * anything else is a bug and keeps its stack trace.
 */

export const ExitCode = {
  ok: 0,
  invalidData: 1,
  usage: 2,
  environment: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem found in a user's file, located as precisely as the YAML allows. */
export interface Issue {
  /** Path shown to the user (relative to the working directory when possible). */
  file: string;
  line?: number;
  col?: number;
  /** Dotted path of the key, e.g. `session.participants`; empty for the whole file. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * The issues not in `said` yet (compared by content), which are added to it:
 * a shared file's problem (a theme, an agenda, a stamp's kept warning) is
 * said once in a run, not once per academy.
 */
export function notYetSaid(issues: readonly Issue[], said: Set<string>): Issue[] {
  const fresh = issues.filter((issue) => !said.has(JSON.stringify(issue)));
  for (const issue of fresh) said.add(JSON.stringify(issue));
  return fresh;
}

/** Bad command line: unknown command, option or academy, malformed slug. */
export class UsageError extends Error {
  readonly exitCode = ExitCode.usage;
  override name = 'UsageError';
}

/** One or more files are invalid; every issue is reported at once. */
export class ValidationError extends Error {
  readonly exitCode = ExitCode.invalidData;
  override name = 'ValidationError';
  /**
   * `partial`: what could still be read of the data despite the errors, so
   * that the warnings computed on it are said at once with them.
   */
  constructor(
    readonly issues: Issue[],
    readonly partial?: unknown,
  ) {
    super(`${issues.length} erreur(s) de données`);
  }
}

/** The machine cannot render: no browser, browser crash, timeout. */
export class EnvironmentError extends Error {
  readonly exitCode = ExitCode.environment;
  override name = 'EnvironmentError';
  /** The underlying error, printed with --verbose only. */
  readonly detail?: unknown;
  constructor(message: string, detail?: unknown) {
    super(message);
    this.detail = detail;
  }
}

/** Problems printed per file; past this, a count. A file with hundreds of problems is rarely hundreds of mistakes. */
export const MAX_ISSUES_PER_FILE = 50;

/**
 * An issue's path as a lab member reads it, positions in lists counted from 1
 * as the documents count them: `engagements[1].debut` reads
 * `engagements n° 2 › debut`, `thematiques[2]` reads `thematiques n° 3`;
 * plain keys (`session.participants`) stay as written.
 */
export function readablePath(path: string): string {
  return path
    .replace(
      /\[(\d+)\](\.)?/g,
      (_whole, index: string, dot: string | undefined) => ` n° ${Number(index) + 1}${dot ? ' › ' : ''}`,
    )
    .trimStart();
}

/** `file:line:col` padded so that every path column lines up, as in the README's example. */
export function formatIssues(unsorted: readonly Issue[], perFile: number = MAX_ISSUES_PER_FILE): string[] {
  // In file order, so that a lab can fix them from top to bottom.
  const sorted = [...unsorted].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
  const counts = new Map<string, number>();
  const issues: Issue[] = [];
  for (const issue of sorted) {
    const count = (counts.get(issue.file) ?? 0) + 1;
    counts.set(issue.file, count);
    if (count <= perFile) issues.push(issue);
    if (count === perFile + 1) issues.push({ file: issue.file, path: '', message: '', severity: 'error' });
  }
  const hidden = (file: string) => (counts.get(file) ?? 0) - perFile;
  const locations = issues.map((issue) => {
    let location = issue.file;
    if (issue.line !== undefined) location += `:${issue.line}:${issue.col ?? 1}`;
    return location;
  });
  const width = Math.max(0, ...locations.map((l) => l.length));
  return issues.map((issue, index) => {
    if (issue.message === '')
      return `${issue.file}  … et ${hidden(issue.file)} autre${hidden(issue.file) > 1 ? 's' : ''} problème${hidden(issue.file) > 1 ? 's' : ''} dans ce fichier`;
    const prefix = issue.severity === 'warning' ? 'attention : ' : '';
    const where = issue.path ? `${readablePath(issue.path)} : ` : '';
    return `${(locations[index] ?? '').padEnd(width)}  ${prefix}${where}${issue.message}`;
  });
}
