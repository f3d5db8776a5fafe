import type { Command } from 'commander';
import { ExitCode } from '../../errors.js';
import type { CommandContext } from './shared.js';

interface InitFlags {
  nom?: string;
  force?: boolean;
}

export function registerInit(program: Command, context: CommandContext): void {
  program
    .command('init')
    .description('créer academies/<slug>.yaml dans le dossier courant, prêt à compléter')
    .argument('<slug>', 'identifiant de l’académie, par exemple limoges (la liste : pgo-kit list)')
    .option(
      '--nom <nom>',
      'nom de l’académie, pour un identifiant hors des 30 académies (sinon un nom provisoire tiré de l’identifiant)',
    )
    .option('--force', 'remplacer le fichier s’il existe déjà')
    .action(async (slug: string, flags: InitFlags) => {
      // Loaded here: `--help` never pays for the YAML and schema modules.
      const { initAcademy } = await import('./init-run.js');
      const written = await initAcademy({ slug, nom: flags.nom, force: flags.force ?? false });
      const { out } = context.terminal;
      out(`✓ ${written.file} créé : ${written.title}`);
      if (written.provisional) {
        context.terminal.note(
          `attention : « ${slug} » n’est pas l’une des 30 académies ; nom provisoire « ${written.provisional} » : corrigez la clé « academie » du fichier (ou relancez avec --nom "…" --force).`,
        );
      }
      out(
        `  (schémas pour l’éditeur dans ${written.schemas}/ : complétion et aide dans VS Code avec l’extension YAML)`,
      );
      out('');
      out('Complétez le fichier, puis :');
      out(`  pgo-kit validate --academie ${slug}`);
      out(`  pgo-kit build --academie ${slug}`);
      context.setExitCode(ExitCode.ok);
    });
}
