/**
 * Every test run gets a temporary folder of its own, removed at the end:
 * the tests' work folders (and the CLI processes they start, which inherit
 * TMPDIR) go there instead of piling up in the system's /tmp. Tests that
 * check that pgo-kit leaves nothing behind look in os.tmpdir(), which is
 * this folder during the run. Its name is short: Chromium's socket must fit
 * below a browser profile made in it (see profileParent in local-browser.ts).
 *
 * Where it is made: scratchParent() below.
 */
import { accessSync, constants, mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** statfs's type for a tmpfs (linux/magic.h): a file system in memory. */
export const TMPFS_MAGIC = 0x01021994;
/** Room the run needs at most (an npm install, kits, browser profiles): a smaller tmpfs is passed over. */
export const SCRATCH_ROOM = 1024 ** 3;

export interface ScratchFacts {
  platform: NodeJS.Platform;
  /** TMPDIR as the run was started: a folder the developer chose. */
  tmpdirVariable: string | undefined;
  systemTemporary: string;
  /** /dev/shm when it is a writable tmpfs folder: its free bytes; undefined otherwise. */
  sharedMemoryFree: number | undefined;
}

/**
 * The folder the run's temporary folder is made in. On Linux, when nobody
 * chose a TMPDIR, the tmpfs of /dev/shm when it has room: the suite makes and
 * removes thousands of files (work folders, kits, every browser's profile, an
 * npm install), which cost a disk file system a third of the suite's kernel
 * time and none in memory (measured: vitest 88 s → 78 s here). Elsewhere, or
 * with a TMPDIR set, the system's temporary folder. Pure.
 */
export function scratchParent(facts: ScratchFacts): string {
  if (facts.platform !== 'linux' || facts.tmpdirVariable) return facts.systemTemporary;
  if (facts.sharedMemoryFree === undefined || facts.sharedMemoryFree < SCRATCH_ROOM) return facts.systemTemporary;
  return '/dev/shm';
}

/** /dev/shm's free bytes when it is a tmpfs folder this process may write in. */
function sharedMemoryFree(): number | undefined {
  try {
    if (!statSync('/dev/shm').isDirectory()) return undefined;
    accessSync('/dev/shm', constants.W_OK);
    const stats = statfsSync('/dev/shm');
    return stats.type === TMPFS_MAGIC ? stats.bavail * stats.bsize : undefined;
  } catch {
    return undefined;
  }
}

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const parent = scratchParent({
    platform: process.platform,
    tmpdirVariable: previous,
    systemTemporary: os.tmpdir(),
    sharedMemoryFree: process.platform === 'linux' ? sharedMemoryFree() : undefined,
  });
  const folder = mkdtempSync(path.join(parent, 'pgo-'));
  process.env.TMPDIR = folder;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  };
}
