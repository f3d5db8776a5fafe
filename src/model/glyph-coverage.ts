/**
 * Which characters the documents' font can draw, read from the character
 * map (cmap) of the shipped Source Sans 3. A character it lacks would be
 * drawn with whatever font the machine has, or as an empty box: validation
 * warns where the text comes from.
 *
 * Only the cmap is read (formats 4 and 12, the two any TrueType font has):
 * a few dozen lines instead of a font library, and the font is read only
 * when a text holds a character outside the ranges it certainly covers, so
 * `validate` stays fast.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** [first, last] code points, sorted. */
type Ranges = [number, number][];

/** Latin, punctuation and symbols Source Sans 3 draws, checked without reading the font. */
function certainlyCovered(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0x17f) ||
    code === 0x2019 ||
    code === 0x202f ||
    code === 0x2013 ||
    code === 0x2014 ||
    code === 0x2026
  );
}

/** Characters that draw nothing: line breaks, joiners, variation selectors. */
function invisible(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0xad
  );
}

export function readCmap(font: Buffer): Ranges {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) return [];
  const subtables = font.readUInt16BE(cmap + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + 8 * i;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const offset = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12) format12 = offset;
    if (format === 4) format4 = offset;
  }
  const ranges: Ranges = [];
  if (format12 >= 0) {
    const groups = font.readUInt32BE(format12 + 12);
    for (let i = 0; i < groups; i++) {
      const group = format12 + 16 + 12 * i;
      ranges.push([font.readUInt32BE(group), font.readUInt32BE(group + 4)]);
    }
  } else if (format4 >= 0) {
    const segments = font.readUInt16BE(format4 + 6) / 2;
    const ends = format4 + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let i = 0; i < segments; i++) {
      const end = font.readUInt16BE(ends + 2 * i);
      const start = font.readUInt16BE(starts + 2 * i);
      const delta = font.readUInt16BE(deltas + 2 * i);
      const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * i);
      for (let code = start; code <= end && code !== 0xffff; code++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
        else {
          const at = rangeOffsets + 2 * i + rangeOffset + 2 * (code - start);
          glyph = at + 1 < font.length ? font.readUInt16BE(at) : 0;
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph === 0) continue;
        const last = ranges[ranges.length - 1];
        if (last && last[1] === code - 1) last[1] = code;
        else ranges.push([code, code]);
      }
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function covers(ranges: Ranges, code: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = ranges[middle] ?? [0, -1];
    if (code < first) high = middle - 1;
    else if (code > last) low = middle + 1;
    else return true;
  }
  return false;
}

const FONT_FILE = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/source-sans-3/package.json')),
  '400Regular',
  'SourceSans3_400Regular.ttf',
);
let shipped: Ranges | undefined;

/** The first characters of `text` the documents' font cannot draw (at most `limit`), or []. */
export function missingGlyphs(text: string, limit = 3, ranges?: Ranges): string[] {
  const missing: string[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (certainlyCovered(code) || invisible(code)) continue;
    ranges ??= shipped ??= readCmap(readFileSync(FONT_FILE));
    if (!covers(ranges, code) && !missing.includes(char)) missing.push(char);
    if (missing.length >= limit) break;
  }
  return missing;
}

/** « « 😀 » (U+1F600) » */
export function describeCharacter(char: string): string {
  return `« ${char} » (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;
}
