/**
 * The files a document may load: templates' CSS and images (workspace
 * first, then package) and the shipped fonts. Everything else is refused.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { realpathSync, statSync } from 'node:fs';
import { DOCUMENT_ORIGIN, type AssetResolver } from '../document-origin.js';
import type { Workspace } from '../model/workspace.js';
import { isWithin } from '../model/paths.js';

/** Source Sans 3, OFL: full TTF files, which cover « », ’ and the narrow no-break space (U+202F). */
export const FONT_DIRECTORY = path.dirname(
  createRequire(import.meta.url).resolve('@expo-google-fonts/source-sans-3/package.json'),
);

/** `base/relative` when it is a file whose real path (links resolved) stays inside `base`'s. */
function inside(base: string, relative: string): string | undefined {
  const candidate = path.resolve(base, relative);
  if (!isWithin(base, candidate)) return undefined;
  try {
    if (!realpathSync(candidate).startsWith(realpathSync(base) + path.sep)) return undefined;
    return statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** URL of a lab's own file (logo, font) as documents load it. */
export function workspaceAssetUrl(relative: string): string {
  // encodeURIComponent leaves ' ( ) * ! unescaped; they could end a CSS url("…") or an attribute.
  const encode = (segment: string) =>
    encodeURIComponent(segment).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${DOCUMENT_ORIGIN}/workspace/${relative
    .split(/[\\/]/)
    .filter((s) => s && s !== '.')
    .map(encode)
    .join('/')}`;
}

/**
 * `labFiles`: the workspace files academy files declared (already checked
 * to be inside the workspace); no other workspace file can be loaded.
 */
export function createAssetResolver(workspace: Workspace, labFiles: ReadonlySet<string> = new Set()): AssetResolver {
  const allowed = new Set([...labFiles].map((relative) => path.resolve(workspace.root, relative)));
  return (url) => {
    if (url.origin !== DOCUMENT_ORIGIN) return undefined;
    const [, area, ...rest] = decodeURIComponent(url.pathname).split('/');
    const relative = rest.join('/');
    if (!relative || relative.includes('\0')) return undefined;
    if (area === 'templates') return workspace.resolve('templates', relative);
    if (area === 'fonts') return inside(FONT_DIRECTORY, relative);
    if (area === 'workspace') {
      const candidate = path.resolve(workspace.root, relative);
      return allowed.has(candidate) ? inside(workspace.root, relative) : undefined;
    }
    return undefined;
  };
}

/**
 * For `--html`: the same document with its assets pointing at local files,
 * without revealing the machine's folders: a relative reference when both
 * the HTML and the asset are inside the workspace, a `pgo-kit:` reference
 * (the asset's place in the package) otherwise.
 */
export function localiseAssetUrls(
  html: string,
  resolve: AssetResolver,
  where: { directory: string; workspaceRoot: string },
): string {
  const pattern = new RegExp(`${DOCUMENT_ORIGIN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[^"')\\s]+`, 'g');
  const within = (file: string) => {
    const relative = path.relative(where.workspaceRoot, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  return html.replace(pattern, (url) => {
    let file: string | undefined;
    try {
      file = resolve(new URL(url));
    } catch {
      file = undefined;
    }
    if (file && within(file) && within(path.join(where.directory, 'x'))) {
      return path.relative(where.directory, file).split(path.sep).map(encodeURIComponent).join('/');
    }
    return `pgo-kit:${new URL(url).pathname.slice(1)}`;
  });
}
