/**
 * The whole pipeline as a library call, independent of the command line:
 * load and validate → skip the kits whose inputs did not change → render
 * HTML → print every requested academy's documents through one pool of
 * pages in one shared browser → finish each PDF → write each kit atomically.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EnvironmentError, ValidationError, type Issue } from './errors.js';
import { academyTitle } from './core/french.js';
import { deriveKit, type KitView } from './core/kit.js';
import { frenchTypography } from './core/typography.js';
import { createLoader, type AcademyModel } from './load.js';
import type { Workspace } from './model/workspace.js';
import type { PdfMetadata } from './pdf/metadata.js';
import type { AssetResolver } from './document-origin.js';
import type { PdfPrinter } from './pdf/printer.js';
import { DOCUMENTS, type RenderedDocument } from './render/documents.js';
import { kitKey, sharedKey, stampFor, upToDate } from './output/kit-cache.js';
import { assertWritableDirectory, removeEmptyDirectories, type OutputFile } from './output/replace-directory.js';

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
  /** --navigateur-distant: ws://… of a running browser to print through, instead of launching one. */
  remoteBrowser?: string | undefined;
  /** Per document; the launch gets the same patience. */
  timeoutMs?: number | undefined;
  /** Documents printed at a time (--jobs); the number of processors by default. */
  jobs?: number | undefined;
  /** Rebuild even the kits whose inputs did not change (--force). */
  force?: boolean | undefined;
  /** Dates written in the PDFs (SOURCE_DATE_EPOCH); none by default, so that builds are reproducible. */
  date?: Date | undefined;
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

/** Where the time of a build went, in seconds (--verbose, PGO_KIT_PROFIL=1). */
export interface BuildProfile {
  /** Reading and validating the YAML files. */
  load: number;
  /** Computing the kits' keys and reading their stamps. */
  cache: number;
  /** Templates, typography and QR codes (overlaps the launch). */
  render: number;
  /** From asking for the browser to its being ready. */
  launch: number;
  /** From the first page opened to the last PDF printed. */
  print: number;
  /** Stamping the PDFs (metadata, stable bytes). */
  finish: number;
  /** Writing the kits. */
  write: number;
  total: number;
}

export interface BuildResult {
  built: { slug: string; files: string[] }[];
  /** Academies whose kit was already up to date: nothing was rendered, printed or written. */
  unchanged: { slug: string; files: string[] }[];
  /** Academies whose data is invalid: nothing was written for them. */
  invalid: { slug: string; issues: Issue[] }[];
  profile: BuildProfile;
}

/** The fonts' package, whose version is part of every kit's key. */
const FONT_PACKAGE = '@expo-google-fonts/source-sans-3';

const qrCodes = new Map<string, Promise<string>>();

/** QR code of a URL, rendered once per process (watch and preview builds reuse it). */
function qrCodeFor(url: string | undefined): Promise<string | undefined> {
  if (!url) return Promise.resolve(undefined);
  let svg = qrCodes.get(url);
  if (!svg) {
    // Rendered locally as SVG: no network, sharp at any print size.
    svg = import('qrcode').then(({ default: QRCode }) =>
      QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }));
    qrCodes.set(url, svg);
  }
  return svg;
}

/** Loads every academy; the invalid ones are reported and set aside. */
function loadAcademies(options: BuildOptions, result: BuildResult): AcademyModel[] {
  const loader = createLoader(options.workspace);
  const models: AcademyModel[] = [];
  // A shared file's problems (a theme, an agenda) are said once, not once per academy.
  const reported = new Set<string>();
  const report = (issues: readonly Issue[]) => {
    const fresh = issues.filter((issue) => !reported.has(JSON.stringify(issue)));
    fresh.forEach((issue) => reported.add(JSON.stringify(issue)));
    options.reporter.issues(fresh);
  };
  for (const slug of options.slugs) {
    try {
      const model = loader.load(slug);
      report(model.warnings);
      models.push(model);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      report(error.issues);
      result.invalid.push({ slug, issues: error.issues });
    }
  }
  return models;
}

/** Why a folder cannot be written, in French, from the system's error code. */
export function writeFailureReason(code: string | undefined): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission refusée';
    case 'EROFS':
      return 'système de fichiers en lecture seule';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disque plein';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'un fichier porte déjà ce nom';
    case 'ENOENT':
      return 'dossier impossible à créer à cet endroit';
    case 'EBUSY':
      return 'fichier verrouillé ou ouvert dans une autre application (fermez-le dans votre lecteur de PDF)';
    default:
      return 'écriture impossible';
  }
}

/** The kit replaces the previous one whole, or not at all; the message says which. */
async function writeKit(workspace: Workspace, directory: string, files: readonly { target: string; data: Uint8Array | string }[]): Promise<void> {
  const { replaceDirectoryFiles, ReplaceError } = await import('./output/replace-directory.js');
  try {
    await replaceDirectoryFiles(directory, files.map((file): OutputFile => ({ name: path.basename(file.target), data: file.data })));
  } catch (error) {
    if (!(error instanceof ReplaceError)) throw error;
    const reason = error.reason === 'dossier-en-travers' ? 'un dossier porte ce nom'
      : error.reason === 'fichier-en-travers' ? 'un fichier porte déjà ce nom'
      : writeFailureReason(error.code);
    const outcome = error.restored
      ? `les fichiers précédents de ${workspace.display(directory)}/ sont intacts`
      : `les fichiers précédents ont été mis de côté dans ${workspace.display(error.backup ?? directory)}/`;
    const what = error.target === directory ? `d’écrire le kit dans ${workspace.display(directory)}` : `de remplacer ${workspace.display(error.target)}`;
    throw new EnvironmentError(`impossible ${what} : ${reason} — ${outcome}`, error.cause);
  }
}

/** Before any rendering: an output folder that cannot be written fails at once. */
function checkOutputFolder(workspace: Workspace, outDir: string, slugs: readonly string[]): string[] {
  const directory = path.resolve(workspace.root, outDir);
  let created: string[];
  try {
    created = assertWritableDirectory(directory);
  } catch (error) {
    throw new EnvironmentError(`impossible d’écrire dans le dossier de sortie ${workspace.display(directory)} : ${writeFailureReason((error as NodeJS.ErrnoException).code)}`, error);
  }
  for (const slug of slugs) {
    const kit = path.join(directory, slug);
    if (existsSync(kit) && !statSync(kit).isDirectory()) {
      throw new EnvironmentError(`impossible d’écrire le kit dans ${workspace.display(kit)} : un fichier porte déjà ce nom`);
    }
  }
  return created;
}

/** An academy to print, and what is known of it so far. */
interface PendingKit {
  model: AcademyModel;
  key: string;
  directory: string;
  /** Its documents, each printed as soon as it is rendered. */
  rendered?: Promise<{ kit: KitView; documents: Promise<RenderedDocument>[] }> | undefined;
  pdfs: Uint8Array[];
  remaining: number;
  started?: number;
}

/** The shared browser of a run: the remote one (--navigateur-distant), else the one --browser and the environment find. */
export async function createPrinter(options: Pick<BuildOptions, 'browser' | 'remoteBrowser' | 'timeoutMs' | 'onBlockedRequest'>): Promise<PdfPrinter> {
  const [{ PdfPrinter }, { findBrowser }] = await Promise.all([import('./pdf/printer.js'), import('./pdf/find-browser.js')]);
  return new PdfPrinter({
    ...(options.remoteBrowser ? { remoteEndpoint: options.remoteBrowser } : { executablePath: (await findBrowser({ explicit: options.browser })).executablePath }),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs, launchTimeoutMs: options.timeoutMs } : {}),
    ...(options.onBlockedRequest ? { onBlockedRequest: options.onBlockedRequest } : {}),
  });
}

/** The document information of a kit's PDF (title, the lab as author, subject, keywords, language). */
function kitMetadata(kit: KitView, document: RenderedDocument, date: Date | undefined): PdfMetadata {
  return {
    title: frenchTypography(`${document.definition.titre} — ${kit.academie.titre}`),
    author: frenchTypography(kit.academie.lab ?? kit.academie.titre),
    subject: frenchTypography(document.definition.sujet),
    keywords: ['PGO', 'Partenariat pour un Gouvernement Ouvert', 'atelier', kit.academie.titre].map(frenchTypography),
    language: 'fr-FR',
    date,
  };
}

/** Stamps a printed PDF; a PDF Chromium did not write the usual way is said so, in French. */
async function finish(pdf: Uint8Array, label: string, metadata: PdfMetadata): Promise<Uint8Array> {
  const { finishPdf } = await import('./pdf/metadata.js');
  try {
    return finishPdf(pdf, metadata);
  } catch (error) {
    throw new EnvironmentError(`le navigateur a produit un PDF d’une forme inattendue (${label}) : essayez un autre Chrome ou Chromium`, error);
  }
}

/** An academy's kit, rendered (for preview, which prints it itself). */
export interface PreparedKit {
  model: AcademyModel;
  kit: KitView;
  documents: RenderedDocument[];
}

/** `timeoutMs`: per document, for a lab's template that never ends (rendered off the main thread, see render-pool.ts). */
export async function prepareKits(workspace: Workspace, models: readonly AcademyModel[], timeoutMs = 60_000): Promise<PreparedKit[]> {
  const [{ createDocumentRenderer }, { workspaceAssetUrl }] = await Promise.all([import('./render/render-pool.js'), import('./render/assets.js')]);
  const renderer = createDocumentRenderer(workspace, timeoutMs);
  try {
    const kits: PreparedKit[] = [];
    for (const model of models) {
      const kit = deriveKit(model, await qrCodeFor(model.academy.contribution_url), workspaceAssetUrl);
      kits.push({ model, kit, documents: await renderer.render(kit) });
    }
    return kits;
  } finally {
    await renderer.close();
  }
}

/** Prints one document of a prepared kit and stamps it, as build() does. */
export async function printDocument(printer: PdfPrinter, resolveAsset: AssetResolver, { model, kit }: PreparedKit, document: RenderedDocument, date?: Date): Promise<Uint8Array> {
  const pdf = await printer.print({
    label: `${document.definition.file} (${model.slug})`,
    kind: document.definition.id,
    html: document.html,
    resolveAsset,
    outline: document.definition.outline,
  });
  return finish(pdf, document.definition.file, kitMetadata(kit, document, date));
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { workspace, reporter } = options;
  const started = performance.now();
  const profile: BuildProfile = { load: 0, cache: 0, render: 0, launch: 0, print: 0, finish: 0, write: 0, total: 0 };
  const result: BuildResult = { built: [], unchanged: [], invalid: [], profile };
  const done = () => {
    profile.total = (performance.now() - started) / 1000;
    // Academies are printed side by side; report them in the order they were asked for.
    const order = (a: { slug: string }, b: { slug: string }) => options.slugs.indexOf(a.slug) - options.slugs.indexOf(b.slug);
    result.built.sort(order);
    result.unchanged.sort(order);
    return result;
  };

  const models = loadAcademies(options, result);
  profile.load = (performance.now() - started) / 1000;
  if (models.length === 0) return done();

  // A link in the lab's templates/ that leads outside the workspace is refused, each named, before anything is read.
  const refused = workspace.refusedEntries('templates');
  if (refused.length > 0) throw new ValidationError(refused);

  // Kits whose inputs did not change are left as they are: no browser for them.
  const cacheStarted = performance.now();
  const fontVersion = (createRequire(import.meta.url)(`${FONT_PACKAGE}/package.json`) as { version: string }).version;
  const shared = sharedKey(workspace, { fontPackage: `${FONT_PACKAGE}@${fontVersion}`, html: Boolean(options.html), date: options.date?.toISOString() });
  const pending: PendingKit[] = [];
  for (const model of models) {
    const directory = path.resolve(workspace.root, options.outDir, model.slug);
    const key = kitKey(shared, workspace, model);
    const files = options.force ? undefined : await upToDate(directory, key);
    if (files) {
      reporter.progress(`${academyTitle(model.academy.academie)} : inchangé → ${workspace.display(directory)}/`);
      result.unchanged.push({ slug: model.slug, files });
    } else {
      pending.push({ model, key, directory, pdfs: [], remaining: 0 });
    }
  }
  profile.cache = (performance.now() - cacheStarted) / 1000;
  if (pending.length === 0) {
    reporter.progress(`Terminé en ${seconds(performance.now() - started)} s : rien n’a changé.`);
    return done();
  }

  const launchStarted = performance.now();
  const printer = options.printer ?? await createPrinter(options);
  const documentCount = pending.length * DOCUMENTS.length;
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), documentCount));
  // The launch is the longest wait of a build: started first, with its pages, it overlaps everything below.
  printer.warmUp(jobs);
  // Loaded only when something is to be printed: a no-op build stays light.
  const [{ createAssetResolver, localiseAssetUrls, workspaceAssetUrl }, { createDocumentRenderer }] =
    await Promise.all([import('./render/assets.js'), import('./render/render-pool.js')]);
  let created: string[];
  try {
    created = checkOutputFolder(workspace, options.outDir, pending.map(({ model }) => model.slug));
  } catch (error) {
    if (!options.printer) await printer.close();
    throw error;
  }
  options.onPrinter?.(printer);
  const labFiles = new Set(pending.flatMap(({ model }) => Object.values(model.identity)));
  const resolveAsset = createAssetResolver(workspace, labFiles);
  // A lab's templates render off the main thread, stopped after the per-document delay; pgo-kit's own need not (see render-pool.ts).
  const renderer = createDocumentRenderer(workspace, options.timeoutMs ?? 60_000);

  /** Starts rendering an academy's documents the first time one of them is needed (once, however many pages ask). */
  const render = (academy: PendingKit) => {
    academy.rendered ??= (async () => {
      const svg = await qrCodeFor(academy.model.academy.contribution_url);
      const renderStarted = performance.now();
      const kit = deriveKit(academy.model, svg, workspaceAssetUrl);
      const documents = renderer.renderEach(kit);
      void Promise.all(documents).then(() => {
        profile.render += (performance.now() - renderStarted) / 1000;
      }, () => undefined);
      return { kit, documents };
    })();
    return academy.rendered;
  };

  const write = async (academy: PendingKit) => {
    const { kit, documents: rendering } = await render(academy);
    const documents = await Promise.all(rendering);
    const files = documents.flatMap((document, index) => {
      const target = path.join(academy.directory, document.definition.file);
      const pdf = { target, data: academy.pdfs[index] ?? new Uint8Array() };
      if (!options.html) return [pdf];
      return [pdf, { target: target.replace(/\.pdf$/, '.html'), data: localiseAssetUrls(document.html, resolveAsset, { directory: academy.directory, workspaceRoot: workspace.root }) }];
    });
    const writeStarted = performance.now();
    // The stamp is one more file of the kit: it is replaced with the kit, or not at all.
    await writeKit(workspace, academy.directory, [...files, stampFor(academy.key, files)]);
    profile.write += (performance.now() - writeStarted) / 1000;
    reporter.progress(`${kit.academie.titre} : ${documents.map((d) => d.definition.file).join(', ')} → ${workspace.display(academy.directory)}/ (${seconds(performance.now() - (academy.started ?? started))} s)`);
    result.built.push({ slug: academy.model.slug, files: files.map((file) => file.target) });
    // What is written need not stay in memory.
    academy.rendered = undefined;
    academy.pdfs = [];
  };

  // One queue for every document of every academy, academy by academy so
  // that kits are finished (and their memory released) early.
  const queue = pending.flatMap((academy) => {
    academy.remaining = DOCUMENTS.length;
    return DOCUMENTS.map((_, index) => ({ academy, index }));
  });
  let printStarted: number | undefined;
  let failed = false;
  try {
    await Promise.all(Array.from({ length: jobs }, async () => {
      for (let job = queue.shift(); job && !failed; job = queue.shift()) {
        const { academy, index } = job;
        try {
          academy.started ??= performance.now();
          const rendering = render(academy);
          // The next academy renders while this one prints: rendering stays one kit ahead.
          const upcoming = queue[0]?.academy;
          if (upcoming) void render(upcoming).catch(() => undefined);
          const { kit, documents } = await rendering;
          const document = await documents[index]!;
          printStarted ??= performance.now();
          const pdf = await printer.print({
            label: `${document.definition.file} (${academy.model.slug})`,
            kind: document.definition.id,
            html: document.html,
            resolveAsset,
            outline: document.definition.outline,
          });
          const finishStarted = performance.now();
          academy.pdfs[index] = await finish(pdf, document.definition.file, kitMetadata(kit, document, options.date));
          profile.finish += (performance.now() - finishStarted) / 1000;
          reporter.progress(`  ${kit.academie.titre} : ${document.definition.file} imprimé`);
          if (--academy.remaining === 0) await write(academy);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }));
    profile.print = printStarted === undefined ? 0 : (performance.now() - printStarted) / 1000;
  } finally {
    profile.launch = printer.readyAt === undefined ? 0 : Math.max(0, (printer.readyAt - launchStarted) / 1000);
    await renderer.close();
    // A browser lent by the caller (build --watch) stays open for the next build.
    if (!options.printer) await printer.close();
    // A build that wrote nothing leaves no empty output folder behind.
    if (result.built.length === 0) removeEmptyDirectories(created);
  }
  reporter.progress(`Terminé en ${seconds(performance.now() - started)} s.`);
  return done();
}
