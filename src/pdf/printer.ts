/**
 * One shared browser for a whole run; pages are reused for documents of
 * the same kind and closed with the browser (or at once after a failure). Pages run with JavaScript disabled and every request is
 * answered from memory or from an allow-list of local files: nothing reaches
 * the network or the rest of the disk.
 */
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, HTTPRequest, Page, PDFOptions } from 'puppeteer-core';
import { DOCUMENT_ORIGIN, type AssetResolver } from '../document-origin.js';
import { DEFAULT_DELAY_MS, delayInSeconds } from '../config.js';
import { EnvironmentError } from '../errors.js';
import { policyRefusal } from './browser-policy.js';
import { openRemote, RemoteFailure, remoteReason, type RemoteConnection } from './remote-browser.js';
import {
  BrowserStartFailure,
  killBrowserTree,
  launchBrowser,
  loadPuppeteer,
  PROFILE_TEMPORARY,
  profileParent,
  profilePrefix,
  staleProfiles,
  temporaryFolderProblem,
} from './local-browser.js';

const DOCUMENT_URL = `${DOCUMENT_ORIGIN}/document.html`;

/** The only kinds of file a document may load, by extension. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** page.pdf options, shared with the benchmark's floor so that both print the same way. */
export function pdfOptions(outline: boolean, timeoutMs: number): PDFOptions {
  return { preferCSSPageSize: true, printBackground: true, tagged: true, outline, timeout: timeoutMs };
}

/**
 * Assets never change during a run: Chromium may keep them in its memory
 * cache, so that a reused page does not ask for the fonts and CSS again.
 */
const ASSET_HEADERS = { 'Cache-Control': 'public, max-age=31536000, immutable' };

export interface PrintRequest {
  /** Shown in error messages: « deroule.pdf (limoges) ». */
  label: string;
  /** Documents of the same kind share pages, one after the other (e.g. every deroule.pdf). */
  kind?: string;
  html: string;
  resolveAsset: AssetResolver;
  /** Chromium builds the bookmarks from the headings. */
  outline: boolean;
}

export interface PrinterOptions {
  /** A local Chrome or Chromium to launch; ignored when `remoteEndpoint` is given. */
  executablePath?: string;
  /** ws://… of an already running browser to print through (--navigateur-distant). */
  remoteEndpoint?: string;
  /** Per document, from opening the page to the last PDF byte. */
  timeoutMs?: number;
  /** For the browser to start (or the remote one to answer). */
  launchTimeoutMs?: number;
  /** Requests refused, for --verbose. */
  onBlockedRequest?: (url: string) => void;
}

interface PooledPage {
  page: Page;
  /** The kind of document it printed last: a page reused for the same kind has its CSS warm. */
  kind?: string;
  /** The document the page is printing; undefined while it waits in the pool. */
  job?: PrintRequest | undefined;
}

/** What a launch or a connection gives: where our pages are opened. */
interface Session {
  browser: Browser;
  /** For a remote browser, our own context: closing it closes our pages and nothing else. */
  context?: BrowserContext;
}

/** Whether a process runs (or exists but is not ours to signal). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Profiles left by earlier runs that were killed (kill -9, a closed terminal): their browser quit with them, their folder did not. */
function removeStaleProfiles(parent: string): void {
  try {
    for (const name of staleProfiles(readdirSync(parent), isRunning))
      rmSync(path.join(parent, name), { recursive: true, force: true });
  } catch {
    // Someone else's to clean, or already gone.
  }
}

function isWritableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Before the browser starts: a system temporary folder (TMPDIR) that cannot hold its profile is said, in French. */
export function assertTemporaryFolder(folder: string = os.tmpdir()): void {
  const problem = temporaryFolderProblem(folder);
  if (problem)
    throw new EnvironmentError(
      `le dossier temporaire ${folder} est inutilisable (${problem}) : le navigateur y met son profil ; corrigez la variable TMPDIR ou retirez-la`,
    );
}

export class PdfPrinter {
  private session?: Promise<Session>;
  private child?: ChildProcess;
  /** The connection to a remote browser, dropped at the end whatever its state. */
  private remote?: RemoteConnection;
  private profile?: string;
  /** Where profiles are made; stale ones of killed runs are removed from it at the end. */
  private profileParent?: string;
  private closed = false;
  private readonly assetCache = new Map<string, Promise<Buffer>>();
  private readonly idlePages: PooledPage[] = [];
  /** Pages opened ahead by warmUp(), not used yet. */
  private readonly sparePages: Promise<PooledPage>[] = [];
  private readonly openPages = new Set<Page>();

  constructor(private readonly options: PrinterOptions) {}

  /** When the browser was ready, in performance.now() time (for the profile). */
  readyAt: number | undefined;

  private launch(): Promise<Session> {
    if (this.closed) return Promise.reject(new EnvironmentError('impression interrompue'));
    this.session ??= (async () => {
      const session = this.options.remoteEndpoint
        ? await this.connect(this.options.remoteEndpoint)
        : await this.launchLocal();
      this.readyAt = performance.now();
      return session;
    })();
    return this.session;
  }

  private async launchLocal(): Promise<Session> {
    const executablePath = this.options.executablePath;
    if (!executablePath) throw new EnvironmentError('aucun navigateur à lancer');
    // Our own throw-away profile, named after this process so that a leftover browser can be traced back.
    // It holds the profile and the browser's own temporary files (TMPDIR), removed together.
    this.profileParent = profileParent(os.tmpdir(), process.platform, process.pid, isWritableFolder);
    let temporary: string;
    try {
      this.profile = await mkdtemp(path.join(this.profileParent, profilePrefix(process.pid)));
      temporary = path.join(this.profile, PROFILE_TEMPORARY);
      await mkdir(temporary);
    } catch (error) {
      // Checked before the launch (assertTemporaryFolder): only a folder that changed meanwhile, or a full disk, gets here.
      throw new EnvironmentError(
        `impossible de créer le profil du navigateur dans ${this.profileParent} : ${temporaryFolderProblem(this.profileParent) ?? 'écriture impossible (disque plein ?)'}`,
        error,
      );
    }
    const patience = this.options.launchTimeoutMs ?? DEFAULT_DELAY_MS;
    // Whatever ends this process, the browser and its helpers end with it, and the profile goes.
    process.once('exit', this.killOnExit);
    try {
      const launched = await launchBrowser({
        executablePath,
        userDataDir: path.join(this.profile, 'profil'),
        env: { ...process.env, TMPDIR: temporary, TMP: temporary, TEMP: temporary },
        timeoutMs: patience,
      });
      this.child = launched.process;
      // Closed meanwhile (Ctrl-C during the launch): the browser goes at once.
      if (this.closed) killBrowserTree(this.child);
      return { browser: launched.browser };
    } catch (error) {
      // A managed Chrome or Edge forbidden to run headless or to be driven says so, then quits or hangs: say what to ask IT.
      const policy = policyRefusal(error instanceof Error ? error.message : String(error), executablePath);
      if (policy) throw new EnvironmentError(policy, error);
      const hung = error instanceof BrowserStartFailure && error.reason === 'délai';
      throw new EnvironmentError(
        hung
          ? `le navigateur ne répond pas : délai de démarrage dépassé (${executablePath})`
          : `le navigateur n’a pas pu démarrer (${executablePath})`,
        error,
      );
    }
  }

  private readonly killOnExit = () => this.killNow();

  /** An already running browser: we open pages in a context of our own and never close the browser itself. */
  private async connect(endpoint: string): Promise<Session> {
    const puppeteer = loadPuppeteer();
    const patience = this.options.launchTimeoutMs ?? DEFAULT_DELAY_MS;
    const remote = openRemote(endpoint);
    this.remote = remote;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EnvironmentError(`le navigateur distant ne répond pas : délai dépassé (${endpoint})`)),
        patience,
      );
    });
    const attempt = (async () => {
      const browser = await puppeteer.connect({ transport: await remote.transport, protocolTimeout: patience });
      return { browser, context: await browser.createBrowserContext() };
    })();
    try {
      return await Promise.race([attempt, deadline]);
    } catch (error) {
      // Whatever its state (a handshake never completed, a half-open session), the connection goes: nothing keeps the process alive.
      remote.destroy();
      if (error instanceof EnvironmentError) throw error;
      const reason = remote.broken() ?? (error instanceof RemoteFailure ? error.message : remoteReason(error));
      throw new EnvironmentError(`navigateur distant injoignable (${endpoint}) : ${reason}`, error);
    } finally {
      clearTimeout(timer);
      attempt.catch(() => undefined);
    }
  }

  /**
   * Starts the browser now, and opens `pages` pages in it, so that they are
   * ready when the first documents are (opening one costs ≈ 50 ms); errors
   * surface on print().
   */
  warmUp(pages = 0): void {
    this.launch().catch(() => undefined);
    for (let count = this.idlePages.length + this.sparePages.length; count < pages; count++) {
      const spare = this.openPage();
      spare.catch(() => undefined);
      this.sparePages.push(spare);
    }
  }

  private readAsset(file: string): Promise<Buffer> {
    let cached = this.assetCache.get(file);
    if (!cached) {
      cached = readFile(file);
      this.assetCache.set(file, cached);
    }
    return cached;
  }

  private async answer(request: HTTPRequest, job: PrintRequest | undefined): Promise<void> {
    const url = request.url();
    if (!job) {
      // A page waiting in the pool has no document: nothing may load.
      await request.abort('blockedbyclient');
      return;
    }
    if (url === DOCUMENT_URL) {
      await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: job.html });
      return;
    }
    if (url === `${DOCUMENT_ORIGIN}/favicon.ico`) {
      // Asked for by Chromium itself, not by a document: not worth a warning.
      await request.respond({ status: 404, body: '' });
      return;
    }
    let file: string | undefined;
    try {
      file = url.startsWith(`${DOCUMENT_ORIGIN}/`) ? job.resolveAsset(new URL(url)) : undefined;
    } catch {
      file = undefined;
    }
    const type = file ? MIME_TYPES[path.extname(file).toLowerCase()] : undefined;
    if (!file || !type) {
      this.options.onBlockedRequest?.(url);
      await request.abort('blockedbyclient');
      return;
    }
    try {
      await request.respond({
        status: 200,
        headers: ASSET_HEADERS,
        contentType: type,
        body: await this.readAsset(file),
      });
    } catch {
      await request.respond({ status: 404, body: '' });
    }
  }

  /**
   * A page ready to print: an idle one that printed the same kind of
   * document if any (its CSS is warm), else any idle one (the fonts are
   * shared), else a new one. The caller bounds how many print at a time.
   */
  private async acquire(kind: string): Promise<PooledPage> {
    const index = this.idlePages.findIndex((pooled) => pooled.kind === kind);
    const [reused] = this.idlePages.splice(index >= 0 ? index : this.idlePages.length - 1, 1);
    if (reused) return reused;
    return this.sparePages.shift() ?? this.openPage();
  }

  /** A new page, scripts off, every request answered by answer(). */
  private async openPage(): Promise<PooledPage> {
    const { browser, context } = await this.launch();
    try {
      const page = await (context ?? browser).newPage();
      this.openPages.add(page);
      const pooled: PooledPage = { page };
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        void this.answer(request, pooled.job).catch(() => undefined);
      });
      return pooled;
    } catch (error) {
      throw new EnvironmentError('le navigateur ne répond plus', error);
    }
  }

  /** Back to the pool after a success; a page that failed is closed, never reused. */
  private async release(kind: string, pooled: PooledPage, healthy: boolean): Promise<void> {
    pooled.job = undefined;
    pooled.kind = kind;
    if (healthy && !this.closed) {
      this.idlePages.push(pooled);
      return;
    }
    this.openPages.delete(pooled.page);
    await pooled.page.close().catch(() => undefined);
  }

  async print(job: PrintRequest): Promise<Uint8Array> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_DELAY_MS;
    const kind = job.kind ?? job.label;
    const pooled = await this.acquire(kind);
    pooled.job = job;
    const { page } = pooled;
    let timer: NodeJS.Timeout | undefined;
    let healthy = false;
    const work = (async () => {
      await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: timeoutMs });
      return page.pdf(pdfOptions(job.outline, timeoutMs));
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EnvironmentError(`délai dépassé (${delayInSeconds(timeoutMs)}) pour ${job.label}`)),
        timeoutMs,
      );
    });
    try {
      const pdf = await Promise.race([work, deadline]);
      healthy = true;
      return pdf;
    } catch (error) {
      if (error instanceof EnvironmentError) throw error;
      if (this.closed) throw new EnvironmentError('impression interrompue', error);
      const broken = this.remote?.broken();
      if (broken) throw new EnvironmentError(`${broken}, en imprimant ${job.label}`, error);
      throw new EnvironmentError(`le navigateur a échoué en imprimant ${job.label}`, error);
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);
      await this.release(kind, pooled, healthy);
    }
  }

  /**
   * Closes the browser we launched; for a remote browser, closes our pages
   * and disconnects, leaving the browser running. Safe to call twice, and
   * before anything was printed.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = this.session;
    if (!pending) return;
    const session = await pending.catch(() => undefined);
    if (!session) {
      // A browser that failed to start was killed with its helpers: once it is gone, nothing writes in its profile.
      await this.browserExited(2_000);
      this.removeProfile();
      process.off('exit', this.killOnExit);
      if (this.profileParent) removeStaleProfiles(this.profileParent);
      return;
    }
    const { browser, context } = session;
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise((resolve) => {
      timer = setTimeout(resolve, 5_000);
    });
    if (context) {
      const pages = [...this.openPages].map((page) => page.close().catch(() => undefined));
      await Promise.race([
        Promise.all(pages)
          .then(() => context.close())
          .then(() => browser.disconnect()),
        patience,
      ]).catch(() => undefined);
      clearTimeout(timer);
      // A browser that stopped answering must not keep the process alive.
      this.remote?.destroy();
      return;
    }
    if (process.platform === 'linux') {
      // A throw-away browser holds nothing worth a polite shutdown: its PDFs are read, and its profile, which
      // holds its temporary files too, is removed next. Its process group is stopped at once, which spares
      // the ≈ 50 ms of Chromium's own shutdown.
      await Promise.race([browser.disconnect(), patience]).catch(() => undefined);
      killBrowserTree(this.child);
    } else {
      // Elsewhere the polite way (Browser.close over DevTools): without process groups (Windows) it is the one
      // that ends every helper, and on macOS Chrome may keep temporary files outside TMPDIR, which it removes itself.
      await Promise.race([browser.close(), patience]).catch(() => undefined);
    }
    clearTimeout(timer);
    await this.browserExited(2_000);
    this.killNow();
    process.off('exit', this.killOnExit);
    if (this.profileParent) removeStaleProfiles(this.profileParent);
  }

  /** Resolves once the browser we launched has exited, or after `ms`. */
  private browserExited(ms: number): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stops the browser and its helpers at once and removes the profile; also the last resort from a synchronous 'exit' handler. */
  killNow(): void {
    killBrowserTree(this.child);
    this.removeProfile();
  }

  /** Never throws: a folder that resists removal must not hide the error that stopped the run. */
  private removeProfile(): void {
    const profile = this.profile;
    this.profile = undefined;
    if (!profile) return;
    try {
      // The browser's helper processes may still be writing for a moment after its main process died.
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    } catch {
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // Left in the temporary folder, which the system cleans.
      }
    }
  }
}
