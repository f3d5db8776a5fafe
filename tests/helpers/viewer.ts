/**
 * The browser a test looks at the preview with, as a lab member would:
 * Chromium's headless shell (the same engine as /usr/bin/chromium, the build
 * pgo-kit itself prefers, and about half its start-up cost). One per test
 * file, opened in beforeAll and closed in afterAll.
 */
import puppeteer, { type Browser } from 'puppeteer-core';

export const VIEWER_EXECUTABLE = '/usr/bin/chromium-headless-shell';

export function launchViewer(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: VIEWER_EXECUTABLE,
    headless: 'shell',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}
