import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../../src/errors.js';
import { parsePort } from '../../../src/cli/commands/preview.js';
import { startPreviewServer, type PreviewServer } from '../../../src/preview/server.js';

const site = { documentHtml: () => '<p>document</p>', documentPdf: () => undefined, resolveAsset: () => undefined };

function get(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host, port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (chunk: string) => (body += chunk))
        .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the preview server', () => {
  let server: PreviewServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('listens on 127.0.0.1 and nowhere else', async () => {
    server = await startPreviewServer({ port: 0, site, currentState: () => ({}) });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect((await get('127.0.0.1', server.port, '/deroule.html')).status).toBe(200);
    // 127.0.0.2 is this machine too, but not the address the server is bound to.
    await expect(get('127.0.0.2', server.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('answers 404 for paths outside what it serves, sent as written', async () => {
    server = await startPreviewServer({ port: 0, site, currentState: () => ({}) });
    for (const path of [
      '/../package.json',
      '/templates/../..',
      '/templates/',
      '/workspace/academies/lab.yaml',
      '/src/',
    ]) {
      expect(await get('127.0.0.1', server.port, path)).toMatchObject({ status: 404 });
    }
  });

  it('sends the current state to a page as soon as it connects, then each new one', async () => {
    let state = { version: 1 };
    server = await startPreviewServer({ port: 0, site, currentState: () => state });
    const running = server;
    const events = await new Promise<string[]>((resolve, reject) => {
      const received: string[] = [];
      request({ host: '127.0.0.1', port: running.port, path: '/evenements' }, (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        res.setEncoding('utf8').on('data', (chunk: string) => {
          received.push(...chunk.split('\n').filter((line) => line.startsWith('data: ')));
          if (received.length === 1) {
            state = { version: 2 };
            running.broadcast(state);
          }
          if (received.length === 2) {
            res.destroy();
            resolve(received);
          }
        });
      })
        .on('error', reject)
        .end();
    });
    expect(events).toEqual(['data: {"version":1}', 'data: {"version":2}']);
  });

  it('says in French when the port asked for is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const attempt = startPreviewServer({ port, site, currentState: () => ({}) });
      await expect(attempt).rejects.toBeInstanceOf(EnvironmentError);
      await expect(attempt).rejects.toThrow(`le port ${port} est déjà utilisé : choisissez-en un autre avec --port`);
    } finally {
      blocker.close();
    }
  });
});

describe('the default port', () => {
  it('moves to the next free one when taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const taken = typeof address === 'object' && address ? address.port : 0;
    const server = await startPreviewServer({ defaultPort: taken, site, currentState: () => ({}) });
    try {
      expect(server.port).toBeGreaterThan(taken);
      expect(server.port).toBeLessThan(taken + 10);
    } finally {
      await server.close();
      blocker.close();
    }
  });
});

describe('parsePort', () => {
  it.each([
    [undefined, undefined],
    ['0', 0],
    ['4173', 4173],
    ['65535', 65535],
  ])('%s → %s', (value, port) => {
    expect(parsePort(value)).toBe(port);
  });

  it.each(['-1', '65536', '80a', 'abc', '4173.5', ''])('%s is refused with a French message', (value) => {
    expect(() => parsePort(value)).toThrow(/numéro de port invalide/);
  });
});
