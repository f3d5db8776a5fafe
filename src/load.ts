/**
 * What the commands load: an academy's or a restitution's files, read and
 * validated by src/model, with the warnings src/core/warnings.ts computes on
 * them. The one place the two meet, so that model never imports core
 * (docs/architecture.md).
 */
import { academyWarnings, restitutionDraft, restitutionWarnings } from './core/warnings.js';
import { createModelLoader, type AcademyModel } from './model/load.js';
import { loadRestitutionModel, type AcademyLoader, type RestitutionModel } from './model/restitution-load.js';
import type { Workspace } from './model/workspace.js';

export type { AcademyModel, RestitutionModel };

/**
 * Loads academies sharing one read of the themes and agendas (`--all`
 * reads each shared file once); each model carries all its warnings.
 */
export function createLoader(workspace: Workspace) {
  const loader = createModelLoader(workspace);
  const load = (slug: string): AcademyModel => {
    const model = loader.load(slug);
    return { ...model, warnings: [...model.warnings, ...academyWarnings(model)] };
  };
  return { ...loader, load };
}

/** `restitutions/<slug>.yaml` checked against its academy's session, with its warnings and what makes it a draft. */
export function loadRestitution(workspace: Workspace, absolutePath: string, loadAcademy: AcademyLoader): RestitutionModel {
  const model = loadRestitutionModel(workspace, absolutePath, loadAcademy);
  return { ...model, warnings: [...model.warnings, ...restitutionWarnings(model)], draft: restitutionDraft(model) };
}
