/**
 * Replaces a set of files of one folder as a whole or not at all (a kit,
 * or any other group of outputs that must agree with each other).
 *
 * 1. The new files are written, at leisure, to a staging folder next to the
 *    target folder (same file system, so that renames are atomic).
 * 2. Every target is checked: a folder in the way is refused before anything moves.
 * 3. The swap: each existing target is moved aside into the staging folder
 *    (a file locked by a reader, as Windows does, fails here), then each new
 *    file is moved in. Any failure moves everything back.
 *
 * The swap is synchronous on purpose: a signal handler runs on the event
 * loop, so it can never observe a half-swapped folder. A signal during
 * step 1 finds only the staging folder to remove; after step 3 the new
 * files are complete. `interruptionState()` says which folders hold what.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, renameSync, rmdirSync, rmSync, statSync, type Stats } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputFile {
  /** File name inside the folder, or inside a sub-folder of it: `impression/affiches.pdf`. */
  name: string;
  data: Uint8Array | string;
}

/** The synchronous file operations of the swap, injectable to simulate a locked file or an interrupt. */
export interface SwapOperations {
  rename(from: string, to: string): void;
  lstat(file: string): Stats | undefined;
  /** Waits, blocking, between two tries of a rename a lock refused (the swap stays synchronous: see above). */
  sleep(milliseconds: number): void;
  /** Which system's locks to expect: on Windows, EPERM and EACCES also mean « briefly locked ». */
  platform: NodeJS.Platform;
}

const realOperations: SwapOperations = {
  rename: renameSync,
  lstat(file) {
    try {
      return lstatSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  sleep(milliseconds) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
  },
  platform: process.platform,
};

/**
 * Waits between tries of a refused rename, about 4 s in all: an antivirus,
 * OneDrive or the search indexer holds a new file for a moment on Windows,
 * and graceful-fs (what npm uses) retries for the same reason. A file open
 * in a PDF reader stays locked: after the last try it is said « verrouillé ».
 */
export const RENAME_RETRY_DELAYS: readonly number[] = [10, 20, 40, 80, 160, 250, 500, 750, 1000, 1000];

/** Whether a refused rename may succeed when tried again a moment later. */
export function isTransientLock(code: string | undefined, platform: NodeJS.Platform): boolean {
  if (code === 'EBUSY') return true;
  // On other systems EPERM and EACCES are the folder's rights: trying again changes nothing.
  return platform === 'win32' && (code === 'EPERM' || code === 'EACCES');
}

/** `rename` tried again while the file is briefly locked. */
export function renameWithRetries(
  ops: Pick<SwapOperations, 'rename' | 'sleep' | 'platform'>,
  delays: readonly number[] = RENAME_RETRY_DELAYS,
): (from: string, to: string) => void {
  return (from, to) => {
    for (let attempt = 0; ; attempt++) {
      try {
        ops.rename(from, to);
        return;
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined || !isTransientLock((error as NodeJS.ErrnoException).code, ops.platform)) throw error;
        ops.sleep(delay);
      }
    }
  };
}

/** Why a replacement failed, and what the folder holds now (always the previous files, unless `restored` is false). */
export class ReplaceError extends Error {
  override name = 'ReplaceError';
  constructor(
    /** The file that could not be replaced, or the folder. */
    readonly target: string,
    readonly reason: 'dossier-en-travers' | 'fichier-en-travers' | 'verrouille' | 'ecriture',
    override readonly cause: unknown,
    /** False only if moving the previous files back failed too; they are then in `backup`. */
    readonly restored = true,
    readonly backup?: string,
  ) {
    super(`cannot replace ${target}: ${reason}`);
  }
  get code(): string | undefined {
    return (this.cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

/** Staging folders being filled, removed synchronously on an interrupt. */
const staging = new Set<string>();
/** Folders whose new files are all in place, in this process. */
const completed: string[] = [];

function stagingFolderFor(directory: string): string {
  return path.join(
    path.dirname(directory),
    `.${path.basename(directory)}.pgo-kit-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
}

/** A file of the folder, or of a sub-folder of it (`impression/affiches.pdf`): plain names, `/`-separated, never leaving the folder. */
function checkName(name: string): void {
  const plain = (segment: string) =>
    segment !== '' &&
    segment !== '.' &&
    segment !== '..' &&
    segment === path.basename(segment) &&
    !segment.includes('\\');
  if (!name || !name.split('/').every(plain)) throw new Error(`not a file name inside the folder: ${name}`);
}

/** The sub-folders a name lies in, outermost first: `a/b/c.pdf` → `a`, `a/b`. */
function subFolders(name: string): string[] {
  const segments = name.split('/').slice(0, -1);
  return segments.map((_, index) => segments.slice(0, index + 1).join('/'));
}

/**
 * Writes `files` into `directory`, replacing files of the same names, all
 * or nothing; the files named in `remove` (made by an earlier run, not by
 * this one) go in the same swap. Other files of the folder are left alone.
 * Throws a ReplaceError after restoring the previous files.
 */
export async function replaceDirectoryFiles(
  directory: string,
  files: readonly OutputFile[],
  operations: Partial<SwapOperations> = {},
  remove: readonly string[] = [],
): Promise<void> {
  const given = { ...realOperations, ...operations };
  const ops: SwapOperations = { ...given, rename: renameWithRetries(given) };
  files.forEach((file) => checkName(file.name));
  remove.forEach(checkName);
  const root = stagingFolderFor(directory);
  const fresh = path.join(root, 'nouveau');
  const previous = path.join(root, 'precedent');
  staging.add(root);
  let keep = false;
  try {
    try {
      // Synchronous: an interrupt between two awaits must find the staging folder whole, to remove it.
      makeDirectories(path.dirname(directory));
      mkdirSync(root);
      mkdirSync(fresh);
      mkdirSync(previous);
      for (const file of files) {
        if (file.name.includes('/')) mkdirSync(path.dirname(path.join(fresh, file.name)), { recursive: true });
        await writeFile(path.join(fresh, file.name), file.data);
      }
    } catch (error) {
      throw new ReplaceError(directory, 'ecriture', error);
    }
    const names = files.map((file) => file.name);
    swap(
      directory,
      names,
      fresh,
      previous,
      ops,
      remove.filter((name) => !names.includes(name)),
    );
    completed.push(directory);
  } catch (error) {
    // The previous files could not all be moved back: they stay where the error says.
    if (error instanceof ReplaceError && !error.restored) keep = true;
    throw error;
  } finally {
    if (keep) staging.delete(root);
    else removeStaging(root);
  }
}

function removeStaging(root: string): void {
  staging.delete(root);
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // A leftover hidden folder is not worth hiding the real outcome.
  }
}

/** Step 2: a folder where a file goes, or a file where a sub-folder goes, is refused before anything moves. */
function refuseWhatIsInTheWay(directory: string, names: readonly string[], ops: SwapOperations): void {
  for (const folder of new Set(names.flatMap(subFolders))) {
    const stats = ops.lstat(path.join(directory, folder));
    if (stats && !stats.isDirectory())
      throw new ReplaceError(path.join(directory, folder), 'fichier-en-travers', undefined);
  }
  for (const name of names) {
    const stats = ops.lstat(path.join(directory, name));
    if (stats?.isDirectory()) throw new ReplaceError(path.join(directory, name), 'dossier-en-travers', undefined);
  }
}

/** Step 2 and 3, synchronous: see the module comment. */
function swap(
  directory: string,
  names: readonly string[],
  fresh: string,
  previous: string,
  ops: SwapOperations,
  stale: readonly string[] = [],
): void {
  const existing = ops.lstat(directory);
  if (!existing) {
    // A first build: the whole folder appears at once.
    try {
      ops.rename(fresh, directory);
      return;
    } catch (error) {
      throw new ReplaceError(directory, 'ecriture', error);
    }
  }
  if (!existing.isDirectory()) throw new ReplaceError(directory, 'fichier-en-travers', undefined);
  refuseWhatIsInTheWay(directory, names, ops);
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  /** Sub-folders this swap created in `directory`, removed again on a rollback. */
  const createdFolders: string[] = [];
  const rollBack = (target: string, reason: ReplaceError['reason'], error: unknown): never => {
    let restored = true;
    for (const name of movedIn.reverse()) {
      try {
        ops.rename(path.join(directory, name), path.join(fresh, name));
      } catch {
        restored = false;
      }
    }
    for (const name of movedAside.reverse()) {
      try {
        ops.rename(path.join(previous, name), path.join(directory, name));
      } catch {
        restored = false;
      }
    }
    for (const folder of createdFolders.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty after all: left.
      }
    }
    if (!restored) {
      // Keep the previous files where the message says they are.
      let kept = path.join(path.dirname(directory), `${path.basename(directory)}.precedent-${process.pid}`);
      try {
        ops.rename(previous, kept);
      } catch {
        kept = previous;
      }
      throw new ReplaceError(target, reason, error, false, kept);
    }
    throw new ReplaceError(target, reason, error);
  };
  for (const name of [...names, ...stale]) {
    const target = path.join(directory, name);
    const found = ops.lstat(target);
    // A stale name that is now a folder is not ours to remove.
    if (!found || (stale.includes(name) && found.isDirectory())) continue;
    try {
      if (name.includes('/')) mkdirSync(path.dirname(path.join(previous, name)), { recursive: true });
      ops.rename(target, path.join(previous, name));
      movedAside.push(name);
    } catch (error) {
      rollBack(target, 'verrouille', error);
    }
  }
  for (const name of names) {
    try {
      for (const folder of subFolders(name).map((relative) => path.join(directory, relative))) {
        if (ops.lstat(folder)) continue;
        mkdirSync(folder);
        createdFolders.push(folder);
      }
      ops.rename(path.join(fresh, name), path.join(directory, name));
      movedIn.push(name);
    } catch (error) {
      rollBack(path.join(directory, name), 'ecriture', error);
    }
  }
  // A sub-folder whose last file was stale (a kit with fewer print jobs, or none) goes too, when empty.
  const kept = new Set(names.flatMap(subFolders));
  for (const folder of [...new Set(stale.flatMap(subFolders))].reverse()) {
    if (kept.has(folder)) continue;
    try {
      rmdirSync(path.join(directory, folder));
    } catch {
      // Not empty (a file of the user's): left alone.
    }
  }
}

/** For a signal handler: removes staging folders (synchronously) and says what each folder holds. */
export function settleOnInterrupt(): { complete: readonly string[] } {
  for (const root of [...staging]) removeStaging(root);
  // A folder written several times (build --watch rebuilds it at every save) is named once.
  return { complete: [...new Set(completed)] };
}

/**
 * `mkdir -p`, one level at a time. Node's own recursive mkdir retries for
 * ever where the system answers ENOENT for a parent that exists (/proc).
 */
export function makeDirectories(directory: string): string[] {
  const missing: string[] = [];
  let current = path.resolve(directory);
  for (;;) {
    try {
      if (!statSync(current).isDirectory())
        throw Object.assign(new Error(`not a directory: ${current}`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) mkdirSync(folder);
  return missing;
}

/** Creates a folder and checks that files can be written in it, before any long work; returns the folders it created. */
export function assertWritableDirectory(directory: string): string[] {
  const created = makeDirectories(directory);
  const probe = path.join(directory, `.pgo-kit-essai-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(probe);
  rmSync(probe, { recursive: true, force: true });
  return created;
}

/** Removes folders created for nothing (deepest first), when they are still empty. */
export function removeEmptyDirectories(created: readonly string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}
