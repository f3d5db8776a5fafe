/**
 * The preview reads nothing outside the workspace and the package, links
 * included, and every answer forbids scripts: tested through HTTP, against
 * the real server and the real asset resolver.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../src/model/workspace.js';
import { createAssetResolver } from '../../../src/render/assets.js';
import { startPreviewServer, type PreviewServer } from '../../../src/preview/server.js';

/** Every folder made by this file, removed at its end. */
const made: string[] = [];
afterAll(() => {
  for (const root of made) rmSync(root, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-confinement-'));
  made.push(root);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  }
  return root;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, rawPath: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: rawPath, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let body = '';
      // The event stream never ends: its headers are enough.
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        return;
      }
      res
        .setEncoding('utf8')
        .on('data', (chunk: string) => (body += chunk))
        .on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

const outside = folder({
  'secret.css': 'body { color: red; }',
  'secret.png': 'png',
  'styles/base.css': 'body { color: blue; }',
});

/** A preview of `root` serving its assets as the session does, with these lab files declared. */
async function serve(root: string, labFiles: string[] = []): Promise<PreviewServer> {
  const workspace = createWorkspace(root);
  return startPreviewServer({
    port: 0,
    site: {
      documentHtml: () => '<p>document</p>',
      documentPdf: () => new Uint8Array([37, 80, 68, 70]),
      resolveAsset: createAssetResolver(workspace, new Set(labFiles)),
    },
    currentState: () => ({}),
  });
}

describe('the preview and links that lead outside the workspace', () => {
  const servers: PreviewServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  const start = async (root: string, labFiles: string[] = []) => {
    const server = await serve(root, labFiles);
    servers.push(server);
    return server.port;
  };

  it('refuses a linked folder under templates/ that points outside (ln -s ~/ailleurs templates/ext)', async () => {
    const root = folder({ 'templates/styles/lab.css': 'p {}', 'ailleurs-dedans/mine.css': 'p {}' });
    symlinkSync(outside, path.join(root, 'templates', 'ext'));
    // A link that stays inside the workspace is still followed.
    symlinkSync(path.join(root, 'ailleurs-dedans'), path.join(root, 'templates', 'dedans'));
    const port = await start(root);
    expect((await get(port, '/templates/ext/secret.css')).status).toBe(404);
    expect((await get(port, '/templates/ext/secret.png')).status).toBe(404);
    expect((await get(port, '/templates/styles/lab.css')).status).toBe(200);
    expect((await get(port, '/templates/dedans/mine.css')).status).toBe(200);
  });

  it('refuses a templates/ folder that is itself a link outside (ln -s ~/ailleurs templates, ln -s / templates)', async () => {
    const elsewhere = folder({});
    symlinkSync(outside, path.join(elsewhere, 'templates'));
    const root = folder({});
    symlinkSync('/', path.join(root, 'templates'));
    const [linked, disk] = [await start(elsewhere), await start(root)];
    expect((await get(linked, '/templates/secret.css')).status).toBe(404);
    // The package's own templates are not served in place of the refused folder either: the refusal is said.
    expect((await get(linked, '/templates/styles/base.css')).status).toBe(404);
    const onDisk = `/templates${outside.split(path.sep).map(encodeURIComponent).join('/')}/secret.css`;
    expect((await get(disk, onDisk)).status).toBe(404);
    expect((await get(disk, '/templates/styles/base.css')).status).toBe(404);
  });

  it('refuses a declared lab file whose folder is a link outside (images/ -> ~/ailleurs)', async () => {
    const root = folder({});
    symlinkSync(outside, path.join(root, 'images'));
    const port = await start(root, ['images/secret.png']);
    expect((await get(port, '/workspace/images/secret.png')).status).toBe(404);
  });
});

describe('what every answer of the preview forbids', () => {
  let server: PreviewServer;
  const root = folder({
    'images/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    'templates/styles/lab.css': 'p {}',
  });
  beforeAll(async () => {
    server = await serve(root, ['images/logo.svg']);
  });
  afterAll(() => server.close());

  it.each([
    ['/', 200],
    ['/apercu.css', 200],
    ['/evenements', 200],
    ['/deroule.html', 200],
    ['/deroule.pdf', 200],
    ['/templates/styles/lab.css', 200],
    ['/fonts/400Regular/SourceSans3_400Regular.ttf', 200],
    ['/workspace/images/logo.svg', 200],
    ['/introuvable', 404],
    ['/../package.json', 404],
  ])("%s (%s): a Content-Security-Policy without any script but the page's own, and nosniff", async (url, status) => {
    const answer = await get(server.port, url);
    expect(answer.status).toBe(status);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const policy = String(answer.headers['content-security-policy'] ?? '');
    expect(policy).toMatch(/(^|; )default-src 'none'/);
    const scripts = /script-src ([^;]*)/.exec(policy)?.[1];
    if (url === '/') expect(scripts).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
    else expect(scripts).toBeUndefined();
  });

  it("serves a lab's SVG as an image only: sandboxed, no script", async () => {
    const answer = await get(server.port, '/workspace/images/logo.svg');
    expect(answer.headers['content-type']).toBe('image/svg+xml');
    expect(String(answer.headers['content-security-policy'])).toMatch(/(^|; )sandbox($|;)/);
  });
});
