/**
 * The connection to a running browser (--navigateur-distant), over the
 * WebSocket library Puppeteer itself uses (`ws`, resolved from
 * puppeteer-core, whose dependency it is). Ours rather than Puppeteer's
 * `browserWSEndpoint`, for two things Puppeteer's cannot do: stop a
 * handshake that never completes (the process could never exit), and turn a
 * message that is not DevTools JSON into a French message instead of an
 * exception thrown from Puppeteer's event handler.
 */
import { createRequire } from 'node:module';
import type { ConnectionTransport } from 'puppeteer-core';

/** The little of `ws`'s WebSocket we use. */
interface Socket {
  on(event: 'open', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close', listener: () => void): void;
  send(data: string): void;
  terminate(): void;
}
type SocketClass = new (address: string, protocols: string[], options: Record<string, unknown>) => Socket;

/** Why a remote browser could not be used, in French (the end of « navigateur distant … : <reason> »). */
export class RemoteFailure extends Error {}

/** What an error of the connection means for a person, in French. */
export function remoteReason(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const status = /Unexpected server response: (\d+)/.exec(message)?.[1];
  if (status)
    return `l’adresse répond en HTTP (code ${status}) et non comme un navigateur DevTools : vérifiez l’adresse ws://…/devtools/browser/…`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'connexion refusée : aucun navigateur n’écoute à cette adresse';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'nom d’hôte introuvable';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'connexion coupée par le navigateur distant';
  return 'vérifiez l’adresse ws://… et que le navigateur est lancé avec --remote-debugging-port';
}

export interface RemoteConnection {
  /** Resolves once the WebSocket is open; rejects with a RemoteFailure. */
  transport: Promise<ConnectionTransport>;
  /** Why the connection broke after it opened, if it did (a message that is not JSON). */
  broken(): string | undefined;
  /** Drops the connection at once, whatever its state (a deadline, the end of the run). */
  destroy(): void;
}

export function openRemote(endpoint: string): RemoteConnection {
  const WebSocket = createRequire(createRequire(import.meta.url).resolve('puppeteer-core'))('ws') as SocketClass;
  const socket = new WebSocket(endpoint, [], {
    perMessageDeflate: false,
    followRedirects: false,
    maxPayload: 256 * 1024 * 1024,
  });
  let brokenBy: string | undefined;
  let closed = false;
  const transport: ConnectionTransport = {
    send: (message) => socket.send(message),
    close: () => destroy(),
  };
  const destroy = () => {
    if (closed) return;
    closed = true;
    socket.terminate();
  };
  socket.on('message', (data, isBinary) => {
    const text = data.toString('utf8');
    try {
      if (isBinary) throw new Error('binary');
      JSON.parse(text);
    } catch {
      // Puppeteer would throw from its handler: the whole process would stop on « erreur interne ».
      brokenBy = 'le navigateur distant a répondu autre chose que le protocole DevTools (message non JSON)';
      destroy();
      transport.onclose?.();
      return;
    }
    transport.onmessage?.(text);
  });
  socket.on('close', () => {
    closed = true;
    transport.onclose?.();
  });
  const opened = new Promise<ConnectionTransport>((resolve, reject) => {
    socket.on('open', () => resolve(transport));
    socket.on('error', (error) => reject(new RemoteFailure(remoteReason(error))));
  });
  opened.catch(() => undefined);
  return { transport: opened, broken: () => brokenBy, destroy };
}
