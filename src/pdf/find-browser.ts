/**
 * Finds an installed Chrome or Chromium, in the README's order: --browser, then
 * PUPPETEER_EXECUTABLE_PATH, then Puppeteer's own cache, then the usual
 * system locations. Nothing is ever downloaded.
 */
import { accessSync, constants, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';

export interface BrowserQuery {
  /** The --browser option. */
  explicit?: string | undefined;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Injected in tests; defaults to the file system. */
  isExecutable?: (candidate: string) => boolean;
  /** Browsers in Puppeteer's cache; injected in tests. */
  cachedBrowsers?: () => Promise<string[]>;
}

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found, said by `doctor`. */
  source: 'option --browser' | 'PUPPETEER_EXECUTABLE_PATH' | 'cache de Puppeteer' | 'système';
}

function defaultIsExecutable(candidate: string): boolean {
  try {
    if (!statSync(candidate).isFile()) return false;
    accessSync(candidate, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function systemCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Chromium.app/Contents/MacOS/Chromium',
    ];
    // A browser installed without administrator rights goes to the account's own ~/Applications.
    return ['/Applications', path.posix.join(env.HOME ?? os.homedir(), 'Applications')].flatMap((folder) =>
      apps.map((app) => path.posix.join(folder, app)),
    );
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => [
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  const fixed = [
    // Debian's headless-only build comes first when a machine has it: it prints the same PDFs,
    // and unlike the full browser it never probes the network (no IPv6 reachability check).
    // The binary itself, not /usr/bin's wrapper: that script does not exec, so the browser
    // would outlive a kill of the process pgo-kit started.
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/google/chrome/chrome',
    '/opt/microsoft/msedge/msedge',
  ];
  // Then the same names anywhere on PATH (a browser in /usr/local/bin, Flatpak or Nix wrappers…); scripts/installer.sh uses this list too.
  const onPath = (env.PATH ?? '')
    .split(':')
    .filter((dir) => dir.startsWith('/'))
    .flatMap((dir) => BROWSER_NAMES.map((name) => path.posix.join(dir, name)));
  return [...new Set([...fixed, ...onPath])];
}

/** Command names of Chrome, Chromium and Edge on Linux. */
export const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'microsoft-edge-stable',
];

/** The command that installs a browser on this platform, for the error message. */
export function installHint(platform: NodeJS.Platform): string {
  // Not Homebrew's chromium cask: it is deprecated (unsigned, refused by Gatekeeper).
  if (platform === 'darwin')
    return 'installez Google Chrome (https://www.google.com/chrome/) ou Microsoft Edge (https://www.microsoft.com/edge), sans droits d’administrateur si besoin : dans votre dossier Applications personnel (~/Applications)';
  if (platform === 'win32') return 'installez Google Chrome ou Microsoft Edge, ou : winget install Google.Chrome';
  return 'sudo apt-get update && sudo apt-get install -y chromium (Debian, Ubuntu) ou sudo dnf install chromium (Fedora)';
}

async function puppeteerCache(env: NodeJS.ProcessEnv): Promise<string[]> {
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
  try {
    statSync(cacheDir);
  } catch {
    return [];
  }
  // Imported only when the cache exists: the common case never pays for it.
  const { getInstalledBrowsers } = await import('@puppeteer/browsers');
  const installed = await getInstalledBrowsers({ cacheDir });
  return installed
    .filter(
      (browser) =>
        browser.browser === 'chrome' || browser.browser === 'chromium' || browser.browser === 'chrome-headless-shell',
    )
    .sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', { numeric: true }))
    .map((browser) => browser.executablePath);
}

/** A bare name (`chromium`, `chrome.exe`) looked up in PATH, as a shell would. */
export function lookUpOnPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  isExecutable: (candidate: string) => boolean,
): string | undefined {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  if (name.includes('/') || (platform === 'win32' && name.includes('\\'))) return undefined;
  const folders = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const extensions =
    platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase())] : [''];
  for (const folder of folders) {
    for (const extension of extensions) {
      const candidate = paths.join(folder, name + extension);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** --browser as typed: an empty value is a misuse, said as soon as the command starts (even a build with nothing to redo). */
export function checkBrowserOption(value: string | undefined): void {
  if (value !== undefined && value.trim() === '')
    throw new UsageError(
      'l’option --browser attend le chemin ou le nom d’un navigateur (par exemple /usr/bin/chromium ou chromium)',
    );
}

export async function findBrowser(query: BrowserQuery = {}): Promise<FoundBrowser> {
  const env = query.env ?? process.env;
  const platform = query.platform ?? process.platform;
  const isExecutable = query.isExecutable ?? defaultIsExecutable;

  if (query.explicit !== undefined) {
    checkBrowserOption(query.explicit);
    const found = isExecutable(query.explicit)
      ? query.explicit
      : lookUpOnPath(query.explicit, env, platform, isExecutable);
    if (found) return { executablePath: found, source: 'option --browser' };
    throw new EnvironmentError(`navigateur introuvable ou non exécutable : ${query.explicit} (option --browser)`);
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { executablePath: fromEnv, source: 'PUPPETEER_EXECUTABLE_PATH' };
    throw new EnvironmentError(
      `navigateur introuvable ou non exécutable : ${fromEnv} (variable PUPPETEER_EXECUTABLE_PATH)`,
    );
  }
  const cached = await (query.cachedBrowsers ?? (() => puppeteerCache(env)))().catch(() => []);
  const fromCache = cached.find(isExecutable);
  if (fromCache) return { executablePath: fromCache, source: 'cache de Puppeteer' };
  const fromSystem = systemCandidates(platform, env).find(isExecutable);
  if (fromSystem) return { executablePath: fromSystem, source: 'système' };

  throw new EnvironmentError(
    `aucun navigateur Chrome ou Chromium trouvé pour produire les PDF.\n` +
      `  Installez-en un : ${installHint(platform)}\n` +
      `  ou indiquez son chemin : pgo-kit build --browser /chemin/vers/chrome (ou la variable PUPPETEER_EXECUTABLE_PATH).`,
  );
}
