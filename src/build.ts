/**
 * `build` as a library call: load and validate every academy, then hand
 * the runner one unit per academy — its kit, the documents of DOCUMENTS
 * (render/documents.ts) — to render, print, finish and write (src/run/runner.ts).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DELAY_MS } from './config.js';
import { notYetSaid, ValidationError, type Issue } from './errors.js';
import { academyTitle, plural } from './core/french.js';
import type { KitView } from './core/kit.js';
import type { AcademyModel } from './load.js';
import type { Workspace } from './model/workspace.js';
import { kitKey, STAMP_FILE } from './output/kit-cache.js';
import type { AssetResolver } from './document-origin.js';
import type { MissingPage } from './pdf/print-jobs.js';
import type { PdfPrinter } from './pdf/printer.js';
import {
  DOCUMENTS,
  documentContext,
  LARGE_PRINT,
  type DocumentDefinition,
  type RenderedDocument,
} from './render/documents.js';
import {
  printDocument as printUnitDocument,
  runUnits,
  skipUnchanged,
  withSources,
  type PrintedDocument,
  type RunOptions,
  type RunProfile,
  type RunReporter,
  type Unit,
  type UnitSource,
} from './run/runner.js';

export { writeFailureReason } from './run/runner.js';

export type BuildReporter = RunReporter;
export type BuildProfile = RunProfile;

export interface BuildOptions extends Omit<RunOptions, 'reporter'> {
  slugs: readonly string[];
  /** Output folder; each academy gets `<outDir>/<slug>/`. */
  outDir: string;
  reporter: BuildReporter;
  /** `--gros-caracteres`: write gros-caracteres.pdf, with the academy's copies (gros_caracteres), or 1 if it has none. */
  largePrint?: boolean;
}

export interface BuildResult {
  built: { slug: string; files: string[] }[];
  /** Academies whose kit was already up to date: nothing was rendered, printed or written. */
  unchanged: { slug: string; files: string[] }[];
  /** Academies whose data is invalid: nothing was written for them. */
  invalid: { slug: string; issues: Issue[] }[];
  profile: BuildProfile;
}

const qrCodes = new Map<string, Promise<string>>();

/** QR code of a URL, rendered once per process (watch and preview builds reuse it). */
function qrCodeFor(url: string | undefined): Promise<string | undefined> {
  if (!url) return Promise.resolve(undefined);
  let svg = qrCodes.get(url);
  if (!svg) {
    // Rendered locally as SVG: no network, sharp at any print size.
    svg = import('qrcode').then(({ default: QRCode }) =>
      QRCode.toString(url, {
        type: 'svg',
        margin: 0,
        errorCorrectionLevel: 'M',
        color: { dark: '#000000', light: '#ffffff' },
      }),
    );
    qrCodes.set(url, svg);
  }
  return svg;
}

/**
 * Loads each item, reporting its warnings; the invalid ones are reported
 * and set aside. A shared file's problems (a theme, an agenda) are said
 * once, not once per item.
 */
export function loadEach<T extends { warnings: readonly Issue[] }>(
  items: readonly string[],
  load: (item: string) => T,
  reporter: BuildReporter,
  /** Issues already said in this run (JSON), e.g. from the stamps of units found unchanged. */
  reported = new Set<string>(),
): { models: T[]; invalid: { item: string; issues: Issue[] }[] } {
  const report = (issues: readonly Issue[]) => reporter.issues(notYetSaid(issues, reported));
  const models: T[] = [];
  const invalid: { item: string; issues: Issue[] }[] = [];
  for (const item of items) {
    try {
      const model = load(item);
      report(model.warnings);
      models.push(model);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      report(error.issues);
      invalid.push({ item, issues: error.issues });
    }
  }
  return { models, invalid };
}

/** One document of DOCUMENTS for the runner: its metadata from the academy, its context from the derived kit. */
function kitDocument(
  model: AcademyModel,
  definition: DocumentDefinition,
  kit: () => Promise<KitView>,
): PrintedDocument {
  const title = academyTitle(model.academy.academie);
  return {
    id: definition.id,
    file: definition.file,
    template: definition.template,
    context: () => kit().then((view) => documentContext(view, definition)),
    metadata: {
      title: `${definition.titre} — ${title}`,
      author: model.academy.lab ?? title,
      subject: definition.sujet,
      keywords: ['atelier', title],
    },
    outline: definition.outline,
  };
}

/**
 * The academy as the kit sees it with `--gros-caracteres`: its copies of the
 * large-print set (gros_caracteres), or 1 when the key asks for none. The
 * request is part of the academy, hence of the unit's key. Pure.
 */
export function withLargePrint(model: AcademyModel, requested: boolean): AcademyModel {
  if (!requested || (model.academy.gros_caracteres ?? 0) > 0) return model;
  return { ...model, academy: { ...model.academy, gros_caracteres: 1 } };
}

/** The kit of one academy, as a unit of work: the documents of DOCUMENTS in <outDir>/<slug>/, and gros-caracteres.pdf on request. */
export function kitUnit(workspace: Workspace, model: AcademyModel, outDir: string): Unit {
  let derived: Promise<KitView> | undefined;
  // Derived once, when its first document is rendered, and shared by the others.
  const kit = async () => {
    derived ??= (async () => {
      const [{ workspaceAssetUrl }, { deriveKit }] = await Promise.all([
        import('./render/assets.js'),
        import('./core/kit.js'),
      ]);
      return deriveKit(model, await qrCodeFor(model.academy.contribution_url), workspaceAssetUrl);
    })();
    return derived;
  };
  return {
    id: model.slug,
    title: academyTitle(model.academy.academie),
    noun: 'le kit',
    directory: path.resolve(workspace.root, outDir, model.slug),
    stamp: STAMP_FILE,
    key: kitKey(workspace, model),
    // On request only: without it the file is not written, and a previous one goes in the unit's atomic swap.
    documents: [...DOCUMENTS, ...((model.academy.gros_caracteres ?? 0) > 0 ? [LARGE_PRINT] : [])].map((definition) =>
      kitDocument(model, definition, kit),
    ),
    // One PDF per print job in impression/, its pages copied from the finished documents.
    afterPrint: async (pdfs) => {
      const [view, { assemblePrintJobs, MissingPages }] = await Promise.all([kit(), import('./pdf/print-jobs.js')]);
      const title = academyTitle(model.academy.academie);
      try {
        return await assemblePrintJobs(
          view.tirages.map((job) => ({
            ...job,
            titre: `Impression ${job.papier}, ${plural(job.exemplaires, 'exemplaire', 'exemplaires')} de chaque page — ${title}`,
          })),
          pdfs,
        );
      } catch (error) {
        if (!(error instanceof MissingPages)) throw error;
        throw new ValidationError(error.missing.map((missing) => missingPageIssue(workspace, missing)));
      }
    },
    labFiles: Object.values(model.identity),
  };
}

/**
 * A lab's template that made fewer pages than the print plan takes from its
 * document, said on the template: the plan (deroule.pdf's, and impression/)
 * counts the pages of the shipped templates, which a replacement must keep.
 */
export function missingPageIssue(workspace: Workspace, missing: MissingPage): Issue {
  const template = [...DOCUMENTS, LARGE_PRINT].find((definition) => definition.file === missing.document)?.template;
  const relative = `${template ?? missing.document.replace(/\.pdf$/, '')}.hbs`;
  const found = workspace.resolve('templates', relative);
  return {
    file: found ? workspace.display(found) : `templates/${relative}`,
    path: '',
    message:
      `${missing.document} n’a que ${plural(missing.pageCount, 'page', 'pages')}, et le plan d’impression en prend jusqu’à la page ${missing.page} (${missing.job}) : ` +
      `il compte les pages des modèles fournis, un modèle qui les remplace doit en donner autant`,
    severity: 'error',
  };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { workspace, reporter } = options;
  const largePrint = options.largePrint ?? false;
  const sources: UnitSource[] = options.slugs.map((slug) => ({
    id: slug,
    directory: path.resolve(workspace.root, options.outDir, slug),
    stamp: STAMP_FILE,
    params: ['kit', slug, largePrint],
  }));
  // Kits whose sources did not change are not loaded: their warnings are said again from their stamps.
  const { checks, known, reported } = await skipUnchanged(sources, options, 'le kit');
  const toLoad = options.slugs.filter((slug) => !known.has(slug));
  const loaded = new Map<string, Unit>();
  let invalid: { item: string; issues: Issue[] }[] = [];
  if (toLoad.length > 0) {
    // Loaded here: a build with nothing changed never pays for the YAML parser and the schemas.
    const { createLoader } = await import('./load.js');
    const loader = createLoader(workspace);
    const result = loadEach(toLoad, (slug) => loader.load(slug), reporter, reported);
    invalid = result.invalid;
    for (const model of result.models)
      loaded.set(
        model.slug,
        withSources(kitUnit(workspace, withLargePrint(model, largePrint), options.outDir), checks, model.warnings),
      );
  }
  const load = (performance.now() - started) / 1000;
  const run = await runUnits(
    options.slugs.flatMap((slug) => known.get(slug) ?? loaded.get(slug) ?? []),
    options,
  );
  run.profile.load = load;
  run.profile.total += load;
  return {
    built: run.built.map(({ id, files }) => ({ slug: id, files })),
    unchanged: run.unchanged.map(({ id, files }) => ({ slug: id, files })),
    invalid: invalid.map(({ item, issues }) => ({ slug: item, issues })),
    profile: run.profile,
  };
}

/** An academy's kit, rendered (for preview, which prints it itself). */
export interface PreparedKit {
  model: AcademyModel;
  kit: KitView;
  documents: RenderedDocument[];
}

/** `timeoutMs`: per document, for a lab's template that never ends (rendered off the main thread, see render-pool.ts). */
export async function prepareKits(
  workspace: Workspace,
  models: readonly AcademyModel[],
  timeoutMs = DEFAULT_DELAY_MS,
): Promise<PreparedKit[]> {
  const [{ createDocumentRenderer }, { workspaceAssetUrl }, { deriveKit }] = await Promise.all([
    import('./render/render-pool.js'),
    import('./render/assets.js'),
    import('./core/kit.js'),
  ]);
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
export async function printDocument(
  printer: PdfPrinter,
  resolveAsset: AssetResolver,
  { model, kit }: PreparedKit,
  document: RenderedDocument,
  date?: Date,
): Promise<Uint8Array> {
  const printed = kitDocument(model, document.definition, async () => kit);
  return printUnitDocument(
    printer,
    resolveAsset,
    printed,
    document.html,
    `${document.definition.file} (${model.slug})`,
    date,
  );
}
