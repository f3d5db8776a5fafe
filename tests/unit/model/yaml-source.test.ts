import { describe, expect, it, vi } from 'vitest';
import { MAX_FILE_BYTES, parseYamlSource } from '../../../src/model/yaml-source.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('reading YAML with positions', () => {
  it('locates values and keys', () => {
    const parsed = parseYamlSource(
      'a.yaml',
      bytes('academie: Limoges\nsession:\n  participants: 12\nliste:\n  - un\n  - deux\n'),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.locate(['session', 'participants'])).toEqual({ line: 3, col: 17 });
    expect(parsed.locate(['session', 'participants'], { key: true })).toEqual({ line: 3, col: 3 });
    expect(parsed.locate(['liste', 1])).toEqual({ line: 6, col: 5 });
    // A missing key points at its nearest ancestor.
    expect(parsed.locate(['session', 'date'])).toEqual({ line: 3, col: 3 });
    expect(parsed.has(['session', 'date'])).toBe(false);
  });

  it('reads times and dates as text (YAML 1.2), not sexagesimal numbers', () => {
    const parsed = parseYamlSource('a.yaml', bytes('debut: 14:00\ndate: 2026-12-10\n'));
    expect(parsed.data).toEqual({ debut: '14:00', date: '2026-12-10' });
  });

  it('accepts a byte-order mark', () => {
    expect(parseYamlSource('a.yaml', bytes('\ufeffa: 1\n')).data).toEqual({ a: 1 });
  });

  it('refuses a file that is not UTF-8', () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('a: 1\nlieu: '), 0xe9, 0x0a]);
    expect(parseYamlSource('a.yaml', latin1).issues[0]).toMatchObject({
      line: 2,
      col: 7,
      message: expect.stringMatching(/pas encodé en UTF-8/),
    });
  });

  it('refuses a file larger than 1 MiB before parsing it', () => {
    // Parsed, it would also say its unknown alias: refused first, its size is the only problem said.
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20);
    big.set(new TextEncoder().encode('a: *rien\n'));
    const { issues } = parseYamlSource('a.yaml', big);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/trop volumineux/);
  });

  it('refuses an alias bomb quickly', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      text += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    // Expanded, it would be 9^12 items: the test's own timeout would stop it long before.
    const parsed = parseYamlSource('a.yaml', bytes(text));
    expect(parsed.issues[0]?.message).toMatch(/trop d’alias/);
  });

  it('names an unknown alias', () => {
    expect(parseYamlSource('a.yaml', bytes('a: *rien\n')).issues[0]?.message).toMatch(/alias inconnu/);
  });

  it('refuses several documents in one file', () => {
    expect(parseYamlSource('a.yaml', bytes('a: 1\n---\nb: 2\n')).issues[0]).toMatchObject({
      line: 2,
      message: expect.stringMatching(/plusieurs documents/),
    });
  });

  it('never lets the parser print an English warning for a list used as a key', () => {
    const warning = vi.spyOn(process, 'emitWarning');
    try {
      const parsed = parseYamlSource('a.yaml', bytes('academie: Test\n[a, b]: 1\n'));
      expect(parsed.issues).toEqual([]);
      expect(warning).not.toHaveBeenCalled();
    } finally {
      warning.mockRestore();
    }
  });
});

describe('duplicate keys', () => {
  it('are reported at their second definition, and the data is still read', () => {
    const parsed = parseYamlSource(
      'a.yaml',
      bytes('academie: Un\nlab: X\nsession:\n  debut: "9:00"\n  debut: "10:00"\nacademie: Deux\n'),
    );
    expect(parsed.data).toEqual({ academie: 'Deux', lab: 'X', session: { debut: '10:00' } });
    expect(parsed.issues.map((issue) => [issue.line, issue.col, issue.message])).toEqual([
      [5, 3, expect.stringMatching(/clé en double : « debut » est déjà définie plus haut \(ligne 4\)/)],
      [6, 1, expect.stringMatching(/clé en double : « academie » est déjà définie plus haut \(ligne 1\)/)],
    ]);
    expect(parsed.locate(['lab'])).toEqual({ line: 2, col: 6 });
  });
});
