#!/usr/bin/env node
// Compiles src/ to dist/. Two callers:
//   npm ci / npm install in a git clone (`postprepare`): compiles only when
//     dist/ is missing or older than src/, and says nothing when it is not;
//   npm pack / npm publish (`prepack`, with --fresh): empties dist/ and
//     compiles, so that the tarball ships fresh code and no stale file.
// An installed package has no src/ and ships its dist/: nothing happens there.
//
// Why `postprepare` and not `prepare`: npm runs both for the project itself
// (npm ci, npm install), but treats `prepare` as an install-time script of a
// package installed from its folder or tarball, and warns about it in English.
// The package needs no such script: it ships compiled code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tscPath } from './tsc.mjs';

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
  tsc = tscPath();
} catch {
  console.error(
    'pgo-kit : TypeScript est absent, la compilation est sautée (lancez « npm ci » dans le dossier de pgo-kit).',
  );
  process.exit(fresh ? 1 : 0);
}
if (fresh) rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
// The shipped templates, compiled once here rather than at every build.
const templates = spawnSync(process.execPath, [path.join(root, 'scripts', 'precompile-templates.mjs')], {
  stdio: 'inherit',
});
process.exit(templates.status ?? 1);
