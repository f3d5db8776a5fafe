/**
 * After the workshop, as library calls: `restitution` turns each academy's
 * restitutions/<slug>.yaml into one unit of work (restitution.pdf and the
 * exports, in the kit's folder beside the kit, which it never touches);
 * `synthese` consolidates every restitution of the working folder into one
 * unit. Both go through the kit's runner (src/run/runner.ts).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readablePath, UsageError, ValidationError, type Issue } from './errors.js';
import { decidimCsv, decidimJson } from './core/decidim.js';
import {
  decidimProposals,
  engagementsCsv,
  engagementsFile,
  participantsView,
  restitutionView,
} from './core/restitution.js';
import { createLoader, loadRestitution, type RestitutionModel } from './load.js';
import { SLUG_PATTERN } from './model/schemas.js';
import { listOwn, type Workspace } from './model/workspace.js';
import { unitKey } from './output/kit-cache.js';
import { workspaceAssetUrl } from './render/assets.js';
import {
  participantsJob,
  restitutionJob,
  syntheseJob,
  type ResultDocumentJob,
} from './render/restitution-documents.js';
import { loadEach, type BuildReporter } from './build.js';
import { runUnits, type PrintedDocument, type RunOptions, type RunProfile, type Unit } from './run/runner.js';

export interface ResultsOptions extends Omit<RunOptions, 'reporter'> {
  /** Output folder (the kit's, `kits` by default). */
  outDir: string;
  reporter: BuildReporter;
}

/** Decidim's default locale when `--langue-decidim` is not given. */
export const DEFAULT_DECIDIM_LOCALE = 'fr';

/** A draft's reasons as its restitution.pdf lists them: where, then what. */
function draftLines(model: RestitutionModel): string[] {
  return model.draft.map(
    (issue) =>
      `${issue.line === undefined ? '' : `ligne ${issue.line} · `}${issue.path ? `${readablePath(issue.path)} : ` : ''}${issue.message}`,
  );
}

/** The restitution's stamp: beside the kit's own, so that neither touches the other's files. */
export const RESTITUTION_STAMP = '.pgo-kit-restitution.json';
export const SYNTHESE_STAMP = '.pgo-kit-synthese.json';

/** The restitution files of the working folder only: the package's worked example is not a lab's data. */
export function workspaceRestitutions(workspace: Workspace): string[] {
  return listOwn(workspace, 'restitutions', '.yaml');
}

/** restitutions/<slug>.yaml, from the working folder, else the package's worked example. */
function restitutionFile(workspace: Workspace, slug: string): string {
  if (!SLUG_PATTERN.test(slug)) {
    throw new UsageError(
      `identifiant d’académie invalide « ${slug} » : lettres minuscules sans accent, chiffres et tirets seulement`,
    );
  }
  const file = workspace.resolve('restitutions', `${slug}.yaml`);
  if (!file)
    throw new UsageError(
      `aucune restitution pour « ${slug} » : créez-la avec pgo-kit restitution init --academie ${slug}`,
    );
  return file;
}

function loadAll(workspace: Workspace, files: readonly string[], reporter: BuildReporter) {
  const loader = createLoader(workspace);
  const { models, invalid } = loadEach(
    files,
    (file) => loadRestitution(workspace, file, (slug) => loader.load(slug)),
    reporter,
  );
  return { models, invalid: invalid.map(({ item, issues }) => ({ file: workspace.display(item), issues })) };
}

/** A result document for the runner. */
function resultDocument(job: ResultDocumentJob, metadata: PrintedDocument['metadata']): PrintedDocument {
  return { id: job.id, file: job.file, template: job.template, context: () => job.context, metadata, outline: true };
}

/**
 * One academy's restitution as a unit of work, in <outDir>/<slug>/:
 * restitution.pdf for the OGP team, restitution-participants.pdf for the
 * participants, the exports. A draft (src/core/draft.ts) gets its
 * restitution.pdf only, marked « brouillon »: nothing that is sent on is
 * written, and the unit fails with the draft's reasons (exit 1).
 */
export function restitutionUnit(
  workspace: Workspace,
  model: RestitutionModel,
  outDir: string,
  locale = DEFAULT_DECIDIM_LOCALE,
): Unit {
  const draft = model.draft.length > 0;
  const view = restitutionView(model, workspaceAssetUrl, draftLines(model));
  const job = restitutionJob(view);
  const author = view.academie.lab ?? view.academie.titre;
  const documents = [
    resultDocument(job, {
      title: `${job.titre} — ${view.academie.titre}${draft ? ' (brouillon)' : ''}`,
      author,
      subject: job.sujet,
      keywords: [view.academie.titre, 'restitution', 'engagements'],
    }),
  ];
  if (!draft) {
    const participants = participantsJob(participantsView(model, workspaceAssetUrl));
    documents.push(
      resultDocument(participants, {
        title: `${participants.titre} — ${view.academie.titre}`,
        author,
        subject: participants.sujet,
        keywords: [view.academie.titre, 'restitution', 'participants'],
      }),
    );
  }
  return {
    id: model.slug,
    title: view.academie.titre,
    noun: 'la restitution',
    directory: path.resolve(workspace.root, outDir, model.slug),
    stamp: RESTITUTION_STAMP,
    key: unitKey(
      workspace,
      model.academy.identity,
      'restitution',
      model.slug,
      locale,
      model.restitution,
      model.academy.academy,
      model.academy.agenda,
      model.academy.themes,
    ),
    documents,
    files: () => {
      if (draft) return [];
      const exported = engagementsFile(model);
      const proposals = decidimProposals(model, locale);
      return [
        { file: 'engagements.json', data: `${JSON.stringify(exported, null, 2)}\n` },
        { file: 'engagements.csv', data: engagementsCsv(exported) },
        { file: 'decidim-propositions.csv', data: decidimCsv(proposals, locale) },
        { file: 'decidim-propositions.json', data: decidimJson(proposals) },
      ];
    },
    labFiles: Object.values(model.academy.identity),
    ...(draft ? { failure: model.draft } : {}),
  };
}

export interface RestitutionResult {
  built: { slug: string; files: string[] }[];
  unchanged: { slug: string; files: string[] }[];
  invalid: { file: string; issues: Issue[] }[];
  /** Written, but not good to hand on (a draft): the command exits 1. */
  failed: { slug: string; issues: Issue[] }[];
  profile: RunProfile;
}

/** `slugs`: the academies asked for; `locale`: the Decidim organisation's default locale (`fr` unless told). */
export async function buildRestitutions(
  options: ResultsOptions & { slugs: readonly string[]; locale?: string | undefined },
): Promise<RestitutionResult> {
  const { workspace, reporter } = options;
  const started = performance.now();
  const files = options.slugs.map((slug) => restitutionFile(workspace, slug));
  const { models, invalid } = loadAll(workspace, files, reporter);
  const load = (performance.now() - started) / 1000;
  const run = await runUnits(
    models.map((model) => restitutionUnit(workspace, model, options.outDir, options.locale)),
    options,
  );
  run.profile.load = load;
  const bySlug = ({ id, ...rest }: { id: string }) => ({ slug: id, ...rest });
  return {
    built: run.built.map(bySlug) as RestitutionResult['built'],
    unchanged: run.unchanged.map(bySlug) as RestitutionResult['unchanged'],
    failed: run.failed.map(bySlug) as RestitutionResult['failed'],
    invalid,
    profile: run.profile,
  };
}

export interface SyntheseResult {
  files: string[];
  academies: string[];
  /** Restitutions left out because they are drafts, named in synthese.pdf. */
  drafts: string[];
  /** Already up to date: nothing was written. */
  unchanged: boolean;
}

/** Every restitution of the working folder, consolidated; one invalid file and nothing is written. */
export async function buildSynthese(options: ResultsOptions): Promise<SyntheseResult> {
  const { workspace, reporter } = options;
  const slugs = workspaceRestitutions(workspace);
  if (slugs.length === 0) {
    throw new UsageError(
      'aucune restitution dans le dossier restitutions/ du dossier courant : créez-en une avec pgo-kit restitution init --academie <slug>',
    );
  }
  const files = slugs.flatMap((slug) => workspace.resolve('restitutions', `${slug}.yaml`) ?? []);
  const { models, invalid } = loadAll(workspace, files, reporter);
  if (invalid.length > 0) throw new ValidationError(invalid.flatMap((entry) => entry.issues));
  const [{ syntheseView, syntheseCsv }, { fra }, { createStopwords }] = await Promise.all([
    import('./core/synthese.js'),
    import('stopword'),
    import('./core/similarity.js'),
  ]);
  // A draft is counted apart and named, never mixed in.
  const complete = models.filter((model) => model.draft.length === 0);
  const drafts = models.filter((model) => model.draft.length > 0);
  for (const model of drafts) {
    reporter.issues([
      {
        file: model.file,
        path: '',
        message: `brouillon (${model.draft.length} point${model.draft.length > 1 ? 's' : ''} à reprendre) : laissé hors de la synthèse, et nommé à part dans synthese.pdf (le détail : pgo-kit restitution --academie ${model.slug})`,
        severity: 'warning',
      },
    ]);
  }
  const view = syntheseView(
    complete,
    createStopwords(fra),
    drafts.map((model) => ({
      slug: model.slug,
      academie: model.academy.academy.academie,
      file: model.file,
      raisons: model.draft.length,
    })),
  );
  const job = syntheseJob(view);
  const unit: Unit = {
    id: 'synthese',
    title: `Synthèse de ${view.totaux.academies} académie(s), ${view.totaux.engagements} engagement(s)`,
    noun: 'la synthèse',
    directory: path.resolve(workspace.root, options.outDir),
    stamp: SYNTHESE_STAMP,
    key: unitKey(
      workspace,
      {},
      'synthese',
      models.map((model) => [
        model.slug,
        model.restitution,
        model.academy.academy,
        model.academy.agenda,
        model.academy.themes,
      ]),
    ),
    documents: [
      resultDocument(job, {
        title: job.titre,
        author: 'pgo-kit',
        subject: job.sujet,
        keywords: ['synthèse', 'engagements'],
      }),
    ],
    files: () => [{ file: 'synthese.csv', data: syntheseCsv(view) }],
    labFiles: [],
  };
  const run = await runUnits([unit], options);
  const made = run.built[0] ?? run.unchanged[0];
  return {
    files: made?.files ?? [],
    academies: complete.map((model) => model.slug),
    drafts: drafts.map((model) => model.slug),
    unchanged: run.unchanged.length > 0,
  };
}
