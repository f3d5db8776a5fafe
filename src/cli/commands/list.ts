import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { academyTitle } from '../../core/french.js';
import { frenchTypography } from '../../core/typography.js';
import { createWorkspace, origin, type DataFolder, type Workspace } from '../../model/workspace.js';
import { isLabFolder } from '../source-note.js';
import type { CommandContext } from './shared.js';

/** The YAML parser, loaded by the command itself: --help and the other commands never pay for it. */
let parse: typeof import('yaml').parse;

/** A best-effort read for display only: `validate` is where problems are reported. */
function peek(workspace: Workspace, folder: DataFolder, id: string): Record<string, unknown> {
  const file = workspace.resolve(folder, `${id}.yaml`);
  try {
    const data: unknown = file
      ? parse(readFileSync(file, 'utf8'), { maxAliasCount: 10, logLevel: 'error' })
      : undefined;
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? frenchTypography(value) : undefined);

const MARKS = {
  dossier: '  [votre dossier]',
  remplace: '  [votre dossier, remplace le fichier de pgo-kit]',
  paquet: '',
} as const;

/** Marks what comes from the lab's folder; what is not marked is shipped with pgo-kit. */
const mark = (workspace: Workspace, folder: DataFolder, id: string): string =>
  MARKS[origin(workspace, folder, `${id}.yaml`)];

/** The lab's own template files (partials, styles, images), relative to its templates/ folder. */
function ownTemplates(workspace: Workspace): string[] {
  if (workspace.root === workspace.packageRoot) return [];
  const folder = path.join(workspace.root, 'templates');
  if (!existsSync(folder)) return [];
  return (
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      // parentPath is Node 20.12+; earlier 20.x name it path.
      .map((entry) =>
        path
          .relative(
            folder,
            path.join(
              (entry as { parentPath?: string }).parentPath ?? (entry as { path?: string }).path ?? folder,
              entry.name,
            ),
          )
          .split(path.sep)
          .join('/'),
      )
      .sort()
  );
}

export function registerList(program: Command, context: CommandContext): void {
  program
    .command('list')
    .description('lister les académies, thématiques et déroulés disponibles')
    .action(async () => {
      ({ parse } = await import('yaml'));
      const { out } = context.terminal;
      const workspace = createWorkspace();
      const academies = workspace.list('academies', '.yaml');
      out(`Académies (${academies.length}) :`);
      for (const slug of academies) {
        const data = peek(workspace, 'academies', slug);
        const name = text(data.academie);
        const region = text(data.region_academique);
        out(
          `  ${slug.padEnd(18)} ${name ? academyTitle(name) : '(fichier à vérifier : pgo-kit validate)'}${region ? ` — ${region}` : ''}${mark(workspace, 'academies', slug)}`,
        );
      }
      const themes = workspace.list('themes', '.yaml');
      out('');
      out(`Thématiques (${themes.length}) :`);
      for (const id of themes)
        out(`  ${id.padEnd(18)} ${text(peek(workspace, 'themes', id).titre) ?? ''}${mark(workspace, 'themes', id)}`);
      const agendas = workspace.list('agendas', '.yaml');
      out('');
      out(`Déroulés (${agendas.length}) :`);
      for (const id of agendas) {
        const data = peek(workspace, 'agendas', id);
        out(
          `  ${id.padEnd(18)} ${text(data.titre) ?? ''}${typeof data.duree === 'number' ? ` (${data.duree} min)` : ''}${mark(workspace, 'agendas', id)}`,
        );
      }
      const templates = ownTemplates(workspace);
      if (templates.length > 0) {
        out('');
        out(`Modèles de votre dossier (${templates.length}) :`);
        for (const relative of templates) out(`  ${relative}${MARKS[origin(workspace, 'templates', relative)]}`);
      }
      out('');
      if (workspace.root === workspace.packageRoot) {
        out(`Tout vient du dossier de pgo-kit (${workspace.root}).`);
      } else if (!isLabFolder(workspace)) {
        // A home folder that holds the npm prefix holds the package too: none of it is the user's.
        out(
          `Tout est fourni avec pgo-kit (${workspace.packageRoot}) : ce dossier n’est pas un dossier de travail (pour en faire un : pgo-kit init <slug>).`,
        );
      } else {
        out(
          `[votre dossier] : fichier de ${workspace.root} ; les autres sont fournis avec pgo-kit (${workspace.packageRoot}).`,
        );
      }
    });
}
