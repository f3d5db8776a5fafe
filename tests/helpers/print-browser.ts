/**
 * A headless shell launched with pgo-kit's own flags (src/pdf/local-browser.ts), for a file whose builds
 * print through one browser (--navigateur-distant) and whose PDFs are compared byte for byte with a kit that
 * pgo-kit printed with the browser it launched itself (a shared kit): the viewer of tests/helpers/viewer.ts
 * lays text out with other font hinting, so its PDFs differ. One per test file, closed in afterAll.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { LAUNCH_ARGS } from '../../src/pdf/local-browser.js';
import { VIEWER_EXECUTABLE } from './viewer.js';

export function launchPrintBrowser(): Promise<Browser> {
  return puppeteer.launch({ executablePath: VIEWER_EXECUTABLE, headless: 'shell', args: [...LAUNCH_ARGS] });
}
