import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash } from '../helpers/cli.js';
import { accessibilityProblems } from '../helpers/pdf-ua.js';
import { sharedKit, type SharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';

describe('accessible PDFs (PDF/UA rules read back)', () => {
  // The shared Limoges kit (the restitution's and the synthesis' PDFs: restitution.test.ts, from its shipped example).
  let kit: SharedKit;
  beforeAll(async () => {
    kit = await sharedKit('limoges', { html: true });
    expect(kit.status, kit.stderr).toBe(0);
  }, SHARED_KIT_TIMEOUT);

  it('gives every figure alternative text, every link a description, and declares PDF/UA, in every PDF of a kit', async () => {
    const pdfs = readdirSync(kit.folder)
      .filter((name) => name.endsWith('.pdf'))
      .map((name) => path.join(kit.folder, name));
    // The kit's four documents.
    expect(pdfs.map((file) => path.basename(file)).sort()).toEqual([
      'conseils.pdf',
      'deroule.pdf',
      'envoi.pdf',
      'supports.pdf',
    ]);
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
