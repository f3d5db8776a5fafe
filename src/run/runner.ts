/**
 * The one document runner. `build`, `restitution` and `synthese` each load
 * their data and hand it a list of units of work (a folder, its printed
 * documents, its other files); the runner does the rest, the same way for
 * all three: checks that need no browser (templates, output folder) →
 * skips the units whose stamp says nothing changed → renders (a lab's
 * templates in a worker, see render-pool.ts) → prints every document
 * through one pool of pages in one shared browser → finishes each PDF →
 * replaces each unit's files atomically, stamp included.
 * How to add a document: docs/adding-a-document.md.
 */
import { createRequire } from 'node:module';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DELAY_MS } from '../config.js';
import { EnvironmentError, notYetSaid, ValidationError, type Issue } from '../errors.js';
import { plural } from '../core/french.js';
import { localIsoDate } from '../core/session-date.js';
import { frenchTypography } from '../core/typography.js';
import type { Workspace } from '../model/workspace.js';
import {
  digest,
  labFileSources,
  refreshSources,
  sharedKey,
  sourcesDigest,
  stampedFiles,
  stampFor,
  unchangedSources,
  upToDate,
  type SourceStamp,
} from '../output/kit-cache.js';
import { prepareOutputFolder, writeFailureReason } from '../output/output-folder.js';
import { removeEmptyDirectories, type OutputFile } from '../output/replace-directory.js';
import type { PdfMetadata } from '../pdf/metadata.js';
import type { AssetResolver } from '../document-origin.js';
import type { PdfPrinter } from '../pdf/printer.js';

/** The document information of a PDF, said in the unit's words (typography applied by the runner). */
export interface DocumentMetadata {
  title: string;
  author: string;
  subject: string;
  /** After « PGO » and « Partenariat pour un Gouvernement Ouvert », which every document has. */
  keywords: readonly string[];
}

/** One PDF of a unit. */
export interface PrintedDocument {
  /** Documents with the same id share browser pages, whose CSS stays warm (e.g. every deroule). */
  id: string;
  /** File name in the unit's folder: « deroule.pdf ». */
  file: string;
  /** templates/<template>.hbs */
  template: string;
  /** What the template is given; asked for when the document is about to be rendered (may be shared by the unit's documents). */
  context: () => unknown;
  metadata: DocumentMetadata;
  /** Bookmarks from the headings: useful in long A4 documents, noise on posters. */
  outline: boolean;
}

/** A file of a unit that is not printed (CSV, JSON…). */
export interface DataFile {
  /** File name in the unit's folder. */
  file: string;
  data: Uint8Array | string;
}

/** A folder's worth of work: written together, stamped together, skipped together. */
export interface Unit {
  /** Names the unit in results: the academy's slug, or « synthese ». */
  id: string;
  /** Begins its progress lines: « Académie de Limoges ». */
  title: string;
  /** What its files are, in messages: « le kit », « la restitution ». */
  noun: string;
  /** Absolute folder its files go in; other files of the folder are left alone. */
  directory: string;
  /** Its stamp's name in `directory`: units sharing a folder (kit, restitution) each have their own, and never touch each other's files. */
  stamp: string;
  /** Digest of the unit's own inputs (see unitKey); the runner adds what every unit shares (code, templates, fonts, options). */
  key: string;
  documents: readonly PrintedDocument[];
  /** Other files, computed from the data (the unit decides which it writes). */
  files?: () => readonly DataFile[];
  /** After its PDFs are finished: more files made from them (e.g. print jobs). */
  afterPrint?: (pdfs: readonly DataFile[]) => readonly DataFile[] | Promise<readonly DataFile[]>;
  /** The lab's files (logo, font) its documents may load, as paths under the workspace. */
  labFiles: readonly string[];
  /**
   * Problems that make the unit a failure although its files are written
   * (a draft): said after writing, the command exits 1, and the unit is
   * made again on the next run.
   */
  failure?: readonly Issue[];
  /** Its sources' key (from checkSources) and the warnings its loading said: kept in its stamp for the next run. */
  sources?: { key: string; warnings: readonly Issue[] } | undefined;
  /** Found unchanged before its data was loaded (checkSources): its files, nothing to make. */
  unchanged?: readonly string[] | undefined;
}

/** A unit as known before its data is loaded: where its stamp is, and what it depends on besides the data folders. */
export interface UnitSource {
  id: string;
  directory: string;
  stamp: string;
  /** The command, the academy, the options that change its files (the Decidim locale, --gros-caracteres…). */
  params: unknown;
}

/** What checkSources knows of a unit: its sources' key, and, when its stamp says it is unchanged, its files. */
export interface SourceCheck {
  key: string;
  unchanged?: { files: string[]; sources: SourceStamp } | undefined;
}

export interface RunReporter {
  /** A progress line, for a person watching. */
  progress(message: string): void;
  /** Problems and warnings, already located. */
  issues(issues: readonly Issue[]): void;
}

export interface PrinterChoice {
  /** --browser */
  browser?: string | undefined;
  /** --navigateur-distant: ws://… of a running browser to print through, instead of launching one. */
  remoteBrowser?: string | undefined;
  /** Per document; the launch gets the same patience. */
  timeoutMs?: number | undefined;
  onBlockedRequest?: ((url: string) => void) | undefined;
}

export interface RunOptions extends PrinterChoice {
  workspace: Workspace;
  /** The output folder every unit's folder is in (checked before anything else). */
  outDir: string;
  /** Also write each document's HTML beside its PDF. */
  html?: boolean | undefined;
  /** Documents printed at a time (--jobs); the number of processors by default. */
  jobs?: number | undefined;
  /** Make even the units whose inputs did not change (--force). */
  force?: boolean | undefined;
  /** Dates written in the PDFs (SOURCE_DATE_EPOCH); none by default, so that builds are reproducible. */
  date?: Date | undefined;
  reporter: RunReporter;
  /** Receives the printer as soon as it exists, so that Ctrl-C can close it. */
  onPrinter?: ((printer: PdfPrinter) => void) | undefined;
  /** A browser kept open by the caller across runs (build --watch): used instead of launching one, and left open. */
  printer?: PdfPrinter | undefined;
}

/** Where the time of a run went, in seconds (--verbose, PGO_KIT_PROFIL=1). */
export interface RunProfile {
  /** Reading and validating the YAML files (measured by the caller). */
  load: number;
  /** Computing the units' keys and reading their stamps. */
  cache: number;
  /** Templates, typography and QR codes (overlaps the launch). */
  render: number;
  /** From asking for the browser to its being ready. */
  launch: number;
  /** From the first page opened to the last PDF printed. */
  print: number;
  /** Stamping the PDFs (metadata, stable bytes). */
  finish: number;
  /** Writing the units' files. */
  write: number;
  total: number;
}

export interface RunResult {
  built: { id: string; files: string[] }[];
  /** Units already up to date: nothing was rendered, printed or written. */
  unchanged: { id: string; files: string[] }[];
  /** Units written but failed (Unit.failure). */
  failed: { id: string; issues: Issue[] }[];
  profile: RunProfile;
}

/** The fonts' package, whose version is part of every unit's key. */
const FONT_PACKAGE = '@expo-google-fonts/source-sans-3';

export { writeFailureReason } from '../output/output-folder.js';

/** What every unit of a run shares in its key: pgo-kit's code, the templates, the fonts, the options. */
function runSharedKey(workspace: Workspace, options: Pick<RunOptions, 'html' | 'date'>): string {
  const fontVersion = (createRequire(import.meta.url)(`${FONT_PACKAGE}/package.json`) as { version: string }).version;
  return sharedKey(workspace, {
    fontPackage: `${FONT_PACKAGE}@${fontVersion}`,
    html: Boolean(options.html),
    date: options.date?.toISOString(),
  });
}

/**
 * Before any data is loaded: each unit's sources' key — the data folders'
 * digest, the day (warnings name past sessions), what every unit shares and
 * the unit's own parameters — and whether its stamp says that, from the same
 * sources, its files are made and unchanged. Those units need no loading:
 * a run with nothing changed reads no YAML. With --force, the keys only
 * (every unit is made, and its stamp keeps them for the next run); none when
 * the data folders cannot be digested.
 */
export async function checkSources(
  units: readonly UnitSource[],
  options: Pick<RunOptions, 'workspace' | 'html' | 'date' | 'force'>,
): Promise<Map<string, SourceCheck>> {
  const checks = new Map<string, SourceCheck>();
  const data = units.length === 0 ? undefined : sourcesDigest(options.workspace);
  if (data === undefined) return checks;
  // The templates are in every key: a link among them that leads outside is refused first, each named (as by checkTemplates),
  // not only the first one the key's digest would stop at.
  const refused = options.workspace.refusedEntries('templates');
  if (refused.length > 0) throw new ValidationError(refused);
  const shared = digest(runSharedKey(options.workspace, options), data, localIsoDate(new Date()));
  for (const unit of units) {
    const key = digest(shared, unit.stamp, unit.params);
    checks.set(unit.id, {
      key,
      unchanged: options.force ? undefined : await unchangedSources(options.workspace, unit.directory, unit.stamp, key),
    });
  }
  return checks;
}

/**
 * The units checkSources found unchanged, by id, for runUnits (reported in
 * their place, nothing made); the warnings their stamps kept are said again,
 * each once in the run (`reported`, which the loading of the others goes on with).
 */
function unchangedUnits(
  sources: readonly UnitSource[],
  checks: ReadonlyMap<string, SourceCheck>,
  noun: string,
  reporter: RunReporter,
  reported: Set<string>,
): Map<string, Unit> {
  const units = new Map<string, Unit>();
  for (const source of sources) {
    const unchanged = checks.get(source.id)?.unchanged;
    if (!unchanged) continue;
    const fresh = notYetSaid(unchanged.sources.warnings, reported);
    if (fresh.length > 0) reporter.issues(fresh);
    units.set(source.id, {
      id: source.id,
      title: unchanged.sources.title,
      noun,
      directory: source.directory,
      stamp: source.stamp,
      key: '',
      documents: [],
      labFiles: [],
      unchanged: unchanged.files,
    });
  }
  return units;
}

/**
 * Before any data is loaded, for a command's units: their sources' keys (checkSources), the units found
 * unchanged, their stamps' warnings said again (unchangedUnits), and the warnings said so far, which the
 * loading of the other units goes on with (each said once in the run).
 */
export async function skipUnchanged(
  sources: readonly UnitSource[],
  options: Pick<RunOptions, 'workspace' | 'html' | 'date' | 'force' | 'reporter'>,
  noun: string,
): Promise<{ checks: Map<string, SourceCheck>; known: Map<string, Unit>; reported: Set<string> }> {
  const checks = await checkSources(sources, options);
  const reported = new Set<string>();
  const known = unchangedUnits(sources, checks, noun, options.reporter, reported);
  return { checks, known, reported };
}

/** A loaded unit with its sources' key, so that its stamp lets the next run skip the loading. */
export function withSources(unit: Unit, checks: ReadonlyMap<string, SourceCheck>, warnings: readonly Issue[]): Unit {
  const key = checks.get(unit.id)?.key;
  return key ? { ...unit, sources: { key, warnings } } : unit;
}

/** The only place a printer is made: the remote browser (--navigateur-distant), else the one --browser and the environment find. */
export function printerFactory(choice: PrinterChoice): () => Promise<PdfPrinter> {
  return async () => {
    const [{ PdfPrinter, assertTemporaryFolder }, { findBrowser }] = await Promise.all([
      import('../pdf/printer.js'),
      import('../pdf/find-browser.js'),
    ]);
    // A local browser's profile goes in the temporary folder: a missing or unusable TMPDIR is said before the launch.
    if (!choice.remoteBrowser) assertTemporaryFolder();
    return new PdfPrinter({
      ...(choice.remoteBrowser
        ? { remoteEndpoint: choice.remoteBrowser }
        : { executablePath: (await findBrowser({ explicit: choice.browser })).executablePath }),
      ...(choice.timeoutMs ? { timeoutMs: choice.timeoutMs, launchTimeoutMs: choice.timeoutMs } : {}),
      ...(choice.onBlockedRequest ? { onBlockedRequest: choice.onBlockedRequest } : {}),
    });
  };
}

/** A document's PDF information, typeset, with what every document shares. */
export function pdfMetadata(metadata: DocumentMetadata, date: Date | undefined): PdfMetadata {
  return {
    title: frenchTypography(metadata.title),
    author: frenchTypography(metadata.author),
    subject: frenchTypography(metadata.subject),
    keywords: ['PGO', 'Partenariat pour un Gouvernement Ouvert', ...metadata.keywords].map(frenchTypography),
    language: 'fr-FR',
    date,
  };
}

/** Stamps a printed PDF (metadata, stable bytes); a PDF Chromium did not write the usual way is said so, in French. */
async function finish(
  pdf: Uint8Array,
  document: PrintedDocument,
  date: Date | undefined,
  html: string,
): Promise<Uint8Array> {
  const { anchorTexts, finishPdf } = await import('../pdf/metadata.js');
  try {
    // Links inside the document are described by their own words.
    return finishPdf(pdf, { ...pdfMetadata(document.metadata, date), linkTexts: anchorTexts(html) });
  } catch (error) {
    throw new EnvironmentError(
      `le navigateur a produit un PDF d’une forme inattendue (${document.file}) : essayez un autre Chrome ou Chromium`,
      error,
    );
  }
}

/** Prints one rendered document and finishes it, as runUnits() does (the preview prints this way). */
export async function printDocument(
  printer: PdfPrinter,
  resolveAsset: AssetResolver,
  document: PrintedDocument,
  html: string,
  label: string,
  date?: Date,
): Promise<Uint8Array> {
  return finish(
    await printer.print({ label, kind: document.id, html, resolveAsset, outline: document.outline }),
    document,
    date,
    html,
  );
}

/** « deroule.pdf, supports.pdf, impression/ (6 fichiers) »: the files of a sub-folder are counted, not listed. */
export function madeList(files: readonly string[]): string {
  const folders = new Map<string, number>();
  const names: string[] = [];
  for (const file of files) {
    const slash = file.indexOf('/');
    if (slash < 0) names.push(file);
    else {
      const folder = file.slice(0, slash + 1);
      if (!folders.has(folder)) names.push(folder);
      folders.set(folder, (folders.get(folder) ?? 0) + 1);
    }
  }
  return names
    .map((name) => (folders.has(name) ? `${name} (${plural(folders.get(name)!, 'fichier')})` : name))
    .join(', ');
}

/** Before any rendering or browser: an output folder that cannot be written fails at once. Returns the folders it created. */
function checkOutputFolders(workspace: Workspace, outDir: string, units: readonly Unit[]): string[] {
  const directory = path.resolve(workspace.root, outDir);
  const created = prepareOutputFolder(directory, workspace.display(directory));
  for (const unit of units) {
    if (existsSync(unit.directory) && !statSync(unit.directory).isDirectory()) {
      throw new EnvironmentError(
        `impossible d’écrire ${unit.noun} dans ${workspace.display(unit.directory)} : un fichier porte déjà ce nom`,
      );
    }
  }
  return created;
}

/** Every template the units print exists, and none leads outside the workspace: said before the browser starts. */
function checkTemplates(workspace: Workspace, units: readonly Unit[]): string[] {
  // A link in the lab's templates/ that leads outside the workspace is refused, each named, before anything is read.
  const refused = workspace.refusedEntries('templates');
  if (refused.length > 0) throw new ValidationError(refused);
  const templates = [...new Set(units.flatMap((unit) => unit.documents.map((document) => document.template)))];
  const missing = templates.filter((template) => !workspace.resolve('templates', `${template}.hbs`));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map((template) => ({
        file: `templates/${template}.hbs`,
        path: '',
        message: 'modèle introuvable',
        severity: 'error',
      })),
    );
  }
  return templates;
}

/** The unit's files replace the previous ones whole, or not at all; the message says which. */
async function writeUnit(
  workspace: Workspace,
  { directory, noun }: Unit,
  files: readonly OutputFile[],
  stale: readonly string[],
): Promise<void> {
  const { replaceDirectoryFiles, ReplaceError } = await import('../output/replace-directory.js');
  try {
    await replaceDirectoryFiles(directory, files, {}, stale);
  } catch (error) {
    if (!(error instanceof ReplaceError)) throw error;
    const reason =
      error.reason === 'dossier-en-travers'
        ? 'un dossier porte ce nom'
        : error.reason === 'fichier-en-travers'
          ? 'un fichier porte déjà ce nom'
          : writeFailureReason(error.code);
    const outcome = error.restored
      ? `les fichiers précédents de ${workspace.display(directory)}/ sont intacts`
      : `les fichiers précédents ont été mis de côté dans ${workspace.display(error.backup ?? directory)}/`;
    const what =
      error.target === directory
        ? `d’écrire ${noun} dans ${workspace.display(directory)}`
        : `de remplacer ${workspace.display(error.target)}`;
    throw new EnvironmentError(`impossible ${what} : ${reason} — ${outcome}`, error.cause);
  }
}

/** What a unit's stamp keeps of its sources (see checkSources); none for a unit without. */
function sourceStamp(workspace: Workspace, unit: Unit): SourceStamp | undefined {
  if (!unit.sources) return undefined;
  try {
    return {
      key: unit.sources.key,
      title: unit.title,
      labFiles: labFileSources(workspace, unit.labFiles),
      warnings: [...unit.sources.warnings],
    };
  } catch {
    // A lab file gone meanwhile: no shortcut for the next run, which loads the data and says so.
    return undefined;
  }
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** A unit to make, and what is known of it so far. */
interface Pending {
  unit: Unit;
  key: string;
  /** Its documents' HTML, each as soon as it is rendered. */
  rendered?: Promise<string>[] | undefined;
  pdfs: Uint8Array[];
  remaining: number;
  started?: number;
}

/** Makes the units (see the module comment); their order is kept in the result and in the end messages. */
export async function runUnits(units: readonly Unit[], options: RunOptions): Promise<RunResult> {
  const { workspace, reporter } = options;
  const started = performance.now();
  const profile: RunProfile = { load: 0, cache: 0, render: 0, launch: 0, print: 0, finish: 0, write: 0, total: 0 };
  const result: RunResult = { built: [], unchanged: [], failed: [], profile };
  const done = () => {
    profile.total = (performance.now() - started) / 1000;
    // Units are printed side by side; report them in the order they were given.
    const order = (a: { id: string }, b: { id: string }) =>
      units.findIndex((unit) => unit.id === a.id) - units.findIndex((unit) => unit.id === b.id);
    result.built.sort(order);
    result.unchanged.sort(order);
    result.failed.sort(order);
    return result;
  };
  if (units.length === 0) return done();

  // What can fail without a browser fails before it starts.
  const templates = checkTemplates(workspace, units);
  const created = checkOutputFolders(workspace, options.outDir, units);

  // Units whose inputs did not change are left as they are: no browser for them.
  const cacheStarted = performance.now();
  let shared: string | undefined;
  const pending: Pending[] = [];
  for (const unit of units) {
    if (unit.unchanged) {
      reporter.progress(`${unit.title} : inchangé → ${workspace.display(unit.directory)}/`);
      result.unchanged.push({ id: unit.id, files: [...unit.unchanged] });
      continue;
    }
    shared ??= runSharedKey(workspace, options);
    const key = digest(shared, unit.stamp, unit.key);
    const files = options.force ? undefined : await upToDate(unit.directory, key, unit.stamp);
    if (files) {
      // Its sources changed but not its data (a theme it does not offer): the next run need not load it.
      const sources = sourceStamp(workspace, unit);
      if (sources) await refreshSources(unit.directory, unit.stamp, sources);
      reporter.progress(`${unit.title} : inchangé → ${workspace.display(unit.directory)}/`);
      result.unchanged.push({ id: unit.id, files });
    } else {
      pending.push({ unit, key, pdfs: [], remaining: unit.documents.length });
    }
  }
  profile.cache = (performance.now() - cacheStarted) / 1000;
  if (pending.length === 0) {
    removeEmptyDirectories(created);
    reporter.progress(`Terminé en ${seconds(performance.now() - started)} s : rien n’a changé.`);
    return done();
  }

  const documentCount = pending.reduce((count, { unit }) => count + unit.documents.length, 0);
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), documentCount));
  const launchStarted = performance.now();
  let printer: PdfPrinter | undefined;
  if (documentCount > 0) {
    printer = options.printer ?? (await printerFactory(options)());
    options.onPrinter?.(printer);
    // The launch is the longest wait of a run: started first, with its pages, it overlaps everything below.
    printer.warmUp(jobs);
  }
  // Loaded only when something is to be printed: a no-op run stays light.
  const [{ createAssetResolver, localiseAssetUrls }, { createTemplateRenderer }] = await Promise.all([
    import('../render/assets.js'),
    import('../render/render-pool.js'),
  ]);
  const resolveAsset = createAssetResolver(workspace, new Set(pending.flatMap(({ unit }) => unit.labFiles)));
  // A lab's templates render off the main thread, stopped after the per-document delay; pgo-kit's own need not (see render-pool.ts).
  const renderer = createTemplateRenderer(workspace, options.timeoutMs ?? DEFAULT_DELAY_MS, templates);
  // « deroule.pdf (limoges) »; « synthese.pdf », the one document of its unit, needs no more.
  const label = (unit: Unit, document: PrintedDocument) =>
    unit.id === document.id ? document.file : `${document.file} (${unit.id})`;

  /** Starts rendering a unit's documents the first time one of them is needed (once, however many pages ask). */
  const render = (work: Pending): Promise<string>[] => {
    if (!work.rendered) {
      const renderStarted = performance.now();
      // All of a unit's documents are asked for at once: a worker renders them in order, without waiting for this thread in between.
      work.rendered = work.unit.documents.map((document) => {
        const html = Promise.resolve()
          .then(() => document.context())
          .then((context) => renderer.render(document.template, context, label(work.unit, document)));
        // Whoever needs a document awaits it; one a failed run no longer needs must not be an unhandled rejection.
        html.catch(() => undefined);
        return html;
      });
      void Promise.all(work.rendered).then(
        () => {
          profile.render += (performance.now() - renderStarted) / 1000;
        },
        () => undefined,
      );
    }
    return work.rendered;
  };

  const write = async (work: Pending) => {
    const { unit } = work;
    const htmls = await Promise.all(render(work));
    const pdfs = unit.documents.map((document, index): DataFile => ({
      file: document.file,
      data: work.pdfs[index] ?? new Uint8Array(),
    }));
    const htmlCopies = options.html
      ? unit.documents.map((document, index): DataFile => ({
          file: document.file.replace(/\.pdf$/, '.html'),
          data: localiseAssetUrls(htmls[index] ?? '', resolveAsset, {
            directory: unit.directory,
            workspaceRoot: workspace.root,
          }),
        }))
      : [];
    const extra = [...(unit.files?.() ?? []), ...((await unit.afterPrint?.(pdfs)) ?? [])];
    const made = [...pdfs, ...extra];
    const files: OutputFile[] = [...pdfs, ...htmlCopies, ...extra].map(({ file, data }) => ({ name: file, data }));
    const writeStarted = performance.now();
    // Files a previous run made and this one does not (the HTML of a --html run) go in the same swap.
    const stale = (await stampedFiles(unit.directory, unit.stamp)).filter(
      (name) => !files.some((file) => file.name === name),
    );
    // The stamp is one more file of the set: it is replaced with the files, or not at all. A failed unit is made again next time.
    const failed = (unit.failure ?? []).some((issue) => issue.severity === 'error');
    await writeUnit(
      workspace,
      unit,
      [...files, stampFor(failed ? null : work.key, files, unit.stamp, sourceStamp(workspace, unit))],
      stale,
    );
    profile.write += (performance.now() - writeStarted) / 1000;
    reporter.progress(
      `${unit.title} : ${madeList(made.map((file) => file.file))} → ${workspace.display(unit.directory)}/ (${seconds(performance.now() - (work.started ?? started))} s)`,
    );
    result.built.push({ id: unit.id, files: files.map((file) => path.join(unit.directory, file.name)) });
    if (unit.failure && unit.failure.length > 0) {
      reporter.issues(unit.failure);
      if (failed) result.failed.push({ id: unit.id, issues: [...unit.failure] });
    }
    // What is written need not stay in memory.
    work.rendered = undefined;
    work.pdfs = [];
  };

  // One queue for every document of every unit, unit by unit so that units are finished (and their memory released) early.
  const queue = pending.flatMap((work) => work.unit.documents.map((_, index) => ({ work, index })));
  let printStarted: number | undefined;
  let failed = false;
  try {
    // A unit without documents (only data files) is written at once.
    for (const work of pending) if (work.unit.documents.length === 0) await write(work);
    await Promise.all(
      Array.from({ length: printer ? jobs : 0 }, async () => {
        for (let job = queue.shift(); job && !failed && printer; job = queue.shift()) {
          const { work, index } = job;
          try {
            work.started ??= performance.now();
            const rendering = render(work);
            // The next unit renders while this one prints: rendering stays one unit ahead.
            const upcoming = queue[0]?.work;
            if (upcoming) render(upcoming);
            const document = work.unit.documents[index]!;
            const html = await rendering[index]!;
            printStarted ??= performance.now();
            const pdf = await printer.print({
              label: label(work.unit, document),
              kind: document.id,
              html,
              resolveAsset,
              outline: document.outline,
            });
            const finishStarted = performance.now();
            work.pdfs[index] = await finish(pdf, document, options.date, html);
            profile.finish += (performance.now() - finishStarted) / 1000;
            reporter.progress(`  ${work.unit.title} : ${document.file} imprimé`);
            if (--work.remaining === 0) await write(work);
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      }),
    );
    profile.print = printStarted === undefined ? 0 : (performance.now() - printStarted) / 1000;
  } finally {
    profile.launch = printer?.readyAt === undefined ? 0 : Math.max(0, (printer.readyAt - launchStarted) / 1000);
    await renderer.close();
    // A browser lent by the caller (build --watch) stays open for the next run.
    if (printer && !options.printer) await printer.close();
    // A run that wrote nothing leaves no empty output folder behind.
    if (result.built.length === 0) removeEmptyDirectories(created);
  }
  reporter.progress(`Terminé en ${seconds(performance.now() - started)} s.`);
  return done();
}
