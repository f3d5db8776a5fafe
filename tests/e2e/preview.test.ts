/**
 * `pgo-kit preview` as a lab uses it: the real command, a real Chromium
 * page, files edited on disk. Waits are on events (page content, output
 * lines), with generous limits; how fast is for `npm run bench`. The
 * preview that prints is edited only where the PDF is looked at (each good
 * rendering is printed again, ~0.7 CPU-s); the saves whose HTML alone is
 * looked at are followed by a second preview, started with --no-pdf. Then a
 * lab's SVG that holds a script: shown as an image in the documents, and
 * opened on its own it runs nothing in the preview's origin (it could
 * otherwise read the documents). One viewer for the file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/model/workspace.js';
import { createAssetResolver } from '../../src/render/assets.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { academyWithLocalTheme, makeWorkspace, ROOT, runCliInProcess } from '../helpers/cli.js';
import { browserProfiles } from '../helpers/browser-profiles.js';
import { startCli, type LongRunning } from '../helpers/long-running.js';
import { launchViewer } from '../helpers/viewer.js';

const QUESTION = 'Combien de temps dure un ordinateur dans votre établissement ?';
const academy = (question: string) =>
  academyWithLocalTheme(question, {
    logo: 'images/logo.png',
    moreQuestions: ['Quels usages numériques pourrait-on réduire ?'],
  });

/** A 1×1 PNG: the lab's declared logo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==',
  'base64',
);

/** GET with the path sent exactly as written (no normalisation of `..`). */
function get(
  port: number,
  rawPath: string,
  host = `127.0.0.1:${port}`,
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, headers: { host } }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (chunk: string) => (body += chunk))
        .on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }),
        );
    });
    req.on('error', reject).end();
  });
}

const frameText = (frame: Frame | undefined | null) =>
  frame?.evaluate(() => document.body.innerText.replace(/[\u00a0\u202f]/g, ' ')) ?? Promise.resolve('');

/** The page a lab looks at: one viewer for the whole file, opened before its first case and closed after its last. */
let browser: Browser;
beforeAll(async () => {
  browser = await launchViewer();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

const supportsFrame = async (page: Page) => (await page.$('#html-supports'))?.contentFrame();
/** Resolves once the supports' text contains `text`. */
const waitForSupports = async (page: Page, text: string, timeout = 20_000) => {
  await page.waitForFunction(
    (wanted: string) => {
      const frame = document.getElementById('html-supports') as HTMLIFrameElement | null;
      return frame?.contentDocument?.body?.innerText.replace(/[\u00a0\u202f]/g, ' ').includes(wanted) ?? false;
    },
    { timeout, polling: 50 },
    text,
  );
};

/** `pgo-kit preview` started in the workspace, and the viewer's page open on it. */
async function openPreview(workspace: string, options: string[] = []) {
  const cli = startCli(['preview', '--academie', 'test-lab', '--port', '0', ...options], workspace);
  const [, url] = await cli.waitFor('stdout', /Aperçu — .+ : (http:\/\/\S+)/, { timeoutMs: 30_000 });
  const port = Number(new URL(url ?? '').port);
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  return { cli, port, page };
}

describe('pgo-kit preview', () => {
  const workspace = makeWorkspace({
    'academies/test-lab.yaml': academy(QUESTION),
    'images/logo.png': PNG,
    'notes/secret.png': PNG,
  });
  const file = path.join(workspace, 'academies', 'test-lab.yaml');
  let cli: LongRunning;
  let port: number;
  let page: Page;

  beforeAll(async () => {
    ({ cli, port, page } = await openPreview(workspace));
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    await cli?.stop('SIGKILL');
    rmSync(workspace, { recursive: true, force: true });
  });

  it('prints its address in French, on 127.0.0.1 only', async () => {
    expect(cli.stdout()).toMatch(/^Aperçu — Académie de Limoges : http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(cli.stderr()).toContain('Ctrl-C pour arrêter');
    // Another loopback address of this machine reaches nothing: the server listens on 127.0.0.1 alone.
    await expect(
      new Promise((resolve, reject) => {
        request({ host: '127.0.0.2', port, path: '/' }, resolve).on('error', reject).end();
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('shows the three documents, with their styles, fonts and the declared logo', async () => {
    // Each document in turn, in the instant HTML view, as a lab would look at them; the supports stay shown.
    await page.click('#vue-html');
    const frames: (Frame | null | undefined)[] = [];
    for (const id of ['deroule', 'conseils', 'supports']) {
      await page.click(`[role=tab][data-doc=${id}]`);
      await page.waitForFunction(
        (frameId: string) => {
          const frame = document.getElementById(frameId) as HTMLIFrameElement | null;
          // Loaded completely: its styles, fonts and images too.
          return (
            !frame?.hidden &&
            frame?.contentDocument?.readyState === 'complete' &&
            (frame.contentDocument.body?.innerText.length ?? 0) > 200
          );
        },
        { timeout: 20_000, polling: 50 },
        `html-${id}`,
      );
      frames.push(await (await page.$(`#html-${id}`))?.contentFrame());
    }
    const [deroule, conseils, supports] = await Promise.all(frames.map(frameText));
    expect(deroule).toContain('Académie de Limoges');
    expect(supports).toContain('Numérique responsable');
    expect(conseils?.length).toBeGreaterThan(500);
    // The documents' CSS applies: the A3 sheets are drawn at their paper width (420 mm ≈ 1587 px at 96 dpi).
    const sheet = await frames[2]?.evaluate(() => {
      // At 100 %: the page fits the sheets to its width.
      document.documentElement.style.zoom = '1';
      const element = document.querySelector('.feuille.a3') as HTMLElement;
      return { width: element.offsetWidth, font: getComputedStyle(document.documentElement).fontFamily };
    });
    expect(sheet?.width).toBeGreaterThan(1580);
    expect(sheet?.width).toBeLessThan(1595);
    expect(sheet?.font).toContain('PGO Sans');
    const logo = await frames[0]?.evaluate(() =>
      [...document.images].map((image) => ({
        src: image.getAttribute('src'),
        loaded: image.complete && image.naturalWidth > 0,
      })),
    );
    expect(logo).toContainEqual({ src: '/workspace/images/logo.png', loaded: true });
  });

  it('serves nothing but the documents and their allow-listed assets', async () => {
    expect((await get(port, '/')).type).toContain('text/html');
    expect((await get(port, '/templates/styles/base.css')).status).toBe(200);
    expect((await get(port, '/workspace/images/logo.png')).status).toBe(200);
    for (const refused of [
      '/../package.json',
      '/templates/../..',
      '/templates/%2e%2e/%2e%2e/package.json',
      '/templates/',
      '/templates/partials',
      '/templates/deroule.hbs',
      '/workspace/academies/test-lab.yaml',
      '/workspace/notes/secret.png',
      '/workspace/',
      '/academies/test-lab.yaml',
      '/package.json',
      '/fonts/',
      '/dist/cli/main.js',
    ]) {
      const response = await get(port, refused);
      expect({ refused, status: response.status }).toEqual({ refused, status: 404 });
      expect(response.body).not.toMatch(/<a href|Index of|package\.json|academie:/);
    }
    // A name other than this machine's (DNS rebinding) is not answered.
    expect((await get(port, '/', `exemple.fr:${port}`)).status).toBe(403);
  });

  it('prints the real PDFs with the same browser and shows them', async () => {
    await page.waitForFunction(() => Number(document.body.dataset.pdfVersion) >= 1, { timeout: 60_000, polling: 100 });
    const pdf = await page.evaluate(async () => {
      const response = await fetch('/supports.pdf');
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        size: (await response.arrayBuffer()).byteLength,
      };
    });
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(pdf.size).toBeGreaterThan(10_000);
    await page.click('#vue-pdf');
    expect(
      await page.$eval('#pdf-supports', (frame) => ({
        src: (frame as HTMLIFrameElement).src,
        hidden: (frame as HTMLIFrameElement).hidden,
      })),
    ).toEqual({ src: `http://127.0.0.1:${port}/supports.pdf?v=1`, hidden: false });
    // Back to the instant view for the edits that follow.
    await page.click('#vue-html');
  });

  it('shows the located error of an invalid save and keeps the last good rendering', async () => {
    const broken = academy(QUESTION).replace('participants: 12', 'participants: douze');
    writeFileSync(file, broken);
    await page.waitForFunction(() => document.body.dataset.valide === 'false', { timeout: 20_000, polling: 50 });
    const errors = await page.$eval('#liste-erreurs', (list) => list.textContent ?? '');
    expect(errors).toMatch(/academies\/test-lab\.yaml:4:\d+\s+session\.participants : /);
    expect(await page.$eval('.erreurs', (box) => (box as HTMLElement).hidden)).toBe(false);
    expect(await frameText(await supportsFrame(page))).toContain(QUESTION);
    // The terminal says it too, with the same located line.
    await cli.waitFor('stderr', /academies\/test-lab\.yaml:4:\d+\s+session\.participants : /);
  });

  it('recovers once the file is fixed', async () => {
    const fixed = 'Quels logiciels libres utiliser en classe ?';
    writeFileSync(file, academy(fixed));
    await waitForSupports(page, fixed);
    await page.waitForFunction(() => document.body.dataset.valide === 'true', { timeout: 20_000, polling: 50 });
    expect(await page.$eval('.erreurs', (box) => (box as HTMLElement).hidden)).toBe(true);
    // The PDF follows: printed again from the fixed file (this rendering's, or a later one's: a save's events
    // may come in two bursts on a loaded machine, and the last rendering wins the print).
    const version = await page.evaluate(() => Number(document.body.dataset.version));
    await page.waitForFunction(
      (v: number) => Number(document.body.dataset.pdfVersion) >= v,
      { timeout: 45_000, polling: 100 },
      version,
    );
    const bytes = await page.evaluate(async () => [
      ...new Uint8Array(await (await fetch('/supports.pdf')).arrayBuffer()),
    ]);
    const pdf = path.join(workspace, 'apercu.pdf');
    writeFileSync(pdf, Buffer.from(bytes));
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ')).toContain(
      fixed,
    );
  });

  it('stops cleanly on Ctrl-C: exit 130, browser closed', async () => {
    const profiles = () => browserProfiles(cli.child.pid);
    expect(profiles()).toHaveLength(1);
    expect(await cli.stop('SIGINT')).toBe(130);
    expect(cli.stderr()).toContain('Aperçu arrêté.');
    expect(profiles()).toEqual([]);
    await expect(get(port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(existsSync(file)).toBe(true);
  });
});

/**
 * The saves whose HTML alone is looked at, followed by a preview that prints nothing (--no-pdf): each of
 * them would otherwise be printed again, three documents in the preview's own browser.
 */
describe('pgo-kit preview, following saves', () => {
  const workspace = makeWorkspace({ 'academies/test-lab.yaml': academy(QUESTION), 'images/logo.png': PNG });
  const file = path.join(workspace, 'academies', 'test-lab.yaml');
  let cli: LongRunning;
  let page: Page;

  beforeAll(async () => {
    ({ cli, page } = await openPreview(workspace, ['--no-pdf']));
    await page.click('[role=tab][data-doc=supports]');
    await waitForSupports(page, QUESTION);
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    await cli?.stop('SIGINT');
    rmSync(workspace, { recursive: true, force: true });
  });

  // How fast is for `npm run bench`: here, that the save alone brings the new text in place of the old.
  it('shows an edited question after the save, in place of the old one', async () => {
    const edited = 'Que devient le matériel numérique après usage ?';
    writeFileSync(file, academy(edited));
    await waitForSupports(page, edited);
    expect(await frameText(await supportsFrame(page))).not.toContain(QUESTION);
  });

  it('follows a change of template in the workspace', async () => {
    // The workspace has no templates/ yet: the folder is noticed when it appears.
    mkdirSync(path.join(workspace, 'templates', 'styles'), { recursive: true });
    const css = readFileSync(path.join(ROOT, 'templates', 'styles', 'supports.css'), 'utf8');
    writeFileSync(
      path.join(workspace, 'templates', 'styles', 'supports.css'),
      `${css}\n.feuille { outline: 2mm solid rgb(1, 2, 3); }\n`,
    );
    await page.waitForFunction(
      () => {
        const frame = document.getElementById('html-supports') as HTMLIFrameElement | null;
        const sheet = frame?.contentDocument?.querySelector('.feuille');
        return sheet ? getComputedStyle(sheet).outlineColor === 'rgb(1, 2, 3)' : false;
      },
      { timeout: 20_000, polling: 50 },
    );
  });

  it('keeps following templates/ after saves by rename (sed -i, editors’ safe-save)', async () => {
    const css = path.join(workspace, 'templates', 'styles', 'supports.css');
    for (const [from, to] of [
      ['rgb(1, 2, 3)', 'rgb(4, 5, 6)'],
      ['rgb(4, 5, 6)', 'rgb(7, 8, 9)'],
      ['rgb(7, 8, 9)', 'rgb(10, 11, 12)'],
    ] as const) {
      execFileSync('sed', ['-i', `s/${from}/${to}/`, css]);
      await page.waitForFunction(
        (color: string) => {
          const frame = document.getElementById('html-supports') as HTMLIFrameElement | null;
          const sheet = frame?.contentDocument?.querySelector('.feuille');
          return sheet ? getComputedStyle(sheet).outlineColor === color : false;
        },
        { timeout: 20_000, polling: 50 },
        to,
      );
    }
  });
});

describe('pgo-kit preview, misused', () => {
  it.each([
    [['preview'], /option obligatoire manquante « -a, --academie <slug> »/],
    [['preview', '--academie', 'atlantide'], /académie inconnue « atlantide »/],
    [['preview', '--academie', 'limoges', '--port', 'quatre'], /numéro de port invalide « quatre »/],
  ])('%j exits 2 with a French message', async (args, message) => {
    const result = await runCliInProcess(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Utilisation : pgo-kit preview --academie <slug>');
  });

  it('is listed in the help', async () => {
    expect((await runCliInProcess(['--help'])).stdout).toMatch(/preview \[options\]\s+aperçu en direct/);
  });
});

/** A lab’s SVG with a script, served by the preview’s server as a lab’s file. */
const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="document.documentElement.setAttribute('data-onload', 'ran')">
<rect width="40" height="40" fill="#1d3461"/>
<script>document.documentElement.setAttribute('data-script', 'ran'); fetch('/deroule.html').then((r) => r.text()).then((t) => document.documentElement.setAttribute('data-read', t));</script>
</svg>`;

describe('a lab’s SVG in the preview', () => {
  let server: PreviewServer;
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-svg-'));

  beforeAll(async () => {
    mkdirSync(path.join(root, 'images'));
    writeFileSync(path.join(root, 'images', 'logo.svg'), HOSTILE_SVG);
    server = await startPreviewServer({
      port: 0,
      site: {
        documentHtml: () =>
          '<!doctype html><html><body><p>document secret</p><img id="logo" src="/workspace/images/logo.svg"></body></html>',
        documentPdf: () => undefined,
        resolveAsset: createAssetResolver(createWorkspace(root), new Set(['images/logo.svg'])),
      },
      currentState: () => ({}),
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is shown as an image in a document', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/deroule.html`, { waitUntil: 'load' });
    expect(await page.$eval('#logo', (image) => (image as HTMLImageElement).naturalWidth)).toBe(40);
    await page.close();
  });

  it('runs no script when opened on its own, and reads nothing of the preview', async () => {
    // A context of its own: the SVG is fetched, not taken from the cache of the test above.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const response = await page.goto(`http://127.0.0.1:${server.port}/workspace/images/logo.svg`, {
      waitUntil: 'load',
    });
    expect(response?.status()).toBe(200);
    // No wait for the fetch: a script that ran would have marked data-script, synchronously, before the load event.
    const marks = await page.evaluate(() =>
      ['data-script', 'data-onload', 'data-read'].map((name) => document.documentElement.getAttribute(name)),
    );
    expect(marks).toEqual([null, null, null]);
    // A sandboxed document: its origin is not the preview's.
    expect(await page.evaluate(() => window.origin)).toBe('null');
    await context.close();
  });
});
