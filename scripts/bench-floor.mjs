#!/usr/bin/env node
// The « floor » of the benchmark: the least a program can do to print the
// very HTML pgo-kit prints (from `build --html`), with the same browser
// flags and the same page.pdf options — and nothing else.
// Usage: node scripts/bench-floor.mjs <navigateur> <pages à la fois> <sortie> <fichier.html>…
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { LAUNCH_ARGS } from '../dist/pdf/local-browser.js';
import { pdfOptions } from '../dist/pdf/printer.js';

const [executablePath, jobs, out, ...files] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
/** The documents pgo-kit prints without bookmarks (`outline: false` in src/render/documents.ts). */
const WITHOUT_OUTLINE = new Set(['supports.html', 'envoi.html']);
const queue = [...files];
await Promise.all(
  Array.from({ length: Math.min(Number(jobs), files.length) }, async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    for (let file = queue.shift(); file; file = queue.shift()) {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Same options as pgo-kit (src/render/documents.ts): bookmarks for the run sheet and the guide, not for the posters nor the families' pack.
      const pdf = await page.pdf(pdfOptions(!WITHOUT_OUTLINE.has(path.basename(file)), 60_000));
      const target = path.join(out, path.basename(path.dirname(file)), path.basename(file).replace(/\.html$/, '.pdf'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, pdf);
    }
  }),
);
await browser.close();
