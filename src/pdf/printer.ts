/**
 * One shared browser for a whole run, one page per document, closed right
 * after printing. Pages run with JavaScript disabled and every request is
 * answered from memory or from an allow-list of local files: nothing reaches
 * the network or the rest of the disk.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, HTTPRequest } from 'puppeteer-core';
import { EnvironmentError } from '../errors.js';

/** The origin documents are served from; it never reaches a network. */
export const DOCUMENT_ORIGIN = 'https://pgo-kit.invalid';
const DOCUMENT_URL = `${DOCUMENT_ORIGIN}/document.html`;

/** Flags that keep Chromium quiet on a closed network and run as root in CI. */
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

const MIME_TYPES: Record<string, string> = {
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

/** Maps an asset URL of a document to a local file it may load, or undefined to refuse it. */
export type AssetResolver = (url: URL) => string | undefined;

export interface PrintRequest {
  /** Shown in error messages: « deroule.pdf (limoges) ». */
  label: string;
  html: string;
  resolveAsset: AssetResolver;
  /** Chromium builds the bookmarks from the headings. */
  outline: boolean;
}

export interface PrinterOptions {
  executablePath: string;
  /** Per document, from opening the page to the last PDF byte. */
  timeoutMs?: number;
  /** For the browser to start and answer. */
  launchTimeoutMs?: number;
  /** Requests refused, for --verbose. */
  onBlockedRequest?: (url: string) => void;
}

export class PdfPrinter {
  private browser?: Promise<Browser>;
  private child?: { kill(signal: NodeJS.Signals): boolean };
  private profile?: string;
  private closed = false;
  private readonly assetCache = new Map<string, Promise<Buffer>>();

  constructor(private readonly options: PrinterOptions) {}

  private launch(): Promise<Browser> {
    if (this.closed) return Promise.reject(new EnvironmentError('impression interrompue'));
    this.browser ??= (async () => {
      // Loaded lazily: `validate`, `list` and `--help` never pay for Puppeteer.
      const puppeteer = await import('puppeteer-core');
      // Our own throw-away profile, named after this process so that a leftover browser can be traced back.
      this.profile = await mkdtemp(path.join(os.tmpdir(), `pgo-kit-chrome-${process.pid}-`));
      try {
        const browser = await puppeteer.launch({
          executablePath: this.options.executablePath,
          headless: true,
          userDataDir: this.profile,
          args: LAUNCH_ARGS,
          // The CLI closes the browser itself on Ctrl-C, after removing partial files.
          handleSIGINT: false,
          handleSIGTERM: false,
          handleSIGHUP: false,
          timeout: this.options.launchTimeoutMs ?? 30_000,
        });
        this.child = browser.process() ?? undefined;
        return browser;
      } catch (error) {
        const hung = error instanceof Error && error.name === 'TimeoutError';
        throw new EnvironmentError(
          hung
            ? `le navigateur ne répond pas : délai de démarrage dépassé (${this.options.executablePath})`
            : `le navigateur n’a pas pu démarrer (${this.options.executablePath})`,
          error,
        );
      }
    })();
    return this.browser;
  }

  /** Starts the browser now, so that it is ready when the first document is; errors surface on print(). */
  warmUp(): void {
    this.launch().catch(() => undefined);
  }

  private readAsset(file: string): Promise<Buffer> {
    let cached = this.assetCache.get(file);
    if (!cached) {
      cached = readFile(file);
      this.assetCache.set(file, cached);
    }
    return cached;
  }

  private async answer(request: HTTPRequest, job: PrintRequest): Promise<void> {
    const url = request.url();
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
      await request.respond({ status: 200, contentType: type, body: await this.readAsset(file) });
    } catch {
      await request.respond({ status: 404, body: '' });
    }
  }

  async print(job: PrintRequest): Promise<Uint8Array> {
    const browser = await this.launch();
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const page = await browser.newPage().catch((error: unknown) => {
      throw new EnvironmentError('le navigateur ne répond plus', error);
    });
    const work = (async () => {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        void this.answer(request, job).catch(() => undefined);
      });
      await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: timeoutMs });
      return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: job.outline, timeout: timeoutMs });
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EnvironmentError(`délai dépassé (${Math.round(timeoutMs / 1000)} s) pour ${job.label}`)), timeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } catch (error) {
      if (error instanceof EnvironmentError) throw error;
      if (this.closed) throw new EnvironmentError('impression interrompue', error);
      throw new EnvironmentError(`le navigateur a échoué en imprimant ${job.label}`, error);
    } finally {
      clearTimeout(timer);
      work.catch(() => undefined);
      await page.close().catch(() => undefined);
    }
  }

  /** Closes the browser; safe to call twice, and before anything was printed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = this.browser;
    if (!pending) return;
    const browser = await pending.catch(() => undefined);
    if (!browser) {
      this.removeProfile();
      return;
    }
    const child = browser.process();
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise((resolve) => {
      timer = setTimeout(resolve, 5_000);
    });
    await Promise.race([browser.close(), patience]).catch(() => undefined);
    clearTimeout(timer);
    // A browser that ignored the polite close must not outlive the run.
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.removeProfile();
  }

  /** Last resort from a synchronous 'exit' handler. */
  killNow(): void {
    this.child?.kill('SIGKILL');
    this.removeProfile();
  }

  private removeProfile(): void {
    if (this.profile) rmSync(this.profile, { recursive: true, force: true, maxRetries: 2 });
    this.profile = undefined;
  }
}
