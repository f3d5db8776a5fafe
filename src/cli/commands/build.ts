import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { removePendingTemporaryFiles } from '../../output/atomic-write.js';
import type { PdfPrinter } from '../../pdf/printer.js';
import type { BuildOptions, BuildResult } from '../../build.js';
import { createWorkspace } from '../../model/workspace.js';
import { selectAcademies } from '../select.js';
import { printIssues, type Terminal } from '../terminal.js';
import { collect, type CommandContext } from './shared.js';

interface BuildFlags {
  academie?: string[];
  all?: boolean;
  out?: string;
  html?: boolean;
  browser?: string;
  watch?: boolean;
}

/** PGO_KIT_DELAI: seconds allowed per document (60 by default), for slow machines. */
function timeoutFromEnvironment(): number | undefined {
  const seconds = Number(process.env.PGO_KIT_DELAI);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** Ctrl-C during a build: no partial file, no browser left behind, exit 130. */
export function onInterrupt(getPrinter: () => PdfPrinter | undefined, terminal: Terminal): () => void {
  const handler = (signal: NodeJS.Signals) => {
    terminal.err('\nInterrompu : aucun fichier partiel n’a été laissé, les PDF précédents sont intacts.');
    removePendingTemporaryFiles();
    const printer = getPrinter();
    const exit = () => process.exit(signal === 'SIGINT' ? 130 : 143);
    if (!printer) exit();
    else void printer.close().finally(exit);
    setTimeout(() => {
      printer?.killNow();
      exit();
    }, 3_000).unref();
  };
  const last = () => getPrinter()?.killNow();
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  process.once('exit', last);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
    process.off('exit', last);
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
    .action(async (flags: BuildFlags) => {
      const { terminal } = context;
      const workspace = createWorkspace();
      const slugs = selectAcademies(workspace, flags, { required: true });
      let printer: PdfPrinter | undefined;
      const release = onInterrupt(() => printer, terminal);
      try {
        const options: BuildOptions = {
          workspace,
          slugs,
          outDir: flags.out ?? 'kits',
          html: flags.html ?? false,
          browser: flags.browser,
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
          for (const { files } of result.built) for (const file of files) terminal.out(workspace.display(file));
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
        context.setExitCode(result.invalid.length > 0 ? ExitCode.invalidData : ExitCode.ok);
      } finally {
        release();
      }
    });
}
