/** `pgo-kit doctor`: what this machine has for a build, and what to do when something is missing. */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../../errors.js';
import { createWorkspace } from '../../model/workspace.js';
import { findBrowser, installHint } from '../../pdf/find-browser.js';
import { FONT_DIRECTORY } from '../../render/assets.js';

export interface Check {
  label: string;
  ok: boolean;
  detail: string;
  /** What to do when it is not ok. */
  fix?: string;
}

export const MINIMUM_NODE = 20;

export function checkNode(
  version: string = process.versions.node,
  platform: NodeJS.Platform = process.platform,
): Check {
  const major = Number(version.split('.')[0]);
  const ok = major >= MINIMUM_NODE;
  const fix =
    platform === 'linux'
      ? 'installez Node.js LTS depuis https://nodejs.org/ ou avec le gestionnaire de paquets de votre système'
      : 'installez Node.js LTS depuis https://nodejs.org/ (installateur pour Windows ou macOS)';
  return {
    label: 'Node.js',
    ok,
    detail: `version ${version}${ok ? '' : ` : ${MINIMUM_NODE} ou plus est nécessaire`}`,
    ...(ok ? {} : { fix }),
  };
}

/**
 * The browser's version. `--version` prints it on Linux and macOS; on Windows
 * Chrome and Edge print nothing, but install beside a folder named after it.
 */
export async function browserVersion(
  executablePath: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  if (platform === 'win32') {
    try {
      const versions = readdirSync(path.dirname(executablePath)).filter((name) => /^\d+(\.\d+){3}$/.test(name));
      return versions.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))[0];
    } catch {
      return undefined;
    }
  }
  return new Promise((resolve) => {
    execFile(executablePath, ['--version'], { timeout: 5_000, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim().split('\n')[0] || undefined);
    });
  });
}

export async function checkBrowser(explicit: string | undefined): Promise<Check> {
  try {
    const found = await findBrowser({ explicit });
    const version = await browserVersion(found.executablePath);
    return {
      label: 'Navigateur',
      ok: true,
      detail: `${found.executablePath} (trouvé par : ${found.source}) — ${version ?? 'version non lue'}`,
    };
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    const [first] = error.message.split('\n');
    return {
      label: 'Navigateur',
      ok: false,
      detail: first ?? error.message,
      fix: `${installHint(process.platform)} ; ou indiquez le vôtre avec --browser ou la variable PUPPETEER_EXECUTABLE_PATH`,
    };
  }
}

/** The fonts the documents load (read from the head partial in use), each present in the package. */
export function checkFonts(): Check {
  const workspace = createWorkspace();
  const head = workspace.resolve('templates', 'partials/head.hbs');
  const wanted = head
    ? [...readFileSync(head, 'utf8').matchAll(/police-url\s+"([^"]+)"/g)].map((match) => match[1] ?? '')
    : [];
  const missing = wanted.filter((relative) => {
    try {
      return !statSync(path.join(FONT_DIRECTORY, relative)).isFile();
    } catch {
      return true;
    }
  });
  if (wanted.length === 0) {
    return { label: 'Polices', ok: true, detail: 'aucune police de l’outil n’est utilisée par vos modèles' };
  }
  if (missing.length > 0) {
    return {
      label: 'Polices',
      ok: false,
      detail: `fichier(s) de police manquant(s) : ${missing.join(', ')}`,
      fix: 'réinstallez pgo-kit (les polices Source Sans 3 sont incluses dans le paquet)',
    };
  }
  return { label: 'Polices', ok: true, detail: `Source Sans 3, ${wanted.length} fichiers inclus (${FONT_DIRECTORY})` };
}

/** Writes and removes a small file where the kits will go (or in the nearest folder that exists). */
export function checkOutput(outDir: string, root: string = process.cwd()): Check {
  const target = path.resolve(root, outDir);
  let existing = target;
  for (;;) {
    try {
      if (statSync(existing).isDirectory()) break;
      return {
        label: 'Dossier de sortie',
        ok: false,
        detail: `${existing} existe mais n’est pas un dossier`,
        fix: 'choisissez un autre dossier avec --out',
      };
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) break;
      existing = parent;
    }
  }
  const probe = path.join(existing, `.pgo-kit-doctor-${process.pid}.tmp`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch {
    return {
      label: 'Dossier de sortie',
      ok: false,
      detail: `${existing} n’accepte pas l’écriture`,
      fix: 'lancez pgo-kit depuis un dossier à vous, ou choisissez un autre dossier avec --out',
    };
  }
  const shown = path.relative(root, target) || '.';
  return {
    label: 'Dossier de sortie',
    ok: true,
    detail: `${shown}${existing === target ? '' : ' (sera créé)'} : écriture possible`,
  };
}

export async function runChecks(options: { outDir: string; browser?: string | undefined }): Promise<Check[]> {
  return [checkNode(), await checkBrowser(options.browser), checkFonts(), checkOutput(options.outDir)];
}
