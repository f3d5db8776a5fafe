/** Runs the real CLI as a process and reads its PDFs back with poppler-utils. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Terminal } from '../../src/cli/terminal.js';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'pgo-kit.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The commands that print through a browser, and so take --jobs. */
const PRINTING_COMMANDS = new Set(['build', 'restitution', 'synthese']);

/**
 * The arguments as the tests' runs give them to pgo-kit: one document printed at a time (--jobs 1, right after the
 * command's name) unless the test gives --jobs itself. The test machine has 2 cores and runs three test files side
 * by side: there a second page printing in parallel costs a renderer more, about a tenth more CPU per kit (measured
 * on a two-theme kit: 2.1 CPU-s against 1.9), and saves no time. The kits most tests read (tests/helpers/shared-kits.ts)
 * and the install test print in parallel, as pgo-kit does by default. Pure.
 */
export function oneJobUnlessGiven(args: readonly string[]): string[] {
  const [command, ...rest] = args;
  const printing = command !== undefined && PRINTING_COMMANDS.has(command) && rest[0] !== 'init';
  const chosen = rest.some((arg) => arg === '--jobs' || arg.startsWith('--jobs=') || arg === '--help' || arg === '-h');
  return printing && !chosen ? [command, '--jobs', '1', ...rest] : [...args];
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...oneJobUnlessGiven(args)], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI's run() in this process, with the given folder and variables,
 * its lines captured: the same exit codes and messages as the real command,
 * without starting Node again (bin.test.ts and a few others keep the real
 * process for the entry point, signals and exit paths). Calls are serialised:
 * the folder and the variables are the process's own.
 */
let queue: Promise<unknown> = Promise.resolve();
export function runCliInProcess(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const next = queue.then(async () => {
    const { run } = await import('../../src/cli/main.js');
    const stdout: string[] = [];
    const stderr: string[] = [];
    const terminal: Terminal = {
      out: (line) => {
        if (!terminal.quiet) stdout.push(`${line}\n`);
      },
      err: (line) => stderr.push(`${line}\n`),
      note: (line) => {
        if (!terminal.quiet) stderr.push(`${line}\n`);
      },
      verbose: false,
      quiet: false,
    };
    const cwd = process.cwd();
    const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((name) => [name, process.env[name]]));
    try {
      process.chdir(options.cwd ?? ROOT);
      for (const [name, value] of Object.entries(options.env ?? {})) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      const status = await run(oneJobUnlessGiven(args), terminal);
      return { status, stdout: stdout.join(''), stderr: stderr.join('') };
    } finally {
      process.chdir(cwd);
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Every file of a kit, subfolders included (the print jobs' impression/), as paths relative to it. */
export function kitFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(path.join(folder, name)).isFile())
    .sort();
}

/** A lab's empty working folder with the given files in it. */
export function makeWorkspace(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-test-'));
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return root;
}

/**
 * Limoges' file with a local theme whose first question is given: the
 * academy that the watch and preview tests edit while they run.
 */
export function academyWithLocalTheme(
  question: string,
  options: { participants?: string; logo?: string; moreQuestions?: string[] } = {},
): string {
  return [
    'academie: Limoges',
    'deroule: atelier-2h',
    'session:',
    `  participants: ${options.participants ?? '12'}`,
    ...(options.logo ? ['identite:', `  logo: ${options.logo}`] : []),
    'thematiques: [sante, numerique-responsable]',
    'themes_locaux:',
    '  - id: numerique-responsable',
    '    titre: Numérique responsable',
    '    theme_pgo: Suites de la Convention citoyenne pour le climat',
    '    couleur: "#455a64"',
    '    description: Ce thème interroge l’usage des outils numériques à l’école.',
    '    questions:',
    ...[question, ...(options.moreQuestions ?? [])].map((line) => `      - ${line}`),
    '',
  ].join('\n');
}

/** Text of a PDF (or of some pages), with no-break spaces made plain for matching. */
export function pdfText(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
}

export function pdfInfo(file: string): Record<string, string> {
  const output = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    output
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const index = line.indexOf(':');
        return [line.slice(0, index).trim(), line.slice(index + 1).trim()];
      }),
  );
}

/** Paper of each page: 'A3 paysage', 'A4 portrait'… */
export function pageSizes(file: string): string[] {
  const output = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return [...output.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(([, w, h]) => {
    const [width, height] = [Number(w), Number(h)];
    const long = Math.max(width, height);
    const paper = Math.abs(long - 1190.55) < 3 ? 'A3' : Math.abs(long - 841.89) < 3 ? 'A4' : `${width}x${height}`;
    return `${paper} ${width > height ? 'paysage' : 'portrait'}`;
  });
}

export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const output = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return output
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      return { name: columns[0] ?? '', embedded: columns[columns.length - 5] === 'yes' };
    });
}

/** Per page text, for "this page holds that" assertions. */
export function pdfPages(file: string): string[] {
  return pdfText(file).split('\f').slice(0, -1);
}

/** Text without spaces and hyphens: line breaks in a PDF may add the first and drop the second. */
export function squash(text: string): string {
  return text.replace(/[\s\u00ad‐-]/g, '');
}

/** Bookmark titles of a PDF, depth first, and its document information. */
export async function pdfStructure(
  file: string,
): Promise<{ outline: string[]; lang: string | undefined; tagged: boolean }> {
  const { PDFDocument, PDFDict, PDFName, PDFString, PDFHexString } = await import('pdf-lib');
  const document = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const text = (value: unknown) =>
    value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
  const outline: string[] = [];
  const visit = (node: unknown) => {
    let current = node instanceof PDFDict ? node : undefined;
    while (current) {
      const title = text(current.lookup(PDFName.of('Title')));
      if (title) outline.push(title);
      visit(current.lookup(PDFName.of('First')));
      const next = current.lookup(PDFName.of('Next'));
      current = next instanceof PDFDict ? next : undefined;
    }
  };
  const root = document.catalog.lookup(PDFName.of('Outlines'));
  if (root instanceof PDFDict) visit(root.lookup(PDFName.of('First')));
  return {
    outline,
    lang: text(document.catalog.lookup(PDFName.of('Lang'))),
    tagged: document.catalog.lookup(PDFName.of('StructTreeRoot')) !== undefined,
  };
}
