import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import { createWorkspace } from '../../model/workspace.js';
import type { PdfPrinter } from '../../pdf/printer.js';
import { addPrintingOptions, onInterrupt, printingOptions, type PrintingFlags } from './printing.js';
import type { CommandContext } from './shared.js';

export function registerSynthese(program: Command, context: CommandContext): void {
  const command = program
    .command('synthese')
    .description('consolider les restitutions du dossier restitutions/ : synthese.pdf et synthese.csv')
    .option('-o, --out <dossier>', 'dossier de sortie (kits par défaut)');
  addPrintingOptions(command, 'tout refaire, même si aucune restitution n’a changé').action(
    async (flags: PrintingFlags) => {
      const { terminal } = context;
      const workspace = createWorkspace();
      const printing = printingOptions(flags, workspace, terminal);
      // Loaded here: --help and the other commands never pay for templates and PDF modules.
      const { buildSynthese } = await import('../../results.js');
      let printer: PdfPrinter | undefined;
      const release = onInterrupt(
        () => printer,
        terminal,
        (file) => workspace.display(file),
      );
      try {
        const result = await buildSynthese({
          ...printing,
          onPrinter: (created) => {
            printer = created;
          },
        });
        for (const { file, issues } of result.invalid) {
          const errors = issues.filter((issue) => issue.severity === 'error').length;
          terminal.err(`${file} : ${errors} erreur(s), la synthèse n’a pas été écrite.`);
        }
        for (const file of result.files) terminal.out(workspace.display(file));
        context.setExitCode(result.invalid.length > 0 ? ExitCode.invalidData : ExitCode.ok);
      } finally {
        release();
      }
    },
  );
}
