/** Files made on other systems and by other hands: line ends, no-break spaces. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { parseYamlSource } from '../../../src/model/yaml-source.js';
import { createAssetResolver, workspaceAssetUrl } from '../../../src/render/assets.js';
import { makeWorkspace } from '../../helpers/cli.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const ACADEMY = { academie: 'Limoges', session: { participants: 12 } };

describe('line ends from other systems', () => {
  it.each([
    ['LF (Linux, macOS)', '\n'],
    ['CRLF (Windows)', '\r\n'],
    ['CR alone (old Mac)', '\r'],
  ])('%s: read as the same file, its errors on the right line', (_name, end) => {
    const parsed = parseYamlSource(
      'a.yaml',
      bytes(['academie: Limoges', 'session:', '  participants: 12', ''].join(end)),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.data).toEqual(ACADEMY);
    expect(parsed.locate(['session', 'participants'])).toEqual({ line: 3, col: 17 });
  });

  it('an old-Mac file that starts with a comment is not « fichier vide »', () => {
    const parsed = parseYamlSource(
      'a.yaml',
      bytes('# Fichier de l’académie\racademie: Limoges\rsession:\r  participants: 12\r'),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.data).toEqual(ACADEMY);
  });
});

describe('no-break spaces where YAML needs spaces', () => {
  it.each([
    [
      'academie: Limoges\nsession:\n\u00a0\u00a0participants: 12\n',
      3,
      1,
      'espace insécable (U+00A0) dans l’indentation',
    ],
    ['academie: Limoges\nsession:\n \u00a0participants: 12\n', 3, 2, 'espace insécable (U+00A0) dans l’indentation'],
    ['thematiques:\n-\u00a0sante\n', 2, 2, 'espace insécable (U+00A0) dans l’indentation'],
    ['academie\u00a0: Limoges\n', 1, 9, 'espace insécable (U+00A0) entre la clé « academie » et « : »'],
    ['academie\u202f: Limoges\n', 1, 9, 'espace fine insécable (U+202F) entre la clé « academie » et « : »'],
    [
      'academie: Limoges\nsession:\n  participants:\u00a012\n',
      3,
      16,
      'espace insécable (U+00A0) après « participants: »',
    ],
  ])('%j → line %i, column %i', (text, line, col, message) => {
    const parsed = parseYamlSource('a.yaml', bytes(text));
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        line,
        col,
        message: `YAML invalide — ${message} : remplacez-la par une espace ordinaire`,
        severity: 'error',
      }),
    ]);
  });

  it.each([
    'titre: "Pourquoi\u00a0?"\n',
    'description: Le numérique\u00a0: un sujet\u202f!\n',
    'description: >\n  Note\u00a0: texte\n',
    'description: |\n  \u00a0retrait voulu\n',
  ])('French typography inside a value is left alone: %j', (text) => {
    expect(parseYamlSource('a.yaml', bytes(text)).issues.filter((issue) => /insécable/.test(issue.message))).toEqual(
      [],
    );
  });
});

describe('file names from other systems', () => {
  /** A 1×1 PNG. */
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==',
    'base64',
  );
  const NAME = 'images/logo-académie.png';

  it.each([
    ['NFD on the disk (macOS), NFC in the file', 'NFD', 'NFC'],
    ['NFC on the disk, NFD in the file (typed on macOS)', 'NFC', 'NFD'],
  ] as const)('an accented logo name is found: %s', (_name, disk, written) => {
    const root = makeWorkspace({
      [NAME.normalize(disk)]: PNG,
      'academies/lab.yaml': `academie: Limoges\nidentite:\n  logo: ${NAME.normalize(written)}\n`,
    });
    const workspace = createWorkspace(root);
    const model = createLoader(workspace).load('lab');
    expect(model.identity.logo?.normalize('NFC')).toBe(NAME);
    // The documents load it under the name the disk has.
    const resolve = createAssetResolver(workspace, new Set(Object.values(model.identity)));
    expect(resolve(new URL(workspaceAssetUrl(model.identity.logo ?? '')))).toBe(path.join(root, NAME.normalize(disk)));
  });
});

describe('aliases that repeat too much text', () => {
  const text = (aliases: number) =>
    `a: &long "${'x'.repeat(900_000)}"\nb:\n  - court\n  - [${Array.from({ length: aliases }, () => '*long').join(', ')}]\n`;

  it('refuses at load, naming the line of the alias that passes 10 million characters', () => {
    const parsed = parseYamlSource('a.yaml', bytes(text(12)));
    expect(parsed.data).toBeUndefined();
    expect(parsed.issues).toEqual([
      expect.objectContaining({
        line: 4,
        message: expect.stringMatching(
          /^alias YAML \(« \*nom »\) qui répètent trop de texte : plus de 10 millions de caractères/,
        ),
        severity: 'error',
      }),
    ]);
    // The 11th alias is the one that passes the limit: 12 × 900 000 characters.
    expect(parsed.issues[0]?.col).toBe('  - ['.length + 1 + 10 * '*long, '.length);
  });

  it('accepts the same aliases below the limit', () => {
    expect(parseYamlSource('a.yaml', bytes(text(3))).issues).toEqual([]);
  });

  it('measures an anchored list once, however often it is repeated inside others', () => {
    const nested = (copies: number) =>
      `a: &a ["${'x'.repeat(400_000)}"]\nb: &b [*a, *a, *a, *a, *a]\nc: [${Array.from({ length: copies }, () => '*b').join(', ')}]\n`;
    // 0.4 + 2 + 4 × 2 million characters: the fourth *b passes the limit; three stay below it.
    expect(parseYamlSource('a.yaml', bytes(nested(4))).issues).toEqual([
      expect.objectContaining({ line: 3, col: 5 + 3 * '*b, '.length }),
    ]);
    expect(parseYamlSource('a.yaml', bytes(nested(3))).issues).toEqual([]);
  });
});
