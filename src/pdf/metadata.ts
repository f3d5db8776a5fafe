/**
 * The last touches to a PDF printed by Chromium, without reloading nor
 * rewriting it: a few same-length edits in place (dates, structure ids,
 * so that the same inputs give the same bytes), then an incremental update
 * appended to the file (ISO 32000-1, §7.5.6) carrying the document
 * information (title, author — the lab —, subject, keywords), XMP metadata,
 * the language and de-doubled bookmark titles. The tagged structure and the
 * outline Chromium wrote stay as they are. Pure.
 */
import { createHash } from 'node:crypto';
import {
  decodeText,
  parseValue,
  PdfSyntaxError,
  serialize,
  textString,
  type PdfDict,
  type PdfValue,
} from './pdf-syntax.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47, e.g. fr-FR. */
  language: string;
  /** Creation and modification date; without one, the PDF carries no date (reproducible builds). */
  date?: Date | undefined;
  /** The words of each link inside the document, by target id (see anchorTexts): its description. */
  linkTexts?: Readonly<Record<string, string>> | undefined;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };

/** The words of each `<a href="#id">` of a document's HTML, by id: what a link inside the PDF says it does. */
export function anchorTexts(html: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [, id, inner] of html.matchAll(/<a\s[^>]*href="#([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)) {
    const text = (inner ?? '')
      .replace(/<[^>]*>/g, '')
      .replace(/&(#?\w+);/g, (whole, name: string) => HTML_ENTITIES[name] ?? whole)
      .replace(/\s+/g, ' ')
      .trim();
    if (id && text && !(id in texts)) texts[id] = text;
  }
  return texts;
}

/** "TitreTitre" → "Titre"; anything else unchanged. */
export function undoubled(title: string): string {
  const half = title.length / 2;
  return Number.isInteger(half) && half > 0 && title.slice(0, half) === title.slice(half)
    ? title.slice(0, half)
    : title;
}

/** PDF date, UTC: D:20261210140000Z. */
export function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

const STRUCTURE_ID = /\(node(\d{8})\)/g;
/** A leaf of the structure's id tree as Chromium writes it: optional limits, then (id, element) pairs. */
const ID_TREE_LEAF =
  /(\/Limits \[)(\(node\d{8}\) \(node\d{8}\))(\]\s*\/Names \[)((?:\(node\d{8}\) \d+ \d+ R ?)+)(\])|(\/Names \[)((?:\(node\d{8}\) \d+ \d+ R ?)+)(\])/g;
const ID_PAIR = /\(node(\d{8})\) (\d+) (\d+) R/g;

/**
 * Chromium names the tagged structure's elements after DOM node numbers,
 * which depend on timing and on what the page printed before. They are
 * renumbered 1, 2, 3… in the order of the elements' object numbers, which
 * do not vary, and the id tree's pairs are sorted again: same length, same
 * place, same bytes from one build to the next.
 */
function renumberStructureIds(text: string): string {
  const elements = new Map<string, number>();
  for (const leaf of text.matchAll(ID_TREE_LEAF)) {
    for (const [, id, num] of (leaf[4] ?? leaf[7] ?? '').matchAll(ID_PAIR)) elements.set(id as string, Number(num));
  }
  const ids = [...new Set(Array.from(text.matchAll(STRUCTURE_ID), (match) => match[1] as string))];
  if (ids.length === 0 || ids.length >= 1e8) return text;
  // Elements in the id tree by object number, then any other id in its original order.
  ids.sort((a, b) => (elements.get(a) ?? Infinity) - (elements.get(b) ?? Infinity) || a.localeCompare(b));
  const renumbered = new Map(ids.map((id, index) => [id, String(index + 1).padStart(8, '0')]));
  const fixed = text.replace(STRUCTURE_ID, (_, id: string) => `(node${renumbered.get(id) ?? id})`);
  return fixed.replace(ID_TREE_LEAF, (whole, ...groups: (string | undefined)[]) => {
    const pairs = groups[3] ?? groups[6] ?? '';
    const sorted = Array.from(pairs.matchAll(ID_PAIR), ([pair, id]) => ({ pair, id: id as string })).sort((a, b) =>
      a.id.localeCompare(b.id),
    );
    const names = sorted.map(({ pair }) => pair).join(' ') + (pairs.endsWith(' ') ? ' ' : '');
    if (names.length !== pairs.length) return whole;
    if (groups[6] !== undefined) return `${groups[5]}${names}${groups[7]}`;
    const limits = `(node${sorted[0]?.id}) (node${sorted[sorted.length - 1]?.id})`;
    return `${groups[0]}${limits.length === groups[1]?.length ? limits : groups[1]}${groups[2]}${names}${groups[4]}`;
  });
}

/**
 * Same-length edits, so that every offset of the file stays right:
 * Chromium's dates become `date` (or the epoch) and the structure ids are
 * renumbered (renumberStructureIds).
 */
export function normaliseInPlace(pdf: Uint8Array, date: Date | undefined): Buffer {
  const text = latin1(pdf);
  const digits = (date ?? new Date(0)).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dated = text.replace(
    /(\/(?:CreationDate|ModDate)\s*\(D:)(\d{14})/g,
    (_, before: string) => `${before}${digits}`,
  );
  const fixed = renumberStructureIds(dated);
  return Buffer.from(fixed, 'latin1');
}

interface CrossReference {
  offsets: Map<number, number>;
  trailer: PdfDict;
  startxref: number;
}

/** The last cross-reference table and trailer of a file written with a classic `xref` table, as Chromium does. */
function readCrossReference(bytes: Buffer): CrossReference {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1');
  const found = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!found) throw new PdfSyntaxError('no startxref');
  const startxref = Number(found[1]);
  if (bytes.subarray(startxref, startxref + 4).toString('latin1') !== 'xref')
    throw new PdfSyntaxError('not a classic cross-reference table');
  const offsets = new Map<number, number>();
  const head = /^xref\s*/.exec(bytes.subarray(startxref, startxref + 16).toString('latin1'));
  let at = startxref + (head?.[0].length ?? 4);
  for (;;) {
    const line = /^(\d+) (\d+)\s*/.exec(bytes.subarray(at, at + 40).toString('latin1'));
    if (!line) break;
    at += line[0].length;
    const first = Number(line[1]);
    const count = Number(line[2]);
    const table = bytes.subarray(at, at + count * 20).toString('latin1');
    for (let i = 0; i < count; i++) {
      const entry = table.slice(i * 20, i * 20 + 18);
      if (entry.endsWith('n')) offsets.set(first + i, Number(entry.slice(0, 10)));
    }
    at += count * 20;
  }
  const trailerAt = bytes.indexOf('trailer', at, 'latin1');
  if (trailerAt < 0) throw new PdfSyntaxError('no trailer');
  const { value } = parseValue(bytes, trailerAt + 'trailer'.length);
  if (value.type !== 'dict') throw new PdfSyntaxError('trailer is not a dictionary');
  return { offsets, trailer: value, startxref };
}

function readObject(bytes: Buffer, xref: CrossReference, ref: PdfValue | undefined): PdfDict | undefined {
  if (ref?.type !== 'ref') return undefined;
  const offset = xref.offsets.get(ref.num);
  if (offset === undefined) return undefined;
  const header = /^\s*(\d+)\s+(\d+)\s+obj/.exec(bytes.subarray(offset, offset + 32).toString('latin1'));
  if (!header || Number(header[1]) !== ref.num)
    throw new PdfSyntaxError(`object ${ref.num} is not where the table says`);
  const { value } = parseValue(bytes, offset + header[0].length);
  return value.type === 'dict' ? value : undefined;
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** XMP packet (ISO 16684-1) saying what the document information says, for tools that read only XMP. */
export function xmpPacket(metadata: PdfMetadata, producer: string | undefined): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xmlText(text)}</rdf:li></rdf:Alt>`;
  const date = metadata.date?.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(metadata.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xmlText(metadata.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description>${alt(metadata.subject)}</dc:description>`,
    `<dc:subject><rdf:Bag>${metadata.keywords.map((keyword) => `<rdf:li>${xmlText(keyword)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `<dc:language><rdf:Bag><rdf:li>${xmlText(metadata.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<pdf:Keywords>${xmlText(metadata.keywords.join(', '))}</pdf:Keywords>`,
    ...(producer ? [`<pdf:Producer>${xmlText(producer)}</pdf:Producer>`] : []),
    '<xmp:CreatorTool>pgo-kit</xmp:CreatorTool>',
    ...(date ? [`<xmp:CreateDate>${date}</xmp:CreateDate>`, `<xmp:ModifyDate>${date}</xmp:ModifyDate>`] : []),
    '</rdf:Description>',
    // PDF/UA-1 (ISO 14289-1, §5): the document says which part of the standard it follows.
    '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** What a link does, said for a screen reader: « Écrire à x@y.fr », « Lien vers https://… ». */
export function linkDescription(uri: string): string {
  return uri.startsWith('mailto:')
    ? `Écrire à ${decodeURIComponent(uri.slice('mailto:'.length).split('?')[0] ?? '')}`
    : `Lien vers ${uri}`;
}

/**
 * Link annotations Chromium wrote without /Contents, with a description
 * made from their target (PDF/UA-1, §7.18.5: every annotation has one).
 */
function describedLinks(
  bytes: Buffer,
  xref: CrossReference,
  catalog: PdfDict,
  linkTexts: Readonly<Record<string, string>>,
): Map<number, PdfDict> {
  const described = new Map<number, PdfDict>();
  const seen = new Set<number>();
  const pending: PdfValue[] = catalog.entries.get('Pages') ? [catalog.entries.get('Pages') as PdfValue] : [];
  while (pending.length > 0) {
    const ref = pending.pop();
    if (ref?.type !== 'ref' || seen.has(ref.num)) continue;
    seen.add(ref.num);
    const node = readObject(bytes, xref, ref);
    if (!node) continue;
    const kids = node.entries.get('Kids');
    if (kids?.type === 'array') pending.push(...kids.items);
    // Chromium writes each page's /Annots as a direct array.
    const annots = node.entries.get('Annots');
    if (annots?.type !== 'array') continue;
    for (const annotRef of annots.items) {
      if (annotRef.type !== 'ref' || described.has(annotRef.num)) continue;
      const annotation = readObject(bytes, xref, annotRef);
      const subtype = annotation?.entries.get('Subtype');
      if (!annotation || subtype?.type !== 'name' || subtype.value !== 'Link' || annotation.entries.has('Contents'))
        continue;
      const action = annotation.entries.get('A');
      const target = action?.type === 'dict' ? decodeText(action.entries.get('URI')) : undefined;
      // A link inside the document (a table of contents) goes to a named destination: the id of its heading.
      const destination = annotation.entries.get('Dest');
      const section =
        destination?.type === 'name'
          ? (linkTexts[destination.value] ?? destination.value.replace(/[-_]+/g, ' '))
          : undefined;
      annotation.entries.set(
        'Contents',
        textString(
          target ? linkDescription(target) : section ? `Aller à « ${section} »` : 'Aller à une autre page du document',
        ),
      );
      described.set(annotRef.num, annotation);
    }
  }
  return described;
}

/** Outline items whose title Chromium wrote twice, with the title fixed. */
function fixedOutlineItems(bytes: Buffer, xref: CrossReference, catalog: PdfDict): Map<number, PdfDict> {
  const fixed = new Map<number, PdfDict>();
  const seen = new Set<number>();
  const outlines = readObject(bytes, xref, catalog.entries.get('Outlines'));
  const pending: PdfValue[] = outlines?.entries.get('First') ? [outlines.entries.get('First') as PdfValue] : [];
  while (pending.length > 0) {
    const ref = pending.pop();
    if (ref?.type !== 'ref' || seen.has(ref.num)) continue;
    seen.add(ref.num);
    const item = readObject(bytes, xref, ref);
    if (!item) continue;
    const title = decodeText(item.entries.get('Title'));
    if (title !== undefined && undoubled(title) !== title) {
      item.entries.set('Title', textString(undoubled(title)));
      fixed.set(ref.num, item);
    }
    for (const key of ['Next', 'First']) {
      const next = item.entries.get(key);
      if (next) pending.push(next);
    }
  }
  return fixed;
}

/**
 * Returns the finished PDF: `pdf` with its dates and ids made stable, then
 * the update. The same bytes and metadata always give the same result,
 * /ID included (it is a digest of both).
 */
export function finishPdf(pdf: Uint8Array, metadata: PdfMetadata): Buffer {
  const original = normaliseInPlace(pdf, metadata.date);
  const xref = readCrossReference(original);
  const rootRef = xref.trailer.entries.get('Root');
  const catalog = readObject(original, xref, rootRef);
  if (!catalog || rootRef?.type !== 'ref') throw new PdfSyntaxError('no catalog');
  const size = xref.trailer.entries.get('Size');
  if (size?.type !== 'number') throw new PdfSyntaxError('no size');
  const oldInfoRef = xref.trailer.entries.get('Info');
  const oldInfo = readObject(original, xref, oldInfoRef);
  const producer = decodeText(oldInfo?.entries.get('Producer'));

  let nextNumber = size.value;
  const infoNumber = oldInfoRef?.type === 'ref' ? oldInfoRef.num : nextNumber++;
  const metadataNumber = nextNumber++;

  const info: PdfDict = {
    type: 'dict',
    entries: new Map<string, PdfValue>([
      ['Title', textString(metadata.title)],
      ['Author', textString(metadata.author)],
      ['Subject', textString(metadata.subject)],
      ['Keywords', textString(metadata.keywords.join(', '))],
      ['Creator', textString('pgo-kit')],
      ...(producer ? [['Producer', textString(producer)] as [string, PdfValue]] : []),
      ...(metadata.date
        ? (['CreationDate', 'ModDate'] as const).map(
            (key) => [key, textString(pdfDate(metadata.date as Date))] as [string, PdfValue],
          )
        : []),
    ]),
  };
  catalog.entries.set('Lang', textString(metadata.language));
  catalog.entries.set('Metadata', { type: 'ref', num: metadataNumber, gen: 0 });
  // Viewers show the title rather than the file name.
  catalog.entries.set('ViewerPreferences', {
    type: 'dict',
    entries: new Map([['DisplayDocTitle', { type: 'bool', value: true }]]),
  });

  const xmp = Buffer.from(xmpPacket(metadata, producer), 'utf8');
  const objects = new Map<number, Buffer>([
    [rootRef.num, Buffer.from(serialize(catalog), 'latin1')],
    [infoNumber, Buffer.from(serialize(info), 'latin1')],
    [
      metadataNumber,
      Buffer.concat([
        Buffer.from(`<</Type /Metadata /Subtype /XML /Length ${xmp.length}>>\nstream\n`, 'latin1'),
        xmp,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    ],
    ...[
      ...fixedOutlineItems(original, xref, catalog),
      ...describedLinks(original, xref, catalog, metadata.linkTexts ?? {}),
    ].map(([num, item]) => [num, Buffer.from(serialize(item), 'latin1')] as [number, Buffer]),
  ]);

  const chunks: Buffer[] = [original, Buffer.from(original[original.length - 1] === 0x0a ? '' : '\n', 'latin1')];
  let offset = chunks[0]!.length + chunks[1]!.length;
  const entries: [number, number][] = [];
  for (const [num, body] of [...objects].sort(([a], [b]) => a - b)) {
    const framed = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    entries.push([num, offset]);
    chunks.push(framed);
    offset += framed.length;
  }
  // A digest of the content and of the metadata: the same inputs, the same /ID.
  const id = createHash('sha256')
    .update(original)
    .update(JSON.stringify(metadata))
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
  const table = entries.map(([num, at]) => `${num} 1\n${String(at).padStart(10, '0')} 00000 n \n`).join('');
  const trailer: PdfDict = {
    type: 'dict',
    entries: new Map<string, PdfValue>([
      ['Size', { type: 'number', value: nextNumber, raw: String(nextNumber) }],
      ['Root', rootRef],
      ['Info', { type: 'ref', num: infoNumber, gen: 0 }],
      [
        'ID',
        {
          type: 'array',
          items: [
            { type: 'string', bytes: Buffer.from(id, 'hex') },
            { type: 'string', bytes: Buffer.from(id, 'hex') },
          ],
        },
      ],
      ['Prev', { type: 'number', value: xref.startxref, raw: String(xref.startxref) }],
    ]),
  };
  chunks.push(Buffer.from(`xref\n${table}trailer\n${serialize(trailer)}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
