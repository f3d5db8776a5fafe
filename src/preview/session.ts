/**
 * One academy kept rendered for the preview: re-rendered after each save,
 * the last good rendering kept when a save is invalid, and printed to PDF
 * in the background by one browser kept open for the session.
 */
import { EnvironmentError, formatIssues, UsageError, ValidationError, type Issue } from '../errors.js';
import { createLoader } from '../load.js';
import type { Workspace } from '../model/workspace.js';
import type { AssetResolver } from '../document-origin.js';
import type { PdfPrinter } from '../pdf/printer.js';
import { DOCUMENT_ORIGIN } from '../document-origin.js';
import { createAssetResolver } from '../render/assets.js';
import { prepareKits, printDocument, type PreparedKit } from '../build.js';
import { latestRunner, type LatestRunner } from './latest.js';

export interface PreviewDocument {
  id: string;
  /** The document's HTML, its asset URLs made relative to the preview server. */
  html: string;
  pdf?: Uint8Array | undefined;
}

export type PdfStatus = 'attente' | 'impression' | 'pret' | 'indisponible';

/** What the page is told after each change (sent as JSON: French keys, as the page's script reads them). */
export interface PreviewState {
  titre: string;
  /** Number of the last good rendering; 0 before the first one. */
  version: number;
  statut: string;
  /** Located lines, as the CLI prints them, for the last save when invalid. */
  erreurs: string[];
  avertissements: string[];
  pdf: { version: number; etat: PdfStatus; message: string };
}

/** The document's HTML with its asset URLs pointing at the preview server, and the screen stylesheet. */
export function previewHtml(html: string): string {
  const local = html.split(`${DOCUMENT_ORIGIN}/`).join('/');
  const link = '<link rel="stylesheet" media="screen" href="/apercu.css">';
  return local.includes('</head>') ? local.replace('</head>', `${link}\n</head>`) : `${link}\n${local}`;
}

function clock(): string {
  return new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Located lines for any failure of a rendering; even a bug is said in the page rather than stopping the preview. */
function problemLines(error: unknown): string[] {
  if (error instanceof ValidationError) return formatIssues(error.issues.filter((issue) => issue.severity === 'error'));
  if (error instanceof UsageError || error instanceof EnvironmentError) return [error.message];
  return [
    `erreur interne inattendue — merci de la signaler : ${error instanceof Error ? error.message : String(error)}`,
  ];
}

export interface PreviewSessionOptions {
  workspace: Workspace;
  slug: string;
  /** Creates the browser, once, when the first PDF is due; undefined: no PDF. */
  createPrinter?: (() => Promise<PdfPrinter>) | undefined;
  /** Called after every change of state. */
  onChange(state: PreviewState): void;
  /** Problems of each rendering, for the terminal. */
  onIssues?: (issues: readonly Issue[]) => void;
}

export class PreviewSession {
  private documents: PreviewDocument[] = [];
  private resolver: AssetResolver;
  private labFiles: string[] = [];
  private state: PreviewState;
  private rendering: Promise<void> | undefined;
  private renderAgain = false;
  private printing: LatestRunner<{ prepared: PreparedKit; version: number; resolveAsset: AssetResolver }>;
  private printer: Promise<PdfPrinter> | undefined;
  private closed = false;

  constructor(private readonly options: PreviewSessionOptions) {
    this.resolver = createAssetResolver(options.workspace);
    this.state = {
      titre: `Aperçu — ${options.slug}`,
      version: 0,
      statut: 'Premier rendu en cours…',
      erreurs: [],
      avertissements: [],
      pdf: options.createPrinter
        ? { version: 0, etat: 'attente', message: '' }
        : { version: 0, etat: 'indisponible', message: 'PDF non imprimés (--no-pdf) : mise en page HTML seule.' },
    };
    this.printing = latestRunner((job, isCurrent) => this.printJob(job, isCurrent));
  }

  get current(): PreviewState {
    return this.state;
  }

  /** The lab's own files the academy declares (logo, font), to watch and to serve. */
  get identityFiles(): readonly string[] {
    return this.labFiles;
  }

  get resolveAsset(): AssetResolver {
    return this.resolver;
  }

  document(id: string): PreviewDocument | undefined {
    return this.documents.find((d) => d.id === id);
  }

  private update(patch: Partial<PreviewState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onChange(this.state);
  }

  /** Renders again; calls made while a rendering runs are merged into one more. */
  refresh(): Promise<void> {
    if (this.rendering) {
      this.renderAgain = true;
      return this.rendering;
    }
    this.rendering = (async () => {
      try {
        do {
          this.renderAgain = false;
          await this.render();
        } while (this.renderAgain && !this.closed);
      } finally {
        this.rendering = undefined;
      }
    })();
    return this.rendering;
  }

  private async render(): Promise<void> {
    const { workspace, slug } = this.options;
    let prepared: PreparedKit;
    try {
      // A new loader each time: it reads the files afresh.
      const model = createLoader(workspace).load(slug);
      this.options.onIssues?.(model.warnings);
      [prepared] = (await prepareKits(workspace, [model])) as [PreparedKit];
    } catch (error) {
      if (error instanceof ValidationError) this.options.onIssues?.(error.issues);
      const lines = problemLines(error);
      this.update({
        erreurs: lines,
        statut:
          this.state.version > 0
            ? `Erreur à ${clock()} : corrigez le fichier, l’aperçu montre le dernier rendu valide.`
            : `Erreur à ${clock()} : corrigez le fichier pour voir l’aperçu.`,
      });
      return;
    }
    this.labFiles = Object.values(prepared.model.identity);
    this.resolver = createAssetResolver(workspace, new Set(this.labFiles));
    const previous = this.documents;
    this.documents = prepared.documents.map((document) => ({
      id: document.definition.id,
      html: previewHtml(document.html),
      pdf: previous.find((old) => old.id === document.definition.id)?.pdf,
    }));
    this.update({
      titre: `Aperçu — ${prepared.kit.academie.titre}`,
      version: this.state.version + 1,
      statut: `À jour à ${clock()}.`,
      erreurs: [],
      avertissements: formatIssues(prepared.model.warnings),
    });
    if (this.options.createPrinter) this.print(prepared);
  }

  /**
   * Prints the latest good rendering, at once: no wait before printing. A
   * rendering that arrives during a print is printed next, in place of any
   * other waiting (the last save wins, never two prints queued).
   */
  private print(prepared: PreparedKit): void {
    this.printing.submit({ prepared, version: this.state.version, resolveAsset: this.resolver });
  }

  private async printJob(
    { prepared, version, resolveAsset }: { prepared: PreparedKit; version: number; resolveAsset: AssetResolver },
    isCurrent: () => boolean,
  ): Promise<void> {
    if (this.closed || !isCurrent()) return;
    this.update({ pdf: { ...this.state.pdf, etat: 'impression', message: 'PDF : impression en cours…' } });
    try {
      this.printer ??= this.options.createPrinter?.();
      const printer = await this.printer;
      if (!printer) return;
      const pdfs = await Promise.all(
        prepared.documents.map((document) => printDocument(printer, resolveAsset, prepared, document)),
      );
      // A newer rendering arrived meanwhile: its own print follows, this one is out of date.
      if (this.closed || !isCurrent()) return;
      for (const [index, document] of prepared.documents.entries()) {
        const target = this.document(document.definition.id);
        if (target) target.pdf = pdfs[index];
      }
      this.update({ pdf: { version, etat: 'pret', message: `PDF à jour à ${clock()}.` } });
    } catch (error) {
      if (this.closed) return;
      const message = error instanceof EnvironmentError ? error.message : String(error);
      this.update({
        pdf: {
          ...this.state.pdf,
          etat: 'indisponible',
          message: `PDF indisponible : ${message}. La vue HTML reste à jour.`,
        },
      });
      // A browser that failed is not reused: the next save tries a new one.
      const failed = this.printer;
      this.printer = undefined;
      void failed?.then((printer) => printer.close()).catch(() => undefined);
    }
  }

  /** Waits for the rendering and printing under way (tests, shutdown). */
  async settled(): Promise<void> {
    await this.rendering;
    await this.printing.idle();
  }

  async close(): Promise<void> {
    this.closed = true;
    const printer = await this.printer?.catch(() => undefined);
    await printer?.close();
  }
}
