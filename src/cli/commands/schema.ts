import type { Command } from 'commander';
import { outFolder, type CommandContext } from './shared.js';

export function registerSchema(program: Command, context: CommandContext): void {
  program
    .command('schema')
    .description('écrire les schémas JSON des fichiers YAML, pour la complétion dans votre éditeur')
    .option('-o, --out <dossier>', 'dossier où écrire les schémas (schemas par défaut)')
    .action(async (flags: { out?: string }) => {
      // Loaded here: `--help` never pays for zod's JSON Schema generator.
      const path = await import('node:path');
      const { JSON_SCHEMAS, renderJsonSchemas } = await import('../../model/json-schemas.js');
      const { writeFilesAtomically } = await import('../../output/atomic-write.js');
      const { EnvironmentError } = await import('../../errors.js');
      const { prepareOutputFolder, writeFailureReason } = await import('../../output/output-folder.js');
      const folder = path.resolve(outFolder(flags.out, 'schemas'));
      const relative = path.relative(process.cwd(), folder) || '.';
      const shown = relative.startsWith('..') ? folder : relative;
      // The same check as every command that writes: /proc, a file, a read-only folder are said at once, with their cause.
      prepareOutputFolder(folder, shown, 'le dossier des schémas');
      const rendered = renderJsonSchemas();
      try {
        await writeFilesAtomically(
          rendered.map((schema) => ({ target: path.join(folder, schema.file), data: schema.text })),
        );
      } catch (error) {
        throw new EnvironmentError(
          `impossible d’écrire les schémas dans ${shown} : ${writeFailureReason((error as NodeJS.ErrnoException).code)}`,
          error,
        );
      }
      for (const entry of JSON_SCHEMAS) {
        context.terminal.out(`${path.join(shown, entry.file).split(path.sep).join('/')}  (${entry.files})`);
      }
      context.terminal.note(
        `Pour l’éditeur : en première ligne d’un fichier YAML, « # yaml-language-server: $schema=<chemin du schéma> » (extension YAML de VS Code).`,
      );
    });
}
