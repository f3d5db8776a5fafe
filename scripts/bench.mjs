#!/usr/bin/env node
// npm run bench [-- <tours>]: pgo-kit against the « floor » (scripts/bench-floor.mjs,
// a bare Puppeteer script printing the same HTML with the same options), in one
// run, runs interleaved so that both see the same machine load. Prints medians,
// ratios, the no-op rebuild and restitution, validate, --help, the peak memory of the whole
// process tree (browser included) and the preview's edit → HTML and edit → PDF.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser } from '../dist/pdf/find-browser.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'pgo-kit.js');
const rounds = Number(process.argv[2] ?? process.env.BENCH_TOURS ?? 5);
const jobs = os.availableParallelism();
const work = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-bench-'));
const browser = (await findBrowser({})).executablePath;

/** Every process descending from `pid` (the browser's helpers included), from /proc. */
function tree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the parent pid follows the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [pid];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]) ?? []));
  return found;
}

/**
 * Memory of the tree in MiB. RSS counts shared pages (libraries, the
 * browser's shared memory) once per process; PSS shares them out, so its
 * sum is what the tree really costs. Both are reported.
 */
function memory(pid) {
  let rss = 0;
  let pss = 0;
  for (const member of tree(pid)) {
    try {
      const rollup = readFileSync(`/proc/${member}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // Gone, or not readable.
    }
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

/**
 * Runs a command to its end; wall time in seconds and, with `memory`, peak
 * memory of its tree. Sampling /proc costs CPU on a 2-core machine, so timed
 * runs are not sampled: memory has a run of its own.
 */
function measure(args, { env = {}, expect = 0, memory: sampled = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(args[0], args.slice(1), {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const peak = { rss: 0, pss: 0 };
    const sample = () => {
      const now = memory(child.pid);
      peak.rss = Math.max(peak.rss, now.rss);
      peak.pss = Math.max(peak.pss, now.pss);
    };
    const sampler = sampled ? setInterval(sample, 25) : undefined;
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sampler);
      if (code !== expect) reject(new Error(`${args.join(' ')} : code ${code}\n${stderr}`));
      else resolve({ seconds, peak });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const kit = (...args) => [process.execPath, bin, ...args];
const floor = (pages, out, files) => [
  process.execPath,
  path.join(root, 'scripts', 'bench-floor.mjs'),
  browser,
  String(pages),
  out,
  ...files,
];
const htmlFiles = (folder) =>
  readdirSync(folder, { recursive: true })
    .filter((name) => name.endsWith('.html'))
    .map((name) => path.join(folder, name))
    .sort();

// The HTML the floor prints is the HTML pgo-kit prints. Written inside the
// project folder: there `--html` points at the CSS and fonts with relative
// references that the floor's file:// pages can load (outside it, they are
// `pgo-kit:` references and the floor would print without CSS nor fonts).
const htmlOut = path.join(root, 'kits', `.bench-html-${process.pid}`);
await measure(kit('build', '--all', '--html', '--force', '--out', htmlOut, '--jobs', String(jobs)));
const limogesHtml = htmlFiles(path.join(htmlOut, 'limoges'));
const allHtml = htmlFiles(htmlOut);

// The shipped example's restitution, made once: each round times a second run, with nothing changed.
const restitutionOut = path.join(work, 'restitution');
await measure(kit('restitution', '--academie', 'limoges', '--out', restitutionOut));

const results = {
  floorOne: [],
  kitOne: [],
  floorAll: [],
  kitAll: [],
  noop: [],
  noopRestitution: [],
  validate: [],
  help: [],
};
let peakAll;
for (let round = 1; round <= rounds; round++) {
  process.stderr.write(`tour ${round}/${rounds}…\n`);
  const out = path.join(work, `tour-${round}`);
  results.floorOne.push((await measure(floor(1, path.join(out, 'plancher-un'), limogesHtml))).seconds);
  results.kitOne.push(
    (await measure(kit('build', '--academie', 'limoges', '--force', '--out', path.join(out, 'un')))).seconds,
  );
  results.noop.push((await measure(kit('build', '--academie', 'limoges', '--out', path.join(out, 'un')))).seconds);
  results.floorAll.push((await measure(floor(jobs, path.join(out, 'plancher-tous'), allHtml))).seconds);
  results.kitAll.push(
    (await measure(kit('build', '--all', '--force', '--out', path.join(out, 'tous'), '--jobs', String(jobs)))).seconds,
  );
  results.noopRestitution.push(
    (await measure(kit('restitution', '--academie', 'limoges', '--out', restitutionOut))).seconds,
  );
  results.validate.push((await measure(kit('validate', '--academie', 'limoges'))).seconds);
  results.help.push((await measure(kit('--help'))).seconds);
  rmSync(out, { recursive: true, force: true });
}
{
  const all = await measure(
    kit('build', '--all', '--force', '--out', path.join(work, 'memoire'), '--jobs', String(jobs)),
    { memory: true },
  );
  peakAll = all.peak;
}

/**
 * The preview as a lab uses it: `pgo-kit preview` on a copy of Limoges, ten
 * saves of the academy file, each timed from its write to the page's news
 * (its event stream) of the new rendering, then of its PDF printed. A save
 * is made once the previous one's PDF is ready.
 */
async function previewEdits(edits) {
  const lab = path.join(work, 'apercu');
  mkdirSync(path.join(lab, 'academies'), { recursive: true });
  const file = path.join(lab, 'academies', 'limoges.yaml');
  const original = readFileSync(path.join(root, 'academies', 'limoges.yaml'), 'utf8');
  copyFileSync(path.join(root, 'academies', 'limoges.yaml'), file);
  const child = spawn(process.execPath, [bin, 'preview', '--academie', 'limoges', '--port', '0'], {
    cwd: lab,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /: (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1]);
      });
      child.on('exit', (code) => reject(new Error(`preview : code ${code}`)));
    });
    const waiters = [];
    let latest;
    await new Promise((resolve, reject) => {
      request(new URL('evenements', url), (response) => {
        let buffer = '';
        response.setEncoding('utf8').on('data', (chunk) => {
          buffer += chunk;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!/^event: etat$/m.test(message)) continue;
            latest = JSON.parse(/^data: (.*)$/m.exec(message)[1]);
            for (const waiter of [...waiters]) waiter();
          }
        });
        resolve();
      })
        .on('error', reject)
        .end();
    });
    const until = (test) =>
      new Promise((resolve) => {
        const check = () => {
          if (latest && test(latest)) {
            waiters.splice(waiters.indexOf(check), 1);
            resolve(latest);
          }
        };
        waiters.push(check);
        check();
      });
    // The first rendering and its PDF, before any timed save.
    await until((state) => state.version > 0 && state.pdf.etat === 'pret');
    const html = [];
    const pdf = [];
    for (let edit = 1; edit <= edits; edit++) {
      const before = latest.version;
      const started = process.hrtime.bigint();
      writeFileSync(file, original.replace('lieu: Rectorat, salle du conseil', `lieu: Rectorat, salle ${edit}`));
      const rendered = await until((state) => state.version > before);
      html.push(Number(process.hrtime.bigint() - started) / 1e9);
      await until((state) => state.pdf.version >= rendered.version && state.pdf.etat === 'pret');
      pdf.push(Number(process.hrtime.bigint() - started) / 1e9);
    }
    return { html: median(html), pdf: median(pdf) };
  } finally {
    child.kill('SIGTERM');
  }
}
// French typography on 200,000 spaces in a row: linear rules take milliseconds, a quadratic one minutes.
const { frenchTypography, typesetHtml } = await import('../dist/core/typography.js');
const spaces = `a${' '.repeat(200_000)}b`;
const typographyStarted = process.hrtime.bigint();
frenchTypography(`${spaces}:`);
typesetHtml(`<p>${spaces}»</p>`);
const typography = Number(process.hrtime.bigint() - typographyStarted) / 1e6;

const previewLoad = os.loadavg()[0];
const preview = await previewEdits(10);
rmSync(work, { recursive: true, force: true });
rmSync(htmlOut, { recursive: true, force: true });

const m = Object.fromEntries(Object.entries(results).map(([key, values]) => [key, median(values)]));
const s = (seconds) => `${seconds.toFixed(2).replace('.', ',')} s`;
const ratio = (value) => `${value.toFixed(2).replace('.', ',')} ×`;
const mib = (value) => `${Math.round(value)} Mio`;
console.log(
  `pgo-kit bench — médianes de ${rounds} tours, ${jobs} pages à la fois pour --all (${os.availableParallelism()} cœurs, charge ${os.loadavg()[0].toFixed(1)})`,
);
console.log(
  `build --academie limoges : ${s(m.kitOne)}  plancher ${s(m.floorOne)}  rapport ${ratio(m.kitOne / m.floorOne)}  (cible ≤ 1,15 ×)`,
);
console.log(
  `build --all              : ${s(m.kitAll)}  plancher ${s(m.floorAll)}  rapport ${ratio(m.kitAll / m.floorAll)}  (cible ≤ 1,10 ×)`,
);
console.log(`reconstruction sans changement : ${s(m.noop)}  (cible ≤ 0,3 s)`);
console.log(`restitution sans changement    : ${s(m.noopRestitution)}  (cible ≤ 0,3 s)`);
console.log(`validate --academie limoges    : ${s(m.validate)}  (cible ≤ 0,3 s)`);
console.log(`--help                         : ${s(m.help)}  (cible ≤ 0,2 s)`);
console.log(
  `aperçu, enregistrement → vue HTML : ${(preview.html * 1000).toFixed(0)} ms  (cible ≤ 100 ms)  médiane de 10, charge ${previewLoad.toFixed(1)}`,
);
console.log(`aperçu, enregistrement → PDF      : ${s(preview.pdf)}  (cible ≤ 0,7 s)`);
console.log(`typographie, 200 000 espaces d’affilée : ${typography.toFixed(0)} ms  (cible ≤ 1 000 ms)`);
console.log(
  `mémoire maximale de build --all (pgo-kit + navigateur) : PSS ${mib(peakAll.pss)}, somme des RSS ${mib(peakAll.rss)}  (cible ≤ 1 Gio)`,
);
