import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { createWorkspace } from '../../model/workspace.js';
import type { PdfPrinter } from '../../pdf/printer.js';
import { printIssues } from '../terminal.js';
import { onInterrupt } from './build.js';
import type { CommandContext } from './shared.js';

export function registerSynthese(program: Command, context: CommandContext): void {
  program
    .command('synthese')
    .description('consolider les restitutions du dossier restitutions/ : synthese.pdf et synthese.csv')
    .option('-o, --out <dossier>', 'dossier de sortie (kits par défaut)')
    .option('--browser <chemin>', 'chemin de Chrome ou Chromium à utiliser')
    .action(async (flags: { out?: string; browser?: string }) => {
      const { terminal } = context;
      const workspace = createWorkspace();
      // Loaded here: --help and the other commands never pay for templates and PDF modules.
      const { buildSynthese } = await import('../../results.js');
      let printer: PdfPrinter | undefined;
      const release = onInterrupt(() => printer, terminal);
      try {
        const seconds = Number(process.env.PGO_KIT_DELAI);
        const result = await buildSynthese({
          workspace,
          outDir: flags.out ?? 'kits',
          browser: flags.browser,
          timeoutMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
          reporter: { progress: (line) => terminal.note(line), issues: (issues) => printIssues(terminal, issues) },
          onPrinter: (created) => {
            printer = created;
          },
        });
        for (const file of result.files) terminal.out(workspace.display(file));
        context.setExitCode(ExitCode.ok);
      } finally {
        release();
      }
    });
}
