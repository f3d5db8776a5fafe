/**
 * Kits built once per test run, whichever worker asks first.
 *
 * Usage, in an e2e file that only READS a bundled academy's kit:
 *
 *   let kit: SharedKit;
 *   beforeAll(async () => {
 *     kit = await sharedKit('limoges', { html: true });
 *     expect(kit.status, kit.stderr).toBe(0);
 *   }, SHARED_KIT_TIMEOUT);
 *   it('…', () => pdfText(kit.file('deroule.pdf')));
 *
 * The kit is `pgo-kit build --academie <academy> --out <folder>` run by the
 * CLI's run() in the first caller's process (runCliInProcess: no second Node
 * to start and load pgo-kit), from the project's folder, printed through the
 * worker's browser (tests/helpers/worker-browser.ts), with `--html` when
 * asked; every other caller (in any worker) waits for it and gets the same
 * folder, status and output lines. Nothing is built until a test asks.
 * (Its stamp is that of the code run in the tests, src/: a later build of a
 * copy by the compiled CLI, or in another folder, makes it again.)
 *
 * NEVER modify a shared kit (other files read it at the same time): for a
 * case that rebuilds, edits or removes files, work on `copyKit(kit)`.
 *
 * The kits live in the project's kits/ folder (so that `--html` pages load
 * their CSS and fonts by relative paths, as in a lab's folder), in a folder
 * of the run's own that tests/setup/shared-kits.ts names and removes at the
 * end of the run.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removedAtEnd } from './cleanup.js';
import { isRunning } from '../../src/pdf/printer.js';
import { ROOT, runCliInProcess } from './cli.js';
import { workerBrowser } from './worker-browser.js';

export interface SharedKitOptions {
  /** `--html`: the HTML of each document next to its PDF (the PDFs are the same). */
  html?: boolean;
}

export interface SharedKit {
  /** The `--out` folder: the kit is its `<academy>/` sub-folder. */
  out: string;
  /** The kit's folder (`<out>/<academy>`). */
  folder: string;
  /** A file of the kit: `kit.file('deroule.pdf')`, `kit.file('impression/A3-1-exemplaire.pdf')`. */
  file: (name: string) => string;
  /** The build's exit status and lines. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Set by tests/setup/shared-kits.ts for the whole run; without it, a folder of this process's own. */
const SHARED_ROOT = process.env.PGO_KIT_TESTS_SHARED_KITS ?? ownFolder();

function ownFolder(): string {
  const folder = path.join(ROOT, 'kits', `.shared-kits-process-${process.pid}`);
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** For a hook that awaits a shared kit: on a loaded machine, another worker's build may take a while. */
export const SHARED_KIT_TIMEOUT = 180_000;

/** The variables as the file started: not those a test may set for a while. */
const ENVIRONMENT = { ...process.env };

const POLL_MS = 50;
const WAIT_LIMIT_MS = 300_000;

const pending = new Map<string, Promise<SharedKit>>();

/** The folder of a bundled academy's kit built once for the whole run (see above). */
export function sharedKit(academy: string, options: SharedKitOptions = {}): Promise<SharedKit> {
  if (!/^[a-z0-9-]+$/.test(academy)) throw new Error(`sharedKit: unexpected academy id « ${academy} »`);
  const key = [academy, options.html ? 'html' : ''].filter(Boolean).join('+');
  let kit = pending.get(key);
  if (!kit) {
    kit = obtain(key, academy, options);
    pending.set(key, kit);
  }
  return kit;
}

/** A copy of a shared kit's `--out` folder, for a case that changes it; removed by removeMadeFolders (tests/helpers/cleanup.ts). */
export function copyKit(kit: SharedKit): SharedKit {
  const out = removedAtEnd(mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-copy-')));
  cpSync(kit.out, out, { recursive: true });
  const folder = path.join(out, path.basename(kit.folder));
  return { ...kit, out, folder, file: (name) => path.join(folder, name) };
}

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

async function obtain(key: string, academy: string, options: SharedKitOptions): Promise<SharedKit> {
  const out = path.join(SHARED_ROOT, key);
  const done = `${out}.json`;
  const lock = `${out}.lock`;
  mkdirSync(SHARED_ROOT, { recursive: true });
  const started = Date.now();
  while (!existsSync(done)) {
    if (takeLock(lock)) {
      try {
        rmSync(out, { recursive: true, force: true });
        const outcome = await build(academy, out, options);
        // Written whole, then renamed: a reader never sees half of it.
        writeFileSync(`${done}.${process.pid}`, JSON.stringify(outcome));
        renameSync(`${done}.${process.pid}`, done);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    if (Date.now() - started > WAIT_LIMIT_MS) throw new Error(`sharedKit: ${key} still not built after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const outcome = JSON.parse(readFileSync(done, 'utf8')) as Outcome;
  const folder = path.join(out, academy);
  return { ...outcome, out, folder, file: (name) => path.join(folder, name) };
}

/** The lock is a folder holding the builder's process id; a lock whose builder died is taken over. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    let owner: number;
    try {
      owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      return false; // Just made, its pid not written yet.
    }
    // (Two waiters finding the same dead builder could both remove its lock: only after a worker died mid-build.)
    if (Number.isInteger(owner) && owner > 0 && !isRunning(owner)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

async function build(academy: string, out: string, options: SharedKitOptions): Promise<Outcome> {
  // In parallel, as pgo-kit prints by default (os.availableParallelism() pages); other runs print one at a time.
  // Through the worker's browser (tests/helpers/worker-browser.ts: pgo-kit's flags, so the same PDFs).
  const args = [
    'build',
    '--academie',
    academy,
    '--out',
    out,
    '--jobs',
    String(os.availableParallelism()),
    ...(await workerBrowser()),
  ];
  if (options.html) args.push('--html');
  // The variables as the file started, those set since removed for the time of the build (runCliInProcess puts them back).
  const env = Object.fromEntries(
    Object.keys({ ...process.env, ...ENVIRONMENT }).map((name) => [name, ENVIRONMENT[name]]),
  );
  return runCliInProcess(args, { cwd: ROOT, env });
}
