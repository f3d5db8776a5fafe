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

/** One PDF per job, pages in the job's order; a page a document lacks is an error (the plan and the templates disagree). */
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
      const missing = wanted.find((page) => page < 1 || page > from.getPageCount());
      if (missing !== undefined) throw new Error(`print job ${job.fichier}: ${fichier} has no page ${missing}`);
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
