/** Files made on other systems and by other hands: line ends, no-break spaces. */
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../../src/model/yaml-source.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const ACADEMY = { academie: 'Limoges', session: { participants: 12 } };

describe('line ends from other systems', () => {
  it.each([
    ['LF (Linux, macOS)', '\n'],
    ['CRLF (Windows)', '\r\n'],
    ['CR alone (old Mac)', '\r'],
  ])('%s: read as the same file, its errors on the right line', (_name, end) => {
    const parsed = parseYamlSource('a.yaml', bytes(['academie: Limoges', 'session:', '  participants: 12', ''].join(end)));
    expect(parsed.issues).toEqual([]);
    expect(parsed.data).toEqual(ACADEMY);
    expect(parsed.locate(['session', 'participants'])).toEqual({ line: 3, col: 17 });
  });

  it('an old-Mac file that starts with a comment is not « fichier vide »', () => {
    const parsed = parseYamlSource('a.yaml', bytes('# Fichier de l’académie\racademie: Limoges\rsession:\r  participants: 12\r'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.data).toEqual(ACADEMY);
  });
});

describe('no-break spaces where YAML needs spaces', () => {
  it.each([
    ['academie: Limoges\nsession:\n\u00a0\u00a0participants: 12\n', 3, 1, 'espace insécable (U+00A0) dans l’indentation'],
    ['academie: Limoges\nsession:\n \u00a0participants: 12\n', 3, 2, 'espace insécable (U+00A0) dans l’indentation'],
    ['thematiques:\n-\u00a0sante\n', 2, 2, 'espace insécable (U+00A0) dans l’indentation'],
    ['academie\u00a0: Limoges\n', 1, 9, 'espace insécable (U+00A0) entre la clé « academie » et « : »'],
    ['academie\u202f: Limoges\n', 1, 9, 'espace fine insécable (U+202F) entre la clé « academie » et « : »'],
    ['academie: Limoges\nsession:\n  participants:\u00a012\n', 3, 16, 'espace insécable (U+00A0) après « participants: »'],
  ])('%j → line %i, column %i', (text, line, col, message) => {
    const parsed = parseYamlSource('a.yaml', bytes(text));
    expect(parsed.issues).toEqual([expect.objectContaining({ line, col, message: `YAML invalide — ${message} : remplacez-la par une espace ordinaire`, severity: 'error' })]);
  });

  it.each([
    'titre: "Pourquoi\u00a0?"\n',
    'description: Le numérique\u00a0: un sujet\u202f!\n',
    'description: >\n  Note\u00a0: texte\n',
    'description: |\n  \u00a0retrait voulu\n',
  ])('French typography inside a value is left alone: %j', (text) => {
    expect(parseYamlSource('a.yaml', bytes(text)).issues.filter((issue) => /insécable/.test(issue.message))).toEqual([]);
  });
});
