/**
 * What every command that prints shares (build, restitution, synthese):
 * the same options, read the same way, and the same Ctrl-C.
 */
import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import type { Workspace } from '../../model/workspace.js';
import { removePendingTemporaryFiles } from '../../output/atomic-write.js';
import { settleOnInterrupt } from '../../output/replace-directory.js';
import { checkBrowserOption } from '../../pdf/find-browser.js';
import type { PdfPrinter } from '../../pdf/printer.js';
import type { RunOptions } from '../../run/runner.js';
import { printIssues, type Terminal } from '../terminal.js';
import { INTERRUPTIONS, outFolder, signalExitCode } from './shared.js';

export interface PrintingFlags {
  out?: string;
  html?: boolean;
  browser?: string;
  jobs?: string;
  force?: boolean;
  navigateurDistant?: string;
}

/** The options of every command that prints; `force` says what --force means for this command. */
export function addPrintingOptions(command: Command, force: string): Command {
  return command
    .option('--html', 'écrire aussi le HTML de chaque document à côté de son PDF')
    .option('--browser <chemin>', 'chemin de Chrome ou Chromium à utiliser')
    .option(
      '--navigateur-distant <ws>',
      'imprimer avec un navigateur déjà lancé (adresse ws://…, ou variable PGO_KIT_NAVIGATEUR_DISTANT)',
    )
    .option('-j, --jobs <n>', 'documents imprimés à la fois (par défaut : nombre de processeurs)')
    .option('--force', force);
}

/** --jobs: a whole number of pages printing at a time. */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64)
    throw new UsageError(`--jobs attend un nombre entier de 1 à 64 (reçu « ${value} »)`);
  return Number(value);
}

/** --navigateur-distant or PGO_KIT_NAVIGATEUR_DISTANT: the DevTools WebSocket address of a running browser. */
export function remoteBrowser(
  flag: string | undefined,
  browser: string | undefined,
  fromEnvironment: string | undefined,
): string | undefined {
  const value = flag ?? fromEnvironment;
  if (value === undefined) return undefined;
  const source = flag === undefined ? 'la variable PGO_KIT_NAVIGATEUR_DISTANT' : '--navigateur-distant';
  if (!/^wss?:\/\/[^\s]+$/.test(value))
    throw new UsageError(`${source} attend une adresse ws://… ou wss://… (reçu « ${value} »)`);
  if (browser !== undefined) {
    throw new UsageError(
      flag === undefined
        ? '--browser et la variable PGO_KIT_NAVIGATEUR_DISTANT s’excluent : retirez la variable (unset PGO_KIT_NAVIGATEUR_DISTANT) pour un navigateur local, ou --browser pour le navigateur distant'
        : '--browser et --navigateur-distant s’excluent : choisissez un navigateur local ou distant',
    );
  }
  return value;
}

/** The run options the flags and the environment give, checked before anything is loaded. */
export function printingOptions(
  flags: PrintingFlags,
  workspace: Workspace,
  terminal: Terminal,
): Omit<RunOptions, 'outDir'> & { outDir: string } {
  const config = readConfig();
  const jobs = parseJobs(flags.jobs);
  checkBrowserOption(flags.browser);
  const remote = remoteBrowser(flags.navigateurDistant, flags.browser, config.remoteBrowser);
  return {
    workspace,
    outDir: outFolder(flags.out, 'kits'),
    html: flags.html ?? false,
    browser: flags.browser,
    remoteBrowser: remote,
    jobs,
    force: flags.force ?? false,
    date: config.sourceDate,
    timeoutMs: config.delayMs,
    reporter: { progress: (line) => terminal.note(line), issues: (issues) => printIssues(terminal, issues) },
    ...(terminal.verbose ? { onBlockedRequest: (url: string) => terminal.err(`requête bloquée : ${url}`) } : {}),
  };
}

/** What an interrupted run leaves, said truthfully: every folder holds its previous files or its new ones, whole. */
export function interruptionMessage(complete: readonly string[], display: (file: string) => string): string {
  if (complete.length === 0)
    return 'Interrompu : aucun fichier partiel n’a été laissé, les PDF précédents sont intacts.';
  const folders = complete.map((folder) => `${display(folder)}/`).join(', ');
  return `Interrompu : aucun fichier partiel n’a été laissé ; le nouveau kit est complet dans ${folders}, les autres dossiers gardent leurs PDF précédents, intacts.`;
}

/** Ctrl-C (or a closed terminal, or SIGTERM) during a run: no partial file, no browser left behind, exit 130 (129, 143); nothing but this line is said. */
export function onInterrupt(
  getPrinter: () => PdfPrinter | undefined,
  terminal: Terminal,
  display: (file: string) => string = (file) => file,
): () => void {
  const handler = (signal: NodeJS.Signals) => {
    // restitution init writes its files with writeFilesAtomically.
    removePendingTemporaryFiles();
    const { complete } = settleOnInterrupt();
    terminal.err(`\n${interruptionMessage(complete, display)}`);
    // The run still unwinds while the browser closes; its errors are consequences, not news.
    terminal.err = () => undefined;
    terminal.out = () => undefined;
    const printer = getPrinter();
    const exit = () => process.exit(signalExitCode(signal));
    if (!printer) exit();
    else void printer.close().finally(exit);
    setTimeout(() => {
      printer?.killNow();
      exit();
    }, 3_000).unref();
  };
  // Whatever else ends the process, the printer stops its browser itself (its own 'exit' handler).
  for (const signal of INTERRUPTIONS) process.once(signal, handler);
  return () => {
    for (const signal of INTERRUPTIONS) process.off(signal, handler);
  };
}
