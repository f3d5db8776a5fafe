/**
 * A lab's SVG that holds a script, in a real Chromium: shown as an image in
 * the documents, and opened on its own it runs nothing in the preview's
 * origin (it could otherwise read the documents).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/model/workspace.js';
import { createAssetResolver } from '../../src/render/assets.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { launchViewer } from '../helpers/viewer.js';

const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="document.documentElement.setAttribute('data-onload', 'ran')">
<rect width="40" height="40" fill="#1d3461"/>
<script>document.documentElement.setAttribute('data-script', 'ran'); fetch('/deroule.html').then((r) => r.text()).then((t) => document.documentElement.setAttribute('data-read', t));</script>
</svg>`;

describe('a lab’s SVG in the preview', () => {
  let server: PreviewServer;
  let browser: Browser;
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-svg-'));

  beforeAll(async () => {
    mkdirSync(path.join(root, 'images'));
    writeFileSync(path.join(root, 'images', 'logo.svg'), HOSTILE_SVG);
    server = await startPreviewServer({
      port: 0,
      site: {
        documentHtml: () =>
          '<!doctype html><html><body><p>document secret</p><img id="logo" src="/workspace/images/logo.svg"></body></html>',
        documentPdf: () => undefined,
        resolveAsset: createAssetResolver(createWorkspace(root), new Set(['images/logo.svg'])),
      },
      currentState: () => ({}),
    });
    browser = await launchViewer();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is shown as an image in a document', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/deroule.html`, { waitUntil: 'load' });
    expect(await page.$eval('#logo', (image) => (image as HTMLImageElement).naturalWidth)).toBe(40);
    await page.close();
  });

  it('runs no script when opened on its own, and reads nothing of the preview', async () => {
    // A context of its own: the SVG is fetched, not taken from the cache of the test above.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const response = await page.goto(`http://127.0.0.1:${server.port}/workspace/images/logo.svg`, {
      waitUntil: 'load',
    });
    expect(response?.status()).toBe(200);
    // No wait for the fetch: a script that ran would have marked data-script, synchronously, before the load event.
    const marks = await page.evaluate(() =>
      ['data-script', 'data-onload', 'data-read'].map((name) => document.documentElement.getAttribute(name)),
    );
    expect(marks).toEqual([null, null, null]);
    // A sandboxed document: its origin is not the preview's.
    expect(await page.evaluate(() => window.origin)).toBe('null');
    await context.close();
  });
});
