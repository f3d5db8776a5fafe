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

export async function stampMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  document.setKeywords(metadata.keywords);
  document.setLanguage(metadata.language);
  document.setCreator('pgo-kit');
  return document.save({ useObjectStreams: false });
}
