/**
 * Handlebars renders synchronously: on the main thread, a template that
 * loops for minutes (`{{#each}}` inside `{{#each}}` over long lists) would
 * block the per-document timeout and the Ctrl-C handler alike. A lab's
 * templates are therefore rendered in one worker thread, stopped when a
 * document takes longer than the timeout. Bounding loops instead would need
 * a limit in every helper and could still miss nested ones; a worker stops
 * them all, for the price of one thread start (about 50 ms of CPU) per build.
 * pgo-kit's own templates, unmodified (known by their precompiled digests),
 * end on any valid data: they render in this thread, and a build spares
 * that start, on the path to its first PDF.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../errors.js';
import { delayInSeconds } from '../config.js';
import type { KitView } from '../core/kit.js';
import type { Workspace } from '../model/workspace.js';
import { DOCUMENTS, documentContext, renderTemplate, type RenderedDocument } from './documents.js';
import { createTemplateEngine } from './engine.js';
import { allPrecompiled } from './precompiled.js';
import type { RenderAnswer, RenderJob } from './render-worker.js';

/** A document's HTML larger than this is a template gone wrong. */
const MEMORY_LIMIT_MB = 512;

export interface TemplateRenderer {
  /** templates/<template>.hbs with `context`, typeset; `label` names the document in a delay message (« deroule.pdf (limoges) »). */
  render(template: string, context: unknown, label: string): Promise<string>;
  close(): Promise<void>;
}

export interface DocumentRenderer {
  /** Every document of the kit, each as soon as it is ready (in DOCUMENTS order). */
  renderEach(kit: KitView): Promise<RenderedDocument>[];
  render(kit: KitView): Promise<RenderedDocument[]>;
  close(): Promise<void>;
}

const WORKER_FILE = new URL('./render-worker.js', import.meta.url);

/** These templates and every partial, as paths under templates/. */
function withPartials(workspace: Workspace, templates: readonly string[]): string[] {
  try {
    return [
      ...templates.map((template) => `${template}.hbs`),
      ...workspace.list('templates', '.hbs', 'partials').map((name) => `partials/${name}.hbs`),
    ];
  } catch {
    // A templates/ folder that cannot be read: the worker's engine says why, in French.
    return ['?'];
  }
}

/**
 * Renders `templates` (names under templates/, without .hbs): in this
 * thread when they and every partial are pgo-kit's own, unmodified, else in
 * a worker stopped after `timeoutMs` per document.
 */
export function createTemplateRenderer(
  workspace: Workspace,
  timeoutMs: number,
  templates: readonly string[],
): TemplateRenderer {
  // From the TypeScript sources (unit tests) there is no compiled worker; pgo-kit's own templates need none.
  if (!existsSync(fileURLToPath(WORKER_FILE)) || allPrecompiled(workspace, withPartials(workspace, templates))) {
    const engine = createTemplateEngine(workspace);
    return {
      render: async (template, context) => renderTemplate(engine, template, context),
      close: async () => undefined,
    };
  }
  interface Job {
    id: number;
    template: string;
    label: string;
    resolve(html: string): void;
    reject(error: Error): void;
  }
  let worker: Worker | undefined;
  /** The jobs posted to `worker`, in the order it renders them; the first one is the one it is on. */
  let queue: Job[] = [];
  let timer: NodeJS.Timeout | undefined;
  let next = 0;

  /** The delay runs for the document the worker is on, not for those waiting behind it. */
  const arm = () => {
    clearTimeout(timer);
    const head = queue[0];
    timer = head
      ? setTimeout(
          () =>
            fail(
              new ValidationError([
                {
                  file: head.template,
                  path: '',
                  message: `le modèle met plus de ${delayInSeconds(timeoutMs)} à produire ${head.label} : une boucle sans fin ? (délai : variable PGO_KIT_DELAI)`,
                  severity: 'error',
                },
              ]),
            ),
          timeoutMs,
        )
      : undefined;
  };

  /** A stopped worker cannot be trusted with its other documents: they fail with the same error, and a fresh worker takes the next ones. */
  const fail = (error: Error) => {
    const current = worker;
    const jobs = queue;
    worker = undefined;
    queue = [];
    arm();
    void current?.terminate();
    for (const job of jobs) job.reject(error);
  };

  const start = () => {
    const started = new Worker(WORKER_FILE, {
      workerData: { root: workspace.root, packageRoot: workspace.packageRoot },
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
    });
    started.unref();
    started.on('message', (answer: RenderAnswer) => {
      const index = started === worker ? queue.findIndex((job) => job.id === answer.id) : -1;
      if (index < 0) return;
      const [job] = queue.splice(index, 1);
      arm();
      if ('html' in answer) job?.resolve(answer.html);
      else if ('issues' in answer) job?.reject(new ValidationError(answer.issues));
      else job?.reject(new Error(answer.failure));
    });
    started.on('error', (error: Error) => {
      if (started !== worker) return;
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const template = queue[0]?.template ?? 'templates';
      fail(
        memory
          ? new ValidationError([
              {
                file: template,
                path: '',
                message: `le modèle produit un document démesuré (plus de ${MEMORY_LIMIT_MB} Mo de mémoire) : une boucle sans fin ?`,
                severity: 'error',
              },
            ])
          : error,
      );
    });
    return started;
  };

  return {
    render(template, context, label) {
      worker ??= start();
      const current = worker;
      const id = next++;
      return new Promise<string>((resolve, reject) => {
        queue.push({ id, template: `templates/${template}.hbs`, label, resolve, reject });
        if (queue.length === 1) arm();
        current.postMessage({ id, template, context } satisfies RenderJob);
      });
    },
    async close() {
      const current = worker;
      const jobs = queue;
      worker = undefined;
      queue = [];
      arm();
      for (const job of jobs) job.reject(new Error('rendu interrompu'));
      await current?.terminate();
    },
  };
}

/** A kit's documents (DOCUMENTS), through createTemplateRenderer. */
export function createDocumentRenderer(workspace: Workspace, timeoutMs: number): DocumentRenderer {
  const renderer = createTemplateRenderer(
    workspace,
    timeoutMs,
    DOCUMENTS.map((definition) => definition.template),
  );
  // All of a kit's documents are asked for at once: a worker renders them in order, without waiting for this thread in between.
  const renderEach = (kit: KitView) =>
    DOCUMENTS.map((definition) => {
      const rendered = renderer
        .render(definition.template, documentContext(kit, definition), `${definition.file} (${kit.slug})`)
        .then((html) => ({ definition, html }));
      // Whoever needs a document awaits it; one a failed build no longer needs must not be an unhandled rejection.
      rendered.catch(() => undefined);
      return rendered;
    });
  return {
    renderEach,
    render: (kit) => Promise.all(renderEach(kit)),
    close: () => renderer.close(),
  };
}
