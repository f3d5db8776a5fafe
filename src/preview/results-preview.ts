/**
 * The restitution's documents beside the « Résultats » tab: rendered again
 * from restitutions/<slug>.yaml after each save (from the form or an
 * editor), as `restitution` renders them, shown as HTML. The last good
 * rendering is kept while the file is invalid; nothing is printed or written.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatIssues, ValidationError } from '../errors.js';
import type { Workspace } from '../model/workspace.js';
import { restitutionUnit } from '../run/results-units.js';
import { createLoader, loadRestitution } from '../load.js';
import { createTemplateRenderer } from '../render/render-pool.js';
import { previewHtml } from './session.js';

export interface ResultsState {
  /** Number of the last good rendering; 0 before the first one. */
  version: number;
  documents: { id: string; titre: string }[];
  /** Located lines of the last rendering, when invalid. */
  erreurs: string[];
  message: string;
}

export interface ResultsPreview {
  refresh(): Promise<ResultsState>;
  readonly state: ResultsState;
  html(id: string): string | undefined;
}

const TITLES: Record<string, string> = {
  restitution: 'Restitution (équipe PGO)',
  'restitution-participants': 'Pour les participants',
};

export function createResultsPreview(workspace: Workspace, slug: string, timeoutMs = 60_000): ResultsPreview {
  let documents = new Map<string, string>();
  let state: ResultsState = {
    version: 0,
    documents: [],
    erreurs: [],
    message: 'Pas encore de restitution : saisissez les résultats.',
  };
  let running: Promise<ResultsState> | undefined;

  const render = async (): Promise<ResultsState> => {
    const file = path.join(workspace.root, 'restitutions', `${slug}.yaml`);
    if (!existsSync(file)) return state;
    let unit;
    try {
      const loader = createLoader(workspace);
      unit = restitutionUnit(
        workspace,
        loadRestitution(workspace, file, (id) => loader.load(id)),
        'kits',
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      state = {
        ...state,
        erreurs: formatIssues(error.issues.filter((issue) => issue.severity === 'error')),
        message: 'Restitution invalide : les documents montrent le dernier état valide.',
      };
      return state;
    }
    const renderer = createTemplateRenderer(
      workspace,
      timeoutMs,
      unit.documents.map((document) => document.template),
    );
    try {
      const rendered = new Map<string, string>();
      for (const document of unit.documents) {
        rendered.set(
          document.id,
          previewHtml(await renderer.render(document.template, document.context(), `${document.file} (${slug})`)),
        );
      }
      documents = rendered;
    } finally {
      await renderer.close();
    }
    state = {
      version: state.version + 1,
      documents: unit.documents.map((document) => ({
        id: document.id,
        titre: TITLES[document.id] ?? document.metadata.title,
      })),
      erreurs: [],
      message: unit.failure
        ? 'Brouillon : la restitution sera complète quand chaque engagement aura son problème et son engagement.'
        : 'Documents à jour.',
    };
    return state;
  };

  return {
    get state() {
      return state;
    },
    html: (id) => documents.get(id),
    refresh() {
      // One rendering at a time; a save during one is rendered right after.
      const next = (running ?? Promise.resolve(state)).catch(() => state).then(render);
      running = next;
      return next;
    },
  };
}
