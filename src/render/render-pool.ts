/**
 * Handlebars renders synchronously: on the main thread, a template that
 * loops for minutes (`{{#each}}` inside `{{#each}}` over long lists) would
 * block the per-document timeout and the Ctrl-C handler alike. Templates
 * are therefore rendered in one worker thread, stopped when a document
 * takes longer than the timeout. Bounding loops instead would need a limit
 * in every helper and could still miss nested ones; a worker stops them all,
 * for the price of one thread start (about 50 ms) per build.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../errors.js';
import type { KitView } from '../core/kit.js';
import type { Workspace } from '../model/workspace.js';
import { DOCUMENTS, renderDocument, type RenderedDocument } from './documents.js';
import { createTemplateEngine } from './engine.js';
import type { RenderAnswer, RenderJob } from './render-worker.js';

/** A document's HTML larger than this is a template gone wrong. */
const MEMORY_LIMIT_MB = 512;

export interface DocumentRenderer {
  render(kit: KitView): Promise<RenderedDocument[]>;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./render-worker.js', import.meta.url);

export function createDocumentRenderer(workspace: Workspace, timeoutMs: number): DocumentRenderer {
  // From the TypeScript sources (unit tests), there is no compiled worker: render in this thread.
  if (!existsSync(fileURLToPath(WORKER_FILE))) {
    const engine = createTemplateEngine(workspace);
    return {
      render: async (kit) => DOCUMENTS.map((definition, index) => ({ definition, html: renderDocument(engine, kit, index) })),
      close: async () => undefined,
    };
  }
  let worker: Worker | undefined;
  let next = 0;
  const start = () => {
    worker = new Worker(WORKER_FILE, {
      workerData: { root: workspace.root, packageRoot: workspace.packageRoot },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
    });
    worker.unref();
    return worker;
  };

  const renderOne = (kit: KitView, index: number): Promise<string> => {
    const definition = DOCUMENTS[index];
    const template = `templates/${definition?.template ?? '?'}.hbs`;
    const current = worker ?? start();
    const id = next++;
    return new Promise<string>((resolve, reject) => {
      const stop = (error: Error) => {
        cleanup();
        // A stopped worker cannot be trusted with the next document: a fresh one takes over.
        if (worker === current) worker = undefined;
        void current.terminate();
        reject(error);
      };
      const timer = setTimeout(() => {
        stop(new ValidationError([{
          file: template,
          path: '',
          message: `le modèle met plus de ${Math.round(timeoutMs / 1000)} s à produire ${definition?.file ?? 'le document'} (${kit.slug}) : une boucle sans fin ? (délai : variable PGO_KIT_DELAI)`,
          severity: 'error',
        }]));
      }, timeoutMs);
      const onMessage = (answer: RenderAnswer) => {
        if (answer.id !== id) return;
        cleanup();
        if ('html' in answer) resolve(answer.html);
        else if ('issues' in answer) reject(new ValidationError(answer.issues));
        else reject(new Error(answer.failure));
      };
      const onError = (error: Error) => {
        const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        stop(memory
          ? new ValidationError([{ file: template, path: '', message: `le modèle produit un document démesuré (plus de ${MEMORY_LIMIT_MB} Mo de mémoire) : une boucle sans fin ?`, severity: 'error' }])
          : error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
      };
      current.on('message', onMessage);
      current.on('error', onError);
      current.postMessage({ id, kit, document: index } satisfies RenderJob);
    });
  };

  return {
    async render(kit) {
      const documents: RenderedDocument[] = [];
      for (const [index, definition] of DOCUMENTS.entries()) documents.push({ definition, html: await renderOne(kit, index) });
      return documents;
    },
    async close() {
      const current = worker;
      worker = undefined;
      await current?.terminate();
    },
  };
}
