/**
 * The stamp's sources (src/output/kit-cache.ts): what lets a run with nothing
 * changed skip the loading of its data. Each way a unit's inputs can change
 * must make the shortcut miss.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  labFileSources,
  refreshSources,
  sourcesDigest,
  stampFor,
  unchangedSources,
  type SourceStamp,
} from '../../../src/output/kit-cache.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const folders: string[] = [];
function folder(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-sources-'));
  folders.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}
afterAll(() => folders.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe('the data folders’ digest', () => {
  const pack = folder({ 'themes/sante.yaml': 'titre: Santé\n', 'academies/a.yaml': 'academie: A\n' });
  const lab = () => folder({ 'academies/b.yaml': 'academie: B\n', 'images/logo.png': 'png' });

  it.each<[string, (root: string) => void]>([
    ['a file edited', (root) => writeFileSync(path.join(root, 'academies/b.yaml'), 'academie: Bêta\n')],
    ['a shipped file overridden', (root) => writeFileSync(path.join(root, 'themes', 'sante.yaml'), 'titre: Santé\n')],
    ['a file added', (root) => writeFileSync(path.join(root, 'academies/c.yml'), 'academie: C\n')],
    ['a file removed', (root) => rmSync(path.join(root, 'academies/b.yaml'))],
    ['a restitution written', (root) => writeFileSync(path.join(root, 'restitutions/b.yaml'), 'academie: b\n')],
    [
      'a file replaced by a link to the same text',
      (root) => {
        writeFileSync(path.join(root, 'b.yaml'), 'academie: B\n');
        rmSync(path.join(root, 'academies/b.yaml'));
        symlinkSync(path.join(root, 'b.yaml'), path.join(root, 'academies/b.yaml'));
      },
    ],
  ])('changes with %s', (_, change) => {
    const root = lab();
    mkdirSync(path.join(root, 'themes'));
    mkdirSync(path.join(root, 'restitutions'));
    const workspace = createWorkspace(root, pack);
    const before = sourcesDigest(workspace);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(sourcesDigest(workspace)).toBe(before);
    change(root);
    expect(sourcesDigest(workspace)).not.toBe(before);
  });

  it('changes with the package’s data, not with the lab’s other files', () => {
    const shipped = folder({ 'themes/sante.yaml': 'titre: Santé\n' });
    const root = lab();
    const workspace = createWorkspace(root, shipped);
    const before = sourcesDigest(workspace);
    writeFileSync(path.join(root, 'images/logo.png'), 'another png');
    writeFileSync(path.join(root, 'notes.txt'), 'notes');
    expect(sourcesDigest(workspace)).toBe(before);
    writeFileSync(path.join(shipped, 'themes/sante.yaml'), 'titre: Santé publique\n');
    expect(sourcesDigest(workspace)).not.toBe(before);
  });
});

describe('a unit found unchanged from its stamp’s sources', () => {
  const files = [
    { name: 'restitution.pdf', data: 'pdf' },
    { name: 'engagements.csv', data: 'csv' },
  ];
  const warning = {
    file: 'restitutions/b.yaml',
    line: 3,
    col: 5,
    path: 'presents',
    message: 'attention',
    severity: 'warning' as const,
  };
  /** A lab with a logo, and a unit's folder stamped with key k1 and sources s1. */
  const made = (key: string | null = 'k1') => {
    const root = folder({ 'images/logo.png': 'png', 'kits/b/restitution.pdf': 'pdf', 'kits/b/engagements.csv': 'csv' });
    const workspace = createWorkspace(root, folder());
    const directory = path.join(root, 'kits/b');
    const sources: SourceStamp = {
      key: 's1',
      title: 'Académie de Bêta',
      labFiles: labFileSources(workspace, ['images/logo.png']),
      warnings: [warning],
    };
    const stamp = stampFor(key, files, '.stamp.json', sources);
    writeFileSync(path.join(directory, stamp.name), stamp.data);
    return { root, workspace, directory };
  };

  it('gives its files, title and warnings when nothing changed', async () => {
    const { workspace, directory } = made();
    const found = await unchangedSources(workspace, directory, '.stamp.json', 's1');
    expect(found?.files).toEqual(files.map((file) => path.join(directory, file.name)));
    expect(found?.sources.title).toBe('Académie de Bêta');
    expect(found?.sources.warnings).toEqual([warning]);
  });

  it.each<[string, (root: string) => void, string]>([
    ['other sources', () => undefined, 's2'],
    ['a logo edited', (root) => writeFileSync(path.join(root, 'images/logo.png'), 'gif'), 's1'],
    ['a logo removed', (root) => rmSync(path.join(root, 'images/logo.png')), 's1'],
    ['one of its files edited', (root) => writeFileSync(path.join(root, 'kits/b/engagements.csv'), 'CSV'), 's1'],
  ])('misses with %s', async (_, change, key) => {
    const { root, workspace, directory } = made();
    change(root);
    expect(await unchangedSources(workspace, directory, '.stamp.json', key)).toBeUndefined();
  });

  it('misses for a unit to make again (a draft), whose stamp keeps no sources', async () => {
    const { workspace, directory } = made(null);
    expect(JSON.parse(readFileSync(path.join(directory, '.stamp.json'), 'utf8')).sources).toBeUndefined();
    expect(await unchangedSources(workspace, directory, '.stamp.json', 's1')).toBeUndefined();
  });

  it('is found again once its stamp’s sources are refreshed, the rest of the stamp as it was', async () => {
    const { workspace, directory } = made();
    const stamp = () => JSON.parse(readFileSync(path.join(directory, '.stamp.json'), 'utf8'));
    const before = stamp();
    expect(await unchangedSources(workspace, directory, '.stamp.json', 's2')).toBeUndefined();
    await refreshSources(directory, '.stamp.json', { ...before.sources, key: 's2' });
    expect(await unchangedSources(workspace, directory, '.stamp.json', 's2')).toBeDefined();
    expect(stamp()).toEqual({ ...before, sources: { ...before.sources, key: 's2' } });
  });
});
