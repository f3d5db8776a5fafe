/**
 * The whole pipeline as a library call, independent of the command line:
 * load and validate → derive → render HTML → print PDFs with one shared
 * browser → write each academy's kit atomically.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EnvironmentError, ValidationError, type Issue } from './errors.js';
import { deriveKit, type KitView } from './core/kit.js';
import { frenchTypography } from './core/typography.js';
import { createLoader, type AcademyModel } from './model/load.js';
import type { Workspace } from './model/workspace.js';
import type { AssetResolver } from './pdf/printer.js';
import { createAssetResolver, localiseAssetUrls, workspaceAssetUrl } from './render/assets.js';
import { renderDocuments, type RenderedDocument } from './render/documents.js';
import { createTemplateEngine } from './render/engine.js';
import { findBrowser } from './pdf/find-browser.js';
import { stampMetadata } from './pdf/metadata.js';
import { PdfPrinter } from './pdf/printer.js';
import { writeFilesAtomically } from './output/atomic-write.js';

export interface BuildReporter {
  /** A progress line, for a person watching. */
  progress(message: string): void;
  /** Problems and warnings, already located. */
  issues(issues: readonly Issue[]): void;
}

export interface BuildOptions {
  workspace: Workspace;
  slugs: readonly string[];
  /** Output folder; each academy gets `<outDir>/<slug>/`. */
  outDir: string;
  /** Also write each document's HTML beside its PDF. */
  html?: boolean;
  /** --browser */
  browser?: string | undefined;
  /** Per document; the launch gets the same patience. */
  timeoutMs?: number | undefined;
  reporter: BuildReporter;
  /** Receives the printer as soon as it exists, so that Ctrl-C can close it. */
  onPrinter?: (printer: PdfPrinter) => void;
  onBlockedRequest?: (url: string) => void;
  /**
   * A browser kept open by the caller across builds (build --watch): used
   * instead of launching one, and left open at the end.
   */
  printer?: PdfPrinter | undefined;
}

export interface BuildResult {
  built: { slug: string; files: string[] }[];
  /** Academies whose data is invalid: nothing was written for them. */
  invalid: { slug: string; issues: Issue[] }[];
}

async function qrCodeFor(url: string | undefined): Promise<string | undefined> {
  if (!url) return undefined;
  // Rendered locally as SVG: no network, sharp at any print size.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } });
}

/** Runs `work` on at most `concurrency` items at a time, keeping results in order. */
async function inQueue<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Loads every academy; the invalid ones are reported and set aside. */
function loadAcademies(options: BuildOptions, result: BuildResult): AcademyModel[] {
  const loader = createLoader(options.workspace);
  const models: AcademyModel[] = [];
  for (const slug of options.slugs) {
    try {
      const model = loader.load(slug);
      options.reporter.issues(model.warnings);
      models.push(model);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      options.reporter.issues(error.issues);
      result.invalid.push({ slug, issues: error.issues });
    }
  }
  return models;
}

export interface PreparedKit {
  model: AcademyModel;
  kit: KitView;
  documents: RenderedDocument[];
}

export async function prepareKits(workspace: Workspace, models: readonly AcademyModel[]): Promise<PreparedKit[]> {
  const engine = createTemplateEngine(workspace);
  const kits: PreparedKit[] = [];
  for (const model of models) {
    const kit = deriveKit(model, await qrCodeFor(model.academy.contribution_url), workspaceAssetUrl);
    kits.push({ model, kit, documents: renderDocuments(engine, kit) });
  }
  return kits;
}

export async function printDocument(printer: PdfPrinter, resolveAsset: AssetResolver, { model, kit }: PreparedKit, document: RenderedDocument): Promise<Uint8Array> {
  const pdf = await printer.print({
    label: `${document.definition.file} (${model.slug})`,
    kind: document.definition.id,
    html: document.html,
    resolveAsset,
    outline: document.definition.outline,
  });
  return stampMetadata(pdf, {
    title: frenchTypography(`${document.definition.titre} — ${kit.academie.titre}`),
    author: frenchTypography(kit.academie.lab ?? kit.academie.titre),
    subject: frenchTypography(document.definition.sujet),
    keywords: ['PGO', 'Partenariat pour un Gouvernement Ouvert', 'atelier', kit.academie.titre].map(frenchTypography),
    language: 'fr-FR',
  });
}

async function writeKit(directory: string, files: { target: string; data: Uint8Array | string }[]): Promise<void> {
  try {
    await writeFilesAtomically(files);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission refusée'
      : code === 'ENOSPC' ? 'disque plein'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'un fichier porte déjà ce nom'
      : 'écriture impossible';
    throw new EnvironmentError(`impossible d’écrire le kit dans ${directory} : ${reason}`, error);
  }
}

/** The shared browser of a run, found as --browser and the environment say. */
export async function createPrinter(options: Pick<BuildOptions, 'browser' | 'timeoutMs' | 'onBlockedRequest'>): Promise<PdfPrinter> {
  const found = await findBrowser({ explicit: options.browser });
  return new PdfPrinter({
    executablePath: found.executablePath,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs, launchTimeoutMs: options.timeoutMs } : {}),
    ...(options.onBlockedRequest ? { onBlockedRequest: options.onBlockedRequest } : {}),
  });
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { workspace, reporter } = options;
  const started = performance.now();
  const result: BuildResult = { built: [], invalid: [] };
  const models = loadAcademies(options, result);
  if (models.length === 0) return result;

  const printer = options.printer ?? await createPrinter(options);
  options.onPrinter?.(printer);
  const labFiles = new Set(models.flatMap((model) => Object.values(model.identity)));
  const resolveAsset = createAssetResolver(workspace, labFiles);
  try {
    // The browser starts while the templates render: the two take about as long.
    printer.warmUp();
    const kits = await prepareKits(workspace, models);
    await inQueue(kits, 2, async (prepared) => {
      const academyStarted = performance.now();
      const pdfs = await inQueue(prepared.documents, 3, async (document) => {
        const pdf = await printDocument(printer, resolveAsset, prepared, document);
        reporter.progress(`  ${prepared.kit.academie.titre} : ${document.definition.file} imprimé`);
        return pdf;
      });
      const directory = path.resolve(workspace.root, options.outDir, prepared.model.slug);
      const files = prepared.documents.flatMap((document, index) => {
        const target = path.join(directory, document.definition.file);
        const pdf = { target, data: pdfs[index] ?? new Uint8Array() };
        if (!options.html) return [pdf];
        return [pdf, { target: target.replace(/\.pdf$/, '.html'), data: localiseAssetUrls(document.html, resolveAsset) }];
      });
      await writeKit(workspace.display(directory), files);
      const seconds = ((performance.now() - academyStarted) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
      reporter.progress(`${prepared.kit.academie.titre} : ${prepared.documents.map((d) => d.definition.file).join(', ')} → ${workspace.display(directory)}/ (${seconds} s)`);
      result.built.push({ slug: prepared.model.slug, files: files.map((file) => file.target) });
    });
  } finally {
    if (!options.printer) await printer.close();
  }
  // Academies are printed side by side; report them in the order they were asked for.
  result.built.sort((a, b) => options.slugs.indexOf(a.slug) - options.slugs.indexOf(b.slug));
  const total = ((performance.now() - started) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  reporter.progress(`Terminé en ${total} s.`);
  return result;
}
