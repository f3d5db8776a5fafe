import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../src/model/workspace.js';
import { affectedAcademies } from '../../../src/preview/rebuild.js';
import { isRelevantChange, watchFiles, watchTargets, type FileWatcher } from '../../../src/preview/watch.js';

/**
 * What a watch reported, and `reported(file)`: resolves with the first report that names the file (the
 * reports are then emptied, for the next save), or fails after 10 s naming it. `onReport` is the watch's callback.
 */
function reportLog(root: string) {
  const reports: string[][] = [];
  let wake = () => undefined as void;
  const reported = (file: string) =>
    new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${path.relative(root, file)} not reported within 10 s`)),
        10_000,
      );
      wake = () => {
        const found = reports.find((files) => files.includes(file));
        if (!found) return;
        clearTimeout(timer);
        reports.length = 0;
        resolve(found);
      };
      wake();
    });
  const onReport = (files: string[]) => {
    reports.push(files);
    wake();
  };
  return { reports, reported, onReport };
}

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
    [
      ['/labo/academies/lille.yaml', '/labo/academies/limoges.yaml'],
      ['limoges', 'lille'],
    ],
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
  afterEach(async () => {
    await watcher?.close();
    watcher = undefined;
  });

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
      const created = watchFiles(
        [{ directory: path.join(root, 'academies'), recursive: false }],
        (files) => {
          calls.push(files);
          resolve(files);
        },
        { debounceMs: 50 },
      );
      // As editors save: a temporary file, then a rename over the real one; and an editor's swap file.
      void created.ready().then(() => {
        writeFileSync(path.join(root, 'academies', '.lab.yaml.swp'), 'x');
        writeFileSync(path.join(root, 'academies', 'lab.yaml.tmp~'), 'academie: Nantes\n');
        renameSync(path.join(root, 'academies', 'lab.yaml.tmp~'), path.join(root, 'academies', 'lab.yaml'));
      });
      return created;
    });
    expect(changed).toEqual([path.join(root, 'academies', 'lab.yaml')]);
    // A later save of another file is the next report: nothing of the burst came in between.
    const other = path.join(root, 'academies', 'autre.yaml');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the later save was not reported within 10 s')), 10_000);
      const poll = setInterval(() => {
        if (!calls.some((files) => files.includes(other))) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }, 20);
      writeFileSync(other, 'academie: Nantes\n');
    });
    expect(calls).toEqual([[path.join(root, 'academies', 'lab.yaml')], [other]]);
    rmSync(root, { recursive: true, force: true });
  });

  it('watches a folder created after it started, subfolders included for templates', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-watch-'));
    const templates = path.join(root, 'templates');
    const { reported: reportNaming, onReport } = reportLog(root);
    watcher = watchFiles(
      [
        { directory: root, recursive: false },
        { directory: templates, recursive: true },
      ],
      onReport,
      { debounceMs: 50 },
    );
    await watcher.ready();
    mkdirSync(path.join(templates, 'styles'), { recursive: true });
    expect(await reportNaming(templates)).toEqual([templates]);
    // The same watcher now sees inside the new folder. (The folder's new watch may report the folder once
    // more as it starts, on a loaded machine after the first report: that is a change too, not the save's.)
    const css = path.join(templates, 'styles', 'supports.css');
    writeFileSync(css, 'body {}');
    expect((await reportNaming(css)).filter((file) => file !== templates)).toEqual([css]);
    rmSync(root, { recursive: true, force: true });
  });
  it('sees the subfolders created while it starts (chokidar reads a folder, then watches it)', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-watch-'));
    const templates = path.join(root, 'templates');
    mkdirSync(templates);
    // A folder long to read: the subfolders below are created between chokidar's reading of it and its watch.
    for (let i = 0; i < 2000; i++) writeFileSync(path.join(templates, `modele-${i}.hbs`), '');
    const { reported, onReport } = reportLog(root);
    watcher = watchFiles([{ directory: templates, recursive: true }], onReport, { debounceMs: 30 });
    // Created 0, 10, 20, 40 and 80 ms after the watch began.
    const folders: string[] = [];
    for (const wait of [0, 10, 10, 20, 40]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const folder = path.join(templates, `styles-${folders.length}`);
      mkdirSync(folder);
      folders.push(folder);
    }
    await watcher.ready();
    for (const folder of folders) {
      const css = path.join(folder, 'supports.css');
      const created = reported(css);
      writeFileSync(css, 'a {}\n');
      await created;
      // And saved again by rename, later: the folder is watched for good.
      const saved = reported(css);
      execFileSync('sed', ['-i', 's/a/b/', css]);
      await saved;
    }
    rmSync(root, { recursive: true, force: true });
  });
});

/**
 * Every folder a kit reads, saved again and again the way `sed -i` and
 * editors' safe-save do (a new file renamed over the old one), then written
 * in place, then removed and re-created: each save is reported, the last as
 * the first.
 */
describe('a watch never goes stale', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-watch-stale-'));
  const packageRoot = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-watch-paquet-'));
  const workspace = createWorkspace(root, packageRoot);
  let watcher: FileWatcher | undefined;
  const { reports, reported, onReport } = reportLog(root);
  afterEach(async () => {
    await watcher?.close();
    watcher = undefined;
  });
  afterAll(() => {
    for (const folder of [root, packageRoot]) rmSync(folder, { recursive: true, force: true });
  });

  it.each([
    'academies/lab.yaml',
    'themes/sante.yaml',
    'agendas/atelier-2h.yaml',
    'templates/deroule.hbs',
    'templates/styles/supports.css',
    'templates/partials/head.hbs',
    'images/logo.png',
    'logo.svg',
  ])('%s: seen after saves by rename, in place, and after the folder was removed and re-created', async (relative) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'a\n');
    reports.length = 0;
    watcher = watchFiles(watchTargets(workspace, ['images/logo.png', 'logo.svg']), onReport, {
      debounceMs: 30,
      maxWaitMs: 200,
    });
    await watcher.ready();
    for (const [from, to] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ]) {
      const seen = reported(file);
      execFileSync('sed', ['-i', `s/${from}/${to}/`, file]);
      await seen;
    }
    const inPlace = reported(file);
    writeFileSync(file, 'e\n');
    await inPlace;
    if (path.dirname(relative) !== '.') {
      // The whole folder removed (a `git checkout`, a restored backup), then brought back.
      const folder = path.join(root, relative.split('/')[0] ?? '');
      const gone = reported(folder);
      rmSync(folder, { recursive: true });
      await gone;
      mkdirSync(path.dirname(file), { recursive: true });
      const back = reported(file);
      writeFileSync(file, 'f\n');
      await back;
      const afterwards = reported(file);
      execFileSync('sed', ['-i', 's/f/g/', file]);
      await afterwards;
    }
  });
});
