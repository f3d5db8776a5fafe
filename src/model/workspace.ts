/**
 * Where data and templates come from: the lab's working folder first, then
 * the copies shipped with the package, file by file (docs/file-formats.md).
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationError, type Issue } from '../errors.js';

export type DataFolder = 'themes' | 'agendas' | 'academies' | 'templates' | 'restitutions';

export interface Workspace {
  /** The lab's folder (the current directory by default). */
  readonly root: string;
  /** The installed package, holding the default data and templates. */
  readonly packageRoot: string;
  /**
   * Absolute path of `folder/relative`, from the workspace if it has it, else
   * from the package; undefined when neither has it. Throws a ValidationError
   * naming the entry when it is not a plain readable file, or a link that
   * leads outside its root: nothing outside the workspace and the package is read.
   */
  resolve(folder: DataFolder, relative: string): string | undefined;
  /** File names (without extension) available in a folder (or one of its subfolders), workspace and package together, sorted. */
  list(folder: DataFolder, extension: string, subfolder?: string): string[];
  /**
   * Every entry of the workspace's own `folder` (recursively) that `resolve`
   * would refuse, as located issues; the folder alone when it is itself a
   * link that leads outside the workspace.
   */
  refusedEntries(folder: DataFolder): Issue[];
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

/** Past this many entries a folder is not a lab's: stop looking. */
const MAX_ENTRIES = 5_000;

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Why an entry cannot be read as a data file, or undefined when it can. Never
 * reads the file. Its real path is checked, not only the entry: a folder on
 * the way that is a link (`templates/ext -> ~/ailleurs`) cannot lead outside
 * `base` either.
 */
function refusal(entry: string, base: string, own: boolean, allowFolder = false): string | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(entry);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EACCES'
      ? 'lecture interdite (droits du dossier)'
      : 'fichier illisible';
  }
  const target = realpathOrUndefined(entry);
  if (!target) return stats.isSymbolicLink() ? 'lien symbolique cassé : sa cible n’existe pas' : 'fichier illisible';
  const realBase = realpathOrUndefined(base) ?? base;
  if (!isInside(realBase, target)) {
    const where = own
      ? 'hors de votre dossier de travail : refusé (copiez le fichier dans le dossier)'
      : 'hors du paquet pgo-kit : refusé';
    return stats.isSymbolicLink()
      ? `lien symbolique qui mène ${where}`
      : `dans un dossier lié (lien symbolique) qui mène ${where}`;
  }
  if (stats.isSymbolicLink()) {
    try {
      stats = statSync(entry);
    } catch {
      return 'lien symbolique illisible';
    }
  }
  if (stats.isDirectory()) return allowFolder ? undefined : 'c’est un dossier, un fichier est attendu';
  if (!stats.isFile()) return 'ce n’est pas un fichier ordinaire (tube, périphérique…) : refusé';
  return undefined;
}

/** Why a data folder itself cannot be read (a link that leads outside `base`), or undefined. */
function folderRefusal(directory: string, base: string, own: boolean): string | undefined {
  const target = realpathOrUndefined(directory);
  if (!target) return undefined;
  const realBase = realpathOrUndefined(base) ?? base;
  if (isInside(realBase, target)) return undefined;
  return own
    ? 'ce dossier est un lien symbolique qui mène hors de votre dossier de travail : refusé (copiez le dossier dans votre dossier de travail)'
    : 'ce dossier est un lien symbolique qui mène hors du paquet pgo-kit : refusé';
}

export function createWorkspace(root: string = process.cwd(), packageRoot: string = PACKAGE_ROOT): Workspace {
  const workspaceRoot = path.resolve(root);
  const roots =
    workspaceRoot === path.resolve(packageRoot) ? [workspaceRoot] : [workspaceRoot, path.resolve(packageRoot)];
  const display = (absolutePath: string): string => {
    const relative = path.relative(workspaceRoot, absolutePath);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
      ? relative.split(path.sep).join('/')
      : absolutePath;
  };
  const issue = (file: string, message: string): Issue => ({
    file: display(file),
    path: '',
    message,
    severity: 'error',
  });

  /** The entries of a folder, or a located refusal when it is not a readable folder. */
  function readFolder(directory: string): string[] {
    let stats: Stats;
    try {
      stats = statSync(directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      throw new ValidationError([
        issue(
          directory,
          code === 'EACCES'
            ? 'dossier illisible (droits du dossier)'
            : code === 'ENOTDIR'
              ? 'un fichier se trouve là où un dossier est attendu'
              : 'dossier illisible',
        ),
      ]);
    }
    if (!stats.isDirectory())
      throw new ValidationError([issue(directory, 'un fichier porte ce nom : un dossier est attendu')]);
    try {
      return readdirSync(directory).slice(0, MAX_ENTRIES);
    } catch (error) {
      throw new ValidationError([
        issue(
          directory,
          (error as NodeJS.ErrnoException).code === 'EACCES'
            ? 'dossier illisible (droits du dossier)'
            : 'dossier illisible',
        ),
      ]);
    }
  }

  return {
    root: workspaceRoot,
    packageRoot: path.resolve(packageRoot),
    resolve(folder, relative) {
      for (const base of roots) {
        const candidate = path.join(base, folder, relative);
        // Never leave the data folder, whatever `relative` holds.
        if (!candidate.startsWith(path.join(base, folder) + path.sep)) return undefined;
        // A data folder that is a link outside is said even for a file it lacks: never silently replaced by the package's.
        const own = base === workspaceRoot;
        const folderProblem = folderRefusal(path.join(base, folder), base, own);
        if (folderProblem) throw new ValidationError([issue(path.join(base, folder), folderProblem)]);
        try {
          lstatSync(candidate);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
            continue;
        }
        const problem = refusal(candidate, base, own);
        if (problem) throw new ValidationError([issue(candidate, problem)]);
        return candidate;
      }
      return undefined;
    },
    list(folder, extension, subfolder = '') {
      const names = new Set<string>();
      for (const base of roots) {
        for (const entry of readFolder(path.join(base, folder, subfolder))) {
          if (entry.endsWith(extension) && !entry.startsWith('.')) names.add(entry.slice(0, -extension.length));
        }
      }
      return [...names].sort((a, b) => a.localeCompare(b, 'fr'));
    },
    refusedEntries(folder) {
      const issues: Issue[] = [];
      let seen = 0;
      const visit = (directory: string) => {
        for (const name of readFolder(directory)) {
          if (++seen > MAX_ENTRIES) return;
          const entry = path.join(directory, name);
          let stats: Stats | undefined;
          try {
            stats = lstatSync(entry);
          } catch {
            stats = undefined;
          }
          if (stats?.isDirectory()) visit(entry);
          else if (!name.startsWith('.')) {
            // A linked folder inside the workspace is fine; its files are checked when read.
            const problem = refusal(entry, workspaceRoot, true, true);
            if (problem) issues.push(issue(entry, problem));
          }
        }
      };
      const directory = path.join(workspaceRoot, folder);
      // A data folder that is itself a link outside is said once, and not walked (`ln -s / templates`).
      const folderProblem = folderRefusal(directory, workspaceRoot, true);
      if (folderProblem) return [issue(directory, folderProblem)];
      visit(directory);
      return issues;
    },
    display,
  };
}

/** Where a data file comes from, for `list`: the lab's folder (possibly replacing the package's copy) or the package. */
export function origin(workspace: Workspace, folder: DataFolder, relative: string): 'dossier' | 'remplace' | 'paquet' {
  if (workspace.root === workspace.packageRoot) return 'paquet';
  let found: string | undefined;
  try {
    found = workspace.resolve(folder, relative);
  } catch {
    // A refused entry is the lab's; `validate` says what is wrong with it.
    return 'dossier';
  }
  // Compared with the workspace's own data folder, not its root: a home folder holds the npm prefix, and so the package.
  if (!found || !isInside(path.join(workspace.root, folder), found)) return 'paquet';
  return isFile(path.join(workspace.packageRoot, folder, relative)) ? 'remplace' : 'dossier';
}

/** Names (without extension) of the lab's own files in a folder, the package's left out; empty in the package itself. */
export function listOwn(workspace: Workspace, folder: DataFolder, extension: string): string[] {
  if (workspace.root === workspace.packageRoot) return [];
  const directory = path.join(workspace.root, folder);
  if (!existsSync(directory)) return [];
  // Through list(): a file where the folder should be, or an unreadable folder, is said in French.
  workspace.list(folder, extension);
  // Every entry with the extension, plain file or not: the loader says what is wrong with the others.
  return readdirSync(directory)
    .filter((entry) => entry.endsWith(extension) && !entry.startsWith('.'))
    .map((entry) => entry.slice(0, -extension.length))
    .sort((a, b) => a.localeCompare(b, 'fr'));
}

/**
 * The lab's YAML files in `folder` that pgo-kit does not read because of
 * their extension (`x.yml`, `x.YAML`): only `.yaml` is read, so that one
 * name means one file on every system. Each is named as a located issue.
 */
export function misnamedYamlFiles(workspace: Workspace, folder: DataFolder): Issue[] {
  let entries: string[];
  try {
    entries = readdirSync(path.join(workspace.root, folder));
  } catch {
    return [];
  }
  return entries
    .filter((entry) => /\.ya?ml$/i.test(entry) && !entry.endsWith('.yaml') && !entry.startsWith('.'))
    .sort((a, b) => a.localeCompare(b, 'fr'))
    .map((entry) => {
      const extension = path.extname(entry);
      return {
        file: workspace.display(path.join(workspace.root, folder, entry)),
        path: '',
        message: `extension « ${extension} » : pgo-kit ne lit que les fichiers en « .yaml » (en minuscules) — renommez-le en ${entry.slice(0, -extension.length)}.yaml`,
        severity: 'error' as const,
      };
    });
}

/**
 * For a watch (`preview`, `build --watch`): the workspace, with these
 * academies' files held to where they were when the watch began. A lab's
 * academy file deleted or moved meanwhile is said as such: the package's
 * example of the same name never takes its place.
 */
export function pinAcademies(workspace: Workspace, slugs: readonly string[]): Workspace {
  const pinned = new Map<string, string>();
  for (const slug of slugs) {
    const own = path.join(workspace.root, 'academies', `${slug}.yaml`);
    try {
      lstatSync(own);
      pinned.set(`${slug}.yaml`, own);
    } catch {
      // Not the lab's: the package's file is the academy, as before.
    }
  }
  if (pinned.size === 0) return workspace;
  return {
    ...workspace,
    resolve(folder, relative) {
      const own = folder === 'academies' ? pinned.get(relative) : undefined;
      if (own && !existsSync(own)) {
        throw new ValidationError([
          {
            file: workspace.display(own),
            path: '',
            message:
              'fichier supprimé ou déplacé depuis le lancement de la commande : remettez-le en place (l’exemple livré avec pgo-kit ne le remplace pas)',
            severity: 'error',
          },
        ]);
      }
      return workspace.resolve(folder, relative);
    },
    list(folder, extension, subfolder) {
      const names = workspace.list(folder, extension, subfolder);
      if (folder !== 'academies' || extension !== '.yaml' || subfolder) return names;
      // Still named, so that its absence is said as above rather than as an unknown academy.
      return [...new Set([...names, ...[...pinned.keys()].map((name) => name.slice(0, -'.yaml'.length))])].sort(
        (a, b) => a.localeCompare(b, 'fr'),
      );
    },
  };
}
