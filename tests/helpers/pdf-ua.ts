/** What PDF/UA-1 asks that can be read back from a PDF (accessibility.test.ts for the kit, restitution.test.ts for the results). */
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';

/** Figures with /Alt, link annotations with /Contents, pdfuaid in the XMP: the problems found, none when it is right. */
export async function accessibilityProblems(file: string): Promise<string[]> {
  const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const problems: string[] = [];
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    if (object.get(PDFName.of('S')) === PDFName.of('Figure') && !object.has(PDFName.of('Alt')))
      problems.push(`figure without /Alt (${ref.toString()})`);
    if (object.get(PDFName.of('Subtype')) === PDFName.of('Link') && !object.has(PDFName.of('Contents')))
      problems.push(`link without /Contents (${ref.toString()})`);
  }
  const metadata = pdf.catalog.lookup(PDFName.of('Metadata'));
  const xmp =
    metadata instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8') : '';
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) problems.push('no pdfuaid:part in the XMP');
  return problems;
}
