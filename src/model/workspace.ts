/**
 * Where data and templates come from: the lab's working folder first, then
 * the copies shipped with the package, file by file (SPEC "Files a user edits").
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DataFolder = 'themes' | 'agendas' | 'academies' | 'templates' | 'restitutions';

export interface Workspace {
  /** The lab's folder (the current directory by default). */
  readonly root: string;
  /** The installed package, holding the default data and templates. */
  readonly packageRoot: string;
  /** Absolute path of `folder/relative`, from the workspace if it has it, else from the package. */
  resolve(folder: DataFolder, relative: string): string | undefined;
  /** File names (without extension) available in a folder (or one of its subfolders), workspace and package together, sorted. */
  list(folder: DataFolder, extension: string, subfolder?: string): string[];
  /** How to show a path in a message: relative to the workspace when inside it. */
  display(absolutePath: string): string;
}

/** The package root: two levels above this file, in src/model/ as in dist/model/. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function isFile(candidate: string): boolean {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}

export function createWorkspace(root: string = process.cwd(), packageRoot: string = PACKAGE_ROOT): Workspace {
  const roots = path.resolve(root) === path.resolve(packageRoot) ? [path.resolve(root)] : [path.resolve(root), path.resolve(packageRoot)];
  return {
    root: path.resolve(root),
    packageRoot: path.resolve(packageRoot),
    resolve(folder, relative) {
      for (const base of roots) {
        const candidate = path.join(base, folder, relative);
        // Never leave the data folder, whatever `relative` holds.
        if (!candidate.startsWith(path.join(base, folder) + path.sep)) return undefined;
        if (isFile(candidate)) return candidate;
      }
      return undefined;
    },
    list(folder, extension, subfolder = '') {
      const names = new Set<string>();
      for (const base of roots) {
        const directory = path.join(base, folder, subfolder);
        if (!existsSync(directory)) continue;
        for (const entry of readdirSync(directory)) {
          if (entry.endsWith(extension) && !entry.startsWith('.')) names.add(entry.slice(0, -extension.length));
        }
      }
      return [...names].sort((a, b) => a.localeCompare(b, 'fr'));
    },
    display(absolutePath) {
      const relative = path.relative(path.resolve(root), absolutePath);
      return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolutePath;
    },
  };
}

/** Where a data file comes from, for `list`: the lab's folder (possibly replacing the package's copy) or the package. */
export function origin(workspace: Workspace, folder: DataFolder, relative: string): 'dossier' | 'remplace' | 'paquet' {
  if (workspace.root === workspace.packageRoot) return 'paquet';
  const found = workspace.resolve(folder, relative);
  if (!found || !found.startsWith(workspace.root + path.sep)) return 'paquet';
  return isFile(path.join(workspace.packageRoot, folder, relative)) ? 'remplace' : 'dossier';
}

/** Names (without extension) of the lab's own files in a folder, the package's left out; empty in the package itself. */
export function listOwn(workspace: Workspace, folder: DataFolder, extension: string): string[] {
  if (workspace.root === workspace.packageRoot) return [];
  const directory = path.join(workspace.root, folder);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((entry) => entry.endsWith(extension) && !entry.startsWith('.') && isFile(path.join(directory, entry)))
    .map((entry) => entry.slice(0, -extension.length))
    .sort((a, b) => a.localeCompare(b, 'fr'));
}
