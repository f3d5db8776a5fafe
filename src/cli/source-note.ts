/**
 * Which data file a command read, said to the user: an academy built from
 * the copy shipped with pgo-kit, from a folder that is not a lab's, is
 * almost always a command typed in the wrong folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DataFolder, Workspace } from '../model/workspace.js';

export interface SourceFile {
  slug: string;
  /** The file as shown to the user. */
  file: string;
  /** True when it is the copy shipped with pgo-kit. */
  bundled: boolean;
}

/** The folders that make a lab's working folder. */
const WORKSPACE_FOLDERS: readonly DataFolder[] = ['academies', 'themes', 'agendas', 'templates', 'restitutions'];

/** A lab's working folder holds at least one of the data folders; the package's own folder is not a lab's. */
export function isLabFolder(workspace: Workspace): boolean {
  if (workspace.root === workspace.packageRoot) return false;
  return WORKSPACE_FOLDERS.some((folder) => existsSync(path.join(workspace.root, folder)));
}

/** Where `folder/<slug>.yaml` is read from; undefined when there is none (the command says so itself). */
export function sourceOf(workspace: Workspace, folder: DataFolder, slug: string): SourceFile | undefined {
  let absolute: string | undefined;
  try {
    absolute = workspace.resolve(folder, `${slug}.yaml`);
  } catch {
    // A refused entry: the loader says what is wrong with it.
    return undefined;
  }
  if (!absolute) return undefined;
  // In pgo-kit's own folder (a clone), its files are the ones being edited: not « fourni ».
  const own = path.dirname(absolute) === path.join(workspace.root, folder);
  return { slug, file: workspace.display(absolute), bundled: !own };
}

/** Past this many files, one line per origin rather than one per file. */
const LISTED = 3;

/**
 * The lines that say which files were read (`what`: « Académie », « Restitution »),
 * and, when a shipped copy is used outside a lab's folder, the way to one's own.
 */
export function sourceLines(
  sources: readonly SourceFile[],
  inLabFolder: boolean,
  what = 'Académie',
  command = 'pgo-kit init',
): string[] {
  if (sources.length === 0) return [];
  const lines: string[] = [];
  if (sources.length <= LISTED) {
    for (const source of sources)
      lines.push(`${what} ${source.slug} : ${source.file}${source.bundled ? ' (fichier fourni avec pgo-kit)' : ''}`);
  } else {
    const own = sources.filter((source) => !source.bundled).length;
    const bundled = sources.length - own;
    const parts = [
      ...(own > 0 ? [`${own} de votre dossier`] : []),
      ...(bundled > 0 ? [`${bundled} fourni${bundled > 1 ? 's' : ''} avec pgo-kit`] : []),
    ];
    lines.push(`${what === 'Académie' ? 'Fichiers d’académie' : 'Fichiers de restitution'} lus : ${parts.join(', ')}`);
  }
  return [...lines, ...wayOut(sources, inLabFolder, command)];
}

/** Outside a lab's folder, a shipped copy in use: the one line that leads to one's own file. */
export function wayOut(sources: readonly SourceFile[], inLabFolder: boolean, command = 'pgo-kit init'): string[] {
  const bundled = sources.filter((source) => source.bundled);
  if (inLabFolder || bundled.length === 0) return [];
  const slug = bundled.length === 1 ? (bundled[0]?.slug ?? '') : '<slug>';
  return [
    `${bundled.length === 1 ? 'fichier fourni' : 'fichiers fournis'} avec pgo-kit : pour le vôtre, ${command} ${slug} dans votre dossier de travail`,
  ];
}

/** The lines for the academies a command is about to read. */
export function academySourceLines(workspace: Workspace, slugs: readonly string[]): string[] {
  return sourceLines(
    slugs.flatMap((slug) => sourceOf(workspace, 'academies', slug) ?? []),
    isLabFolder(workspace),
  );
}
