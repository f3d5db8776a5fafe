import type { Command } from 'commander';
import { ExitCode, notYetSaid, ValidationError } from '../../errors.js';
import { academyTitle, plural } from '../../core/french.js';
import { formatClock, parseClock, totalMinutes } from '../../core/schedule.js';
import { createWorkspace, listOwn, misnamedYamlFiles } from '../../model/workspace.js';
import { selectAcademies } from '../select.js';
import { printIssues } from '../terminal.js';
import { isLabFolder, sourceOf, wayOut } from '../source-note.js';
import { collect, type CommandContext } from './shared.js';

export function registerValidate(program: Command, context: CommandContext): void {
  program
    .command('validate')
    .description('vérifier les fichiers YAML sans rien produire (toutes les académies par défaut)')
    .option('-a, --academie <slug>', 'académie à vérifier (répétable)', collect)
    .option('--all', 'vérifier toutes les académies')
    .action(async (flags: { academie?: string[]; all?: boolean }) => {
      // Loaded here: --help and the other commands never pay for zod and the YAML parser.
      const { createLoader } = await import('../../load.js');
      const { terminal } = context;
      const workspace = createWorkspace();
      const loader = createLoader(workspace);
      let invalid = 0;
      // Theme and agenda problems are shared by every academy: say them once.
      const reported = new Set<string>();
      /** An invalid file: its problems not said yet, then one line naming it. Anything else is not ours to report here. */
      const reportInvalid = (error: unknown, name: string) => {
        if (!(error instanceof ValidationError)) throw error;
        invalid++;
        printIssues(terminal, notYetSaid(error.issues, reported));
        terminal.err(`✗ ${name} : données invalides`);
      };
      // In a lab's folder with its own academies, `validate` alone checks the lab's files, not the package's 30.
      const own = flags.all || (flags.academie?.length ?? 0) > 0 ? [] : listOwn(workspace, 'academies', '.yaml');
      const slugs = own.length > 0 ? own : selectAcademies(workspace, flags, { required: false });
      // A lab's `x.yml` or `x.YAML` is never read: said, rather than silently left out.
      const misnamed = (['academies', 'themes', 'agendas', 'restitutions'] as const).flatMap((folder) =>
        misnamedYamlFiles(workspace, folder),
      );
      printIssues(terminal, misnamed);
      if (misnamed.length > 0) invalid++;
      // Every theme file is checked, even one that no academy offers.
      const themeIssues = loader.themeIssues();
      printIssues(terminal, themeIssues);
      themeIssues.forEach((issue) => reported.add(JSON.stringify(issue)));
      if (themeIssues.some((issue) => issue.severity === 'error')) invalid++;
      // What build refuses in the lab's templates (a link that leads outside the workspace), validate says too: no academy gets its ✓.
      const refusedTemplates = workspace.refusedEntries('templates');
      if (slugs.length === 0 && refusedTemplates.length > 0)
        reportInvalid(new ValidationError(refusedTemplates), 'templates');
      for (const slug of slugs) {
        try {
          const model = loader.load(slug);
          if (refusedTemplates.length > 0) throw new ValidationError([...refusedTemplates, ...model.warnings]);
          printIssues(terminal, notYetSaid(model.warnings, reported));
          const start = parseClock(model.academy.session.debut);
          const end = formatClock(start + totalMinutes(model.phases));
          terminal.out(
            `✓ ${model.file} : ${academyTitle(model.academy.academie)}, ${plural(model.themes.length, 'thématique')}, ${plural(model.phases.length, 'phase')}, ${formatClock(start)} – ${end}`,
          );
        } catch (error) {
          reportInvalid(error, slug);
        }
      }
      // Each ✓ line names its file; a shipped copy read outside a lab's folder gets the way to one's own.
      const sources = slugs.flatMap((slug) => sourceOf(workspace, 'academies', slug) ?? []);
      for (const line of wayOut(sources, isLabFolder(workspace))) terminal.note(line);
      // The lab's restitutions (after the workshop) are checked the same way, against their academy's session.
      const restitutions = listOwn(workspace, 'restitutions', '.yaml').filter(
        (slug) => !flags.academie?.length || flags.academie.includes(slug),
      );
      if (restitutions.length > 0) {
        const { loadRestitution } = await import('../../load.js');
        for (const slug of restitutions) {
          try {
            const file = workspace.resolve('restitutions', `${slug}.yaml`);
            if (!file) continue;
            const model = loadRestitution(workspace, file, (academy) => loader.load(academy));
            // A draft is valid data, not yet ready to send: its reasons are said, as warnings.
            printIssues(terminal, [
              ...model.warnings,
              ...model.draft.map((issue) => ({ ...issue, severity: 'warning' as const })),
            ]);
            const draft =
              model.draft.length > 0
                ? ` (brouillon : ${plural(model.draft.length, 'point')} à reprendre avant l’envoi)`
                : '';
            terminal.out(
              `✓ ${model.file} : ${plural(model.restitution.engagements?.length ?? 0, 'engagement')}${draft}`,
            );
          } catch (error) {
            reportInvalid(error, `restitutions/${slug}.yaml`);
          }
        }
      }
      context.setExitCode(invalid > 0 ? ExitCode.invalidData : ExitCode.ok);
    });
}
