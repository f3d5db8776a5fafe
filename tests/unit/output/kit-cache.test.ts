import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digest, sharedKey, STAMP_FILE, stampedFiles, stampFor, upToDate } from '../../../src/output/kit-cache.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { ROOT } from '../../helpers/cli.js';

function kitFolder(files: Record<string, string>): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-cache-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(directory, name), content);
  return directory;
}

describe('digest', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } }, true],
    [[1, 2], [2, 1], false],
    [{ a: 1 }, { a: '1' }, false],
    [{ a: undefined }, {}, true],
  ])('%j and %j are the same: %s', (a, b, same) => {
    expect(digest(a) === digest(b)).toBe(same);
  });

  it('keeps values apart', () => {
    expect(digest('ab', 'c')).not.toBe(digest('a', 'bc'));
  });
});

describe('a kit’s stamp', () => {
  const files = { 'deroule.pdf': 'pdf-1', 'supports.pdf': 'pdf-22' };
  const stamped = (directory: string, key: string | null) => {
    const stamp = stampFor(
      key,
      Object.entries(files).map(([name, data]) => ({ name, data })),
    );
    expect(stamp.name).toBe(STAMP_FILE);
    writeFileSync(path.join(directory, stamp.name), stamp.data);
    return directory;
  };
  const stampText = (value: unknown) => (directory: string) =>
    writeFileSync(path.join(directory, STAMP_FILE), JSON.stringify(value));

  it('says the kit is up to date when the key and every file match', async () => {
    const directory = stamped(kitFolder(files), 'k1');
    expect(await upToDate(directory, 'k1')).toEqual(
      ['deroule.pdf', 'supports.pdf'].map((name) => path.join(directory, name)),
    );
    expect(await stampedFiles(directory)).toEqual(['deroule.pdf', 'supports.pdf']);
  });

  it.each<[string, (directory: string) => void, string]>([
    ['another key', () => undefined, 'k2'],
    ['an emptied file', (directory) => writeFileSync(path.join(directory, 'deroule.pdf'), ''), 'k1'],
    ['a deleted file', (directory) => rmSync(path.join(directory, 'deroule.pdf')), 'k1'],
    ['a file of another size', (directory) => writeFileSync(path.join(directory, 'supports.pdf'), 'pdf-333'), 'k1'],
    [
      'a file overwritten with zeros of the same size',
      (directory) => writeFileSync(path.join(directory, 'supports.pdf'), '\0'.repeat(6)),
      'k1',
    ],
    [
      'a file replaced by another one of the same size',
      (directory) => writeFileSync(path.join(directory, 'supports.pdf'), 'pdf-23'),
      'k1',
    ],
    [
      'a file replaced by a link to a file of the same content',
      (directory) => {
        const elsewhere = path.join(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-cache-other-')), 'copie.pdf');
        writeFileSync(elsewhere, 'pdf-22');
        rmSync(path.join(directory, 'supports.pdf'));
        symlinkSync(elsewhere, path.join(directory, 'supports.pdf'));
      },
      'k1',
    ],
    ['a damaged stamp', (directory) => writeFileSync(path.join(directory, STAMP_FILE), '{'), 'k1'],
    ['a stamp holding null', stampText(null), 'k1'],
    ['a stamp holding a list', stampText([]), 'k1'],
    ['a stamp listing no file', stampText({ format: 2, key: 'k1', files: [] }), 'k1'],
    [
      'a stamp of the earlier format (sizes only)',
      stampText({ format: 1, key: 'k1', files: [{ name: 'deroule.pdf', size: 5 }] }),
      'k1',
    ],
    ['a stamp whose files are not objects', stampText({ format: 2, key: 'k1', files: [null, 3] }), 'k1'],
    [
      'a stamp pointing outside',
      stampText({ format: 2, key: 'k1', files: [{ name: '../x', size: 1, sha256: 'x' }] }),
      'k1',
    ],
    [
      'a stamp that is a link',
      (directory) => {
        const real = path.join(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-cache-other-')), STAMP_FILE);
        stamped(path.dirname(real), 'k1');
        rmSync(path.join(directory, STAMP_FILE));
        symlinkSync(real, path.join(directory, STAMP_FILE));
      },
      'k1',
    ],
    [
      'a stamp that is a folder',
      (directory) => {
        rmSync(path.join(directory, STAMP_FILE));
        mkdirSync(path.join(directory, STAMP_FILE));
      },
      'k1',
    ],
    [
      'a folder instead of a file',
      (directory) => {
        const file = path.join(directory, 'deroule.pdf');
        writeFileSync(file, '');
        rmSync(file);
        mkdirSync(file);
      },
      'k1',
    ],
  ])('rebuilds after %s', async (_, change, key) => {
    const directory = stamped(kitFolder(files), 'k1');
    change(directory);
    expect(await upToDate(directory, key)).toBeUndefined();
  });

  it('follows files in a sub-folder of the kit (print jobs), and nothing outside it', async () => {
    const directory = kitFolder(files);
    mkdirSync(path.join(directory, 'impression'));
    writeFileSync(path.join(directory, 'impression', 'affiches.pdf'), 'pdf-3');
    const stamp = stampFor('k1', [
      ...Object.entries(files).map(([name, data]) => ({ name, data })),
      { name: 'impression/affiches.pdf', data: 'pdf-3' },
    ]);
    writeFileSync(path.join(directory, stamp.name), stamp.data);
    expect(await upToDate(directory, 'k1')).toContain(path.join(directory, 'impression', 'affiches.pdf'));
    writeFileSync(path.join(directory, 'impression', 'affiches.pdf'), 'pdf-4');
    expect(await upToDate(directory, 'k1')).toBeUndefined();
    for (const name of ['impression/../../x', '.cache/x', 'impression/.x']) {
      stampText({ format: 2, key: 'k1', files: [{ name, size: 1, sha256: 'x' }] })(directory);
      expect(await upToDate(directory, 'k1'), name).toBeUndefined();
    }
  });

  it('rebuilds a kit that has no stamp', async () => {
    expect(await upToDate(kitFolder(files), 'k1')).toBeUndefined();
  });

  it('rebuilds files stamped without a key (a draft), while still knowing which files they are', async () => {
    const directory = stamped(kitFolder(files), null);
    expect(await upToDate(directory, 'k1')).toBeUndefined();
    expect(await stampedFiles(directory)).toEqual(['deroule.pdf', 'supports.pdf']);
  });

  it('keeps each unit’s stamp apart in a shared folder', async () => {
    const directory = stamped(kitFolder(files), 'k1');
    expect(await upToDate(directory, 'k1', '.pgo-kit-restitution.json')).toBeUndefined();
    expect(await stampedFiles(directory, '.pgo-kit-restitution.json')).toEqual([]);
  });
});

describe('the key every kit of a run shares', () => {
  const base = { fontPackage: 'fonts@1', html: false, date: undefined };

  it('changes with the options, the templates a lab overrides, not with unrelated files', () => {
    const lab = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-cache-lab-'));
    const workspace = createWorkspace(lab, ROOT);
    const key = sharedKey(workspace, base);
    expect(sharedKey(workspace, base)).toBe(key);
    expect(sharedKey(workspace, { ...base, html: true })).not.toBe(key);
    expect(sharedKey(workspace, { ...base, date: '2026-12-10T00:00:00.000Z' })).not.toBe(key);
    expect(sharedKey(workspace, { ...base, fontPackage: 'fonts@2' })).not.toBe(key);
    writeFileSync(path.join(lab, 'notes.txt'), 'rien à voir');
    expect(sharedKey(workspace, base)).toBe(key);
    mkdirSync(path.join(lab, 'templates', 'styles'), { recursive: true });
    writeFileSync(path.join(lab, 'templates', 'styles', 'base.css'), 'body { color: red; }');
    const overridden = sharedKey(workspace, base);
    expect(overridden).not.toBe(key);
    writeFileSync(path.join(lab, 'templates', 'styles', 'base.css'), 'body { color: blue; }');
    expect(sharedKey(workspace, base)).not.toBe(overridden);
  });
});
