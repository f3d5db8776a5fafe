/**
 * A local Chrome or Chromium for one run, started by Puppeteer's own
 * launcher (`@puppeteer/browsers`' launch, on `puppeteer.defaultArgs()`)
 * and driven over its DevTools pipe (Puppeteer's PipeTransport, as
 * `puppeteer.launch({ pipe: true })` does): no port at all, and a browser
 * whose pgo-kit is gone (killed, its terminal closed) sees the pipe close
 * and quits. What is ours: the flags that keep it off the network, a
 * throw-away profile (its temporary files inside), a delay, and stopping
 * its whole process group on every way out.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, ConnectionTransport } from 'puppeteer-core';

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
export function profileParent(
  temporary: string,
  platform: NodeJS.Platform,
  pid: number,
  usable: (folder: string) => boolean,
): string {
  if (platform === 'win32') return temporary;
  const socket = `${temporary}/${profilePrefix(pid)}XXXXXX/${PROFILE_TEMPORARY}`.length + BELOW_TEMPORARY;
  return socket <= SOCKET_PATH_MAX || !usable('/tmp') ? temporary : '/tmp';
}

/**
 * What is wrong with the temporary folder the browser's profile goes in
 * (TMPDIR), in French; undefined when it can be used. Checked before the
 * browser starts, so that a TMPDIR that is missing, a file or read-only is
 * said as such.
 */
export function temporaryFolderProblem(folder: string): string | undefined {
  try {
    if (!statSync(folder).isDirectory()) return 'c’est un fichier, pas un dossier';
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    switch ((error as NodeJS.ErrnoException).code) {
      case 'ENOENT':
        return 'ce dossier n’existe pas';
      case 'ENOTDIR':
        return 'un élément du chemin est un fichier, pas un dossier';
      case 'EACCES':
      case 'EPERM':
        return 'permission refusée';
      case 'EROFS':
        return 'système de fichiers en lecture seule';
      default:
        return 'dossier inutilisable';
    }
  }
}

/** Why a browser did not come up; said in French by the printer. */
export class BrowserStartFailure extends Error {
  constructor(
    readonly reason: 'délai' | 'arrêt',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Puppeteer, loaded only when a document is to be printed. Its CommonJS
 * build: Node 20 loads its few hundred files about a third faster through
 * require() than through the ES module loader.
 */
export function loadPuppeteer(): typeof import('puppeteer-core') {
  return createRequire(import.meta.url)('puppeteer-core') as typeof import('puppeteer-core');
}

export interface LaunchedBrowser {
  browser: Browser;
  process: ChildProcess;
}

/** Puppeteer's own DevTools pipe transport (exported by puppeteer-core's Node entry, absent from its public types). */
type PipeTransportClass = new (
  toBrowser: NodeJS.WritableStream,
  fromBrowser: NodeJS.ReadableStream,
) => ConnectionTransport;

/**
 * Starts the browser with `@puppeteer/browsers`' launch (Puppeteer's own
 * launcher), on the command line `puppeteer.defaultArgs()` gives plus our
 * flags, and connects Puppeteer over its DevTools pipe (`pipe: true`, as
 * `puppeteer.launch` does). Done in these two steps rather than one
 * `puppeteer.launch()` for what the latter hides when the browser fails:
 * its last words (a managed Chrome says its administrator forbids it there)
 * and its process, to stop with its helpers. Over a pipe, Puppeteer has no
 * start delay of its own: ours is `timeoutMs`. Puppeteer's signal handlers
 * are off (pgo-kit's own say what an interrupt leaves); its 'exit' handler
 * still kills the browser.
 */
export async function launchBrowser(options: {
  executablePath: string;
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}): Promise<LaunchedBrowser> {
  const puppeteer = loadPuppeteer();
  const { launch } = createRequire(import.meta.url)('@puppeteer/browsers') as typeof import('@puppeteer/browsers');
  const PipeTransport = (puppeteer as unknown as { PipeTransport: PipeTransportClass }).PipeTransport;
  const browserProcess = launch({
    executablePath: options.executablePath,
    // defaultArgs() merges our --disable-features with Puppeteer's, and adds tagged PDFs and bookmarks; `pipe: true` adds the last flag.
    args: [
      ...puppeteer.defaultArgs({ headless: true, args: [...LAUNCH_ARGS], userDataDir: options.userDataDir }),
      '--remote-debugging-pipe',
    ],
    pipe: true,
    env: options.env,
    detached: process.platform !== 'win32',
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const child = browserProcess.nodeProcess;
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BrowserStartFailure('délai', `no answer after ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    child.once('exit', (code, signal) =>
      reject(new BrowserStartFailure('arrêt', `browser exited (${signal ?? code}) before answering`)),
    );
    child.once('error', (error) => reject(new BrowserStartFailure('arrêt', error.message)));
  });
  // An exit after the browser answered is no failure to start.
  failure.catch(() => undefined);
  const { 3: toBrowser, 4: fromBrowser } = child.stdio as unknown as [
    unknown,
    unknown,
    unknown,
    NodeJS.WritableStream,
    NodeJS.ReadableStream,
  ];
  // A browser gone mid-write is told by its exit, not by an uncaught EPIPE.
  toBrowser.on('error', () => undefined);
  fromBrowser.on('error', () => undefined);
  try {
    const browser = await Promise.race([
      puppeteer.connect({
        transport: new PipeTransport(toBrowser, fromBrowser),
        defaultViewport: { width: 800, height: 600 },
        protocolTimeout: options.timeoutMs,
      }),
      failure,
    ]);
    return { browser, process: child };
  } catch (error) {
    killBrowserTree(child);
    const reason = error instanceof BrowserStartFailure ? error.reason : 'arrêt';
    // Its own words say why better than Puppeteer's « Target closed ».
    throw new BrowserStartFailure(
      reason,
      [error instanceof Error ? error.message : String(error), ...browserProcess.getRecentLogs()].join('\n'),
    );
  } finally {
    clearTimeout(timer);
  }
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
