/**
 * The browser a test looks at the preview with, as a lab member would, and prints through
 * (--navigateur-distant) when launching is not the point: Chromium's headless shell (the same engine as
 * /usr/bin/chromium, the build pgo-kit itself prefers, and about half its start-up cost), with pgo-kit's own
 * flags (src/pdf/local-browser.ts), so that what it prints is byte for byte what pgo-kit's own browser prints
 * (text laid out with the same font hinting) and it stays off the network as pgo-kit's does (every name but
 * 127.0.0.1, where the preview listens, resolves to nothing). The preview's tests open one per file, in beforeAll,
 * and close it in afterAll; the runs that only print through it share one per test worker (worker-browser.ts).
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { LAUNCH_ARGS } from '../../src/pdf/local-browser.js';

export const VIEWER_EXECUTABLE = '/usr/bin/chromium-headless-shell';

export function launchViewer(): Promise<Browser> {
  return puppeteer.launch({ executablePath: VIEWER_EXECUTABLE, headless: 'shell', args: [...LAUNCH_ARGS] });
}
