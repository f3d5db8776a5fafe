import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import type { BuildProfile } from '../../build.js';
import { ExitCode, UsageError } from '../../errors.js';
import { removePendingTemporaryFiles } from '../../output/atomic-write.js';
import { checkBrowserOption } from '../../pdf/find-browser.js';
import { settleOnInterrupt } from '../../output/replace-directory.js';
import type { PdfPrinter } from '../../pdf/printer.js';
import type { BuildOptions, BuildResult } from '../../build.js';
import { createWorkspace } from '../../model/workspace.js';
import { selectAcademies } from '../select.js';
import { academySourceLines } from '../source-note.js';
import { printIssues, type Terminal } from '../terminal.js';
import { collect, INTERRUPTIONS, signalExitCode, type CommandContext } from './shared.js';

interface BuildFlags {
  academie?: string[];
  all?: boolean;
  out?: string;
  html?: boolean;
  browser?: string;
  watch?: boolean;
  jobs?: string;
  force?: boolean;
  navigateurDistant?: string;
}

/** --jobs: a whole number of pages printing at a time. */
function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 64) throw new UsageError(`--jobs attend un nombre entier de 1 à 64 (reçu « ${value} »)`);
  return Number(value);
}

/** --navigateur-distant or PGO_KIT_NAVIGATEUR_DISTANT: the DevTools WebSocket address of a running browser. */
function remoteBrowser(flag: string | undefined, browser: string | undefined): string | undefined {
  const value = flag ?? (process.env.PGO_KIT_NAVIGATEUR_DISTANT || undefined);
  if (value === undefined) return undefined;
  if (!/^wss?:\/\/[^\s]+$/.test(value)) throw new UsageError(`--navigateur-distant attend une adresse ws://… ou wss://… (reçu « ${value} »)`);
  if (browser !== undefined) throw new UsageError('--browser et --navigateur-distant s’excluent : choisissez un navigateur local ou distant');
  return value;
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org): the date written in the PDFs; none when unset. */
function sourceDate(): Date | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  const date = new Date(Number(value) * 1000);
  if (!/^\d{1,12}$/.test(value) || Number.isNaN(date.getTime())) throw new UsageError(`SOURCE_DATE_EPOCH attend un nombre de secondes depuis le 1er janvier 1970 (reçu « ${value} »)`);
  return date;
}

const PROFILE_STEPS: [keyof BuildProfile, string][] = [
  ['load', 'chargement et validation'],
  ['cache', 'vérification des kits'],
  ['render', 'modèles et typographie'],
  ['launch', 'lancement du navigateur'],
  ['print', 'impression'],
  ['finish', 'finition des PDF'],
  ['write', 'écriture'],
];

function printProfile(terminal: Terminal, startup: number, profile: BuildProfile): void {
  const s = (value: number) => `${value.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0s`;
  terminal.err(`Profil : démarrage ${s(startup)}, ${PROFILE_STEPS.map(([key, label]) => `${label} ${s(profile[key])}`).join(', ')}, total ${s(startup + profile.total)}`);
  terminal.err('(le lancement du navigateur chevauche les modèles ; l’impression comprend la finition et l’écriture des kits déjà prêts)');
}

/** PGO_KIT_DELAI: seconds allowed per document (60 by default), for slow machines. */
function timeoutFromEnvironment(): number | undefined {
  const seconds = Number(process.env.PGO_KIT_DELAI);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** What an interrupted build leaves, said truthfully: every folder holds its previous kit or its new one, whole. */
export function interruptionMessage(complete: readonly string[], display: (file: string) => string): string {
  if (complete.length === 0) return 'Interrompu : aucun fichier partiel n’a été laissé, les PDF précédents sont intacts.';
  const folders = complete.map((folder) => `${display(folder)}/`).join(', ');
  return `Interrompu : aucun fichier partiel n’a été laissé ; le nouveau kit est complet dans ${folders}, les autres dossiers gardent leurs PDF précédents, intacts.`;
}

/** Ctrl-C (or a closed terminal, or SIGTERM) during a build: no partial file, no browser left behind, exit 130 (129, 143); nothing but this line is said. */
export function onInterrupt(getPrinter: () => PdfPrinter | undefined, terminal: Terminal, display: (file: string) => string = (file) => file): () => void {
  const handler = (signal: NodeJS.Signals) => {
    // Other commands (restitution, synthese) write their files with writeFilesAtomically.
    removePendingTemporaryFiles();
    const { complete } = settleOnInterrupt();
    terminal.err(`\n${interruptionMessage(complete, display)}`);
    // The build still unwinds while the browser closes; its errors are consequences, not news.
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

export function registerBuild(program: Command, context: CommandContext): void {
  program
    .command('build')
    .description('produire les PDF du kit (déroulé, supports, conseils) pour une ou plusieurs académies')
    .option('-a, --academie <slug>', 'académie à produire (répétable), par exemple limoges', collect)
    .option('--all', 'produire toutes les académies')
    .option('-o, --out <dossier>', 'dossier de sortie (kits par défaut)')
    .option('--html', 'écrire aussi le HTML de chaque document à côté de son PDF')
    .option('--browser <chemin>', 'chemin de Chrome ou Chromium à utiliser')
    .option('-w, --watch', 'après la production, refaire les PDF des académies concernées à chaque enregistrement (Ctrl-C pour arrêter)')
    .option('--navigateur-distant <ws>', 'imprimer avec un navigateur déjà lancé (adresse ws://…, ou variable PGO_KIT_NAVIGATEUR_DISTANT)')
    .option('-j, --jobs <n>', 'documents imprimés à la fois (par défaut : nombre de processeurs)')
    .option('--force', 'tout reconstruire, même les kits dont rien n’a changé')
    .action(async (flags: BuildFlags) => {
      const { terminal } = context;
      const workspace = createWorkspace();
      const slugs = selectAcademies(workspace, flags, { required: true });
      const jobs = parseJobs(flags.jobs);
      checkBrowserOption(flags.browser);
      const remote = remoteBrowser(flags.navigateurDistant, flags.browser);
      const date = sourceDate();
      for (const line of academySourceLines(workspace, slugs)) terminal.note(line);
      const startup = performance.now() / 1000;
      let printer: PdfPrinter | undefined;
      const release = onInterrupt(() => printer, terminal, (file) => workspace.display(file));
      try {
        const options: BuildOptions = {
          workspace,
          slugs,
          outDir: flags.out ?? 'kits',
          html: flags.html ?? false,
          browser: flags.browser,
          remoteBrowser: remote,
          jobs,
          force: flags.force ?? false,
          date,
          timeoutMs: timeoutFromEnvironment(),
          reporter: { progress: (line) => terminal.note(line), issues: (issues) => printIssues(terminal, issues) },
          onPrinter: (created) => {
            printer = created;
          },
          ...(terminal.verbose ? { onBlockedRequest: (url: string) => terminal.err(`requête bloquée : ${url}`) } : {}),
        };
        const report = (result: BuildResult, kept: boolean) => {
          for (const { slug, issues } of result.invalid) {
            const errors = issues.filter((issue) => issue.severity === 'error').length;
            terminal.err(`${slug} : ${errors} erreur(s), ${kept ? 'les PDF précédents sont conservés' : 'rien n’a été écrit pour cette académie'}.`);
          }
          for (const { files } of [...result.built, ...result.unchanged]) for (const file of files) terminal.out(workspace.display(file));
        };
        if (flags.watch) {
          // Runs until Ctrl-C, which closes the browser and exits 130 (onInterrupt).
          const { watchBuild } = await import('../../preview/rebuild.js');
          let first = true;
          await watchBuild({
            ...options,
            onBuilt: (result) => {
              report(result, !first);
              first = false;
            },
            onFailure: (error) => terminal.err(`pgo-kit : ${error.message}`),
            onChange: (changed, rebuilt) => terminal.note(`Modifié : ${changed.map((file) => workspace.display(file)).join(', ')} → nouvelle production : ${rebuilt.join(', ')}`),
            onIdle: () => terminal.note('En attente de modifications (Ctrl-C pour arrêter)…'),
          });
          await new Promise<never>(() => undefined);
        }
        // Loaded here: validate, list and --help never pay for templates, PDF and QR code modules.
        const { build } = await import('../../build.js');
        const result = await build(options);
        report(result, false);
        if (terminal.verbose || process.env.PGO_KIT_PROFIL === '1') printProfile(terminal, startup, result.profile);
        context.setExitCode(result.invalid.length > 0 ? ExitCode.invalidData : ExitCode.ok);
      } finally {
        release();
      }
    });
}
