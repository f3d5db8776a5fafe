import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserStartFailure, browserArguments, killBrowserTree, LAUNCH_ARGS, PROFILE_TEMPORARY, profileParent, profilePrefix, staleProfiles, startBrowser } from '../../../src/pdf/launch-browser.js';

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

describe('the browser’s command line', () => {
  it('is the one puppeteer.launch() would run, flag for flag', () => {
    const userDataDir = '/tmp/profil';
    // defaultArgs() merges and removes the --disable-features flags of the array it is given: a copy.
    // What puppeteer.launch({ pipe: true }) adds to its defaults (ChromeLauncher.computeLaunchArguments).
    const puppeteers = [...puppeteer.defaultArgs({ headless: true, args: [...LAUNCH_ARGS], userDataDir }), '--remote-debugging-pipe'];
    expect(browserArguments(userDataDir)).toEqual(puppeteers);
  });

  it.each([
    ['our features merged after Puppeteer’s', ['--disable-features=A,B', '--enable-features=C'], ['--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes,A,B', '--enable-features=PdfOopif,C']],
    ['a page to open replaces about:blank', ['https://exemple.invalid/'], ['https://exemple.invalid/']],
  ])('%s', (_name, args, expected) => {
    const line = browserArguments('/p', args);
    for (const flag of expected) expect(line).toContain(flag);
    expect(line.includes('about:blank')).toBe(args.every((arg) => arg.startsWith('-')));
    expect(line.at(-1)).toBe('--remote-debugging-pipe');
  });

  it('keeps tagged PDFs and bookmarks on', () => {
    expect(browserArguments('/p')).toEqual(expect.arrayContaining(['--export-tagged-pdf', '--generate-pdf-document-outline', '--headless=new', '--user-data-dir=/p']));
  });
});

describe('where the throw-away profile goes', () => {
  const macTemporary = '/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T';
  it.each([
    ['the system’s temporary folder', '/tmp', 'linux', true, '/tmp'],
    ['a short TMPDIR', '/home/lab/tmp', 'linux', true, '/home/lab/tmp'],
    ['/tmp rather than macOS’s long TMPDIR, where Chromium’s socket would not fit', macTemporary, 'darwin', true, '/tmp'],
    ['/tmp rather than a deep TMPDIR', '/tmp/pgo-kit-tests-HX5imO/pgo-kit-tmpdir-abcdef', 'linux', true, '/tmp'],
    ['the long one all the same when /tmp cannot be used', macTemporary, 'darwin', false, macTemporary],
    ['Windows’s, whatever its length (no Unix socket there)', 'C:\\Users\\Une personne au nom long\\AppData\\Local\\Temp', 'win32', true, 'C:\\Users\\Une personne au nom long\\AppData\\Local\\Temp'],
  ] as const)('%s', (_name, temporary, platform, usable, expected) => {
    expect(profileParent(temporary, platform, 12345, () => usable)).toBe(expected);
  });

  it.each([1, 12345, 4194304])('leaves room for Chromium’s socket below it (process %i)', (pid) => {
    for (const temporary of ['/tmp', '/tmp/pgo-kit-tests-HX5imO', '/var/folders/zz/zyxvpxvq6csfxvn_n0000000000000/T']) {
      const parent = profileParent(temporary, 'linux', pid, () => true);
      expect(`${parent}/${profilePrefix(pid)}AbCdEf/${PROFILE_TEMPORARY}/org.chromium.Chromium.AbCdEf/SingletonSocket`.length).toBeLessThan(104);
    }
  });
});

describe('profiles left by a killed run', () => {
  it('are those of processes that are gone, and only pgo-kit’s', () => {
    const names = ['pgo-kit-chrome-111-AbCdEf', 'pgo-kit-chrome-222-GhIjKl', 'pgo-kit-chrome-333-x', 'pgo-kit-test-AbCdEf', 'autre', 'pgo-kit-chrome-444-MnOpQr'];
    expect(staleProfiles(names, (pid) => pid === 222)).toEqual(['pgo-kit-chrome-111-AbCdEf', 'pgo-kit-chrome-444-MnOpQr']);
    expect(staleProfiles(names, () => true)).toEqual([]);
  });
});

describe.skipIf(process.platform !== 'linux')('starting a browser', () => {
  const start = (executablePath: string, timeoutMs = 5_000) => startBrowser({ executablePath, userDataDir: path.join(work, 'profil'), env: process.env, timeoutMs });
  const never = new Promise<never>(() => undefined);

  it('talks over the DevTools pipe, its fds 3 and 4', async () => {
    // The « browser » answers each NUL-ended message on fd 3 with a fixed one on fd 4.
    const script = path.join(work, 'pipe.cjs');
    writeFileSync(script, "const fs = require('fs');\nfs.createReadStream('', { fd: 3 }).on('data', (chunk) => { for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0) fs.writeSync(4, '{\"id\":1,\"result\":{}}\\0'); });\n");
    const started = start(fakeBrowser('pipe', `exec "${process.execPath}" "${script}"`));
    const answered = new Promise<string>((resolve) => started.pipe.fromBrowser.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    started.pipe.toBrowser.write('{"id":1,"method":"Browser.getVersion"}\0');
    await expect(started.untilReady(answered)).resolves.toBe('{"id":1,"result":{}}\0');
    const exited = new Promise((resolve) => started.process.once('exit', resolve));
    killBrowserTree(started.process);
    await expect(exited).resolves.toBeDefined();
  });

  it('says the browser stopped, with its last words, when it exits before answering', async () => {
    const started = start(fakeBrowser('dies', 'echo "libfoo.so: cannot open shared object file" >&2\nexit 127'));
    const failure = await started.untilReady(never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BrowserStartFailure);
    expect((failure as BrowserStartFailure).reason).toBe('arrêt');
    expect((failure as Error).message).toContain('libfoo.so');
  });

  it('says so when a browser never answers, and its whole process group is stopped', async () => {
    const pidFile = path.join(work, 'helper.pid');
    // The « browser » starts a helper of its own, as Chromium does, then never answers.
    const started = start(fakeBrowser('hangs', `sleep 60 &\necho $! > ${pidFile}\nsleep 60`), 300);
    const failure = await started.untilReady(never).catch((error: unknown) => error);
    expect((failure as BrowserStartFailure).reason).toBe('délai');
    const helper = Number(readFileSync(pidFile, 'utf8'));
    killBrowserTree(started.process);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running(helper)).toBe(false);
  });

  it('says so when the file cannot be run at all', async () => {
    const started = start(path.join(work, 'absent'));
    await expect(started.untilReady(never)).rejects.toBeInstanceOf(BrowserStartFailure);
  });

  it('adds the browser’s last words to a broken connection', async () => {
    const started = start(fakeBrowser('says', 'echo "Trace/breakpoint trap" >&2\nsleep 30'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const failure = await started.untilReady(Promise.reject(new Error('Connection closed'))).catch((error: unknown) => error);
    expect((failure as BrowserStartFailure).reason).toBe('arrêt');
    expect((failure as Error).message).toMatch(/Connection closed\nTrace\/breakpoint trap/);
    killBrowserTree(started.process);
  });
});
