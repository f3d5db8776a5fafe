/**
 * The files of impression/: each print job (src/core/print-plan.ts) as one
 * PDF, its pages copied from the finished documents with pdf-lib. No date,
 * no producer, no random id: the same documents give the same bytes.
 */
import { PDFDocument, PDFName, type PDFPage } from 'pdf-lib';

export interface PrintJobPages {
  /** Its name in the kit: « impression/A3-1-exemplaire.pdf ». */
  fichier: string;
  /** Which document and which page (1-based), in order. */
  pages: readonly { fichier: string; page: number }[];
  /** Its title, in the PDF's document information. */
  titre: string;
}

/** A page a print job takes that its document lacks. */
export interface MissingPage {
  /** A job that takes it, « impression/envoi-A4-17-exemplaires.pdf ». */
  job: string;
  /** The document, « envoi.pdf ». */
  document: string;
  /** The last page the jobs take from it (1-based), and how many it has. */
  page: number;
  pageCount: number;
}

/**
 * Print jobs name pages their documents do not have: the print plan counts
 * the pages of the shipped templates, and a lab's template in their place
 * made fewer. One entry per document; the runner says which template (src/build.ts).
 */
export class MissingPages extends Error {
  constructor(readonly missing: readonly MissingPage[]) {
    super(missing.map((entry) => `print job ${entry.job}: ${entry.document} has no page ${entry.page}`).join('; '));
  }
}

/** For each document whose pages the jobs take past its end: the last page they take. Pure. */
export function missingPages(jobs: readonly PrintJobPages[], pageCounts: ReadonlyMap<string, number>): MissingPage[] {
  const missing = new Map<string, MissingPage>();
  for (const job of jobs) {
    for (const { fichier, page } of job.pages) {
      const pageCount = pageCounts.get(fichier) ?? 0;
      const known = missing.get(fichier);
      if ((page < 1 || page > pageCount) && (!known || page > known.page)) {
        missing.set(fichier, { job: job.fichier, document: fichier, page, pageCount });
      }
    }
  }
  return [...missing.values()];
}

/** One PDF per job, pages in the job's order; pages the documents lack are a MissingPages (the plan and the templates disagree). */
export async function assemblePrintJobs(
  jobs: readonly PrintJobPages[],
  documents: readonly { file: string; data: Uint8Array | string }[],
): Promise<{ file: string; data: Uint8Array }[]> {
  const sources = new Map<string, Promise<PDFDocument>>();
  const source = (file: string) => {
    let loaded = sources.get(file);
    if (!loaded) {
      const found = documents.find((document) => document.file === file);
      if (!found || typeof found.data === 'string') throw new Error(`print job: no PDF named ${file}`);
      loaded = PDFDocument.load(found.data, { updateMetadata: false });
      sources.set(file, loaded);
    }
    return loaded;
  };
  const named = [...new Set(jobs.flatMap((job) => job.pages.map((entry) => entry.fichier)))];
  const counts = new Map(
    await Promise.all(named.map(async (file) => [file, (await source(file)).getPageCount()] as const)),
  );
  const missing = missingPages(jobs, counts);
  if (missing.length > 0) throw new MissingPages(missing);
  const written: { file: string; data: Uint8Array }[] = [];
  for (const job of jobs) {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    pdf.setTitle(job.titre);
    pdf.setLanguage('fr-FR');
    // One copy per source document, so that the fonts and images its pages share are copied once.
    const copied = new Map<string, Map<number, PDFPage>>();
    for (const fichier of new Set(job.pages.map((entry) => entry.fichier))) {
      const from = await source(fichier);
      const wanted = [...new Set(job.pages.filter((entry) => entry.fichier === fichier).map((entry) => entry.page))];
      const pages = await pdf.copyPages(
        from,
        wanted.map((page) => page - 1),
      );
      copied.set(fichier, new Map(wanted.map((page, index) => [page, pages[index]!])));
    }
    for (const { fichier, page } of job.pages) {
      const copy = copied.get(fichier)!.get(page)!;
      // The page's place in the source's structure tree does not come with it.
      copy.node.delete(PDFName.of('StructParents'));
      pdf.addPage(copy);
    }
    written.push({ file: job.fichier, data: await pdf.save({ useObjectStreams: false }) });
  }
  return written;
}
