#!/usr/bin/env node
// Compiles src/ to dist/ for a git clone (`prepare`) and before packing
// (`prepack`, with --fresh). An installed package has no src/ and ships its
// dist/: nothing is compiled there.
//   node scripts/compile.mjs           compile only when dist/ is missing or older than src/ (quiet)
//   node scripts/compile.mjs --fresh   empty dist/ and compile (the tarball holds no stale file),
//                                      then take `prepare` out of the packed package.json
//   node scripts/compile.mjs --restore put package.json back as it was (postpack)
// Why take `prepare` out: npm warns, in English, about a package that has an
// install-time script when it is installed from its tarball; the tarball
// ships compiled code and needs none.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const fresh = process.argv.includes('--fresh');
const manifest = path.join(root, 'package.json');
const saved = path.join(root, '.package.json.avant-pack');

// A pack that stopped half-way must not leave package.json without its prepare script.
if (existsSync(saved)) renameSync(saved, manifest);
if (process.argv.includes('--restore')) process.exit(0);
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
if (result.status !== 0) process.exit(result.status ?? 1);
if (fresh) {
  const text = readFileSync(manifest, 'utf8');
  const data = JSON.parse(text);
  if (data.scripts?.prepare) {
    writeFileSync(saved, text);
    delete data.scripts.prepare;
    writeFileSync(manifest, `${JSON.stringify(data, null, 2)}\n`);
  }
}
