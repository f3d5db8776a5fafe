/**
 * Notices saved changes to the files an academy is made of, for `preview`
 * and `build --watch`. Folders are watched rather than files: editors save
 * by writing a temporary file and renaming it, which a watch on the old file
 * would miss. Bursts of events (one save is often three or four) are merged.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
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
  /** Watches these folders from now on (those that do not exist yet are retried after each change). */
  update(targets: readonly WatchTarget[]): void;
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last event before reporting; 120 ms by default. */
  debounceMs?: number;
  /** Longest a burst may delay the report; 500 ms by default, so a save shows within a second. */
  maxWaitMs?: number;
  /** A folder that cannot be watched (system limit on watches, for instance). */
  onError?: (directory: string, error: unknown) => void;
}

/** Calls `onChange` with the absolute paths changed, once per burst of saves. */
export function watchFiles(initial: readonly WatchTarget[], onChange: (changed: string[]) => void, options: WatchOptions = {}): FileWatcher {
  const debounceMs = options.debounceMs ?? 120;
  const maxWaitMs = options.maxWaitMs ?? 500;
  const watchers = new Map<string, { target: WatchTarget; watcher?: FSWatcher }>();
  const pending = new Set<string>();
  let quiet: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    clearTimeout(quiet);
    clearTimeout(deadline);
    quiet = deadline = undefined;
    if (closed || pending.size === 0) return;
    const changed = [...pending];
    pending.clear();
    // A folder created by this change (themes/ in the workspace) is watched from now on.
    open();
    onChange(changed);
  };

  const record = (directory: string, name: string | null) => {
    if (closed || !name || !isRelevantChange(name)) return;
    pending.add(path.join(directory, name));
    clearTimeout(quiet);
    quiet = setTimeout(flush, debounceMs);
    deadline ??= setTimeout(flush, maxWaitMs);
  };

  const open = () => {
    for (const entry of watchers.values()) {
      if (entry.watcher) continue;
      const { directory, recursive } = entry.target;
      try {
        const watcher = watch(directory, { recursive, persistent: true }, (_event, name) => record(directory, name === null ? null : String(name)));
        watcher.on('error', () => {
          // The folder was removed: watch it again if it comes back.
          watcher.close();
          entry.watcher = undefined;
        });
        entry.watcher = watcher;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') options.onError?.(directory, error);
      }
    }
  };

  const update = (targets: readonly WatchTarget[]) => {
    if (closed) return;
    const wanted = new Map(targets.map((target) => [`${target.directory}\0${target.recursive}`, target]));
    for (const [key, entry] of watchers) {
      if (!wanted.has(key)) {
        entry.watcher?.close();
        watchers.delete(key);
      }
    }
    for (const [key, target] of wanted) if (!watchers.has(key)) watchers.set(key, { target });
    open();
  };

  update(initial);
  return {
    update,
    close() {
      closed = true;
      clearTimeout(quiet);
      clearTimeout(deadline);
      for (const entry of watchers.values()) entry.watcher?.close();
      watchers.clear();
    },
  };
}
