import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  anchorTexts,
  finishPdf,
  linkDescription,
  normaliseInPlace,
  pdfDate,
  undoubled,
  xmpPacket,
  type PdfMetadata,
} from '../../../src/pdf/metadata.js';
import { pdfInfo, pdfStructure } from '../../helpers/cli.js';

/**
 * A small PDF written the way Chromium (Skia) writes them: classic xref
 * table, an information dictionary with dates, an outline with a doubled
 * title, tagged structure elements with DOM node ids in an id tree.
 */
function chromiumLikePdf(options: { ids: [string, string]; date: string }): Buffer {
  const [first, second] = options.ids;
  const objects: [number, string][] = [
    [
      1,
      `<</Title (Brouillon)\n/Creator (HeadlessChrome)\n/Producer (Skia/PDF m156)\n/CreationDate (D:${options.date}+00'00')\n/ModDate (D:${options.date}+00'00')>>`,
    ],
    [
      2,
      '<</Type /Catalog\n/Pages 3 0 R\n/MarkInfo <</Type /MarkInfo /Marked true>>\n/StructTreeRoot 6 0 R\n/Lang (fr)\n/Outlines 10 0 R>>',
    ],
    [3, '<</Type /Pages\n/Count 1\n/Kids [4 0 R]>>'],
    [4, '<</Type /Page\n/Parent 3 0 R\n/MediaBox [0 0 595 842]\n/Contents 5 0 R>>'],
    [5, '<</Length 0>>\nstream\n\nendstream'],
    [6, '<</Type /StructTreeRoot\n/K [7 0 R 8 0 R]\n/IDTree 9 0 R>>'],
    [7, `<</Type /StructElem\n/S /TH\n/P 6 0 R\n/ID (node${first})>>`],
    [8, `<</Type /StructElem\n/S /TH\n/P 6 0 R\n/ID (node${second})>>`],
    [
      9,
      `<</Limits [(node${[first, second].sort()[0]}) (node${[first, second].sort()[1]})]\n/Names [${[
        [first, 7],
        [second, 8],
      ]
        .sort(([a], [b]) => String(a).localeCompare(String(b)))
        .map(([id, num]) => `(node${id}) ${num} 0 R`)
        .join(' ')}]>>`,
    ],
    [10, '<</Type /Outlines\n/First 11 0 R\n/Last 12 0 R\n/Count 2>>'],
    [11, '<</Title (Horaires)\n/Parent 10 0 R\n/Next 12 0 R>>'],
    [12, '<</Title <FEFF0050006C0061006E0050006C0061006E>\n/Parent 10 0 R\n/Prev 11 0 R>>'],
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const [num, text] of objects) {
    offsets[num] = body.length;
    body += `${num} 0 obj\n${text}\nendobj\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (let num = 1; num <= objects.length; num++) body += `${String(offsets[num]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<</Size ${objects.length + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xref}\n%%EOF`;
  return Buffer.from(body, 'latin1');
}

const METADATA: PdfMetadata = {
  title: 'Déroulé de l’atelier — Académie de Limoges',
  author: 'Lab’Lim',
  subject: 'Fiche de déroulé d’un atelier PGO',
  keywords: ['PGO', 'atelier', 'Académie de Limoges'],
  language: 'fr-FR',
};

function saved(pdf: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-metadata-')), 'x.pdf');
  writeFileSync(file, pdf);
  return file;
}

describe('finishing a PDF with an incremental update', () => {
  const original = chromiumLikePdf({ ids: ['00000047', '00000003'], date: '20261129165538' });
  const finished = finishPdf(original, METADATA);

  it('keeps the original bytes (same length) and appends the update', () => {
    expect(finished.length).toBeGreaterThan(original.length);
    expect(finished.subarray(0, 9).toString('latin1')).toBe('%PDF-1.4\n');
    expect(finished.toString('latin1')).toMatch(/\/Prev \d+/);
  });

  it('declares title, author, subject, keywords and no date', () => {
    const info = pdfInfo(saved(finished));
    expect(info.Title).toBe(METADATA.title);
    expect(info.Author).toBe('Lab’Lim');
    expect(info.Subject).toBe(METADATA.subject);
    expect(info.Keywords).toBe('PGO, atelier, Académie de Limoges');
    expect(info.Creator).toBe('pgo-kit');
    expect(info.Producer).toBe('Skia/PDF m156');
    expect(info['Metadata Stream']).toBe('yes');
    expect(info.CreationDate).toBeUndefined();
  });

  it('sets the language, keeps the structure and fixes a doubled bookmark title', async () => {
    const structure = await pdfStructure(saved(finished));
    expect(structure.lang).toBe('fr-FR');
    expect(structure.tagged).toBe(true);
    expect(structure.outline).toEqual(['Horaires', 'Plan']);
  });

  it('writes the date it is given (SOURCE_DATE_EPOCH) in the information and the XMP', () => {
    const date = new Date(Date.UTC(2026, 11, 10, 14, 0, 0));
    const dated = finishPdf(original, { ...METADATA, date });
    expect(pdfInfo(saved(dated)).CreationDate).toMatch(/Dec 10 .*2026/);
    expect(dated.toString('latin1')).toContain('<xmp:CreateDate>2026-12-10T14:00:00Z</xmp:CreateDate>');
    expect(dated.toString('latin1')).toContain("(D:20261210140000+00'00')");
    expect(dated.toString('latin1')).not.toContain('20261129165538');
  });

  it('gives the same bytes for the same content, whatever the printing time and DOM node numbers', () => {
    const later = chromiumLikePdf({ ids: ['00000912', '00000860'], date: '20271231235959' });
    expect(finishPdf(later, METADATA).equals(finished)).toBe(true);
    // Different metadata, different /ID.
    expect(finishPdf(original, { ...METADATA, author: 'Autre lab' }).equals(finished)).toBe(false);
  });

  it('renumbers structure ids after the elements, keeping the id tree sorted', () => {
    const text = normaliseInPlace(
      chromiumLikePdf({ ids: ['00000047', '00000003'], date: '20261129165538' }),
      undefined,
    ).toString('latin1');
    expect(text).toContain('7 0 obj\n<</Type /StructElem\n/S /TH\n/P 6 0 R\n/ID (node00000001)>>');
    expect(text).toContain('8 0 obj\n<</Type /StructElem\n/S /TH\n/P 6 0 R\n/ID (node00000002)>>');
    expect(text).toContain(
      '<</Limits [(node00000001) (node00000002)]\n/Names [(node00000001) 7 0 R (node00000002) 8 0 R]>>',
    );
    expect(text).toContain("(D:19700101000000+00'00')");
  });

  it('passes qpdf’s check when qpdf is installed', () => {
    let output: string;
    try {
      output = execFileSync('qpdf', ['--check', saved(finished)], { encoding: 'utf8' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    expect(output).toContain('No syntax or stream encoding errors found');
  });

  it('refuses a file without a classic cross-reference table', () => {
    expect(() => finishPdf(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n', 'latin1'), METADATA)).toThrow();
  });
});

describe('metadata helpers', () => {
  it.each([
    ['Plan d’impressionPlan d’impression', 'Plan d’impression'],
    ['Horaires', 'Horaires'],
    ['aa', 'a'],
    ['', ''],
  ])('undoubled(%j) = %j', (input, output) => {
    expect(undoubled(input)).toBe(output);
  });

  it('writes PDF dates in UTC', () => {
    expect(pdfDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('D:20260102030405Z');
  });

  it('escapes XML in the XMP packet', () => {
    const xmp = xmpPacket({ ...METADATA, author: 'A & B <lab>' }, undefined);
    expect(xmp).toContain('<rdf:li>A &amp; B &lt;lab&gt;</rdf:li>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>fr-FR</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).not.toContain('CreateDate');
  });

  it('declares PDF/UA-1 in the XMP packet', () => {
    expect(xmpPacket(METADATA, undefined)).toMatch(
      /xmlns:pdfuaid="http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/">\s*<pdfuaid:part>1<\/pdfuaid:part>/,
    );
  });

  it('reads the words of the links inside a document from its HTML, by target id', () => {
    const html =
      '<nav><a href="#roles">Les <em>rôles</em></a> <a class="x" href="#avant">Avant\n l’atelier &amp; après</a><a href="https://x.fr">dehors</a><a href="#roles">autre</a></nav>';
    expect(anchorTexts(html)).toEqual({ roles: 'Les rôles', avant: 'Avant l’atelier & après' });
  });

  it.each([
    ['https://www.ouvert.gouv.fr/', 'Lien vers https://www.ouvert.gouv.fr/'],
    ['mailto:lab%40ac-limoges.fr?subject=PGO', 'Écrire à lab@ac-limoges.fr'],
  ])('describes the link %s for a screen reader', (uri, description) => {
    expect(linkDescription(uri)).toBe(description);
  });
});
