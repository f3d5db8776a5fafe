import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BrowserStartFailure,
  killBrowserTree,
  launchBrowser,
  LAUNCH_ARGS,
  PROFILE_TEMPORARY,
  profileParent,
  profilePrefix,
  staleProfiles,
} from '../../../src/pdf/local-browser.js';
import { findBrowser } from '../../../src/pdf/find-browser.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-launch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stand-in browser: a shell script that behaves as told. */
function fakeBrowser(name: string, body: string): string {
  const file = path.join(work, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** Whether a process still runs: gone, or a zombie waiting for whoever adopted it to reap it. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until `check` holds, polling, for at most `ms` (no fixed sleep: the outcome is what is asserted). */
async function eventually(check: () => boolean, ms = 5_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 20)))
    if (check()) return true;
  return check();
}

describe.skipIf(process.platform !== 'linux')('starting a browser through Puppeteer’s launcher', () => {
  const start = (executablePath: string, timeoutMs = 5_000) =>
    launchBrowser({ executablePath, userDataDir: path.join(work, 'profil'), env: process.env, timeoutMs });

  it('gives it our network-isolation flags, a pipe, our profile, tagged PDFs and bookmarks', async () => {
    const argv = path.join(work, 'argv');
    await start(fakeBrowser('records', `printf '%s\\n' "$@" > ${argv}\nexit 1`)).catch(() => undefined);
    const line = readFileSync(argv, 'utf8').trim().split('\n');
    expect(line).toEqual(
      expect.arrayContaining([
        ...LAUNCH_ARGS.filter((flag) => !flag.startsWith('--disable-features=')),
        '--remote-debugging-pipe',
        `--user-data-dir=${path.join(work, 'profil')}`,
        '--headless=new',
        '--export-tagged-pdf',
        '--generate-pdf-document-outline',
      ]),
    );
    // Our features are merged with Puppeteer's into one flag, which Chromium reads once.
    const disabled = line.filter((flag) => flag.startsWith('--disable-features='));
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toMatch(/AsyncDns/);
  });

  it('says the browser stopped, with its last words, when it exits before answering', async () => {
    const failure = await start(
      fakeBrowser('dies', 'echo "libfoo.so: cannot open shared object file" >&2\nexit 127'),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BrowserStartFailure);
    expect((failure as BrowserStartFailure).reason).toBe('arrêt');
    expect((failure as Error).message).toContain('libfoo.so');
  });

  it('says so when a browser never answers, and its whole process group is stopped', async () => {
    const pidFile = path.join(work, 'helper.pid');
    // The « browser » starts a helper of its own, as Chromium does, then never answers.
    const failure = await start(fakeBrowser('hangs', `sleep 60 &\necho $! > ${pidFile}\nsleep 60`), 300).catch(
      (error: unknown) => error,
    );
    expect((failure as BrowserStartFailure).reason).toBe('délai');
    const helper = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !running(helper))).toBe(true);
  });

  it('starts a real one, whose process group killBrowserTree() stops', async () => {
    const { browser, process: child } = await start((await findBrowser()).executablePath, 30_000);
    expect(await browser.version()).toMatch(/Chrom/);
    killBrowserTree(child);
    expect(await eventually(() => !running(child.pid ?? 0))).toBe(true);
  });
});

describe('where the throw-away profile goes', () => {
  const macTemporary = '/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T';
  it.each([
    ['the system’s temporary folder', '/tmp', 'linux', true, '/tmp'],
    ['a short TMPDIR', '/home/lab/tmp', 'linux', true, '/home/lab/tmp'],
    [
      '/tmp rather than macOS’s long TMPDIR, where Chromium’s socket would not fit',
      macTemporary,
      'darwin',
      true,
      '/tmp',
    ],
    ['/tmp rather than a deep TMPDIR', '/tmp/pgo-kit-tests-HX5imO/pgo-kit-tmpdir-abcdef', 'linux', true, '/tmp'],
    ['the long one all the same when /tmp cannot be used', macTemporary, 'darwin', false, macTemporary],
    [
      'Windows’s, whatever its length (no Unix socket there)',
      'C:\\Users\\Une personne au nom long\\AppData\\Local\\Temp',
      'win32',
      true,
      'C:\\Users\\Une personne au nom long\\AppData\\Local\\Temp',
    ],
  ] as const)('%s', (_name, temporary, platform, usable, expected) => {
    expect(profileParent(temporary, platform, 12345, () => usable)).toBe(expected);
  });

  it.each([1, 12345, 4194304])('leaves room for Chromium’s socket below it (process %i)', (pid) => {
    for (const temporary of ['/tmp', '/tmp/pgo-kit-tests-HX5imO', '/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T']) {
      const parent = profileParent(temporary, 'linux', pid, () => true);
      expect(
        `${parent}/${profilePrefix(pid)}AbCdEf/${PROFILE_TEMPORARY}/org.chromium.Chromium.AbCdEf/SingletonSocket`
          .length,
      ).toBeLessThan(104);
    }
  });
});

describe('profiles left by a killed run', () => {
  it('are those of processes that are gone, and only pgo-kit’s', () => {
    const names = [
      'pgo-kit-chrome-111-AbCdEf',
      'pgo-kit-chrome-222-GhIjKl',
      'pgo-kit-chrome-333-x',
      'pgo-kit-test-AbCdEf',
      'autre',
      'pgo-kit-chrome-444-MnOpQr',
    ];
    expect(staleProfiles(names, (pid) => pid === 222)).toEqual([
      'pgo-kit-chrome-111-AbCdEf',
      'pgo-kit-chrome-444-MnOpQr',
    ]);
    expect(staleProfiles(names, () => true)).toEqual([]);
  });
});
