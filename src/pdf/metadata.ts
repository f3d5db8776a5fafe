/**
 * Document information Chromium does not write: author (the lab), subject,
 * keywords and language. pdf-lib rewrites the file but keeps the structure
 * tree (tagged PDF) and the outline that Chromium produced.
 */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47, e.g. fr-FR. */
  language: string;
}

/** "TitreTitre" → "Titre"; anything else unchanged. */
export function undoubled(title: string): string {
  const half = title.length / 2;
  return Number.isInteger(half) && half > 0 && title.slice(0, half) === title.slice(half) ? title.slice(0, half) : title;
}

export async function stampMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const { PDFDocument, PDFDict, PDFHexString, PDFName, PDFString } = await import('pdf-lib');
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  // Chromium 156 sometimes writes a bookmark's text twice ("Plan d’impressionPlan d’impression")
  // for a heading that opens a page after a forced break; the text on the page is right.
  const visit = (node: unknown): void => {
    let current = node instanceof PDFDict ? node : undefined;
    while (current) {
      const title = current.lookup(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const text = title.decodeText();
        const fixed = undoubled(text);
        if (fixed !== text) current.set(PDFName.of('Title'), PDFHexString.fromText(fixed));
      }
      visit(current.lookup(PDFName.of('First')));
      const next = current.lookup(PDFName.of('Next'));
      current = next instanceof PDFDict ? next : undefined;
    }
  };
  const outlines = document.catalog.lookup(PDFName.of('Outlines'));
  if (outlines instanceof PDFDict) visit(outlines.lookup(PDFName.of('First')));
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords(metadata.keywords);
  document.setLanguage(metadata.language);
  document.setCreator('pgo-kit');
  return document.save({ useObjectStreams: false });
}
