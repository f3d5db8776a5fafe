/**
 * The preview's HTTP server: bound to 127.0.0.1 only, answers with
 * routePreview(), and pushes each new state to the open pages as
 * Server-Sent Events.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvironmentError } from '../errors.js';
import { routePreview, SECURITY_HEADERS, type PreviewSite } from './routes.js';

export const PREVIEW_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4173;
/** Without --port, the next ports are tried when the default one is taken. */
const PORT_ATTEMPTS = 10;

export interface PreviewServer {
  port: number;
  url: string;
  /** Sends the state to every open page. */
  broadcast(state: unknown): void;
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
  site: Omit<PreviewSite, 'port'>;
  /** The state a page gets as soon as it connects. */
  currentState(): unknown;
}

export async function startPreviewServer(options: StartOptions): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let port = 0;
  const site: PreviewSite = {
    get port() {
      return port;
    },
    documentHtml: (id) => options.site.documentHtml(id),
    documentPdf: (id) => options.site.documentPdf(id),
    get resolveAsset() {
      return options.site.resolveAsset;
    },
  };
  const send = (client: ServerResponse, state: unknown) => {
    client.write(`event: etat\ndata: ${JSON.stringify(state)}\n\n`);
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const answer = routePreview({ method: request.method, url: request.url, host: request.headers.host, ifNoneMatch: request.headers['if-none-match'] }, site);
    if (answer.kind === 'events') {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      // Reconnect quickly after a restart of the command.
      response.write('retry: 1000\n\n');
      clients.add(response);
      send(response, options.currentState());
      request.on('close', () => clients.delete(response));
      return;
    }
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
    response.writeHead(answer.status, answer.status === 304 ? answer.headers : { ...answer.headers, 'Content-Length': String(body.byteLength) });
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
        throw new EnvironmentError(options.port === undefined
          ? `les ports ${wanted} à ${wanted + attempts - 1} sont déjà utilisés : choisissez-en un autre avec --port <numéro>`
          : `le port ${wanted} est déjà utilisé : choisissez-en un autre avec --port <numéro> (ou --port 0 pour un port libre)`, error);
      }
      if (code === 'EACCES') throw new EnvironmentError(`le port ${wanted + attempt} est réservé : choisissez un numéro au-dessus de 1024 avec --port`, error);
      throw new EnvironmentError(`impossible d’ouvrir le serveur d’aperçu sur ${PREVIEW_HOST}:${wanted + attempt}`, error);
    }
  }

  return {
    port,
    url: `http://${PREVIEW_HOST}:${port}/`,
    broadcast(state) {
      for (const client of clients) send(client, state);
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
