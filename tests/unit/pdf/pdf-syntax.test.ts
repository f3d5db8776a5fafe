import { describe, expect, it } from 'vitest';
import {
  decodeText,
  parseValue,
  PdfSyntaxError,
  serialize,
  textString,
  type PdfValue,
} from '../../../src/pdf/pdf-syntax.js';

const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const parse = (text: string) => parseValue(bytes(text)).value;

describe('reading PDF values', () => {
  it.each<[string, PdfValue]>([
    ['/Type', { type: 'name', value: 'Type' }],
    ['/A#20B', { type: 'name', value: 'A B' }],
    ['12', { type: 'number', value: 12, raw: '12' }],
    ['-3.5', { type: 'number', value: -3.5, raw: '-3.5' }],
    ['12 0 R', { type: 'ref', num: 12, gen: 0 }],
    ['true', { type: 'bool', value: true }],
    ['null', { type: 'null' }],
    ['(a\\(b\\)c)', { type: 'string', bytes: bytes('a(b)c') }],
    ['(x (nested) y)', { type: 'string', bytes: bytes('x (nested) y') }],
    ['(\\101\\n)', { type: 'string', bytes: bytes('A\n') }],
    ['<48 65 6C6C 6F>', { type: 'string', bytes: bytes('Hello') }],
    ['<ABC>', { type: 'string', bytes: Uint8Array.from([0xab, 0xc0]) }],
  ])('%s', (text, value) => {
    expect(parse(text)).toEqual(value);
  });

  it('reads dictionaries, arrays, references and comments, and says where they end', () => {
    const text = '<</Type /Catalog % a comment\n/Kids [1 0 R 2 0 R 3] /MarkInfo <</Marked true>>>> trailing';
    const { value, end } = parseValue(bytes(text));
    expect(text.slice(end)).toBe(' trailing');
    expect(value.type).toBe('dict');
    const entries = (value as Extract<PdfValue, { type: 'dict' }>).entries;
    expect(entries.get('Type')).toEqual({ type: 'name', value: 'Catalog' });
    expect(entries.get('Kids')).toEqual({
      type: 'array',
      items: [
        { type: 'ref', num: 1, gen: 0 },
        { type: 'ref', num: 2, gen: 0 },
        { type: 'number', value: 3, raw: '3' },
      ],
    });
    expect(entries.get('MarkInfo')).toEqual({
      type: 'dict',
      entries: new Map([['Marked', { type: 'bool', value: true }]]),
    });
  });

  it.each(['<</A 1', '(unfinished', '[1 2', '<zz>', 'stream'])('refuses %j', (text) => {
    expect(() => parse(text)).toThrow(PdfSyntaxError);
  });
});

describe('writing PDF values', () => {
  it.each([
    '<</Type /Catalog\n/Pages 3 0 R\n/Lang <6672>\n/Kids [1 0 R 2.5 true null]\n/Inner <</A /B#20C>>>>',
    '[<> /N]',
  ])('reads back what it writes: %j', (text) => {
    const value = parse(text);
    expect(parse(serialize(value))).toEqual(value);
    expect(serialize(value)).toBe(text);
  });

  it.each([
    ['Horaires', 'Horaires'],
    ['Plan d’impression', 'Plan d’impression'],
    ['Académie de Limoges', 'Académie de Limoges'],
    ['« 14 h »', '« 14 h »'],
  ])('text string %j survives the round trip', (text, back) => {
    expect(decodeText(parse(serialize(textString(text))))).toBe(back);
  });

  it('writes plain ASCII as is and anything else as UTF-16 with its byte order mark', () => {
    expect(serialize(textString('PGO'))).toBe('<50474F>');
    expect(serialize(textString('é'))).toBe('<FEFF00E9>');
  });
});
