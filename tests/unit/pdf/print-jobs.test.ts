import { describe, expect, it } from 'vitest';
import { PDFDocument, PageSizes, StandardFonts } from 'pdf-lib';
import { assemblePrintJobs, MissingPages, missingPages } from '../../../src/pdf/print-jobs.js';

/** A PDF whose pages say their number, at the given sizes. */
async function source(name: string, sizes: readonly [number, number][]): Promise<{ file: string; data: Uint8Array }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  sizes.forEach((size, index) =>
    pdf.addPage(size).drawText(`${name} page ${index + 1}`, { x: 40, y: 40, size: 12, font }),
  );
  return { file: name, data: await pdf.save() };
}

const A3_LANDSCAPE: [number, number] = [PageSizes.A3[1], PageSizes.A3[0]];

describe('assemblePrintJobs', () => {
  const jobs = [
    {
      fichier: 'impression/A3-1-exemplaire.pdf',
      titre: 'A3',
      pages: [
        { fichier: 'supports.pdf', page: 1 },
        { fichier: 'supports.pdf', page: 3 },
      ],
    },
    {
      fichier: 'impression/A4-2-exemplaires.pdf',
      titre: 'A4',
      pages: [
        { fichier: 'supports.pdf', page: 2 },
        { fichier: 'envoi.pdf', page: 2 },
      ],
    },
  ];
  const documents = async () => [
    await source('supports.pdf', [A3_LANDSCAPE, PageSizes.A4, PageSizes.A3]),
    await source('envoi.pdf', [PageSizes.A4, PageSizes.A4]),
  ];

  it('copies each job’s pages, in order, at their own size', async () => {
    const written = await assemblePrintJobs(jobs, await documents());
    expect(written.map((file) => file.file)).toEqual([
      'impression/A3-1-exemplaire.pdf',
      'impression/A4-2-exemplaires.pdf',
    ]);
    const read = await Promise.all(written.map((file) => PDFDocument.load(file.data)));
    expect(
      read.map((pdf) => pdf.getPages().map((page) => [Math.round(page.getWidth()), Math.round(page.getHeight())])),
    ).toEqual([
      [
        [1191, 842],
        [842, 1191],
      ],
      [
        [595, 842],
        [595, 842],
      ],
    ]);
    expect(read[1]!.getTitle()).toBe('A4');
  });

  it('gives the same bytes twice, with no date and no producer', async () => {
    const [first, second] = [
      await assemblePrintJobs(jobs, await documents()),
      await assemblePrintJobs(jobs, await documents()),
    ];
    expect(Buffer.from(second[0]!.data).equals(Buffer.from(first[0]!.data))).toBe(true);
    const pdf = await PDFDocument.load(first[0]!.data, { updateMetadata: false });
    expect(pdf.getCreationDate()).toBeUndefined();
    expect(pdf.getProducer()).toBeUndefined();
  });

  it('fails when the plan names a page a document lacks, saying each such document', async () => {
    const failure = assemblePrintJobs(
      [
        { fichier: 'impression/x.pdf', titre: 'x', pages: [{ fichier: 'envoi.pdf', page: 3 }] },
        { fichier: 'impression/y.pdf', titre: 'y', pages: [{ fichier: 'supports.pdf', page: 4 }] },
      ],
      await documents(),
    );
    await expect(failure).rejects.toBeInstanceOf(MissingPages);
    await expect(failure).rejects.toMatchObject({
      missing: [
        { job: 'impression/x.pdf', document: 'envoi.pdf', page: 3, pageCount: 2 },
        { job: 'impression/y.pdf', document: 'supports.pdf', page: 4, pageCount: 3 },
      ],
    });
  });
});

describe('missingPages', () => {
  const job = (fichier: string, pages: [string, number][]) => ({
    fichier,
    titre: fichier,
    pages: pages.map(([document, page]) => ({ fichier: document, page })),
  });
  const counts = new Map([
    ['envoi.pdf', 2],
    ['supports.pdf', 3],
  ]);
  it.each([
    [
      'every page there',
      [
        job('a', [
          ['envoi.pdf', 1],
          ['envoi.pdf', 2],
          ['supports.pdf', 3],
        ]),
      ],
      [],
    ],
    [
      'the last page taken past the end, per document',
      [
        job('a', [['supports.pdf', 5]]),
        job('b', [
          ['supports.pdf', 4],
          ['supports.pdf', 9],
        ]),
      ],
      [{ job: 'b', document: 'supports.pdf', page: 9, pageCount: 3 }],
    ],
    [
      'a document no PDF was made for',
      [job('a', [['conseils.pdf', 1]])],
      [{ job: 'a', document: 'conseils.pdf', page: 1, pageCount: 0 }],
    ],
    ['page 0', [job('a', [['envoi.pdf', 0]])], [{ job: 'a', document: 'envoi.pdf', page: 0, pageCount: 2 }]],
  ])('%s', (_case, jobs, expected) => {
    expect(missingPages(jobs, counts)).toEqual(expected);
  });
});
