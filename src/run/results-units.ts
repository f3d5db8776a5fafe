/**
 * The restitution's and the synthesis's units of work, made from their
 * loaded data: what `restitution` and `synthese` (src/results.ts) hand the
 * runner once they know that something is to be made. Apart from
 * src/results.ts so that a run with nothing changed loads none of it
 * (neither the YAML parser nor the schemas).
 */
import path from 'node:path';
import { readablePath } from '../errors.js';
import { decidimCsv, decidimJson, DEFAULT_DECIDIM_LOCALE } from '../core/decidim.js';
import {
  decidimProposals,
  engagementsCsv,
  engagementsFile,
  participantsView,
  restitutionView,
} from '../core/restitution.js';
import { createLoader, loadRestitution, type RestitutionModel } from '../load.js';
import type { Workspace } from '../model/workspace.js';
import { RESTITUTION_STAMP, SYNTHESE_STAMP, unitKey } from '../output/kit-cache.js';
import { workspaceAssetUrl } from '../render/assets.js';
import {
  participantsJob,
  restitutionJob,
  syntheseJob,
  type ResultDocumentJob,
} from '../render/restitution-documents.js';
import { loadEach, type BuildReporter } from '../build.js';
import type { PrintedDocument, Unit } from './runner.js';

/** A draft's reasons as its restitution.pdf lists them: where, then what. */
function draftLines(model: RestitutionModel): string[] {
  return model.draft.map(
    (issue) =>
      `${issue.line === undefined ? '' : `ligne ${issue.line} · `}${issue.path ? `${readablePath(issue.path)} : ` : ''}${issue.message}`,
  );
}

/** Loads restitution files; `reported`: warnings already said in this run (by units found unchanged), not said again. */
export function loadRestitutions(
  workspace: Workspace,
  files: readonly string[],
  reporter: BuildReporter,
  reported?: Set<string>,
) {
  const loader = createLoader(workspace);
  const { models, invalid } = loadEach(
    files,
    (file) => loadRestitution(workspace, file, (slug) => loader.load(slug)),
    reporter,
    reported,
  );
  return { models, invalid: invalid.map(({ item, issues }) => ({ file: workspace.display(item), issues })) };
}

/** A result document for the runner. */
function resultDocument(job: ResultDocumentJob, metadata: PrintedDocument['metadata']): PrintedDocument {
  return { id: job.id, file: job.file, template: job.template, context: () => job.context, metadata, outline: true };
}

/**
 * One academy's restitution as a unit of work, in <outDir>/<slug>/:
 * restitution.pdf for the OGP team, restitution-participants.pdf for the
 * participants, the exports. A draft (src/core/draft.ts) gets its
 * restitution.pdf only, marked « brouillon »: nothing that is sent on is
 * written, and the unit fails with the draft's reasons (exit 1).
 */
export function restitutionUnit(
  workspace: Workspace,
  model: RestitutionModel,
  outDir: string,
  locale = DEFAULT_DECIDIM_LOCALE,
): Unit {
  const draft = model.draft.length > 0;
  const view = restitutionView(model, workspaceAssetUrl, draftLines(model));
  const job = restitutionJob(view);
  const author = view.academie.lab ?? view.academie.titre;
  const documents = [
    resultDocument(job, {
      title: `${job.titre} — ${view.academie.titre}${draft ? ' (brouillon)' : ''}`,
      author,
      subject: job.sujet,
      keywords: [view.academie.titre, 'restitution', 'engagements'],
    }),
  ];
  if (!draft) {
    const participants = participantsJob(participantsView(model, workspaceAssetUrl));
    documents.push(
      resultDocument(participants, {
        title: `${participants.titre} — ${view.academie.titre}`,
        author,
        subject: participants.sujet,
        keywords: [view.academie.titre, 'restitution', 'participants'],
      }),
    );
  }
  return {
    id: model.slug,
    title: view.academie.titre,
    noun: 'la restitution',
    directory: path.resolve(workspace.root, outDir, model.slug),
    stamp: RESTITUTION_STAMP,
    key: unitKey(
      workspace,
      model.academy.identity,
      'restitution',
      model.slug,
      locale,
      model.restitution,
      model.academy.academy,
      model.academy.agenda,
      model.academy.themes,
    ),
    documents,
    files: () => {
      if (draft) return [];
      const exported = engagementsFile(model);
      const proposals = decidimProposals(model, locale);
      return [
        { file: 'engagements.json', data: `${JSON.stringify(exported, null, 2)}\n` },
        { file: 'engagements.csv', data: engagementsCsv(exported) },
        { file: 'decidim-propositions.csv', data: decidimCsv(proposals, locale) },
        { file: 'decidim-propositions.json', data: decidimJson(proposals) },
      ];
    },
    labFiles: Object.values(model.academy.identity),
    ...(draft ? { failure: model.draft } : {}),
  };
}

/**
 * Every complete restitution consolidated in one unit, in <outDir>/: a
 * draft is counted apart and named (said as a warning), never mixed in.
 */
export async function syntheseUnit(
  workspace: Workspace,
  models: readonly RestitutionModel[],
  outDir: string,
  reporter: BuildReporter,
): Promise<Unit> {
  const [{ syntheseView, syntheseCsv }, { fra }, { createStopwords }] = await Promise.all([
    import('../core/synthese.js'),
    import('stopword'),
    import('../core/similarity.js'),
  ]);
  const complete = models.filter((model) => model.draft.length === 0);
  const drafts = models.filter((model) => model.draft.length > 0);
  for (const model of drafts) {
    reporter.issues([
      {
        file: model.file,
        path: '',
        message: `brouillon (${model.draft.length} point${model.draft.length > 1 ? 's' : ''} à reprendre) : laissé hors de la synthèse, et nommé à part dans synthese.pdf (le détail : pgo-kit restitution --academie ${model.slug})`,
        severity: 'warning',
      },
    ]);
  }
  const view = syntheseView(
    complete,
    createStopwords(fra),
    drafts.map((model) => ({
      slug: model.slug,
      academie: model.academy.academy.academie,
      file: model.file,
      raisons: model.draft.length,
    })),
  );
  const job = syntheseJob(view);
  const unit: Unit = {
    id: 'synthese',
    title: `Synthèse de ${view.totaux.academies} académie(s), ${view.totaux.engagements} engagement(s)`,
    noun: 'la synthèse',
    directory: path.resolve(workspace.root, outDir),
    stamp: SYNTHESE_STAMP,
    key: unitKey(
      workspace,
      {},
      'synthese',
      models.map((model) => [
        model.slug,
        model.restitution,
        model.academy.academy,
        model.academy.agenda,
        model.academy.themes,
      ]),
    ),
    documents: [
      resultDocument(job, {
        title: job.titre,
        author: 'pgo-kit',
        subject: job.sujet,
        keywords: ['synthèse', 'engagements'],
      }),
    ],
    files: () => [{ file: 'synthese.csv', data: syntheseCsv(view) }],
    labFiles: [],
  };
  return unit;
}
