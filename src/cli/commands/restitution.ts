import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EnvironmentError, ExitCode, UsageError } from '../../errors.js';
import { assertAcademyExists } from '../../model/slug.js';
import { createWorkspace } from '../../model/workspace.js';
import { writeFilesAtomically } from '../../output/atomic-write.js';
import type { PdfPrinter } from '../../pdf/printer.js';
import { academySourceLines, isLabFolder, sourceLines, sourceOf } from '../source-note.js';
import { addPrintingOptions, onInterrupt, printingOptions, type PrintingFlags } from './printing.js';
import { collect, WORKSPACE_SCHEMA_FOLDER, type CommandContext } from './shared.js';

interface RestitutionFlags extends PrintingFlags {
  academie?: string[];
  all?: boolean;
  langueDecidim?: string;
}

/** A Decidim locale code: `fr`, `en`, `pt-BR`… (the same test as src/core/decidim.ts, without loading it for --help). */
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/;

/** As `init` does: the schemas go beside the lab's files, so the file's first line works whatever the install path. */
export const RESTITUTION_SCHEMA_REF = `../${WORKSPACE_SCHEMA_FOLDER}/restitution.schema.json`;

async function init(context: CommandContext, flags: RestitutionFlags): Promise<void> {
  const { terminal } = context;
  const workspace = createWorkspace();
  const named = flags.academie ?? [];
  if (named.length !== 1 || flags.all)
    throw new UsageError('restitution init attend une seule académie : pgo-kit restitution init --academie limoges');
  const slug = named[0] ?? '';
  assertAcademyExists(workspace, slug);
  const target = path.join(workspace.root, 'restitutions', `${slug}.yaml`);
  if (existsSync(target) && !flags.force) {
    terminal.err(
      `pgo-kit : ${workspace.display(target)} existe déjà : rien n’a été modifié (pour le remplacer : --force)`,
    );
    context.setExitCode(ExitCode.invalidData);
    return;
  }
  // Loaded here: --help and the other commands never pay for zod and the YAML parser.
  const { createLoader } = await import('../../load.js');
  // The session the scaffold is filled from: from the wrong folder, it is pgo-kit's copy, and that is worth saying.
  for (const line of academySourceLines(workspace, [slug])) terminal.note(line);
  const model = createLoader(workspace).load(slug);
  // Loaded here: only init needs the scaffold and the JSON Schemas.
  const [{ restitutionScaffold }, { renderJsonSchemas }] = await Promise.all([
    import('../../core/restitution-scaffold.js'),
    import('../../model/json-schemas.js'),
  ]);
  const text = restitutionScaffold({
    slug,
    academie: model.academy.academie,
    date: model.academy.session.date ?? null,
    themes: model.themes.map((theme) => ({ id: theme.id, titre: theme.titre })),
    retainedThemeCount: model.agenda.themes_retenus,
    schemaUrl: RESTITUTION_SCHEMA_REF,
  });
  const schemaFolder = path.join(workspace.root, WORKSPACE_SCHEMA_FOLDER);
  try {
    await writeFilesAtomically([
      { target, data: text },
      ...renderJsonSchemas().map((schema) => ({ target: path.join(schemaFolder, schema.file), data: schema.text })),
    ]);
  } catch (error) {
    const { writeFailureReason } = await import('../../output/output-folder.js');
    throw new EnvironmentError(
      `impossible d’écrire ${workspace.display(target)} : ${writeFailureReason((error as NodeJS.ErrnoException).code)}`,
      error,
    );
  }
  terminal.out(workspace.display(target));
  terminal.note(`Recopiez-y ce que l’atelier a produit, puis : pgo-kit restitution --academie ${slug}`);
}

async function produce(context: CommandContext, flags: RestitutionFlags): Promise<void> {
  const { terminal } = context;
  const workspace = createWorkspace();
  const named = flags.academie ?? [];
  if (flags.all && named.length > 0)
    throw new UsageError('choisissez soit --all, soit une ou plusieurs --academie, pas les deux');
  if (!flags.all && named.length === 0)
    throw new UsageError('indiquez au moins une académie (--academie limoges) ou --all');
  const locale = flags.langueDecidim ?? 'fr';
  if (!LOCALE.test(locale))
    throw new UsageError(
      `code de langue invalide pour --langue-decidim « ${locale} » : la langue par défaut de l’organisation Decidim, par exemple fr, en ou pt-BR`,
    );
  const printing = printingOptions(flags, workspace, terminal);
  // Loaded here: --help and the other commands never pay for templates and PDF modules.
  const { buildRestitutions, restitutionFile, workspaceRestitutions } = await import('../../results.js');
  const slugs = flags.all ? workspaceRestitutions(workspace) : [...new Set(named)];
  if (slugs.length === 0)
    throw new UsageError(
      'aucune restitution dans le dossier restitutions/ : créez-en une avec pgo-kit restitution init --academie <slug>',
    );
  // A slug without a restitution for this lab is said before the files read are named.
  for (const slug of slugs) restitutionFile(workspace, slug);
  const sources = slugs.flatMap((slug) => sourceOf(workspace, 'restitutions', slug) ?? []);
  for (const line of sourceLines(sources, isLabFolder(workspace), 'Restitution', 'pgo-kit restitution init --academie'))
    terminal.note(line);
  let printer: PdfPrinter | undefined;
  const release = onInterrupt(
    () => printer,
    terminal,
    (file) => workspace.display(file),
  );
  try {
    const result = await buildRestitutions({
      ...printing,
      slugs,
      locale,
      onPrinter: (created) => {
        printer = created;
      },
    });
    for (const { file, issues } of result.invalid) {
      const errors = issues.filter((issue) => issue.severity === 'error').length;
      terminal.err(`${file} : ${errors} erreur(s), rien n’a été écrit pour cette académie.`);
    }
    for (const { slug, issues } of result.failed) {
      terminal.err(
        `${issues[0]?.file ?? `restitutions/${slug}.yaml`} : brouillon (${issues.length} point${issues.length > 1 ? 's' : ''} à reprendre, ci-dessus) — restitution.pdf est écrit, marqué « brouillon » ; ni restitution-participants.pdf, ni engagements.*, ni decidim-propositions.* tant que le fichier n’est pas rempli.`,
      );
    }
    for (const { files } of [...result.built, ...result.unchanged])
      for (const file of files) terminal.out(workspace.display(file));
    context.setExitCode(result.invalid.length > 0 || result.failed.length > 0 ? ExitCode.invalidData : ExitCode.ok);
  } finally {
    release();
  }
}

export function registerRestitution(program: Command, context: CommandContext): void {
  // One command with an optional « init » word rather than a subcommand: both take --academie,
  // and commander would give a subcommand's options to its parent.
  const command = program
    .command('restitution')
    .argument('[init]', '« init » pour créer restitutions/<slug>.yaml, pré-rempli à partir de la session')
    .description('après l’atelier : la restitution (PDF), les engagements (JSON, CSV) et les propositions pour Decidim')
    .option('-a, --academie <slug>', 'académie dont restitutions/<slug>.yaml est à produire (répétable)', collect)
    .option('--all', 'toutes les restitutions du dossier restitutions/')
    .option('-o, --out <dossier>', 'dossier de sortie (kits par défaut) : les fichiers vont dans <dossier>/<slug>/')
    .option(
      '--langue-decidim <code>',
      'langue par défaut de l’organisation Decidim : colonnes title/<code> et body/<code> (fr par défaut)',
    );
  addPrintingOptions(
    command,
    'tout refaire, même les restitutions dont rien n’a changé ; avec init : remplacer un fichier existant',
  ).action(async (verb: string | undefined, flags: RestitutionFlags) => {
    if (verb === undefined) return produce(context, flags);
    if (verb === 'init') return init(context, flags);
    throw new UsageError(
      `argument inconnu « ${verb} » : seul « init » est possible (pgo-kit restitution init --academie <slug>)`,
    );
  });
}
