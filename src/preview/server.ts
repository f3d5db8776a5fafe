/**
 * The preview's HTTP server: bound to 127.0.0.1 only, answers with
 * routePreview(), and pushes each new state to the open pages as
 * Server-Sent Events.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { EnvironmentError } from '../errors.js';
import type { FormKind, FormService } from './forms.js';
import type { ResultsPreview } from './results-preview.js';
import { FORM_PATH, formRefusal, routePreview, safePathname, SECURITY_HEADERS, type PreviewSite } from './routes.js';

export const PREVIEW_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4173;
/** Without --port, the next ports are tried when the default one is taken. */
const PORT_ATTEMPTS = 10;

export interface PreviewServer {
  port: number;
  url: string;
  /** Sends the state to every open page. */
  broadcast(state: unknown): void;
  /** Sends another kind of event (a form's file changed on disk). */
  notify(event: string, data: unknown): void;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, PREVIEW_HOST);
  });
}

export interface StartOptions {
  /** undefined: the default port, or the next free one; 0: any free port. */
  port?: number | undefined;
  /** DEFAULT_PORT unless said (tests). */
  defaultPort?: number | undefined;
  site: Omit<PreviewSite, 'port' | 'jeton'>;
  /** The « Préparer » and « Résultats » forms; without it, the page has none. */
  forms?: FormService | undefined;
  /** The restitution's documents, shown beside « Résultats ». */
  results?: ResultsPreview | undefined;
  /** The state a page gets as soon as it connects. */
  currentState(): unknown;
}

export async function startPreviewServer(options: StartOptions): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let port = 0;
  // Created at each start: a page of another site cannot guess it, and a page of an earlier run no longer has it.
  const jeton = randomBytes(32).toString('base64url');
  const site: PreviewSite = {
    jeton: options.forms ? jeton : undefined,
    resultHtml: options.results ? (id) => options.results?.html(id) : undefined,
    get port() {
      return port;
    },
    documentHtml: (id) => options.site.documentHtml(id),
    documentPdf: (id) => options.site.documentPdf(id),
    get resolveAsset() {
      return options.site.resolveAsset;
    },
  };
  const send = (client: ServerResponse, state: unknown, event = 'etat') => {
    client.write(`event: ${event}\ndata: ${JSON.stringify(state)}\n\n`);
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const form = FORM_PATH.exec(safePathname(request.url)?.decoded ?? '');
    if (form && options.forms) {
      void answerForm(request, response, options.forms, form[1] as FormKind, Boolean(form[2]), port, jeton);
      return;
    }
    const answer = routePreview(
      {
        method: request.method,
        url: request.url,
        host: request.headers.host,
        ifNoneMatch: request.headers['if-none-match'],
      },
      site,
    );
    if (answer.kind === 'events') {
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      // Reconnect quickly after a restart of the command.
      response.write('retry: 1000\n\n');
      clients.add(response);
      send(response, options.currentState());
      if (options.results) send(response, options.results.state, 'resultats');
      request.on('close', () => clients.delete(response));
      return;
    }
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
    response.writeHead(
      answer.status,
      answer.status === 304 ? answer.headers : { ...answer.headers, 'Content-Length': String(body.byteLength) },
    );
    response.end(request.method === 'HEAD' || answer.status === 304 ? undefined : body);
  });
  // An open event stream must not keep the server from closing.
  server.keepAliveTimeout = 1_000;

  const wanted = options.port ?? options.defaultPort ?? DEFAULT_PORT;
  const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      port = await listen(server, wanted + attempt);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const last = attempt === attempts - 1;
      if (code === 'EADDRINUSE' && !last) continue;
      if (code === 'EADDRINUSE') {
        throw new EnvironmentError(
          options.port === undefined
            ? `les ports ${wanted} à ${wanted + attempts - 1} sont déjà utilisés : choisissez-en un autre avec --port <numéro>`
            : `le port ${wanted} est déjà utilisé : choisissez-en un autre avec --port <numéro> (ou --port 0 pour un port libre)`,
          error,
        );
      }
      if (code === 'EACCES')
        throw new EnvironmentError(
          `le port ${wanted + attempt} est réservé : choisissez un numéro au-dessus de 1024 avec --port`,
          error,
        );
      throw new EnvironmentError(
        `impossible d’ouvrir le serveur d’aperçu sur ${PREVIEW_HOST}:${wanted + attempt}`,
        error,
      );
    }
  }

  return {
    port,
    url: `http://${PREVIEW_HOST}:${port}/`,
    broadcast(state) {
      for (const client of clients) send(client, state);
    },
    notify(event, data) {
      for (const client of clients) send(client, data, event);
    },
    close() {
      for (const client of clients) client.end();
      clients.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** A form's request body: JSON, 2 MiB at most (a restitution is a few KiB). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('trop gros'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    request.on('error', reject);
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function answerForm(
  request: IncomingMessage,
  response: ServerResponse,
  forms: FormService,
  kind: FormKind,
  check: boolean,
  port: number,
  jeton: string,
): Promise<void> {
  const reply = (status: number, body: unknown) => {
    const data = Buffer.from(JSON.stringify(body));
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(data.byteLength),
      'Cache-Control': 'no-store',
    });
    response.end(data);
  };
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const refusal = formRefusal(
    {
      method: request.method,
      host: header('host'),
      origin: header('origin'),
      jeton: header('x-jeton-apercu'),
      contentType: header('content-type'),
    },
    port,
    jeton,
  );
  if (refusal) {
    request.resume();
    reply(403, { message: refusal });
    return;
  }
  try {
    if (request.method === 'GET') {
      if (check) {
        reply(405, { message: 'Méthode non permise.' });
        return;
      }
      reply(200, await forms.state(kind));
      return;
    }
    let body: unknown;
    try {
      body = await readJson(request);
    } catch {
      reply(400, { message: 'Requête illisible : JSON de 2 Mio au plus attendu.' });
      return;
    }
    if (!isRecord(body) || typeof body.version !== 'string' || !isRecord(body.donnees) || !isRecord(body.base)) {
      reply(400, { message: 'Requête incomplète : version, base et donnees attendues.' });
      return;
    }
    const saveRequest = {
      version: body.version,
      base: body.base,
      donnees: body.donnees,
      brouillon: body.brouillon === true,
    };
    if (check) {
      reply(200, { erreurs: await forms.check(kind, saveRequest) });
      return;
    }
    const answer = await forms.save(kind, saveRequest);
    reply(answer.status, answer.body);
  } catch (error) {
    const message =
      error instanceof EnvironmentError
        ? error.message
        : `erreur interne inattendue — merci de la signaler : ${error instanceof Error ? error.message : String(error)}`;
    if (!response.headersSent) reply(500, { message });
  }
}
