#!/usr/bin/env node
// npm test [-- <vitest options>]: everything a change must pass, in the least wall time.
//   1. compile src/ to dist/ when it is older than src/ (scripts/compile.mjs): the
//      end-to-end tests run the compiled CLI, as a lab does;
//   2. the tests (vitest, its output live, given the options after `--`);
//   3. then the static checks side by side — types of src/ and tests/ (tsc), ESLint,
//      Prettier — each with its cache for the next run.
// The checks come after the tests, not beside them: measured on this 2-core machine
// from a fresh clone (their caches empty), beside the tests even at the lowest
// priority they made the run 83–86 s (165–171 s of CPU), after them 79.5 s (155 s):
// sharing both cores between the tests, their browsers and three linters costs about
// 15 s of CPU more than taking turns. With their caches filled they take 1–3 s.
// Exit status: the first failure's (tests, then checks), 0 when all pass.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tscPath } from './tsc.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const bin = (name, file) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
// Caches for a second run on the same checkout; a fresh clone starts without them.
const cache = path.join(root, 'node_modules', '.cache', 'pgo-kit');

const CHECKS = [
  {
    name: 'types (tsc, src/ et tests/)',
    args: [tscPath(), '-p', 'tests', '--incremental', '--tsBuildInfoFile', path.join(cache, 'tests.tsbuildinfo')],
  },
  {
    name: 'lint (ESLint)',
    args: [bin('eslint', 'bin/eslint.js'), '.', '--cache', '--cache-location', path.join(cache, 'eslint')],
  },
  {
    name: 'mise en forme (Prettier)',
    args: [bin('prettier', 'bin/prettier.cjs'), '--check', '.', '--cache', '--log-level', 'warn'],
  },
];

const compiled = spawnSync(process.execPath, [path.join(root, 'scripts', 'compile.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

/** Runs one check to its end, its output kept for later. */
function check({ name, args }) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ name, status: status ?? 1, output, seconds });
    });
  });
}

// All three at once: one after the other would leave a core unused.
const checks = () => Promise.all(CHECKS.map(check));

function tests() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    });
    child.on('close', (status) => resolve(status ?? 1));
  });
}

const testStatus = await tests();
const checkResults = await checks();

console.log('');
for (const { name, status, output, seconds } of checkResults) {
  const time = `${seconds.toFixed(1).replace('.', ',')} s`;
  if (status === 0) {
    // Warnings (ESLint's long functions) are not fatal: counted here, listed by `npm run lint`.
    const warnings = /(\d+) warnings?\)/.exec(output)?.[1];
    console.log(`✓ ${name} (${time})${warnings ? ` — ${warnings} avertissements : npm run lint pour les voir` : ''}`);
  } else {
    console.log(`✗ ${name} (${time}) :`);
    console.log(output.trimEnd());
  }
}
const failedCheck = checkResults.find((result) => result.status !== 0);
process.exit(testStatus !== 0 ? testStatus : (failedCheck?.status ?? 0));
