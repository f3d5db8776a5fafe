/** Which academies a command works on, from --academie / --all. */
import { UsageError } from '../errors.js';
import { assertAcademyExists } from '../model/slug.js';
import type { Workspace } from '../model/workspace.js';

export interface AcademySelection {
  academie?: string[] | undefined;
  all?: boolean | undefined;
}

/** Every named academy is checked (format, then existence) before any work starts. */
export function selectAcademies(
  workspace: Workspace,
  selection: AcademySelection,
  options: { required: boolean },
): string[] {
  const named = selection.academie ?? [];
  if (selection.all && named.length > 0) {
    throw new UsageError('choisissez soit --all, soit une ou plusieurs --academie, pas les deux');
  }
  if (selection.all || (!options.required && named.length === 0)) return workspace.list('academies', '.yaml');
  if (named.length === 0) throw new UsageError('indiquez au moins une académie (--academie limoges) ou --all');
  for (const slug of named) assertAcademyExists(workspace, slug);
  return [...new Set(named)];
}
