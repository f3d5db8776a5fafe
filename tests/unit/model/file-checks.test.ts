import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { fontProblem, logoProblem } from '../../../src/model/file-kind.js';
import { describeCharacter, missingGlyphs } from '../../../src/model/glyph-coverage.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-files-'));
const file = (name: string, content: string | Uint8Array) => {
  const target = path.join(folder, name);
  writeFileSync(target, content);
  return target;
};
const png = (width: number, height: number) => {
  const header = Buffer.alloc(24);
  Buffer.from('\x89PNG\r\n\x1a\n', 'latin1').copy(header);
  header.write('IHDR', 12, 'latin1');
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
};

describe('a lab’s logo', () => {
  it.each([
    ['ok.png', png(200, 100), undefined],
    ['ok.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), undefined],
    ['ok.webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'), undefined],
    ['ok.svg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', undefined],
    ['texte.png', 'bonjour', /n’est pas une image PNG lisible/],
    ['vide.jpg', '', /fichier vide/],
    ['zero.png', png(0, 10), /n’est pas une image PNG/],
    ['immense.png', png(20_000, 100), /image trop grande \(20000 × 100 pixels/],
    ['html.svg', '<html><body>pas de dessin</body></html>', /n’est pas une image SVG/],
    [
      'lourd.jpg',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024)]),
      /image trop lourde \(5 Mo, 5 Mo au plus\)/,
    ],
  ])('%s', (name, content, problem) => {
    const result = logoProblem(file(name, content));
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });
});

describe('a lab’s font', () => {
  it.each([
    ['ok.ttf', Buffer.from([0, 1, 0, 0, 0]), undefined],
    ['ok.otf', 'OTTO....', undefined],
    ['ok.woff2', 'wOF2....', undefined],
    ['faux.woff', 'GIF89a', /n’est pas une police WOFF lisible/],
  ])('%s', (name, content, problem) => {
    const result = fontProblem(file(name, content));
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });
});

describe('characters the documents’ font can draw', () => {
  it.each([
    ['Académie de Besançon : « l’œuvre » – 10 000 € …', []],
    ['Ελληνικά, Русский, Tiếng Việt', []],
    ['Lab 😀', ['😀']],
    ['مرحبا', ['م', 'ر', 'ح']],
    ['שלום עולם', ['ש', 'ל', 'ו']],
    ['中文', ['中', '文']],
  ])('%s', (text, missing) => {
    expect(missingGlyphs(text)).toEqual(missing);
  });

  it('names a character with its code point', () => {
    expect(describeCharacter('😀')).toBe('« 😀 » (U+1F600)');
    expect(describeCharacter('é')).toBe('« é » (U+00E9)');
  });
});

describe('entries of a data folder that are not plain files inside the workspace', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-ws-'));
  const outside = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-outside-'));
  writeFileSync(path.join(outside, 'secret.yaml'), 'academie: Secret\n');
  mkdirSync(path.join(root, 'academies'));
  mkdirSync(path.join(root, 'images'));
  writeFileSync(path.join(root, 'images', 'a.yaml'), 'academie: A\n');
  writeFileSync(path.join(root, 'academies', 'simple.yaml'), 'academie: Simple\n');
  symlinkSync(path.join(root, 'images', 'a.yaml'), path.join(root, 'academies', 'dedans.yaml'));
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'academies', 'dehors.yaml'));
  symlinkSync(path.join(root, 'absent.yaml'), path.join(root, 'academies', 'casse.yaml'));
  mkdirSync(path.join(root, 'academies', 'dossier.yaml'));
  execFileSync('mkfifo', [path.join(root, 'academies', 'tube.yaml')]);
  const workspace = createWorkspace(root);

  it.each([
    ['simple', undefined],
    ['dedans', undefined],
    ['dehors', /lien symbolique qui mène hors de votre dossier de travail/],
    ['casse', /lien symbolique cassé/],
    ['dossier', /c’est un dossier/],
    ['tube', /pas un fichier ordinaire/],
  ])('%s.yaml', (name, problem) => {
    if (!problem) {
      expect(workspace.resolve('academies', `${name}.yaml`)).toBe(path.join(root, 'academies', `${name}.yaml`));
      return;
    }
    const error = (() => {
      try {
        workspace.resolve('academies', `${name}.yaml`);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { file: `academies/${name}.yaml`, path: '', message: expect.stringMatching(problem), severity: 'error' },
    ]);
  });

  it('lists them all, so that each is reported', () => {
    expect(workspace.list('academies', '.yaml')).toEqual(
      expect.arrayContaining(['casse', 'dedans', 'dehors', 'dossier', 'simple', 'tube', 'limoges']),
    );
  });

  it('finds every refused entry of a folder, recursively', () => {
    expect(
      workspace
        .refusedEntries('academies')
        .map((issue) => issue.file)
        .sort(),
    ).toEqual(['academies/casse.yaml', 'academies/dehors.yaml', 'academies/tube.yaml']);
  });

  it('says a file standing where a folder should be', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-ws-'));
    writeFileSync(path.join(other, 'themes'), 'un fichier');
    expect(() => createWorkspace(other).list('themes', '.yaml')).toThrow(ValidationError);
  });
});
