/**
 * Just enough of the PDF syntax (ISO 32000-1, §7.3) to read and write the
 * few objects pgo-kit changes after printing: the catalog, the document
 * information and outline items. Content streams are never parsed. Pure.
 */

export type PdfValue =
  | { type: 'name'; value: string }
  | { type: 'string'; bytes: Uint8Array }
  | { type: 'number'; value: number; raw: string }
  | { type: 'ref'; num: number; gen: number }
  | { type: 'bool'; value: boolean }
  | { type: 'null' }
  | { type: 'array'; items: PdfValue[] }
  | { type: 'dict'; entries: Map<string, PdfValue> };

export type PdfDict = Extract<PdfValue, { type: 'dict' }>;

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((char) => char.charCodeAt(0)));

export class PdfSyntaxError extends Error {}

/** Reads one value from `bytes` at `start`; returns it and where it ends. */
export function parseValue(bytes: Uint8Array, start = 0): { value: PdfValue; end: number } {
  let at = start;
  const peek = () => bytes[at] ?? -1;
  const skipSpace = () => {
    for (;;) {
      while (WHITESPACE.has(peek())) at++;
      if (peek() !== 0x25) return; // %
      while (at < bytes.length && peek() !== 0x0a && peek() !== 0x0d) at++;
    }
  };
  const regular = () => {
    const from = at;
    while (at < bytes.length && !WHITESPACE.has(peek()) && !DELIMITERS.has(peek())) at++;
    return String.fromCharCode(...bytes.subarray(from, at));
  };
  const fail = (what: string): never => {
    throw new PdfSyntaxError(`${what} at byte ${at}`);
  };

  const literalString = (): PdfValue => {
    at++; // (
    const out: number[] = [];
    let depth = 1;
    while (at < bytes.length) {
      const byte = bytes[at++] as number;
      if (byte === 0x5c) {
        const next = bytes[at++] ?? fail('unfinished escape');
        const simple: Record<number, number> = {
          0x6e: 0x0a,
          0x72: 0x0d,
          0x74: 0x09,
          0x62: 0x08,
          0x66: 0x0c,
          0x28: 0x28,
          0x29: 0x29,
          0x5c: 0x5c,
        };
        if (simple[next] !== undefined) out.push(simple[next]);
        else if (next >= 0x30 && next <= 0x37) {
          let octal = next - 0x30;
          for (let i = 0; i < 2 && peek() >= 0x30 && peek() <= 0x37; i++)
            octal = octal * 8 + ((bytes[at++] as number) - 0x30);
          out.push(octal & 0xff);
        } else if (next === 0x0d) {
          if (peek() === 0x0a) at++;
        } else if (next !== 0x0a) out.push(next);
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29 && --depth === 0) return { type: 'string', bytes: Uint8Array.from(out) };
      out.push(byte);
    }
    return fail('unfinished string');
  };

  const hexString = (): PdfValue => {
    at++; // <
    let digits = '';
    while (peek() !== 0x3e) {
      if (at >= bytes.length) fail('unfinished hex string');
      const byte = bytes[at++] as number;
      if (!WHITESPACE.has(byte)) digits += String.fromCharCode(byte);
    }
    at++; // >
    if (!/^[0-9a-fA-F]*$/.test(digits)) fail('invalid hex string');
    if (digits.length % 2) digits += '0';
    return { type: 'string', bytes: Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16)) };
  };

  const name = (): PdfValue => {
    at++; // /
    return {
      type: 'name',
      value: regular().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    };
  };

  const value = (): PdfValue => {
    skipSpace();
    const byte = peek();
    if (byte === 0x28) return literalString();
    if (byte === 0x2f) return name();
    if (byte === 0x5b) {
      at++;
      const items: PdfValue[] = [];
      for (skipSpace(); peek() !== 0x5d; skipSpace()) {
        if (at >= bytes.length) fail('unfinished array');
        items.push(value());
      }
      at++;
      return { type: 'array', items };
    }
    if (byte === 0x3c && bytes[at + 1] === 0x3c) {
      at += 2;
      const entries = new Map<string, PdfValue>();
      for (skipSpace(); !(peek() === 0x3e && bytes[at + 1] === 0x3e); skipSpace()) {
        if (at >= bytes.length) fail('unfinished dictionary');
        const key = value();
        if (key.type !== 'name') fail('dictionary key is not a name');
        entries.set((key as { value: string }).value, value());
      }
      at += 2;
      return { type: 'dict', entries };
    }
    if (byte === 0x3c) return hexString();
    const word = regular();
    if (word === 'true' || word === 'false') return { type: 'bool', value: word === 'true' };
    if (word === 'null') return { type: 'null' };
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return fail(`unexpected « ${word} »`);
    // An integer may start an indirect reference: « 12 0 R ».
    if (/^\d+$/.test(word)) {
      const save = at;
      skipSpace();
      const gen = regular();
      skipSpace();
      if (
        /^\d+$/.test(gen) &&
        peek() === 0x52 &&
        (at + 1 >= bytes.length || WHITESPACE.has(bytes[at + 1] as number) || DELIMITERS.has(bytes[at + 1] as number))
      ) {
        at++;
        return { type: 'ref', num: Number(word), gen: Number(gen) };
      }
      at = save;
    }
    return { type: 'number', value: Number(word), raw: word };
  };

  const result = value();
  return { value: result, end: at };
}

/** A PDF text string: PDFDocEncoding for plain ASCII, else UTF-16BE with its byte order mark. */
export function textString(text: string): PdfValue {
  if (/^[\x20-\x7e]*$/.test(text))
    return { type: 'string', bytes: Uint8Array.from(text, (char) => char.charCodeAt(0)) };
  const bytes = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes.push(unit >> 8, unit & 0xff);
  }
  return { type: 'string', bytes: Uint8Array.from(bytes) };
}

/** Reads a PDF text string (UTF-16BE with a byte order mark, UTF-8 with one, or PDFDocEncoding read as Latin-1). */
export function decodeText(value: PdfValue | undefined): string | undefined {
  if (value?.type !== 'string') return undefined;
  const { bytes } = value;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      text += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return text;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder().decode(bytes.subarray(3));
  return String.fromCharCode(...bytes);
}

/** Writes a value back in PDF syntax; strings as hex, names escaped where needed. */
export function serialize(value: PdfValue): string {
  switch (value.type) {
    case 'name':
      return `/${value.value.replace(/[^!-~]|[#()<>[\]{}/%]/g, (char) => `#${char.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
    case 'string':
      return `<${Array.from(value.bytes, (byte) => byte.toString(16).padStart(2, '0'))
        .join('')
        .toUpperCase()}>`;
    case 'number':
      return value.raw;
    case 'ref':
      return `${value.num} ${value.gen} R`;
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'array':
      return `[${value.items.map(serialize).join(' ')}]`;
    case 'dict':
      return `<<${[...value.entries].map(([key, entry]) => `${serialize({ type: 'name', value: key })} ${serialize(entry)}`).join('\n')}>>`;
  }
}
