/** A remote browser that misbehaves: every case ends with a French message and the process exits (issue 15, items 5 and 6). */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMadeFolders } from '../helpers/cleanup.js';
import { madeWorkspace } from '../helpers/hostile.js';
import { BIN } from '../helpers/cli.js';

afterAll(removeMadeFolders);

type Behaviour = 'silence' | 'http' | 'not-json';

/** A server on 127.0.0.1 that accepts connections and then behaves as told. */
function startServer(behaviour: Behaviour): Promise<{ server: net.Server; endpoint: string }> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (request) => {
      if (behaviour === 'silence') return;
      if (behaviour === 'http') {
        socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello');
        return;
      }
      // A WebSocket handshake done right, then text that is not DevTools JSON in answer to every message.
      const key = /Sec-WebSocket-Key: (.*)\r\n/i.exec(request.toString())?.[1]?.trim() ?? '';
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      socket.on('data', () => {
        const text = Buffer.from('pas du JSON');
        socket.write(Buffer.concat([Buffer.from([0x81, text.length]), text]));
      });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ server, endpoint: `ws://127.0.0.1:${port}/devtools/browser/essai` });
    }),
  );
}

/** The CLI, run without blocking this process (the servers above answer from it); killed if it outlives `limitMs`. */
function runAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
  limitMs: number,
): Promise<{ status: number | null; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      // A one-theme academy: the remote browser's failure is the point, not the kit.
      cwd: madeWorkspace({ 'academies/test.yaml': 'academie: Test\nthematiques: [sante]\n' }),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr, killed });
    });
  });
}

describe('a remote browser that misbehaves', () => {
  const servers: net.Server[] = [];
  const endpoints = {} as Record<Behaviour, string>;

  beforeAll(async () => {
    for (const behaviour of ['silence', 'http', 'not-json'] as const) {
      const { server, endpoint } = await startServer(behaviour);
      servers.push(server);
      endpoints[behaviour] = endpoint;
    }
  });

  afterAll(() => {
    for (const server of servers) server.close();
  });

  // A real process each: the point is that it ends (no handle left open), which run() in this process cannot show.
  it.each<[Behaviour, RegExp]>([
    // Accepts the connection, never completes the handshake: the delay passes, the message is said, and the process ends.
    [
      'silence',
      /^pgo-kit : le navigateur distant ne répond pas : délai dépassé \(ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\/essai\)$/m,
    ],
    [
      'http',
      /^pgo-kit : navigateur distant injoignable \(ws:\/\/[^)]+\) : l’adresse répond en HTTP \(code 200\) et non comme un navigateur DevTools/m,
    ],
    [
      'not-json',
      /^pgo-kit : navigateur distant injoignable \(ws:\/\/[^)]+\) : le navigateur distant a répondu autre chose que le protocole DevTools \(message non JSON\)$/m,
    ],
  ])(
    '%s: a French message, exit 3, and the process ends',
    async (behaviour, message) => {
      const result = await runAsync(
        ['build', '--academie', 'test', '--navigateur-distant', endpoints[behaviour], '--verbose'],
        // Only the silent server makes the delay pass: one second is enough to show it.
        { PGO_KIT_DELAI: behaviour === 'silence' ? '1' : '2' },
        40_000,
      );
      expect(result.killed, result.stderr).toBe(false);
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/erreur interne|\[object Object\]/);
    },
    60_000,
  );
});
