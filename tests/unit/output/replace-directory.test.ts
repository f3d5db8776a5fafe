import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isTransientLock,
  RENAME_RETRY_DELAYS,
  ReplaceError,
  replaceDirectoryFiles,
  settleOnInterrupt,
} from '../../../src/output/replace-directory.js';

const ROOT = path.resolve(__dirname, '../../..');
const OLD = { 'deroule.pdf': 'ancien déroulé', 'supports.pdf': 'anciens supports', 'conseils.pdf': 'anciens conseils' };
const NEW = [
  { name: 'deroule.pdf', data: 'nouveau déroulé' },
  { name: 'supports.pdf', data: 'nouveaux supports' },
  { name: 'conseils.pdf', data: 'nouveaux conseils' },
];

/** A parent folder holding `kit/` with the previous kit in it. */
function previousKit(extra: Record<string, string> = {}): { parent: string; kit: string } {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-replace-'));
  const kit = path.join(parent, 'kit');
  mkdirSync(kit);
  for (const [name, content] of Object.entries({ ...OLD, ...extra })) writeFileSync(path.join(kit, name), content);
  return { parent, kit };
}

function contents(directory: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(directory)
      .sort()
      .map((name) => [name, readFileSync(path.join(directory, name), 'utf8')]),
  );
}

const expectedNew = Object.fromEntries(NEW.map((file) => [file.name, file.data]));

describe('replaceDirectoryFiles', () => {
  it('creates the folder whole on a first build', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-replace-'));
    await replaceDirectoryFiles(path.join(parent, 'a', 'kit'), NEW);
    expect(contents(path.join(parent, 'a', 'kit'))).toEqual(expectedNew);
    expect(readdirSync(path.join(parent, 'a'))).toEqual(['kit']);
  });

  it('replaces the named files, leaves the others, and leaves no staging folder', async () => {
    const { parent, kit } = previousKit({ 'notes.txt': 'à garder' });
    await replaceDirectoryFiles(kit, NEW);
    expect(contents(kit)).toEqual({ ...expectedNew, 'notes.txt': 'à garder' });
    expect(readdirSync(parent)).toEqual(['kit']);
  });

  it('removes, in the same swap, the files an earlier run made and this one does not, and nothing else', async () => {
    const { kit } = previousKit({ 'deroule.html': 'ancien html', 'notes.txt': 'à garder' });
    mkdirSync(path.join(kit, 'dossier.html'));
    await replaceDirectoryFiles(kit, NEW, {}, ['deroule.html', 'dossier.html', 'absent.html']);
    // A stale name that is now a folder is not ours to remove.
    expect(readdirSync(kit).sort()).toEqual([...Object.keys(expectedNew), 'dossier.html', 'notes.txt'].sort());
    expect(readFileSync(path.join(kit, 'notes.txt'), 'utf8')).toBe('à garder');
  });

  it('writes files of one sub-folder (impression/), and removes the stale ones and the folder they leave empty', async () => {
    const { kit } = previousKit();
    await replaceDirectoryFiles(kit, [
      ...NEW,
      { name: 'impression/A3-1-exemplaire.pdf', data: 'a3' },
      { name: 'impression/A4-2-exemplaires.pdf', data: 'a4' },
    ]);
    expect(contents(path.join(kit, 'impression'))).toEqual({
      'A3-1-exemplaire.pdf': 'a3',
      'A4-2-exemplaires.pdf': 'a4',
    });
    // Fewer jobs: the one no longer made goes.
    await replaceDirectoryFiles(kit, [...NEW, { name: 'impression/A3-1-exemplaire.pdf', data: 'a3 bis' }], {}, [
      'impression/A3-1-exemplaire.pdf',
      'impression/A4-2-exemplaires.pdf',
    ]);
    expect(contents(path.join(kit, 'impression'))).toEqual({ 'A3-1-exemplaire.pdf': 'a3 bis' });
    // No job at all: the emptied folder goes too.
    await replaceDirectoryFiles(kit, NEW, {}, ['impression/A3-1-exemplaire.pdf']);
    expect(contents(kit)).toEqual(expectedNew);
  });

  it('leaves a sub-folder that still holds a file of the user’s', async () => {
    const { kit } = previousKit();
    await replaceDirectoryFiles(kit, [...NEW, { name: 'impression/A3-1-exemplaire.pdf', data: 'a3' }]);
    writeFileSync(path.join(kit, 'impression', 'notes.txt'), 'à garder');
    await replaceDirectoryFiles(kit, NEW, {}, ['impression/A3-1-exemplaire.pdf']);
    expect(contents(path.join(kit, 'impression'))).toEqual({ 'notes.txt': 'à garder' });
  });

  it('puts a stale file back when the swap fails', async () => {
    const { kit } = previousKit({ 'deroule.html': 'ancien html' });
    const rename = (from: string, to: string) => {
      // The new supports.pdf cannot be moved in; moving the previous files back works.
      if (to === path.join(kit, 'supports.pdf') && path.basename(path.dirname(from)) === 'nouveau')
        throw Object.assign(new Error('disque'), { code: 'EIO' });
      renameSync(from, to);
    };
    await expect(replaceDirectoryFiles(kit, NEW, { rename }, ['deroule.html'])).rejects.toBeInstanceOf(ReplaceError);
    expect(contents(kit)).toEqual({ ...OLD, 'deroule.html': 'ancien html' });
  });

  it('writes files in a sub-folder too, and replaces them there', async () => {
    const { kit } = previousKit();
    await replaceDirectoryFiles(kit, [{ name: 'impression/affiches.pdf', data: 'première' }]);
    await replaceDirectoryFiles(kit, [
      { name: 'impression/affiches.pdf', data: 'seconde' },
      { name: 'deroule.pdf', data: 'nouveau' },
    ]);
    expect(contents(path.join(kit, 'impression'))).toEqual({ 'affiches.pdf': 'seconde' });
    expect(readFileSync(path.join(kit, 'deroule.pdf'), 'utf8')).toBe('nouveau');
  });

  it('refuses a file standing where a sub-folder goes, before moving anything', async () => {
    const { kit } = previousKit({ impression: 'un fichier' });
    const error = await replaceDirectoryFiles(kit, [
      { name: 'deroule.pdf', data: 'nouveau' },
      { name: 'impression/affiches.pdf', data: 'x' },
    ]).catch((e: unknown) => e);
    expect((error as ReplaceError).reason).toBe('fichier-en-travers');
    expect(contents(kit)).toEqual({ ...OLD, impression: 'un fichier' });
  });

  it('removes the sub-folder it created when the swap fails', async () => {
    const { kit } = previousKit();
    const rename = (from: string, to: string) => {
      if (to === path.join(kit, 'supports.pdf') && path.basename(path.dirname(from)) === 'nouveau')
        throw Object.assign(new Error('disque'), { code: 'EIO' });
      renameSync(from, to);
    };
    await expect(
      replaceDirectoryFiles(kit, [{ name: 'impression/affiches.pdf', data: 'x' }, ...NEW], { rename }),
    ).rejects.toBeInstanceOf(ReplaceError);
    expect(contents(kit)).toEqual(OLD);
  });

  it.each(['../ailleurs.pdf', 'impression/../../ailleurs.pdf', '/etc/passwd', 'a//b.pdf', ''])(
    'refuses %j as a name',
    async (name) => {
      const { kit } = previousKit();
      await expect(replaceDirectoryFiles(kit, [{ name, data: 'x' }])).rejects.toThrow();
      expect(contents(kit)).toEqual(OLD);
    },
  );

  it('refuses a folder standing where a file goes, before moving anything', async () => {
    const { parent, kit } = previousKit();
    renameSync(path.join(kit, 'conseils.pdf'), path.join(parent, 'x'));
    mkdirSync(path.join(kit, 'conseils.pdf'));
    writeFileSync(path.join(kit, 'conseils.pdf', 'dedans'), '');
    const error = await replaceDirectoryFiles(kit, NEW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplaceError);
    expect((error as ReplaceError).reason).toBe('dossier-en-travers');
    expect(readFileSync(path.join(kit, 'deroule.pdf'), 'utf8')).toBe(OLD['deroule.pdf']);
    expect(readFileSync(path.join(kit, 'supports.pdf'), 'utf8')).toBe(OLD['supports.pdf']);
    expect(readdirSync(parent).sort()).toEqual(['kit', 'x']);
  });

  it('keeps the whole previous kit when a file is locked (as a PDF reader does on Windows)', async () => {
    const { parent, kit } = previousKit();
    const rename = (from: string, to: string) => {
      if (from === path.join(kit, 'conseils.pdf'))
        throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
      renameSync(from, to);
    };
    const waited: number[] = [];
    const error = await replaceDirectoryFiles(kit, NEW, { rename, sleep: (ms) => waited.push(ms) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReplaceError);
    expect(error).toMatchObject({
      reason: 'verrouille',
      restored: true,
      target: path.join(kit, 'conseils.pdf'),
      code: 'EBUSY',
    });
    expect(contents(kit)).toEqual(OLD);
    expect(readdirSync(parent)).toEqual(['kit']);
    // Said « verrouillé » only after a few seconds of tries.
    expect(waited).toEqual(RENAME_RETRY_DELAYS);
    expect(waited.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(3_000);
  });

  it.each([
    ['EBUSY', 'linux'],
    ['EBUSY', 'win32'],
    ['EPERM', 'win32'],
    ['EACCES', 'win32'],
  ] as const)(
    'replaces the kit when a file is briefly locked (%s on %s: an antivirus, OneDrive, the indexer)',
    async (code, platform) => {
      const { parent, kit } = previousKit();
      let refusals = 3;
      const rename = (from: string, to: string) => {
        if (from === path.join(kit, 'conseils.pdf') && refusals-- > 0)
          throw Object.assign(new Error(`${code}: locked`), { code });
        renameSync(from, to);
      };
      const waited: number[] = [];
      await replaceDirectoryFiles(kit, NEW, { rename, sleep: (ms) => waited.push(ms), platform });
      expect(contents(kit)).toEqual(Object.fromEntries(NEW.map((file) => [file.name, file.data])));
      expect(readdirSync(parent)).toEqual(['kit']);
      expect(waited).toEqual(RENAME_RETRY_DELAYS.slice(0, 3));
    },
  );

  it('does not wait on a folder’s rights outside Windows: EPERM there is no lock', async () => {
    const { kit } = previousKit();
    const rename = (from: string, to: string) => {
      if (from === path.join(kit, 'conseils.pdf'))
        throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      renameSync(from, to);
    };
    const waited: number[] = [];
    const error = await replaceDirectoryFiles(kit, NEW, {
      rename,
      sleep: (ms) => waited.push(ms),
      platform: 'linux',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'verrouille', code: 'EPERM' });
    expect(waited).toEqual([]);
    expect(contents(kit)).toEqual(OLD);
  });

  it.each([
    ['EBUSY', 'darwin', true],
    ['EPERM', 'win32', true],
    ['EPERM', 'darwin', false],
    ['EACCES', 'linux', false],
    ['EIO', 'win32', false],
    [undefined, 'win32', false],
  ] as const)('%s on %s is a passing lock: %s', (code, platform, transient) => {
    expect(isTransientLock(code, platform)).toBe(transient);
  });

  it('moves the previous files back when a new one cannot be moved in', async () => {
    const { parent, kit } = previousKit();
    let calls = 0;
    const rename = (from: string, to: string) => {
      if (to === path.join(kit, 'supports.pdf') && calls++ === 0)
        throw Object.assign(new Error('EIO'), { code: 'EIO' });
      renameSync(from, to);
    };
    const error = await replaceDirectoryFiles(kit, NEW, { rename }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'ecriture', restored: true });
    expect(contents(kit)).toEqual(OLD);
    expect(readdirSync(parent)).toEqual(['kit']);
  });

  it('says where the previous files are when even moving them back fails', async () => {
    const { parent, kit } = previousKit();
    const rename = (from: string, to: string) => {
      if (to === path.join(kit, 'supports.pdf')) throw Object.assign(new Error('EIO'), { code: 'EIO' });
      renameSync(from, to);
    };
    const error = (await replaceDirectoryFiles(kit, NEW, { rename }).catch((e: unknown) => e)) as ReplaceError;
    expect(error.restored).toBe(false);
    expect(error.backup).toBeDefined();
    expect(contents(error.backup ?? '')).toEqual({ 'supports.pdf': OLD['supports.pdf'] });
    expect(existsSync(parent)).toBe(true);
  });

  it('an interrupt during the swap finds the new kit complete, and says so', () => {
    // A real signal, sent in the middle of the swap: it is handled only once the swap is over.
    const { kit } = previousKit();
    const script = `
      import { renameSync } from 'node:fs';
      import { readdirSync, readFileSync } from 'node:fs';
      import path from 'node:path';
      const { replaceDirectoryFiles, settleOnInterrupt } = await import(${JSON.stringify(path.join(ROOT, 'dist/output/replace-directory.js'))});
      const kit = ${JSON.stringify(kit)};
      process.on('SIGTERM', () => {
        const state = settleOnInterrupt();
        const files = Object.fromEntries(readdirSync(kit).sort().map((n) => [n, readFileSync(path.join(kit, n), 'utf8')]));
        process.stdout.write(JSON.stringify({ complete: state.complete, files }));
        process.exit(143);
      });
      const rename = (from, to) => {
        renameSync(from, to);
        if (to === path.join(kit, 'deroule.pdf')) {
          process.kill(process.pid, 'SIGTERM');
          const until = Date.now() + 100;
          while (Date.now() < until) { /* the signal is now pending */ }
        }
      };
      await replaceDirectoryFiles(kit, ${JSON.stringify(NEW)}, { rename });
      setTimeout(() => process.exit(0), 5000);
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(143);
    const report = JSON.parse(result.stdout) as { complete: string[]; files: Record<string, string> };
    expect(report.files).toEqual(expectedNew);
    expect(report.complete).toEqual([kit]);
  });

  it('an interrupt while the new files are written leaves the previous kit and no staging folder', () => {
    const { parent, kit } = previousKit();
    const script = `
      import { readdirSync } from 'node:fs';
      const { replaceDirectoryFiles, settleOnInterrupt } = await import(${JSON.stringify(path.join(ROOT, 'dist/output/replace-directory.js'))});
      process.on('SIGTERM', () => {
        const state = settleOnInterrupt();
        process.stdout.write(JSON.stringify({ complete: state.complete, parent: readdirSync(${JSON.stringify(parent)}) }));
        process.exit(143);
      });
      const big = new Uint8Array(64 * 1024 * 1024);
      const pending = replaceDirectoryFiles(${JSON.stringify(kit)}, [{ name: 'deroule.pdf', data: big }, { name: 'supports.pdf', data: big }]);
      setImmediate(() => process.kill(process.pid, 'SIGTERM'));
      await pending;
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(143);
    expect(JSON.parse(result.stdout)).toEqual({ complete: [], parent: ['kit'] });
    expect(contents(kit)).toEqual(OLD);
  });
});

describe('what an interrupt says after a watch rebuilt a kit several times', () => {
  it('names each folder once', async () => {
    const { kit } = previousKit();
    for (let save = 0; save < 7; save++)
      await replaceDirectoryFiles(kit, [{ name: 'deroule.pdf', data: `version ${save}` }]);
    const { complete } = settleOnInterrupt();
    expect(complete.filter((folder) => folder === kit)).toEqual([kit]);
  });
});
