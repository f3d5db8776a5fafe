import { describe, expect, it } from 'vitest';
import { EnvironmentError, UsageError } from '../../../src/errors.js';
import { findBrowser, installHint, lookUpOnPath, systemCandidates } from '../../../src/pdf/find-browser.js';

const only =
  (...present: string[]) =>
  (candidate: string) =>
    present.includes(candidate);
const noCache = async () => [];

describe('finding a browser', () => {
  it.each([
    [
      '--browser first',
      { explicit: '/opt/chrome', env: { PUPPETEER_EXECUTABLE_PATH: '/env/chrome' } },
      ['/opt/chrome', '/env/chrome', '/usr/bin/chromium'],
      '/opt/chrome',
      'option --browser',
    ],
    [
      'then the environment',
      { env: { PUPPETEER_EXECUTABLE_PATH: '/env/chrome' } },
      ['/env/chrome', '/usr/bin/chromium'],
      '/env/chrome',
      'PUPPETEER_EXECUTABLE_PATH',
    ],
    ['then the system', { env: {} }, ['/usr/bin/google-chrome', '/usr/bin/chromium'], '/usr/bin/chromium', 'système'],
  ])('%s', async (_name, query, present, expected, source) => {
    const found = await findBrowser({
      ...query,
      platform: 'linux',
      isExecutable: only(...present),
      cachedBrowsers: noCache,
    });
    expect(found).toEqual({ executablePath: expected, source });
  });

  it('prefers Puppeteer’s cache to the system', async () => {
    const found = await findBrowser({
      env: {},
      platform: 'linux',
      isExecutable: only('/cache/chrome', '/usr/bin/chromium'),
      cachedBrowsers: async () => ['/cache/chrome'],
    });
    expect(found.source).toBe('cache de Puppeteer');
  });

  it('never silently falls back when the named browser is missing', async () => {
    await expect(
      findBrowser({
        explicit: '/absent',
        env: {},
        platform: 'linux',
        isExecutable: only('/usr/bin/chromium'),
        cachedBrowsers: noCache,
      }),
    ).rejects.toThrow(/navigateur introuvable ou non exécutable : \/absent/);
  });

  it.each(['', '  '])('refuses an empty --browser %j rather than looking elsewhere', async (explicit) => {
    await expect(
      findBrowser({
        explicit,
        env: {},
        platform: 'linux',
        isExecutable: only('/usr/bin/chromium'),
        cachedBrowsers: noCache,
      }),
    ).rejects.toThrow(UsageError);
  });

  it('finds a bare name on PATH, as a shell does', async () => {
    const found = await findBrowser({
      explicit: 'chromium',
      env: { PATH: '/opt/bin:/usr/bin' },
      platform: 'linux',
      isExecutable: only('/usr/bin/chromium'),
      cachedBrowsers: noCache,
    });
    expect(found).toEqual({ executablePath: '/usr/bin/chromium', source: 'option --browser' });
  });

  it.each([
    ['chromium', { PATH: '/a:/b' }, 'linux', ['/b/chromium'], '/b/chromium'],
    ['chrome', { PATH: 'C:\\A;C:\\B', PATHEXT: '.EXE;.CMD' }, 'win32', ['C:\\B\\chrome.exe'], 'C:\\B\\chrome.exe'],
    ['./chromium', { PATH: '/a' }, 'linux', ['/a/chromium'], undefined],
    ['chromium', {}, 'linux', ['/usr/bin/chromium'], undefined],
  ] as const)('lookUpOnPath(%j, %j, %s)', (name, env, platform, present, expected) => {
    expect(lookUpOnPath(name, env, platform, only(...present))).toBe(expected);
  });

  it.each([
    ['linux', /apt-get install -y chromium/],
    ['darwin', /installez Google Chrome \(https:\/\/www\.google\.com\/chrome\/\) ou Microsoft Edge/],
    ['win32', /winget install Google\.Chrome/],
  ] as const)('says how to install one on %s', async (platform, command) => {
    const error = await findBrowser({ env: {}, platform, isExecutable: () => false, cachedBrowsers: noCache }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as Error).message).toMatch(command);
    expect(installHint(platform)).toMatch(command);
  });

  it('knows the usual places on each platform', () => {
    expect(systemCandidates('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    // An account without administrator rights installs into its own ~/Applications.
    expect(systemCandidates('darwin', { HOME: '/Users/camille' })).toEqual(
      expect.arrayContaining([
        '/Users/camille/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Users/camille/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
        '/Users/camille/Applications/Chromium.app/Contents/MacOS/Chromium',
      ]),
    );
    expect(installHint('darwin')).not.toMatch(/brew|cask/);
    expect(systemCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' })).toContain(
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    );
    expect(systemCandidates('linux', {}).slice(0, 2)).toEqual([
      '/usr/lib/chromium/chromium-headless-shell',
      '/usr/bin/chromium',
    ]);
    expect(systemCandidates('linux', {})).toContain('/usr/bin/microsoft-edge');
  });

  it('looks for the usual names on PATH after the usual places', async () => {
    const env = { PATH: '/home/lab/bin:relative:/usr/local/bin' };
    expect(systemCandidates('linux', env)).toContain('/usr/local/bin/google-chrome-stable');
    expect(systemCandidates('linux', env).some((candidate) => candidate.startsWith('relative'))).toBe(false);
    const found = await findBrowser({
      env,
      platform: 'linux',
      isExecutable: only('/home/lab/bin/microsoft-edge'),
      cachedBrowsers: noCache,
    });
    expect(found).toEqual({ executablePath: '/home/lab/bin/microsoft-edge', source: 'système' });
  });
});
