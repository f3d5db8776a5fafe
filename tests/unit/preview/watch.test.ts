import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../src/model/workspace.js';
import { affectedAcademies } from '../../../src/preview/rebuild.js';
import { isRelevantChange, watchFiles, watchTargets, type FileWatcher } from '../../../src/preview/watch.js';

describe('isRelevantChange', () => {
  it.each([
    ['limoges.yaml', true],
    ['styles/supports.css', true],
    ['partials/head.hbs', true],
    ['logo.PNG', true],
    ['police.woff2', true],
    ['themes', true],
    ['templates', true],
    ['.limoges.yaml.swp', false],
    ['limoges.yaml~', false],
    ['#limoges.yaml#', false],
    ['4913', false],
    ['notes.txt', false],
    ['kits', false],
    ['deroule.pdf', false],
  ])('%s → %s', (name, relevant) => {
    expect(isRelevantChange(name)).toBe(relevant);
  });
});

describe('watchTargets', () => {
  it('watches the workspace, its data folders and the package’s, templates recursively, and the lab’s files’ folders', () => {
    const workspace = createWorkspace('/labo', '/paquet');
    const targets = watchTargets(workspace, ['images/logo.png', 'logo.svg']);
    expect(targets).toContainEqual({ directory: '/labo', recursive: false });
    expect(targets).toContainEqual({ directory: '/labo/academies', recursive: false });
    expect(targets).toContainEqual({ directory: '/labo/templates', recursive: true });
    expect(targets).toContainEqual({ directory: '/paquet/themes', recursive: false });
    expect(targets).toContainEqual({ directory: '/paquet/templates', recursive: true });
    expect(targets).toContainEqual({ directory: '/labo/images', recursive: false });
    // Each folder once.
    expect(new Set(targets.map((t) => t.directory)).size).toBe(targets.length);
    // The package's own folder is not the lab's: only its data folders are watched.
    expect(targets.map((t) => t.directory)).not.toContain('/paquet');
  });
});

describe('affectedAcademies', () => {
  const workspace = createWorkspace('/labo', '/paquet');
  const selected = ['limoges', 'nantes', 'lille'];
  it.each([
    [['/labo/academies/limoges.yaml'], ['limoges']],
    [['/labo/academies/lille.yaml', '/labo/academies/limoges.yaml'], ['limoges', 'lille']],
    [['/paquet/academies/nantes.yaml'], ['nantes']],
    [['/labo/academies/paris.yaml'], []],
    [['/labo/themes/sante.yaml'], selected],
    [['/paquet/agendas/atelier-2h.yaml'], selected],
    [['/labo/templates/styles/supports.css'], selected],
    [['/labo/images/logo.png'], selected],
    [['/labo/academies/limoges.yaml', '/labo/themes/sante.yaml'], selected],
  ])('%j → %j', (changed, expected) => {
    expect(affectedAcademies(workspace, selected, changed)).toEqual(expected);
  });
});

describe('watchFiles', () => {
  let watcher: FileWatcher | undefined;
  afterEach(() => watcher?.close());

  const nextChange = (setup: (resolve: (changed: string[]) => void) => FileWatcher) =>
    new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no change reported within 10 s')), 10_000);
      watcher = setup((changed) => {
        clearTimeout(timer);
        resolve(changed);
      });
    });

  it('reports a save made by renaming a temporary file, once per burst', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-watch-'));
    mkdirSync(path.join(root, 'academies'));
    writeFileSync(path.join(root, 'academies', 'lab.yaml'), 'academie: Limoges\n');
    const calls: string[][] = [];
    const changed = await nextChange((resolve) => {
      const created = watchFiles([{ directory: path.join(root, 'academies'), recursive: false }], (files) => {
        calls.push(files);
        resolve(files);
      }, { debounceMs: 50 });
      // As editors save: a temporary file, then a rename over the real one; and an editor's swap file.
      setTimeout(() => {
        writeFileSync(path.join(root, 'academies', '.lab.yaml.swp'), 'x');
        writeFileSync(path.join(root, 'academies', 'lab.yaml.tmp~'), 'academie: Nantes\n');
        renameSync(path.join(root, 'academies', 'lab.yaml.tmp~'), path.join(root, 'academies', 'lab.yaml'));
      }, 50);
      return created;
    });
    expect(changed).toEqual([path.join(root, 'academies', 'lab.yaml')]);
    expect(calls).toHaveLength(1);
  });

  it('watches a folder created after it started, subfolders included for templates', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-watch-'));
    const templates = path.join(root, 'templates');
    const reports: string[][] = [];
    let wake = () => undefined as void;
    const report = (count: number) => new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no report n° ${count} within 10 s`)), 10_000);
      wake = () => {
        if (reports.length < count) return;
        clearTimeout(timer);
        resolve(reports[count - 1] ?? []);
      };
      wake();
    });
    watcher = watchFiles([{ directory: root, recursive: false }, { directory: templates, recursive: true }], (files) => {
      reports.push(files);
      wake();
    }, { debounceMs: 50 });
    mkdirSync(path.join(templates, 'styles'), { recursive: true });
    expect(await report(1)).toEqual([templates]);
    // The same watcher now sees inside the new folder.
    writeFileSync(path.join(templates, 'styles', 'supports.css'), 'body {}');
    expect(await report(2)).toEqual([path.join(templates, 'styles', 'supports.css')]);
  });
});
