#!/usr/bin/env node
// Compiles src/ to dist/ for a git clone (`prepare`) and before packing
// (`prepack`, with --fresh). An installed package has no src/ and ships its
// dist/: nothing is compiled there.
//   node scripts/compile.mjs           compile only when dist/ is missing or older than src/ (quiet)
//   node scripts/compile.mjs --fresh   empty dist/ and compile (the tarball holds no stale file)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const fresh = process.argv.includes('--fresh');

if (!existsSync(src)) process.exit(0);

function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

const entry = path.join(dist, 'cli', 'main.js');
const sources = Math.max(newest(src), statSync(path.join(root, 'tsconfig.json')).mtimeMs);
if (!fresh && existsSync(entry) && statSync(entry).mtimeMs >= sources) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('pgo-kit : TypeScript est absent, la compilation est sautée (lancez « npm ci » dans le dossier de pgo-kit).');
  process.exit(fresh ? 1 : 0);
}
if (fresh) rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
process.exit(result.status ?? 1);
