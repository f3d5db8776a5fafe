/**
 * The whole pipeline as a library call, independent of the command line:
 * load and validate → derive → render HTML → print PDFs with one shared
 * browser → write each academy's kit atomically.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ValidationError, type Issue } from './errors.js';
import { deriveKit, type KitView } from './core/kit.js';
import { frenchTypography } from './core/typography.js';
import { createLoader, type AcademyModel } from './model/load.js';
import type { Workspace } from './model/workspace.js';
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

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { workspace, reporter } = options;
  const started = performance.now();
  const loader = createLoader(workspace);
  const result: BuildResult = { built: [], invalid: [] };

  const models: AcademyModel[] = [];
  for (const slug of options.slugs) {
    try {
      const model = loader.load(slug);
      reporter.issues(model.warnings);
      models.push(model);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reporter.issues(error.issues);
      result.invalid.push({ slug, issues: error.issues });
    }
  }
  if (models.length === 0) return result;

  // Everything that can fail on the data fails before the browser starts.
  const engine = createTemplateEngine(workspace);
  const kits: { model: AcademyModel; kit: KitView; documents: RenderedDocument[] }[] = [];
  for (const model of models) {
    const kit = deriveKit(model, await qrCodeFor(model.academy.contribution_url), workspaceAssetUrl);
    kits.push({ model, kit, documents: renderDocuments(engine, kit) });
  }

  const found = await findBrowser({ explicit: options.browser });
  const printer = new PdfPrinter({
    executablePath: found.executablePath,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs, launchTimeoutMs: options.timeoutMs } : {}),
    ...(options.onBlockedRequest ? { onBlockedRequest: options.onBlockedRequest } : {}),
  });
  options.onPrinter?.(printer);
  const labFiles = new Set(models.flatMap((model) => Object.values(model.identity)));
  const resolveAsset = createAssetResolver(workspace, labFiles);
  try {
    await inQueue(kits, 2, async ({ model, kit, documents }) => {
      const academyStarted = performance.now();
      const pdfs = await inQueue(documents, 3, async (document) => {
        const pdf = await printer.print({
          label: `${document.definition.file} (${model.slug})`,
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
      });
      const directory = path.resolve(workspace.root, options.outDir, model.slug);
      const files = documents.flatMap((document, index) => {
        const target = path.join(directory, document.definition.file);
        const pdf = { target, data: pdfs[index] ?? new Uint8Array() };
        if (!options.html) return [pdf];
        const htmlTarget = target.replace(/\.pdf$/, '.html');
        return [pdf, { target: htmlTarget, data: localiseAssetUrls(document.html, resolveAsset) }];
      });
      await writeFilesAtomically(files);
      const seconds = ((performance.now() - academyStarted) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
      reporter.progress(`${kit.academie.titre} : ${documents.map((d) => d.definition.file).join(', ')} → ${workspace.display(directory)}/ (${seconds} s)`);
      result.built.push({ slug: model.slug, files: files.map((file) => file.target) });
    });
  } finally {
    await printer.close();
  }
  // Academies are printed side by side; report them in the order they were asked for.
  result.built.sort((a, b) => options.slugs.indexOf(a.slug) - options.slugs.indexOf(b.slug));
  const total = ((performance.now() - started) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  reporter.progress(`Terminé en ${total} s.`);
  return result;
}
