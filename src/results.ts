/**
 * After the workshop, as library calls: `restitution` turns each academy's
 * restitutions/<slug>.yaml into its documents (PDF, JSON, CSV, Decidim
 * import files), `synthese` consolidates every restitution of the working
 * folder. Same pipeline as the kit: load and validate → derive (pure) →
 * render → print with one shared browser → write atomically.
 */
import path from 'node:path';
import { EnvironmentError, UsageError, ValidationError, type Issue } from './errors.js';
import { decidimCsv, decidimJson } from './core/decidim.js';
import { decidimProposals, engagementsCsv, engagementsFile, restitutionView } from './core/restitution.js';
import { frenchTypography } from './core/typography.js';
import { createLoader, loadRestitution, type RestitutionModel } from './load.js';
import { SLUG_PATTERN } from './model/schemas.js';
import { listOwn, type Workspace } from './model/workspace.js';
import { writeFilesAtomically } from './output/atomic-write.js';
import { findBrowser } from './pdf/find-browser.js';
import { finishPdf } from './pdf/metadata.js';
import { PdfPrinter } from './pdf/printer.js';
import { createAssetResolver, workspaceAssetUrl } from './render/assets.js';
import { restitutionJob, syntheseJob, type ResultDocument, type ResultDocumentJob } from './render/restitution-documents.js';
import { createTemplateRenderer, type TemplateRenderer } from './render/render-pool.js';
import type { BuildReporter } from './build.js';

export interface ResultsOptions {
  workspace: Workspace;
  /** Output folder (the kit's, `kits` by default). */
  outDir: string;
  browser?: string | undefined;
  timeoutMs?: number | undefined;
  reporter: BuildReporter;
  onPrinter?: (printer: PdfPrinter) => void;
}

/** The restitution files of the working folder only: the package's worked example is not a lab's data. */
export function workspaceRestitutions(workspace: Workspace): string[] {
  return listOwn(workspace, 'restitutions', '.yaml');
}

/** restitutions/<slug>.yaml, from the working folder, else the package's worked example. */
function restitutionFile(workspace: Workspace, slug: string): string {
  if (!SLUG_PATTERN.test(slug)) {
    throw new UsageError(`identifiant d’académie invalide « ${slug} » : lettres minuscules sans accent, chiffres et tirets seulement`);
  }
  const file = workspace.resolve('restitutions', `${slug}.yaml`);
  if (!file) throw new UsageError(`aucune restitution pour « ${slug} » : créez-la avec pgo-kit restitution init --academie ${slug}`);
  return file;
}

function loadAll(workspace: Workspace, files: readonly string[], reporter: BuildReporter): { models: RestitutionModel[]; invalid: { file: string; issues: Issue[] }[] } {
  const loader = createLoader(workspace);
  const models: RestitutionModel[] = [];
  const invalid: { file: string; issues: Issue[] }[] = [];
  for (const file of files) {
    try {
      const model = loadRestitution(workspace, file, (slug) => loader.load(slug));
      reporter.issues(model.warnings);
      models.push(model);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      invalid.push({ file: workspace.display(file), issues: error.issues });
    }
  }
  return { models, invalid };
}

async function write(directory: string, files: { target: string; data: Uint8Array | string }[]): Promise<void> {
  try {
    // The files of one academy (or the synthesis) are replaced together; the kit's PDFs beside them are left alone.
    await writeFilesAtomically(files);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission refusée'
      : code === 'ENOSPC' ? 'disque plein'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'un fichier porte déjà ce nom'
      : 'écriture impossible';
    throw new EnvironmentError(`impossible d’écrire dans ${directory} : ${reason}`, error);
  }
}

/** Prints a result document and stamps it. */
type Print = (document: ResultDocument, author: string, keywords: string[]) => Promise<Uint8Array>;
/** Renders a result document; `slug` names the academy in a delay message. */
type Render = (job: ResultDocumentJob, slug?: string) => Promise<ResultDocument>;

/**
 * One browser and one template renderer for the work, both closed at the
 * end. A lab's own templates render off the main thread, stopped after the
 * per-document delay, as the kit's do (see render-pool.ts).
 */
async function withPrinter<T>(options: ResultsOptions, labFiles: ReadonlySet<string>, templates: readonly string[], work: (print: Print, render: Render) => Promise<T>): Promise<T> {
  const found = await findBrowser({ explicit: options.browser });
  const printer = new PdfPrinter({
    executablePath: found.executablePath,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs, launchTimeoutMs: options.timeoutMs } : {}),
  });
  options.onPrinter?.(printer);
  const resolveAsset = createAssetResolver(options.workspace, labFiles);
  let renderer: TemplateRenderer | undefined;
  try {
    printer.warmUp();
    renderer = createTemplateRenderer(options.workspace, options.timeoutMs ?? 60_000, templates);
    const templateRenderer = renderer;
    const render: Render = async ({ template, context, ...document }, slug) => ({
      ...document,
      html: await templateRenderer.render(template, context, slug ? `${document.file} (${slug})` : document.file),
    });
    return await work(async (document, author, keywords) => {
      const pdf = await printer.print({ label: document.file, kind: document.id, html: document.html, resolveAsset, outline: true });
      return finishPdf(pdf, {
        title: frenchTypography(document.titre),
        author: frenchTypography(author),
        subject: frenchTypography(document.sujet),
        keywords: ['PGO', 'Partenariat pour un Gouvernement Ouvert', ...keywords].map(frenchTypography),
        language: 'fr-FR',
      });
    }, render);
  } finally {
    await renderer?.close();
    await printer.close();
  }
}

export interface RestitutionResult {
  built: { slug: string; files: string[] }[];
  invalid: { file: string; issues: Issue[] }[];
}

/** `slugs`: the academies asked for; `all`: every restitution of the working folder. */
export async function buildRestitutions(options: ResultsOptions & { slugs: readonly string[] }): Promise<RestitutionResult> {
  const { workspace, reporter } = options;
  const files = options.slugs.map((slug) => restitutionFile(workspace, slug));
  const { models, invalid } = loadAll(workspace, files, reporter);
  for (const entry of invalid) reporter.issues(entry.issues);
  const result: RestitutionResult = { built: [], invalid };
  if (models.length === 0) return result;
  const labFiles = new Set(models.flatMap((model) => Object.values(model.academy.identity)));
  await withPrinter(options, labFiles, ['restitution'], async (print, render) => {
    for (const model of models) {
      const view = restitutionView(model, workspaceAssetUrl);
      const document = await render(restitutionJob(view), model.slug);
      const pdf = await print({ ...document, titre: `${document.titre} — ${view.academie.titre}` }, view.academie.lab ?? view.academie.titre, [view.academie.titre, 'restitution', 'engagements']);
      const exported = engagementsFile(model);
      const proposals = decidimProposals(model);
      const directory = path.resolve(workspace.root, options.outDir, model.slug);
      const outputs = [
        { target: path.join(directory, 'restitution.pdf'), data: pdf },
        { target: path.join(directory, 'engagements.json'), data: `${JSON.stringify(exported, null, 2)}\n` },
        { target: path.join(directory, 'engagements.csv'), data: engagementsCsv(exported) },
        { target: path.join(directory, 'decidim-propositions.csv'), data: decidimCsv(proposals) },
        { target: path.join(directory, 'decidim-propositions.json'), data: decidimJson(proposals) },
      ];
      await write(workspace.display(directory), outputs);
      reporter.progress(`${view.academie.titre} : ${outputs.map((o) => path.basename(o.target)).join(', ')} → ${workspace.display(directory)}/`);
      result.built.push({ slug: model.slug, files: outputs.map((o) => o.target) });
    }
  });
  return result;
}

export interface SyntheseResult {
  files: string[];
  academies: string[];
}

/** Every restitution of the working folder, consolidated; one invalid file and nothing is written. */
export async function buildSynthese(options: ResultsOptions): Promise<SyntheseResult> {
  const { workspace, reporter } = options;
  const slugs = workspaceRestitutions(workspace);
  if (slugs.length === 0) {
    throw new UsageError('aucune restitution dans le dossier restitutions/ du dossier courant : créez-en une avec pgo-kit restitution init --academie <slug>');
  }
  const files = slugs.flatMap((slug) => workspace.resolve('restitutions', `${slug}.yaml`) ?? []);
  const { models, invalid } = loadAll(workspace, files, reporter);
  if (invalid.length > 0) throw new ValidationError(invalid.flatMap((entry) => entry.issues));
  const [{ syntheseView, syntheseCsv }, { fra }, { createStopwords }] = await Promise.all([
    import('./core/synthese.js'),
    import('stopword'),
    import('./core/similarity.js'),
  ]);
  const view = syntheseView(models, createStopwords(fra));
  const directory = path.resolve(workspace.root, options.outDir);
  return withPrinter(options, new Set(), ['synthese'], async (print, render) => {
    const document = await render(syntheseJob(view));
    const pdf = await print(document, 'pgo-kit', ['synthèse', 'engagements']);
    const outputs = [
      { target: path.join(directory, 'synthese.pdf'), data: pdf },
      { target: path.join(directory, 'synthese.csv'), data: syntheseCsv(view) },
    ];
    await write(workspace.display(directory), outputs);
    reporter.progress(`Synthèse de ${view.totaux.academies} académie(s), ${view.totaux.engagements} engagement(s) : synthese.pdf, synthese.csv → ${workspace.display(directory)}/`);
    return { files: outputs.map((o) => o.target), academies: models.map((m) => m.slug) };
  });
}
