#!/usr/bin/env node
// Preview for whoever changes a template: builds one academy's kit into
// apercu/<slug>/ and turns every page into a PNG (pdftoppm, poppler-utils).
// Usage: npm run apercu [-- <slug> [résolution]]   (default: limoges, 50 dpi)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const slug = process.argv[2] ?? 'limoges';
const dpi = process.argv[3] ?? '50';
const out = path.join(process.cwd(), 'apercu');

execFileSync(
  process.execPath,
  [path.join(root, 'bin', 'pgo-kit.js'), 'build', '--academie', slug, '--out', out, '--html'],
  { stdio: 'inherit' },
);

const folder = path.join(out, slug);
const pngFolder = path.join(folder, 'png');
rmSync(pngFolder, { recursive: true, force: true });
mkdirSync(pngFolder, { recursive: true });
for (const pdf of readdirSync(folder).filter((name) => name.endsWith('.pdf'))) {
  try {
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      dpi,
      path.join(folder, pdf),
      path.join(pngFolder, pdf.replace(/\.pdf$/, '')),
    ]);
  } catch {
    console.error('pdftoppm introuvable : installez poppler-utils (sudo apt-get install -y poppler-utils).');
    process.exit(3);
  }
}
const pages = readdirSync(pngFolder).length;
console.log(`Aperçu : ${pages} pages en PNG dans ${path.relative(process.cwd(), pngFolder) || '.'}/`);
