/**
 * One headless shell per test worker, for the runs that print through a browser whose launch is not what they test
 * (--navigateur-distant): launched when a file first asks, then kept for the files that follow in the same process
 * (they share modules: isolate: false), instead of one launch per file (about 0.3 CPU-s each, with its GPU and
 * network processes). Each run opens a context of its own in it and closes it (src/pdf/printer.ts), so files do not
 * see each other's pages. Never close it in a file: Puppeteer kills the browser it launched when the worker's
 * process exits, and a browser that went away is launched again at the next request.
 *
 *   const remote = await workerBrowser();       // ['--navigateur-distant', 'ws://…']
 *   await runCliInProcess(['build', '--academie', 'limoges', ...remote]);
 *
 * It is the test viewer (tests/helpers/viewer.ts): pgo-kit's own flags, so its PDFs are byte for byte those of
 * pgo-kit's own browser.
 */
import type { Browser } from 'puppeteer-core';
import { launchViewer } from './viewer.js';

let launched: Promise<Browser> | undefined;

/** The worker's browser itself. */
export function workerViewer(): Promise<Browser> {
  if (!launched) {
    const browser = launchViewer();
    launched = browser;
    browser.then(
      (started) => started.once('disconnected', () => (launched = launched === browser ? undefined : launched)),
      () => (launched = launched === browser ? undefined : launched),
    );
  }
  return launched;
}

/** The arguments that make a pgo-kit run print through the worker's browser. */
export async function workerBrowser(): Promise<string[]> {
  return ['--navigateur-distant', (await workerViewer()).wsEndpoint()];
}
