/**
 * Renders documents off the main thread (see render-pool.ts): a template
 * that loops for ever can then be stopped by the per-document timeout, and
 * Ctrl-C is still heard.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '../errors.js';
import { createWorkspace } from '../model/workspace.js';
import { renderTemplate } from './documents.js';
import { createTemplateEngine } from './engine.js';

export interface RenderJob {
  id: number;
  /** templates/<template>.hbs */
  template: string;
  context: unknown;
}

export type RenderAnswer =
  { id: number; html: string } | { id: number; issues: ValidationError['issues'] } | { id: number; failure: string };

const { root, packageRoot } = workerData as { root: string; packageRoot: string };
const engine = createTemplateEngine(createWorkspace(root, packageRoot));

parentPort?.on('message', (job: RenderJob) => {
  let answer: RenderAnswer;
  try {
    answer = { id: job.id, html: renderTemplate(engine, job.template, job.context) };
  } catch (error) {
    answer =
      error instanceof ValidationError
        ? { id: job.id, issues: error.issues }
        : { id: job.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(answer);
});
