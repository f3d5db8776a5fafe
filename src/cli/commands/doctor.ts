import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import type { CommandContext } from './shared.js';

export function registerDoctor(program: Command, context: CommandContext): void {
  program
    .command('doctor')
    .description('vérifier ce qu’il faut pour produire un kit : Node.js, navigateur, polices, dossier de sortie')
    .option('-o, --out <dossier>', 'dossier de sortie à vérifier (kits par défaut)')
    .option('--browser <chemin>', 'chemin du navigateur à vérifier')
    .action(async (flags: { out?: string; browser?: string }) => {
      // Loaded here: `--help` never pays for the checks.
      const { runChecks } = await import('./doctor-run.js');
      const checks = await runChecks({ outDir: flags.out ?? 'kits', browser: flags.browser });
      const { out, err } = context.terminal;
      for (const check of checks) {
        const line = `${check.ok ? '✓' : '✗'} ${check.label} : ${check.detail}`;
        if (check.ok) out(line);
        else err(line);
        if (!check.ok && check.fix) err(`    → ${check.fix}`);
      }
      const ready = checks.every((check) => check.ok);
      if (ready) out('Tout est prêt : pgo-kit build --academie <slug> (la liste des académies : pgo-kit list)');
      else err('pgo-kit ne peut pas encore produire de PDF sur cette machine : corrigez les points marqués ✗.');
      context.setExitCode(ready ? ExitCode.ok : ExitCode.environment);
    });
}
