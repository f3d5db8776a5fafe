/**
 * What the commands load: an academy's or a restitution's files, read and
 * validated by src/model, with the warnings src/core/warnings.ts computes on
 * them. The one place the two meet, so that model never imports core
 * (docs/architecture.md).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ValidationError, type Issue } from './errors.js';
import { localIsoDate, pastSessionMessage } from './core/session-date.js';
import { academyWarnings, familyWarnings, restitutionDraft, restitutionWarnings } from './core/warnings.js';
import { createModelLoader, locate, type AcademyModel } from './model/load.js';
import { loadRestitutionModel, type AcademyLoader, type RestitutionModel } from './model/restitution-load.js';
import type { Workspace } from './model/workspace.js';

export type { AcademyModel, RestitutionModel };

/**
 * Loads academies sharing one read of the themes and agendas (`--all`
 * reads each shared file once); each model carries all its warnings.
 */
export function createLoader(workspace: Workspace, options: { today?: string } = {}) {
  const loader = createModelLoader(workspace);
  const today = options.today ?? localIsoDate(new Date());
  const warningsOf = (model: AcademyModel): Issue[] => [
    ...academyWarnings(model),
    // Once the lab transcribes the session's results (restitutions/<slug>.yaml), its date is meant to be past.
    ...(existsSync(path.join(workspace.root, 'restitutions', `${model.slug}.yaml`))
      ? []
      : pastSessionWarnings(model, today)),
  ];
  const load = (slug: string): AcademyModel => {
    let model: AcademyModel;
    try {
      model = loader.load(slug);
    } catch (error) {
      // Warnings are said with the errors, not only once the errors are fixed: every problem at once.
      if (error instanceof ValidationError && error.partial)
        throw new ValidationError([...error.issues, ...warningsOf(error.partial as AcademyModel)]);
      throw error;
    }
    // What envoi.pdf lacks is advice for a valid file: beside errors it would only hide them.
    return { ...model, warnings: [...model.warnings, ...warningsOf(model), ...familyWarnings(model)] };
  };
  return { ...loader, load };
}

/** A session dated before today: almost always last year's file, or a wrong year. */
function pastSessionWarnings(model: AcademyModel, today: string): Issue[] {
  const message = pastSessionMessage(model.academy.session.date, today);
  return message ? [locate(model.sources.academy, { path: ['session', 'date'], message }, 'warning')] : [];
}

/** `restitutions/<slug>.yaml` checked against its academy's session, with its warnings and what makes it a draft. */
export function loadRestitution(
  workspace: Workspace,
  absolutePath: string,
  loadAcademy: AcademyLoader,
): RestitutionModel {
  const model = loadRestitutionModel(workspace, absolutePath, loadAcademy);
  return { ...model, warnings: [...model.warnings, ...restitutionWarnings(model)], draft: restitutionDraft(model) };
}
