/**
 * Incremental builds: a digest of everything a kit is made from, kept
 * beside the kit in `.pgo-kit.json` and written with it (same atomic set),
 * so that an academy whose inputs did not change is neither rendered nor
 * printed again.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../errors.js';
import type { AcademyModel } from '../model/load.js';
import type { Workspace } from '../model/workspace.js';
import { writeFilesAtomically } from './atomic-write.js';

/** The stamp beside each kit; hidden, like other tools' stamps. Other units sharing the folder have their own (see src/run/runner.ts). */
export const STAMP_FILE = '.pgo-kit.json';
/** The restitution's and the synthesis's stamps: beside the kit's, so that no unit touches another's files. */
export const RESTITUTION_STAMP = '.pgo-kit-restitution.json';
export const SYNTHESE_STAMP = '.pgo-kit-synthese.json';
/** Bumped when the stamp's meaning changes: a stamp of another format means a rebuild. */
const STAMP_FORMAT = 2;

export interface KitStamp {
  format: number;
  /** The inputs' digest; null for files that must be made again next time (a draft). */
  key: string | null;
  /** Each file of the unit with its size and content digest: a changed, replaced or deleted file means a rebuild. */
  files: { name: string; size: number; sha256: string }[];
  /** What lets the next run find the unit unchanged without loading its data (see SourceStamp); absent in older stamps. */
  sources?: SourceStamp;
}

/**
 * The unit as its sources were: checked before any YAML is parsed, so that a
 * run with nothing changed loads no data at all. `key` digests every file of
 * the data folders (see sourcesDigest) with what else the unit depends on;
 * the lab's files it names (logo, font) are listed with their contents; the
 * warnings its loading said are said again.
 */
export interface SourceStamp {
  key: string;
  /** « Académie de Limoges »: its progress line, without loading the academy. */
  title: string;
  labFiles: { file: string; real: string; sha256: string }[];
  warnings: Issue[];
}

/** SHA-256 of values, in a stable serialisation (object keys sorted). */
export function digest(...values: unknown[]): string {
  const stable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stable);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, stable((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  const hash = createHash('sha256');
  for (const value of values) hash.update(JSON.stringify(stable(value) ?? null)).update('\0');
  return hash.digest('hex');
}

function hashFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file under `directory`, relative, sorted; none when it does not exist. */
function filesUnder(directory: string): string[] {
  try {
    return readdirSync(directory, { recursive: true, encoding: 'utf8' })
      .filter((relative) => statSync(path.join(directory, relative)).isFile())
      .map((relative) => relative.split(path.sep).join('/'))
      .sort();
  } catch {
    return [];
  }
}

/** Where this code lives (dist/ once compiled): a change to pgo-kit itself rebuilds every kit. */
const CODE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The package's version and code, read once per process. */
let codeDigest: string | undefined;
function pgoKitDigest(packageRoot: string): string {
  codeDigest ??= digest(
    JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')).version,
    filesUnder(CODE_ROOT)
      .filter((file) => /\.(js|ts)$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => [file, hashFile(path.join(CODE_ROOT, file))]),
  );
  return codeDigest;
}

export interface SharedInputs {
  /** The fonts shipped with pgo-kit: their package's name and version. */
  fontPackage: string;
  /** Whether the kit includes the HTML of each document. */
  html: boolean;
  /** Dates written in the PDFs (SOURCE_DATE_EPOCH), if any. */
  date: string | undefined;
}

/**
 * What every kit of a run shares: pgo-kit's version and code, the templates
 * as they resolve (workspace first, then package), the fonts, the options.
 */
export function sharedKey(workspace: Workspace, inputs: SharedInputs): string {
  const templates = [
    ...new Set([workspace.root, workspace.packageRoot].flatMap((root) => filesUnder(path.join(root, 'templates')))),
  ]
    .sort()
    .map((relative) => {
      const file = workspace.resolve('templates', relative);
      return [relative, file ? hashFile(file) : null];
    });
  // Absolute roots: the HTML points at local files, and the lab's files are read from there.
  return digest(
    STAMP_FORMAT,
    pgoKitDigest(workspace.packageRoot),
    workspace.root,
    workspace.packageRoot,
    templates,
    inputs,
  );
}

/** A unit's own inputs: its data (already resolved) and the contents of the lab's files it names (`identity`: role → path under the workspace). */
export function unitKey(workspace: Workspace, identity: Readonly<Record<string, string>>, ...data: unknown[]): string {
  const own = Object.entries(identity)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, relative]) => [role, relative, hashFile(path.resolve(workspace.root, relative))]);
  return digest(...data, own);
}

/** One academy's key: its resolved data (themes and agenda included) and its own files' contents. */
export function kitKey(workspace: Workspace, model: AcademyModel): string {
  return unitKey(workspace, model.identity, 'kit', model.slug, model.academy, model.agenda, model.themes, model.phases);
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The stamp to write with a unit's files, as one more file of the same atomic set; `key` null: never up to date. */
export function stampFor(
  key: string | null,
  files: readonly { name: string; data: Uint8Array | string }[],
  name = STAMP_FILE,
  sources?: SourceStamp,
): { name: string; data: string } {
  const stamp: KitStamp = {
    format: STAMP_FORMAT,
    key,
    files: files.map((file) => ({
      name: file.name,
      size: typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.byteLength,
      sha256: sha256(file.data),
    })),
    // A unit made again next time (key null) is never found unchanged from its sources either.
    ...(sources && key !== null ? { sources } : {}),
  };
  return { name, data: `${JSON.stringify(stamp, null, 2)}\n` };
}

/** A name the stamp may list: a file of the folder or of a sub-folder of it, no part hidden (a stamp edited by hand cannot point elsewhere). */
const plainName = (name: unknown): name is string =>
  typeof name === 'string' &&
  name
    .split('/')
    .every(
      (segment) =>
        segment !== '' && segment === path.basename(segment) && !segment.startsWith('.') && !segment.includes('\\'),
    );

function isSourceStamp(value: unknown): value is SourceStamp {
  if (!value || typeof value !== 'object') return false;
  const { key, title, labFiles, warnings } = value as Partial<SourceStamp>;
  return (
    typeof key === 'string' &&
    typeof title === 'string' &&
    Array.isArray(labFiles) &&
    labFiles.every(
      (entry: unknown) =>
        !!entry &&
        typeof entry === 'object' &&
        ['file', 'real', 'sha256'].every((field) => typeof (entry as Record<string, unknown>)[field] === 'string'),
    ) &&
    Array.isArray(warnings) &&
    warnings.every(
      (issue: unknown) =>
        !!issue &&
        typeof issue === 'object' &&
        typeof (issue as Issue).file === 'string' &&
        typeof (issue as Issue).message === 'string',
    )
  );
}

/** The stamp of `directory`, if it is one this version wrote, whole; anything else (missing, damaged, null, a link, no file) is undefined. */
async function readStamp(directory: string, name: string): Promise<KitStamp | undefined> {
  const file = path.join(directory, name);
  try {
    if (!(await lstat(file)).isFile()) return undefined;
    const stamp = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (!stamp || typeof stamp !== 'object' || Array.isArray(stamp)) return undefined;
    const { format, key, files } = stamp as Partial<KitStamp>;
    if (
      format !== STAMP_FORMAT ||
      !(typeof key === 'string' || key === null) ||
      !Array.isArray(files) ||
      files.length === 0
    )
      return undefined;
    const valid = files.every((entry: unknown) => {
      if (!entry || typeof entry !== 'object') return false;
      const { name: listed, size, sha256: hash } = entry as Record<string, unknown>;
      return plainName(listed) && Number.isSafeInteger(size) && typeof hash === 'string';
    });
    if (!valid || new Set(files.map((entry) => entry.name)).size !== files.length) return undefined;
    const { sources } = stamp as Partial<KitStamp>;
    return isSourceStamp(sources) ? { format, key, files, sources } : { format, key, files };
  } catch {
    return undefined;
  }
}

/** The files a previous run listed in its stamp (to remove those this run no longer makes); none without a valid stamp. */
export async function stampedFiles(directory: string, name = STAMP_FILE): Promise<string[]> {
  return (await readStamp(directory, name))?.files.map((file) => file.name) ?? [];
}

/** Whether `file` is a regular file (not a link) with this size and content. */
async function sameFile(file: string, size: number, hash: string): Promise<boolean> {
  try {
    const found = await lstat(file);
    if (!found.isFile() || found.size !== size) return false;
    return sha256(await readFile(file)) === hash;
  } catch {
    return false;
  }
}

/** The unit's files when `directory` holds every file made from `key`, each whole and unchanged; undefined otherwise (rebuild). */
export async function upToDate(directory: string, key: string, name = STAMP_FILE): Promise<string[] | undefined> {
  const stamp = await readStamp(directory, name);
  if (!stamp || stamp.key === null || stamp.key !== key) return undefined;
  const files = stamp.files.map((file) => path.join(directory, file.name));
  const same = await Promise.all(
    stamp.files.map((file, index) => sameFile(files[index] ?? '', file.size, file.sha256)),
  );
  return same.every(Boolean) ? files : undefined;
}

/** The folders, the lab's and the package's, that a unit's data is read from. */
const DATA_FOLDERS = ['academies', 'agendas', 'themes', 'restitutions'] as const;

/** Past this many entries, a folder is not worth digesting: the data is loaded. */
const MAX_SOURCE_ENTRIES = 2_000;

/**
 * Digest of every entry of the data folders, the lab's and the package's:
 * its name, its kind, a link's target, a file's contents. Any data a unit
 * could be loaded from is in it, so an equal digest means the same data
 * (a file added that would take a shipped one's place included).
 * Undefined when a folder cannot be read whole: the data is then loaded.
 */
export function sourcesDigest(workspace: Workspace): string | undefined {
  const roots = [...new Set([workspace.root, workspace.packageRoot])];
  const entries: unknown[] = [];
  try {
    for (const root of roots) {
      for (const folder of DATA_FOLDERS) {
        const directory = path.join(root, folder);
        let names: string[];
        try {
          names = readdirSync(directory, { recursive: true, encoding: 'utf8' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
          entries.push([directory, null]);
          continue;
        }
        if (names.length > MAX_SOURCE_ENTRIES) return undefined;
        entries.push([directory, realpathSync(directory)]);
        for (const name of names.sort()) {
          const file = path.join(directory, name);
          const stats = lstatSync(file);
          if (stats.isSymbolicLink())
            entries.push([name, 'link', readlinkSync(file), realpathSync(file), hashFile(file)]);
          else if (stats.isFile()) entries.push([name, 'file', hashFile(file)]);
          else entries.push([name, stats.isDirectory() ? 'folder' : 'other']);
        }
      }
    }
  } catch {
    return undefined;
  }
  return digest(entries);
}

/** The lab's files a unit names (relative to the workspace), as a source stamp lists them. */
export function labFileSources(workspace: Workspace, files: readonly string[]): SourceStamp['labFiles'] {
  return [...new Set(files)].sort().map((file) => {
    const absolute = path.resolve(workspace.root, file);
    return { file, real: realpathSync(absolute), sha256: hashFile(absolute) };
  });
}

/**
 * The unit's files and its stamp's sources when the stamp was made from
 * `key` and everything it lists is as it was: no data need be loaded.
 * Undefined otherwise (load, then check the unit's own key).
 */
export async function unchangedSources(
  workspace: Workspace,
  directory: string,
  name: string,
  key: string,
): Promise<{ files: string[]; sources: SourceStamp } | undefined> {
  const stamp = await readStamp(directory, name);
  const sources = stamp?.sources;
  if (!stamp || stamp.key === null || !sources || sources.key !== key) return undefined;
  try {
    const current = labFileSources(
      workspace,
      sources.labFiles.map((entry) => entry.file),
    );
    if (JSON.stringify(current) !== JSON.stringify(sources.labFiles)) return undefined;
  } catch {
    return undefined;
  }
  const files = await upToDate(directory, stamp.key, name);
  return files ? { files, sources } : undefined;
}

/**
 * A unit found unchanged by its own key while its sources changed (a theme
 * it does not offer was edited): its stamp gets the new sources, so that the
 * next run finds it without loading. Only the stamp is rewritten, atomically.
 */
export async function refreshSources(directory: string, name: string, sources: SourceStamp): Promise<void> {
  const stamp = await readStamp(directory, name);
  if (!stamp || stamp.key === null || JSON.stringify(stamp.sources) === JSON.stringify(sources)) return;
  try {
    await writeFilesAtomically([
      { target: path.join(directory, name), data: `${JSON.stringify({ ...stamp, sources }, null, 2)}\n` },
    ]);
  } catch {
    // Only a shortcut for the next run: the data is loaded then, as without it.
  }
}
