import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removedAtEnd, removeMadeFolders } from '../helpers/cleanup.js';
import { makeWorkspace, pdfText, ROOT, runCliInProcess, squash } from '../helpers/cli.js';
import { sharedKit, type SharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';
import { launchViewer } from '../helpers/viewer.js';

/** What PDF/UA-1 asks that can be read back: figures with /Alt, link annotations with /Contents, pdfuaid in the XMP. */
async function accessibilityProblems(file: string): Promise<string[]> {
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

describe('accessible PDFs (PDF/UA rules read back)', () => {
  // The shared Limoges kit; the shipped restitution example, in a lab's folder of its own.
  afterAll(removeMadeFolders);
  const root = removedAtEnd(
    makeWorkspace({
      'restitutions/limoges.yaml': readFileSync(path.join(ROOT, 'restitutions', 'limoges.yaml'), 'utf8'),
    }),
  );
  const out = path.join(root, 'sortie');
  let kit: SharedKit;
  let browser: Browser | undefined;
  afterAll(() => browser?.close());
  beforeAll(async () => {
    // The restitution and the synthesis printed through one browser opened here (--navigateur-distant), one launch
    // instead of two: what is checked is the PDFs' structure, not the launch (the shared kit's is pgo-kit's own).
    browser = await launchViewer();
    kit = await sharedKit('limoges', { html: true });
    expect(kit.status, kit.stderr).toBe(0);
    for (const args of [['restitution', '--academie', 'limoges'], ['synthese']]) {
      const result = await runCliInProcess([...args, '--out', 'sortie', '--navigateur-distant', browser.wsEndpoint()], {
        cwd: root,
      });
      expect(result.status, result.stderr).toBe(0);
    }
  }, SHARED_KIT_TIMEOUT);

  it('gives every figure alternative text, every link a description, and declares PDF/UA, in every PDF of a kit, a restitution and the synthesis', async () => {
    const pdfsIn = (folder: string) =>
      readdirSync(folder)
        .filter((name) => name.endsWith('.pdf'))
        .map((name) => path.join(folder, name));
    const pdfs = [...pdfsIn(kit.folder), ...pdfsIn(path.join(out, 'limoges')), path.join(out, 'synthese.pdf')];
    // The kit's four documents, the restitution's two, the synthesis.
    expect(pdfs.map((file) => path.basename(file)).sort()).toEqual(
      expect.arrayContaining([
        'conseils.pdf',
        'deroule.pdf',
        'envoi.pdf',
        'restitution.pdf',
        'supports.pdf',
        'synthese.pdf',
      ]),
    );
    for (const file of pdfs) expect(await accessibilityProblems(file), path.basename(file)).toEqual([]);
  });

  it('describes each link of the tips’ contents with the words of the link', async () => {
    const file = kit.file('conseils.pdf');
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const descriptions = pdf.context
      .enumerateIndirectObjects()
      .flatMap(([, object]) =>
        object instanceof PDFDict && object.get(PDFName.of('Subtype')) === PDFName.of('Link')
          ? [object.lookup(PDFName.of('Contents'), PDFString, PDFHexString).decodeText()]
          : [],
      );
    expect(descriptions.length).toBeGreaterThan(0);
    const text = squash(pdfText(file));
    for (const description of descriptions) {
      const words = /^Aller à « (.+) »$/.exec(description)?.[1];
      if (words) expect(text, description).toContain(squash(words));
      else expect(description).toMatch(/^(Lien vers|Écrire à) /);
    }
  });
});
