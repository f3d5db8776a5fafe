import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import type { BuildProfile } from '../../build.js';
import { ExitCode } from '../../errors.js';
import { readConfig } from '../../config.js';
import type { PdfPrinter } from '../../pdf/printer.js';
import type { BuildOptions, BuildResult } from '../../build.js';
import { createWorkspace, misnamedYamlFiles, type Workspace } from '../../model/workspace.js';
import { selectAcademies } from '../select.js';
import { academySourceLines } from '../source-note.js';
import { printIssues, type Terminal } from '../terminal.js';
import { addPrintingOptions, onInterrupt, printingOptions, type PrintingFlags } from './printing.js';
import { collect, type CommandContext } from './shared.js';

export { interruptionMessage, onInterrupt } from './printing.js';

/** --all means every academy file: a lab's `x.yml` or `x.YAML`, never read, is said first rather than left out unsaid. */
function sayMisnamedAcademies(terminal: Terminal, workspace: Workspace): void {
  printIssues(
    terminal,
    misnamedYamlFiles(workspace, 'academies').map((issue) => ({ ...issue, severity: 'warning' as const })),
  );
}

interface BuildFlags extends PrintingFlags {
  academie?: string[];
  all?: boolean;
  watch?: boolean;
  grosCaracteres?: boolean;
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
  const s = (value: number) =>
    `${value.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0s`;
  terminal.err(
    `Profil : démarrage ${s(startup)}, ${PROFILE_STEPS.map(([key, label]) => `${label} ${s(profile[key])}`).join(', ')}, total ${s(startup + profile.total)}`,
  );
  terminal.err(
    '(le lancement du navigateur chevauche les modèles ; l’impression comprend la finition et l’écriture des kits déjà prêts)',
  );
}

/** `build --watch`: the first build, then one per save, each said as it goes. */
async function watch(
  options: BuildOptions,
  terminal: Terminal,
  workspace: Workspace,
  report: (result: BuildResult, kept: boolean) => void,
): Promise<void> {
  const { watchBuild } = await import('../../preview/rebuild.js');
  let first = true;
  await watchBuild({
    ...options,
    onBuilt: (result) => {
      report(result, !first);
      first = false;
    },
    onFailure: (error) => terminal.err(`pgo-kit : ${error.message}`),
    onRefused: (issues) => {
      printIssues(terminal, issues);
      terminal.err('Rien n’a été produit : les PDF précédents sont conservés.');
    },
    onChange: (changed, rebuilt) =>
      terminal.note(
        `Modifié : ${changed.map((file) => workspace.display(file)).join(', ')} → nouvelle production : ${rebuilt.join(', ')}`,
      ),
    onIdle: () => terminal.note('En attente de modifications (Ctrl-C pour arrêter)…'),
  });
}

export function registerBuild(program: Command, context: CommandContext): void {
  const command = program
    .command('build')
    .description('produire les PDF du kit (déroulé, supports, conseils) pour une ou plusieurs académies')
    .option('-a, --academie <slug>', 'académie à produire (répétable), par exemple limoges', collect)
    .option('--all', 'produire toutes les académies')
    .option('-o, --out <dossier>', 'dossier de sortie (kits par défaut)')
    .option(
      '--gros-caracteres',
      'écrire aussi gros-caracteres.pdf : les fiches des participants en gros caractères (exemplaires : clé gros_caracteres, 1 sinon)',
    )
    .option(
      '-w, --watch',
      'après la production, refaire les PDF des académies concernées à chaque enregistrement (Ctrl-C pour arrêter)',
    );
  addPrintingOptions(command, 'tout reconstruire, même les kits dont rien n’a changé').action(
    async (flags: BuildFlags) => {
      const { terminal } = context;
      const workspace = createWorkspace();
      const slugs = selectAcademies(workspace, flags, { required: true });
      if (flags.all) sayMisnamedAcademies(terminal, workspace);
      const printing = printingOptions(flags, workspace, terminal);
      for (const line of academySourceLines(workspace, slugs)) terminal.note(line);
      const startup = performance.now() / 1000;
      let printer: PdfPrinter | undefined;
      const release = onInterrupt(
        () => printer,
        terminal,
        (file) => workspace.display(file),
      );
      try {
        const options: BuildOptions = {
          ...printing,
          slugs,
          largePrint: flags.grosCaracteres ?? false,
          onPrinter: (created) => {
            printer = created;
          },
        };
        const report = (result: BuildResult, kept: boolean) => {
          for (const { slug, issues } of result.invalid) {
            const errors = issues.filter((issue) => issue.severity === 'error').length;
            terminal.err(
              `${slug} : ${errors} erreur(s), ${kept ? 'les PDF précédents sont conservés' : 'rien n’a été écrit pour cette académie'}.`,
            );
          }
          for (const { files } of [...result.built, ...result.unchanged])
            for (const file of files) terminal.out(workspace.display(file));
        };
        if (flags.watch) {
          // Runs until Ctrl-C, which closes the browser and exits 130 (onInterrupt).
          await watch(options, terminal, workspace, report);
          await new Promise<never>(() => undefined);
        }
        // Loaded here: validate, list and --help never pay for templates, PDF and QR code modules.
        const { build } = await import('../../build.js');
        const result = await build(options);
        report(result, false);
        if (terminal.verbose || readConfig().profile) printProfile(terminal, startup, result.profile);
        context.setExitCode(result.invalid.length > 0 ? ExitCode.invalidData : ExitCode.ok);
      } finally {
        release();
      }
    },
  );
}
