import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../src/model/workspace.js';
import { createAssetResolver } from '../../../src/render/assets.js';
import {
  acceptedHost,
  routePreview,
  safePathname,
  type PreviewRequest,
  type PreviewSite,
} from '../../../src/preview/routes.js';
import { previewHtml } from '../../../src/preview/session.js';
import { SCRIPT_HASH } from '../../../src/preview/page.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-preview-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const [relative, content] of Object.entries({
  'academies/lab.yaml': 'academie: Limoges\n',
  'images/logo.png': 'png',
  'images/autre.png': 'png',
  'templates/styles/lab.css': 'body { color: red; }',
  'templates/notes.txt': 'notes',
})) {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), content);
}
const workspace = createWorkspace(root);
const PORT = 4173;
const site: PreviewSite = {
  port: PORT,
  documentHtml: (id) => (id === 'deroule' ? '<p>déroulé</p>' : undefined),
  documentPdf: (id) => (id === 'deroule' ? new Uint8Array([37, 80, 68, 70]) : undefined),
  resolveAsset: createAssetResolver(workspace, new Set(['images/logo.png'])),
};
const get = (url: string, extra: Partial<PreviewRequest> = {}) =>
  routePreview({ method: 'GET', url, host: `127.0.0.1:${PORT}`, ...extra }, site);
const status = (url: string) => {
  const response = get(url);
  return response.kind === 'body' ? response.status : 'events';
};

describe('safePathname', () => {
  it.each([
    ['/', '/'],
    ['/deroule.html?v=3', '/deroule.html'],
    ['/templates/styles/base.css', '/templates/styles/base.css'],
    ['/workspace/mon%20logo.png', '/workspace/mon logo.png'],
    ['/templates/', '/templates/'],
  ])('%s → %s', (url, decoded) => {
    expect(safePathname(url)?.decoded).toBe(decoded);
  });

  it.each([
    '/../package.json',
    '/templates/../..',
    '/templates/./styles/base.css',
    '/templates/%2e%2e/%2E%2E/package.json',
    '/templates/..%2f..%2fpackage.json',
    '//etc/passwd',
    '/templates//styles/base.css',
    '/templates\\..\\package.json',
    '/templates/%5c..%5cpackage.json',
    '/fonts/%00.ttf',
    '/%E0%A4%A',
    'http://127.0.0.1/',
    '*',
    '',
    undefined,
  ])('%s is refused', (url) => {
    expect(safePathname(url)).toBeUndefined();
  });
});

describe('acceptedHost', () => {
  it.each([
    [`127.0.0.1:${PORT}`, true],
    [`localhost:${PORT}`, true],
    ['127.0.0.1:1', false],
    [`exemple.fr:${PORT}`, false],
    [`127.0.0.1.nip.io:${PORT}`, false],
    [undefined, false],
    ['127.0.0.1', false],
  ])('%s → %s', (host, accepted) => {
    expect(acceptedHost(host, PORT)).toBe(accepted);
  });

  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['127.0.0.1:80', true],
    ['exemple.fr', false],
    ['127.0.0.1:8080', false],
  ])('on port 80 (--port 80), where browsers leave the port out: %s → %s', (host, accepted) => {
    expect(acceptedHost(host, 80)).toBe(accepted);
  });
});

describe('routePreview', () => {
  it.each([
    ['/', 200],
    ['/?rafraichir', 200],
    ['/apercu.css', 200],
    ['/deroule.html', 200],
    ['/deroule.html?v=12', 200],
    ['/deroule.pdf', 200],
    ['/supports.html', 503],
    ['/supports.pdf', 503],
    ['/templates/styles/base.css', 200],
    ['/templates/styles/lab.css', 200],
    ['/workspace/images/logo.png', 200],
    ['/fonts/400Regular/SourceSans3_400Regular.ttf', 200],
  ])('%s → %s', (url, expected) => {
    expect(status(url)).toBe(expected);
  });

  it.each([
    '/../package.json',
    '/templates/../..',
    '/templates/%2e%2e/%2e%2e/package.json',
    '/package.json',
    '/academies/lab.yaml',
    '/templates',
    '/templates/',
    '/templates/styles',
    '/templates/styles/',
    '/templates/deroule.hbs',
    '/templates/partials/head.hbs',
    '/templates/notes.txt',
    '/workspace/',
    '/workspace/academies/lab.yaml',
    '/workspace/images/autre.png',
    '/workspace/images/',
    '/fonts/',
    '/fonts/package.json',
    '/fonts/../../package.json',
    '/autre.html',
    '/deroule.HTML',
    '/dist/index.js',
    '/favicon.ico',
  ])('%s → 404, and says nothing of the disk', (url) => {
    const response = get(url);
    expect(response).toMatchObject({ kind: 'body', status: 404 });
    if (response.kind === 'body') expect(String(response.body)).toMatch(/^Introuvable/);
  });

  it('answers only to the names of this machine', () => {
    expect(get('/', { host: `exemple.fr:${PORT}` })).toMatchObject({ status: 403 });
    expect(get('/', { host: `localhost:${PORT}` })).toMatchObject({ status: 200 });
  });

  it('is read-only', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = get('/', { method });
      expect(response).toMatchObject({ status: 405 });
      if (response.kind === 'body') expect(response.headers.Allow).toBe('GET, HEAD');
    }
  });

  it('opens the event stream', () => {
    expect(get('/evenements')).toEqual({ kind: 'events' });
  });

  it('lets the page run its own script only, and the documents none', () => {
    const page = get('/');
    const document = get('/deroule.html');
    if (page.kind !== 'body' || document.kind !== 'body') throw new Error('bodies expected');
    expect(page.headers['Content-Security-Policy']).toContain(`script-src '${SCRIPT_HASH}'`);
    expect(String(page.body)).toContain("new EventSource('/evenements')");
    expect(String(page.body)).toMatch(/<html lang="fr">/);
    expect(document.headers['Content-Security-Policy']).toMatch(/default-src 'none'/);
    expect(document.headers['Content-Security-Policy']).not.toContain('script-src');
  });

  it('revalidates assets instead of sending them again', () => {
    const first = get('/templates/styles/lab.css');
    if (first.kind !== 'body') throw new Error('body expected');
    expect(first.headers['Cache-Control']).toBe('no-cache');
    expect(get('/templates/styles/lab.css', { ifNoneMatch: first.headers.ETag })).toMatchObject({
      status: 304,
      body: '',
    });
    expect(get('/templates/styles/lab.css', { ifNoneMatch: '"autre"' })).toMatchObject({ status: 200 });
  });
});

describe('previewHtml', () => {
  it('points asset URLs at the preview server and adds the screen stylesheet', () => {
    const html = previewHtml(
      '<html><head><link rel="stylesheet" href="https://pgo-kit.invalid/templates/styles/base.css"></head><body><img src="https://pgo-kit.invalid/workspace/logo.png"></body></html>',
    );
    expect(html).toContain('href="/templates/styles/base.css"');
    expect(html).toContain('src="/workspace/logo.png"');
    expect(html).toContain('<link rel="stylesheet" media="screen" href="/apercu.css">\n</head>');
    expect(html).not.toContain('pgo-kit.invalid');
  });
});

describe("the restitution's documents and the forms' page", () => {
  const withResults: PreviewSite = {
    ...site,
    jeton: 'secret',
    resultHtml: (id) => (id === 'restitution' ? '<p>restitution</p>' : undefined),
  };
  const ask = (url: string) => routePreview({ method: 'GET', url, host: `127.0.0.1:${PORT}` }, withResults);

  it.each([
    ['/resultats/restitution.html', 200],
    ['/resultats/restitution-participants.html', 503],
    ['/resultats/../restitution.html', 404],
  ])('%s → %i', (url, expected) => {
    const response = ask(url);
    expect(response).toMatchObject({ kind: 'body', status: expected });
    if (response.kind === 'body' && expected === 200)
      expect(response.headers['Content-Security-Policy']).not.toMatch(/script-src/);
  });

  it('is not served without the forms', () => {
    expect(status('/resultats/restitution.html')).toBe(404);
  });

  it('carries the secret only when the forms are on', () => {
    const page = (response: ReturnType<typeof routePreview>) => (response.kind === 'body' ? String(response.body) : '');
    expect(page(ask('/'))).toContain('<meta name="jeton-apercu" content="secret">');
    expect(page(ask('/'))).toContain('role="tab" id="onglet-preparer"');
    expect(page(get('/'))).not.toContain('<meta name="jeton-apercu"');
    expect(page(get('/'))).not.toContain('id="onglet-preparer"');
  });
});
