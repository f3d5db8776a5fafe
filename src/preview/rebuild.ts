/**
 * `build --watch`: after the first build, the ordinary build of the
 * academies a save affects, again and again, with one browser kept open for
 * the whole session. Each rebuild goes through build(), so it gets whatever
 * build() does (atomic writes, skipping what has not changed).
 */
import path from 'node:path';
import { EnvironmentError, ValidationError, type Issue } from '../errors.js';
import { createLoader } from '../load.js';
import { pinAcademies, type Workspace } from '../model/workspace.js';
import type { PdfPrinter } from '../pdf/printer.js';
import { build, type BuildOptions, type BuildResult } from '../build.js';
import { printerFactory } from '../run/runner.js';
import { watchFiles, watchTargets, type FileWatcher } from './watch.js';

/**
 * The academies to rebuild after these files changed: an academy file
 * concerns its own academy; a theme, agenda, template or lab file may
 * concern all of them.
 */
export function affectedAcademies(
  workspace: Workspace,
  selected: readonly string[],
  changed: readonly string[],
): string[] {
  const academyFolders = new Set(
    [workspace.root, workspace.packageRoot].map((base) => path.join(path.resolve(base), 'academies')),
  );
  const named = new Set<string>();
  for (const file of changed) {
    const absolute = path.resolve(file);
    if (!academyFolders.has(path.dirname(absolute)) || path.extname(absolute) !== '.yaml') return [...selected];
    named.add(path.basename(absolute, '.yaml'));
  }
  return selected.filter((slug) => named.has(slug));
}

/** The lab's own files (logo, font) the academies name, to watch them too; an invalid academy names none. */
function labFiles(workspace: Workspace, slugs: readonly string[]): string[] {
  const loader = createLoader(workspace);
  return slugs.flatMap((slug) => {
    try {
      return Object.values(loader.load(slug).identity);
    } catch {
      return [];
    }
  });
}

export interface WatchBuildOptions extends Omit<BuildOptions, 'printer' | 'slugs'> {
  slugs: readonly string[];
  /** After each build, first one included. */
  onBuilt(result: BuildResult): void;
  /** A build that failed for a reason other than the data (browser crash): said, and the watch goes on. */
  onFailure(error: EnvironmentError): void;
  /**
   * A rebuild refused before anything was made (a link in templates/ that leads outside the folder):
   * its problems, to be said; the previous PDFs are kept and the watch goes on.
   */
  onRefused(issues: readonly Issue[]): void;
  /** Before a rebuild: the files that changed and the academies rebuilt. */
  onChange(changed: readonly string[], slugs: readonly string[]): void;
  /** Waiting for the next save. */
  onIdle(): void;
}

export interface BuildWatch {
  /** The first build and every rebuild under way. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * After a rebuild that failed: whether the watch goes on, the failure said. A rebuild refused as a whole
 * build would refuse it (a link in templates/ that leads outside) or a browser that failed goes on: the next
 * save may mend it. Anything else stops the watch, as it stops build. (The first build stops on any failure:
 * no browser at all, nothing to watch for.)
 */
export function goesOn(error: unknown, options: Pick<WatchBuildOptions, 'onRefused' | 'onFailure'>): boolean {
  if (error instanceof ValidationError) options.onRefused(error.issues);
  else if (error instanceof EnvironmentError) options.onFailure(error);
  else return false;
  return true;
}

export async function watchBuild(watchOptions: WatchBuildOptions): Promise<BuildWatch> {
  // An academy file of the lab deleted or moved during the watch is an error, never the package's example.
  const options = { ...watchOptions, workspace: pinAcademies(watchOptions.workspace, watchOptions.slugs) };
  let printer: PdfPrinter | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  const queued = new Set<string>();
  const queuedFiles = new Set<string>();

  const printerFor = async (): Promise<PdfPrinter> => {
    if (!printer) {
      const created = await printerFactory(options)();
      options.onPrinter?.(created);
      printer = created;
    }
    return printer;
  };

  const once = async (slugs: readonly string[], first = false) => {
    try {
      const result = await build({ ...options, slugs, printer: await printerFor() });
      options.onBuilt(result);
    } catch (error) {
      if (first || !goesOn(error, options)) throw error;
      if (error instanceof EnvironmentError) {
        // A browser that crashed is not reused: the next save starts a new one.
        const failed = printer;
        printer = undefined;
        await failed?.close();
      }
    }
  };

  const drain = (): Promise<void> => {
    running ??= (async () => {
      try {
        while (queued.size > 0 && !closed) {
          const slugs = options.slugs.filter((slug) => queued.has(slug));
          const files = [...queuedFiles];
          queued.clear();
          queuedFiles.clear();
          options.onChange(files, slugs);
          await once(slugs);
        }
      } finally {
        running = undefined;
      }
      if (!closed) options.onIdle();
    })();
    return running;
  };

  // Watching starts before the first build: a save made during it is built next.
  let firstDone = false;
  const targets = () => watchTargets(options.workspace, labFiles(options.workspace, options.slugs));
  const output = path.resolve(options.workspace.root, options.outDir) + path.sep;
  const watcher: FileWatcher = watchFiles(targets(), (changed) => {
    // A logo newly named in an academy file is watched from now on.
    if (changed.some((file) => path.basename(path.dirname(file)) === 'academies')) watcher.update(targets());
    const inputs = changed.filter((file) => !file.startsWith(output));
    const slugs = affectedAcademies(options.workspace, options.slugs, inputs);
    if (slugs.length === 0) return;
    for (const slug of slugs) queued.add(slug);
    for (const file of inputs) queuedFiles.add(file);
    if (firstDone) void drain();
  });
  try {
    await once(options.slugs, true);
  } catch (error) {
    await watcher.close();
    await printer?.close();
    throw error;
  }
  firstDone = true;
  if (queued.size > 0) void drain();
  else options.onIdle();
  return {
    async settled() {
      while (running) await running;
    },
    async close() {
      closed = true;
      await watcher.close();
      await running?.catch(() => undefined);
      await printer?.close();
    },
  };
}
