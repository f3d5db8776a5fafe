/**
 * Starts a local Chrome or Chromium ourselves, with the command line
 * Puppeteer's launcher would give it, and hands Puppeteer only its DevTools
 * pipe. Why not `puppeteer.launch()`: loading Puppeteer costs about 0.1 s
 * of the main thread, and the browser could only be started after it.
 * Spawned first, the browser boots on the other core while Puppeteer loads
 * (the browser's launch is the longest wait of a one-academy build).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A local port where nothing listens (discard): a request sent there fails at once, without leaving the machine. */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * Flags that keep Chromium off the network and run as root in CI (the
 * benchmark's floor uses them too). Documents are answered by request
 * interception before any name is resolved, so mapping every host name to
 * « not found » costs nothing and stops the browser's own lookups; its own
 * services (component updates, Google accounts) are sent to a closed local
 * port, and the features that would call out are off.
 */
export const LAUNCH_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  `--component-updater=url-source=${NOWHERE}`,
  `--gaia-url=${NOWHERE}`,
  `--google-apis-url=${NOWHERE}`,
  `--lso-url=${NOWHERE}`,
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--no-pings',
  '--no-default-browser-check',
  '--metrics-recording-only',
  '--no-service-autorun',
  '--password-store=basic',
  '--use-mock-keychain',
  '--dns-prefetch-disable',
  '--disable-features=OptimizationHints,OptimizationGuideModelDownloading,MediaRouter,DialMediaRouteProvider,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,InterestFeedContentSuggestions,SafeBrowsingBetterTelemetryOptIn,DnsOverHttps,AsyncDns,PrivacySandboxSettings4,LensOverlay',
];

/**
 * Puppeteer 24's defaults for a headless launch (ChromeLauncher.defaultArgs):
 * among them the flags that make page.pdf write tags and bookmarks. A unit
 * test compares browserArguments() with Puppeteer's own list, so that an
 * upgrade that changes them is seen.
 */
const PUPPETEER_DEFAULTS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
];
const PUPPETEER_DISABLED_FEATURES = ['Translate', 'AcceptCHFrame', 'MediaRouter', 'OptimizationHints', 'WebUIReloadButton', 'ProcessPerSiteUpToMainFrameThreshold', 'IsolateSandboxedIframes'];
const PUPPETEER_ENABLED_FEATURES = ['PdfOopif'];

/** The features a list of flags turns on or off (`--disable-features=A,B`), in order. */
function features(flag: '--disable-features' | '--enable-features', args: readonly string[]): string[] {
  return args.filter((arg) => arg.startsWith(`${flag}=`)).map((arg) => arg.slice(flag.length + 1).trim()).filter(Boolean);
}

/**
 * The whole command line of a headless browser printing for us: what
 * `puppeteer.launch({ headless: true, pipe: true, args: LAUNCH_ARGS, userDataDir })`
 * would run. Pure.
 */
export function browserArguments(userDataDir: string, args: readonly string[] = LAUNCH_ARGS): string[] {
  const own = args.filter((arg) => !arg.startsWith('--disable-features=') && !arg.startsWith('--enable-features='));
  return [
    ...PUPPETEER_DEFAULTS,
    `--disable-features=${[...PUPPETEER_DISABLED_FEATURES, ...features('--disable-features', args)].join(',')}`,
    `--enable-features=${[...PUPPETEER_ENABLED_FEATURES, ...features('--enable-features', args)].join(',')}`,
    `--user-data-dir=${userDataDir}`,
    '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    ...(own.every((arg) => arg.startsWith('-')) ? ['about:blank'] : []),
    ...own,
    '--remote-debugging-pipe',
  ];
}

/**
 * The longest path a Unix socket may have (sun_path: 104 bytes on macOS,
 * 108 on Linux, its final NUL included): Chromium puts one in a folder of
 * its temporary folder and stops at once when it does not fit.
 */
const SOCKET_PATH_MAX = 103;
/** What Chromium adds below its temporary folder (Chrome and Edge use shorter names). */
const BELOW_TEMPORARY = '/org.chromium.Chromium.XXXXXX/SingletonSocket'.length;

/** The throw-away profile's folder name, after this process so that a leftover browser can be traced back. */
export function profilePrefix(pid: number): string {
  return `pgo-kit-chrome-${pid}-`;
}

/**
 * The profiles, among these folder names, left by a pgo-kit process that is
 * gone (killed before it could remove its own): the next run removes them.
 * A folder whose process still runs, or that is not ours, is left alone. Pure.
 */
export function staleProfiles(names: readonly string[], isRunning: (pid: number) => boolean): string[] {
  return names.filter((name) => {
    const pid = /^pgo-kit-chrome-(\d+)-[A-Za-z0-9]{6}$/.exec(name)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
}

/** The browser's own temporary files (its TMPDIR) go in this folder of its profile: removing the profile removes them, even after a kill. */
export const PROFILE_TEMPORARY = 't';

/**
 * Where the throw-away profile is created: the system's temporary folder,
 * unless its path is so long that Chromium's socket would not fit below it
 * (a TMPDIR deep in a home folder, macOS's /var/folders/…/T/): then /tmp.
 * Pure.
 */
export function profileParent(temporary: string, platform: NodeJS.Platform, pid: number, usable: (folder: string) => boolean): string {
  if (platform === 'win32') return temporary;
  const socket = `${temporary}/${profilePrefix(pid)}XXXXXX/${PROFILE_TEMPORARY}`.length + BELOW_TEMPORARY;
  return socket <= SOCKET_PATH_MAX || !usable('/tmp') ? temporary : '/tmp';
}

/** Why a browser did not come up; said in French by the printer. */
export class BrowserStartFailure extends Error {
  constructor(readonly reason: 'délai' | 'arrêt', message: string) {
    super(message);
  }
}

export interface StartedBrowser {
  process: ChildProcess;
  /** The DevTools pipe (--remote-debugging-pipe): what we write to the browser (its fd 3), what it writes to us (its fd 4). */
  pipe: { toBrowser: NodeJS.WritableStream; fromBrowser: NodeJS.ReadableStream };
  /**
   * `connecting`, unless the browser exits, cannot be run, or does not
   * answer within the delay counted from its start: then a BrowserStartFailure
   * with its last words.
   */
  untilReady<T>(connecting: Promise<T>): Promise<T>;
}

/**
 * Spawns the browser, speaking DevTools over a pipe rather than a port: no
 * socket at all, and a browser whose pgo-kit is gone (killed, its terminal
 * closed) sees the pipe close and quits. Detached on POSIX, so that the
 * browser leads a process group that killBrowserTree() stops whole. Its
 * output is read to the end (a full pipe would block it) and its last
 * lines kept for the error message.
 */
export function startBrowser(options: { executablePath: string; userDataDir: string; env: NodeJS.ProcessEnv; timeoutMs: number }): StartedBrowser {
  const child = spawn(options.executablePath, browserArguments(options.userDataDir), {
    detached: process.platform !== 'win32',
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  for (const stream of [child.stderr, child.stdout]) {
    if (!stream) continue;
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => {
      if (line.trim() === '') return;
      recent.push(line);
      if (recent.length > 20) recent.shift();
    });
    // The interface must not outlive the streams: destroyed streams close it.
    stream.once('close', () => lines.close());
  }
  const lastWords = () => recent.join('\n');
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrowserStartFailure('délai', `no answer after ${options.timeoutMs} ms\n${lastWords()}`)), options.timeoutMs);
    child.once('exit', (code, signal) => reject(new BrowserStartFailure('arrêt', `browser exited (${signal ?? code}) before answering\n${lastWords()}`)));
    child.once('error', (error) => reject(new BrowserStartFailure('arrêt', error.message)));
  });
  // Observed by untilReady(); an exit after the browser answered is no failure to start.
  failure.catch(() => undefined);
  const toBrowser = child.stdio[3] as NodeJS.WritableStream;
  const fromBrowser = child.stdio[4] as NodeJS.ReadableStream;
  // A browser gone mid-write is told by its exit, not by an uncaught EPIPE.
  toBrowser.on('error', () => undefined);
  fromBrowser.on('error', () => undefined);
  return {
    process: child,
    pipe: { toBrowser, fromBrowser },
    async untilReady(connecting) {
      try {
        return await Promise.race([
          connecting.catch((error: unknown) => {
            // The connection broke: most often the browser died; its own words say why better than Puppeteer's.
            throw new BrowserStartFailure('arrêt', `${error instanceof Error ? error.message : String(error)}\n${lastWords()}`);
          }),
          failure,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Stops a browser and every helper it started, at once (synchronous, usable
 * from an 'exit' handler): its process group on POSIX, its process tree
 * with taskkill on Windows. Its pipes are closed so that Node does not wait
 * for helpers still holding them.
 */
export function killBrowserTree(child: ChildProcess | undefined): void {
  if (!child?.pid) return;
  if (process.platform === 'win32') {
    // Without process groups, a tree is found from its root's pid: once that ended, the pid may be someone else's.
    if (child.exitCode !== null || child.signalCode !== null) {
      releasePipes(child);
      return;
    }
    try {
      execFileSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    } catch {
      child.kill();
    }
  } else {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  releasePipes(child);
}

/** The browser's output and DevTools pipes, closed on our side. */
export function releasePipes(child: ChildProcess): void {
  for (const stream of child.stdio) stream?.destroy();
}
