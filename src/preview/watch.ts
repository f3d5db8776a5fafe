/**
 * Notices saved changes to the files an academy is made of, for `preview`
 * and `build --watch`. Folders are watched rather than files, with chokidar:
 * a watch per folder (not Node's recursive fs.watch, which loses a folder's
 * files after one save by rename, as `sed -i` and editors' safe-save do),
 * that follows folders removed, created or re-created. Bursts of events (one
 * save is often three or four) are merged.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { watch as chokidar, type FSWatcher } from 'chokidar';
import type { Workspace } from '../model/workspace.js';

export interface WatchTarget {
  directory: string;
  /** Templates have subfolders (partials/, styles/); data folders are flat. */
  recursive: boolean;
}

/** Files whose change can change a document: data, templates, styles, images, fonts. */
const RELEVANT = /\.(ya?ml|hbs|css|png|jpe?g|svg|webp|ttf|otf|woff2?)$/i;
const DATA_FOLDERS = ['academies', 'themes', 'agendas', 'templates'] as const;

/** Editors' temporary and backup files (.limoges.yaml.swp, limoges.yaml~, 4913) are not saves. */
export function isRelevantChange(relativeName: string): boolean {
  const name = path.basename(relativeName);
  if (name.startsWith('.') || name.startsWith('#') || name.endsWith('~')) return false;
  return RELEVANT.test(name) || (DATA_FOLDERS as readonly string[]).includes(relativeName);
}

/**
 * What to watch for a workspace: its data folders and the package's (a
 * template changed in the package shows too), the workspace itself (a folder
 * created later, a logo at its top) and the folders of the lab's own files.
 */
export function watchTargets(workspace: Workspace, labFiles: Iterable<string> = []): WatchTarget[] {
  const targets = new Map<string, WatchTarget>();
  const add = (directory: string, recursive: boolean) => {
    const key = path.resolve(directory);
    const known = targets.get(key);
    targets.set(key, { directory: key, recursive: recursive || (known?.recursive ?? false) });
  };
  add(workspace.root, false);
  for (const base of new Set([workspace.root, workspace.packageRoot])) {
    for (const folder of DATA_FOLDERS) add(path.join(base, folder), folder === 'templates');
  }
  for (const relative of labFiles) add(path.dirname(path.resolve(workspace.root, relative)), false);
  return [...targets.values()];
}

export interface FileWatcher {
  /** Watches these folders from now on (those that do not exist yet are seen when they appear). */
  update(targets: readonly WatchTarget[]): void;
  /** Resolves once every folder watched so far is being watched: a change made after it is reported. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Quiet time after the last event before reporting; 120 ms by default. */
  debounceMs?: number;
  /** Longest a burst may delay the report; 500 ms by default, so a save shows within a second. */
  maxWaitMs?: number;
  /** A folder that cannot be watched (system limit on watches, for instance). */
  onError?: (directory: string, error: unknown) => void;
}

interface Entry {
  target: WatchTarget;
  watcher: FSWatcher;
  ready: Promise<void>;
  /** Whether the folder was there when its watch began: chokidar's depth 0 misses the files of a folder created later. */
  existed: boolean;
  /** The entries found missed by the last check (see `missedEntries`), so that a watch is not opened again and again for them. */
  missed?: string;
}

const isIgnored = (directory: string, file: string) => {
  const name = path.basename(file);
  return file !== directory && (name === 'node_modules' || name === '.git');
};

/**
 * What is on disk under a recursive watch's folder and its watch does not
 * know. chokidar reads a new folder, then watches it: a subfolder or file
 * created in between (`mkdir -p templates/styles` from another process, a
 * folder copied in) is never seen, nor is anything saved in it later.
 */
function missedEntries(entry: Entry): string[] {
  const { directory } = entry.target;
  const watched = entry.watcher.getWatched();
  const missed: string[] = [];
  const walk = (folder: string) => {
    let names;
    try {
      names = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    const known = new Set(watched[folder] ?? []);
    for (const dirent of names) {
      const file = path.join(folder, dirent.name);
      if (isIgnored(directory, file)) continue;
      if (!known.has(dirent.name)) missed.push(file);
      else if (dirent.isDirectory()) walk(file);
    }
  };
  walk(directory);
  return missed;
}

/** The entries a watch missed, unless they are those it missed already (a folder that cannot be read): not opened again and again. */
function newlyMissed(entry: Entry): string | undefined {
  const missed = missedEntries(entry).join('\0');
  return missed === '' || missed === entry.missed ? undefined : missed;
}

/** Changes merged into one report per burst: after `debounceMs` of quiet, or `maxWaitMs` after the first. */
function bursts(onChange: (changed: string[]) => void, debounceMs: number, maxWaitMs: number) {
  const pending = new Set<string>();
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let cancelled = false;
  const flush = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    if (cancelled || pending.size === 0) return;
    const changed = [...pending];
    pending.clear();
    onChange(changed);
  };
  return {
    add(file: string) {
      pending.add(file);
      clearTimeout(quiet);
      quiet = setTimeout(flush, debounceMs);
      deadline ??= setTimeout(flush, maxWaitMs);
    },
    cancel() {
      cancelled = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
    },
  };
}

/** Runs a key's task once no other was scheduled for it during `delayMs`. */
function debouncer(delayMs: number) {
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    schedule(key: string, task: () => Promise<void>) {
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          void task();
        }, delayMs),
      );
    },
    cancel() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * One folder's chokidar watch; `reappeared`: the folder was just created or
 * brought back, and the files already in it count as changed.
 */
function openWatch(
  target: WatchTarget,
  reappeared: boolean,
  record: (file: string, event?: string) => void,
  onError: (error: unknown) => void,
): Entry {
  const { directory, recursive } = target;
  const existed = existsSync(directory);
  const watcher = chokidar(directory, {
    ignoreInitial: !reappeared,
    // Never into a linked folder: `ln -s / templates` must not watch the whole disk (the link itself is refused when read).
    followSymlinks: false,
    ...(recursive ? {} : { depth: 0 }),
    // Version control and installed packages are never read by the kit, and can be huge.
    ignored: (file: string) => isIgnored(directory, file),
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  watcher.on('all', (event, file) => record(file, event));
  // chokidar's own events drop a save by rename made within ~50 ms of the one before (its per-file watch is
  // being renewed): the folder's raw events, which name every file renamed into it, catch those too.
  watcher.on('raw', (_event, name, details) => {
    const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
    if (!watched || !name) return;
    record(path.basename(watched) === name ? watched : path.join(watched, name));
  });
  watcher.on('error', (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') onError(error);
  });
  return { target, watcher, ready, existed };
}

/** Calls `onChange` with the absolute paths changed, once per burst of saves. */
export function watchFiles(
  initial: readonly WatchTarget[],
  onChange: (changed: string[]) => void,
  options: WatchOptions = {},
): FileWatcher {
  const debounceMs = options.debounceMs ?? 120;
  const maxWaitMs = options.maxWaitMs ?? 500;
  /** One chokidar watcher per folder: each with its own depth, and closed alone when the folder is no longer wanted. */
  const watchers = new Map<string, Entry>();
  const changes = bursts(onChange, debounceMs, maxWaitMs);
  let closed = false;

  /** A folder that appeared, or came back, since its watch began is watched afresh. */
  const reopen = () => {
    for (const [key, entry] of watchers) {
      const exists = existsSync(entry.target.directory);
      if (exists && !entry.existed) {
        void entry.watcher.close();
        // Its files may be there already (a folder restored or moved back): each counts as changed.
        watchers.set(key, open(entry.target, true));
      } else if (!exists) entry.existed = false;
    }
  };

  const record = (directory: string, file: string) => {
    if (closed) return;
    reopen();
    const name = path.relative(directory, file);
    // The watched folder itself (images/, removed or brought back) is a change; so are the relevant files in it.
    if (name.startsWith('..') || (name !== '' && !isRelevantChange(name))) return;
    changes.add(file);
  };

  // A recursive watch is checked once its first scan is done, and after each folder added: one that missed
  // entries is opened afresh, and its new scan reports their files as changed.
  const checks = debouncer(Math.max(debounceMs, 100));
  const check = (key: string) =>
    checks.schedule(key, async () => {
      const entry = watchers.get(key);
      await entry?.ready;
      const missed = entry && !closed && watchers.get(key) === entry ? newlyMissed(entry) : undefined;
      if (!entry || missed === undefined) return;
      void entry.watcher.close();
      watchers.set(key, { ...open(entry.target, true), missed });
    });

  const keyOf = (target: WatchTarget) => `${target.directory}\0${target.recursive}`;

  const open = (target: WatchTarget, reappeared = false): Entry => {
    const key = keyOf(target);
    const entry = openWatch(
      target,
      reappeared,
      (file, event) => {
        if (target.recursive && event === 'addDir' && !closed) check(key);
        record(target.directory, file);
      },
      (error) => options.onError?.(target.directory, error),
    );
    if (target.recursive) check(key);
    return entry;
  };

  const update = (targets: readonly WatchTarget[]) => {
    if (closed) return;
    const wanted = new Map(targets.map((target) => [keyOf(target), target]));
    for (const [key, entry] of watchers) {
      if (!wanted.has(key)) {
        void entry.watcher.close();
        watchers.delete(key);
      }
    }
    for (const [key, target] of wanted) if (!watchers.has(key)) watchers.set(key, open(target));
  };

  update(initial);
  return {
    update,
    async ready() {
      await Promise.all([...watchers.values()].map((entry) => entry.ready));
    },
    async close() {
      closed = true;
      checks.cancel();
      changes.cancel();
      const all = [...watchers.values()];
      watchers.clear();
      await Promise.all(all.map((entry) => entry.watcher.close()));
    },
  };
}
