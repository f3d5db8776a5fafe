/**
 * Incremental builds: a digest of everything a kit is made from, kept
 * beside the kit in `.pgo-kit.json` and written with it (same atomic set),
 * so that an academy whose inputs did not change is neither rendered nor
 * printed again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AcademyModel } from '../model/load.js';
import type { Workspace } from '../model/workspace.js';

/** The file beside each kit; hidden, like other tools' stamps. */
export const STAMP_FILE = '.pgo-kit.json';
/** Bumped when the stamp's meaning changes. */
const STAMP_FORMAT = 1;

export interface KitStamp {
  format: number;
  key: string;
  /** Each file of the kit with its size: a deleted or truncated file means a rebuild. */
  files: { name: string; size: number }[];
}

/** SHA-256 of values, in a stable serialisation (object keys sorted). */
export function digest(...values: unknown[]): string {
  const stable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stable);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.keys(value).sort().map((key) => [key, stable((value as Record<string, unknown>)[key])]));
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
    filesUnder(CODE_ROOT).filter((file) => /\.(js|ts)$/.test(file)).map((file) => [file, hashFile(path.join(CODE_ROOT, file))]),
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
  const templates = [...new Set([workspace.root, workspace.packageRoot].flatMap((root) => filesUnder(path.join(root, 'templates'))))]
    .sort()
    .map((relative) => {
      const file = workspace.resolve('templates', relative);
      return [relative, file ? hashFile(file) : null];
    });
  // Absolute roots: the HTML points at local files, and the lab's files are read from there.
  return digest(STAMP_FORMAT, pgoKitDigest(workspace.packageRoot), workspace.root, workspace.packageRoot, templates, inputs);
}

/** One academy's key: the shared key, its resolved data (themes and agenda included) and its own files' contents. */
export function kitKey(shared: string, workspace: Workspace, model: AcademyModel): string {
  const own = Object.entries(model.identity)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, relative]) => [role, relative, hashFile(path.resolve(workspace.root, relative))]);
  return digest(shared, model.slug, model.academy, model.agenda, model.themes, model.phases, own);
}

/** The stamp to write with the kit, as one more file of the same atomic set. */
export function stampFor(key: string, files: readonly { target: string; data: Uint8Array | string }[]): { target: string; data: string } {
  const directory = path.dirname(files[0]?.target ?? '.');
  const stamp: KitStamp = {
    format: STAMP_FORMAT,
    key,
    files: files.map(({ target, data }) => ({ name: path.basename(target), size: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength })),
  };
  return { target: path.join(directory, STAMP_FILE), data: `${JSON.stringify(stamp, null, 2)}\n` };
}

/** The kit's files when `directory` holds a kit made from `key`, whole; undefined otherwise. */
export async function upToDate(directory: string, key: string): Promise<string[] | undefined> {
  let stamp: KitStamp;
  try {
    stamp = JSON.parse(await readFile(path.join(directory, STAMP_FILE), 'utf8')) as KitStamp;
  } catch {
    return undefined;
  }
  if (stamp.format !== STAMP_FORMAT || stamp.key !== key || !Array.isArray(stamp.files)) return undefined;
  // Only names of files in the folder itself: a stamp edited by hand cannot point elsewhere.
  if (!stamp.files.every((file) => typeof file.name === 'string' && file.name === path.basename(file.name) && !file.name.startsWith('.'))) return undefined;
  const files = stamp.files.map((file) => path.join(directory, file.name));
  const sizes = await Promise.all(files.map((file) => stat(file).then((found) => (found.isFile() ? found.size : -1), () => -1)));
  return sizes.every((size, index) => size === stamp.files[index]?.size) ? files : undefined;
}
