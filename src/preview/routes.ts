/**
 * What the preview server answers, as a pure function of the request: the
 * page, its event stream, the three documents (HTML and PDF) and the assets
 * the documents' allow-list accepts. Anything else is a 404: no listing, no
 * path with `.` or `..` segments, no other file of the workspace or package.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DOCUMENT_ORIGIN, type AssetResolver } from '../document-origin.js';
import { MIME_TYPES } from '../pdf/printer.js';
import { DOCUMENTS } from '../render/documents.js';
import { PREVIEW_STYLESHEET, SCRIPT_HASH, previewPage } from './page.js';

export interface PreviewSite {
  /** Port the server listens on, for the Host check. */
  port: number;
  documentHtml(id: string): string | undefined;
  documentPdf(id: string): Uint8Array | undefined;
  resolveAsset: AssetResolver;
  /** The secret created at start: the page carries it, and the forms' requests must show it. */
  jeton?: string | undefined;
  /** The restitution's documents, beside the « Résultats » tab. */
  resultHtml?: ((id: string) => string | undefined) | undefined;
}

export type PreviewResponse =
  { kind: 'body'; status: number; headers: Record<string, string>; body: string | Uint8Array } | { kind: 'events' };

/**
 * What any response may do when opened on its own: nothing. No script, no
 * load, no form, no frame around it. The page and the documents widen it
 * just for what they need; a served file (a lab's SVG, a CSS) never can.
 */
export const BASE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers on every response of the preview, the event stream included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': BASE_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const COMMON_HEADERS = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };

/** The printed documents run no script in the preview either. */
const DOCUMENT_POLICY =
  "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
/** The preview page: its own script (by hash) and no other. */
export const PAGE_POLICY = `default-src 'none'; script-src '${SCRIPT_HASH}'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
/** A PDF is shown in the page's frames by the browser's own viewer, which runs nothing of the origin. */
const PDF_POLICY = "default-src 'none'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
/**
 * A lab's SVG (logo, template image) opened on its own is an image, never a
 * document: sandboxed (a unique origin that cannot read the preview) and
 * without scripts, whatever it holds.
 */
const SVG_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

const ASSET_AREAS = new Set(['templates', 'fonts', 'workspace']);
const DOCUMENT_IDS = new Set(DOCUMENTS.map((d) => d.id as string));

function text(status: number, message: string): PreviewResponse {
  return {
    kind: 'body',
    status,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: `${message}\n`,
  };
}

/** An HTML answer under its content policy: the preview's page (its own script only) or a document (nothing runs). */
function htmlResponse(html: string, policy: string): PreviewResponse {
  return {
    kind: 'body',
    status: 200,
    headers: {
      ...COMMON_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': policy,
    },
    body: html,
  };
}

/** A rendered document (kit or results), under the policy that lets it run nothing. */
const renderedDocument = (html: string): PreviewResponse => htmlResponse(html, DOCUMENT_POLICY);

const notFound = () => text(404, 'Introuvable : l’aperçu ne sert que les documents de l’académie et leurs ressources.');

/**
 * The request's path, decoded, or undefined when it must not be looked at:
 * not origin-form, `.` or `..` segments (even percent-encoded), empty
 * segments, backslashes, NUL. Checked on the raw URL, before any
 * normalisation could turn `/templates/../..` into `/`.
 */
export function safePathname(rawUrl: string | undefined): { raw: string; decoded: string } | undefined {
  if (!rawUrl || !rawUrl.startsWith('/')) return undefined;
  const raw = rawUrl.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (/[\0\\]/.test(decoded)) return undefined;
  const segments = decoded.split('/').slice(1);
  if (
    segments.some(
      (segment, index) => segment === '.' || segment === '..' || (segment === '' && index < segments.length - 1),
    )
  )
    return undefined;
  return { raw, decoded };
}

/**
 * Only the names this server is reached by: a page elsewhere cannot read it
 * through DNS rebinding. On port 80, HTTP's default, browsers send the name
 * without the port.
 */
export function acceptedHost(host: string | undefined, port: number): boolean {
  const name = host?.toLowerCase();
  const names = ['127.0.0.1', 'localhost'];
  return names.some((accepted) => name === `${accepted}:${port}` || (port === 80 && name === accepted));
}

export interface PreviewRequest {
  method?: string | undefined;
  url?: string | undefined;
  host?: string | undefined;
  /** For assets: the ETag the browser already has. */
  ifNoneMatch?: string | undefined;
}

/**
 * Assets are revalidated on each load (a template's CSS may just have been
 * saved) but not sent again when unchanged: the fonts are not re-read at
 * every reload of the page.
 */
function assetResponse(file: string, type: string, ifNoneMatch: string | undefined): PreviewResponse {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return notFound();
  }
  const etag = `"${stats.size.toString(36)}-${Math.trunc(stats.mtimeMs).toString(36)}"`;
  const headers = {
    ...COMMON_HEADERS,
    'Cache-Control': 'no-cache',
    ETag: etag,
    'Content-Type': type,
    ...(type.startsWith('image/svg') ? { 'Content-Security-Policy': SVG_POLICY } : {}),
  };
  if (ifNoneMatch === etag) return { kind: 'body', status: 304, headers, body: '' };
  try {
    return { kind: 'body', status: 200, headers, body: readFileSync(file) };
  } catch {
    return notFound();
  }
}

/** Where the forms' requests go: /formulaires/<preparer|resultats>[/verification]. */
export const FORM_PATH = /^\/formulaires\/(preparer|resultats)(\/verification)?$/;

export interface FormRequest {
  method?: string | undefined;
  host?: string | undefined;
  origin?: string | undefined;
  jeton?: string | undefined;
  contentType?: string | undefined;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a request to the forms is refused (403), or undefined. Reading needs
 * the page's secret; writing needs it too, and the preview's own Origin, and
 * JSON (a form of another site cannot send it without asking first).
 */
export function formRefusal(request: FormRequest, port: number, secret: string): string | undefined {
  if (!acceptedHost(request.host, port)) return 'Refusé : cette adresse ne sert que l’aperçu local.';
  if (!sameSecret(request.jeton, secret))
    return 'Refusé : la page n’a pas le jeton de cet aperçu (rechargez-la depuis l’adresse que pgo-kit affiche).';
  if (request.method === 'GET') return undefined;
  if (request.method !== 'POST') return 'Refusé : méthode non permise.';
  if (request.origin !== `http://${request.host}`)
    return 'Refusé : l’enregistrement ne peut venir que de la page d’aperçu elle-même.';
  if (!/^application\/json\s*(;|$)/i.test(request.contentType ?? '')) return 'Refusé : données JSON attendues.';
  return undefined;
}

export function routePreview(
  { method, url: rawUrl, host, ifNoneMatch }: PreviewRequest,
  site: PreviewSite,
): PreviewResponse {
  // A name other than this machine's: a page elsewhere that rebinds its domain name to 127.0.0.1 gets nothing.
  if (!acceptedHost(host, site.port))
    return text(403, 'Refusé : cette adresse ne sert que l’aperçu local (http://127.0.0.1 ou http://localhost).');
  if (method !== 'GET' && method !== 'HEAD') {
    const response = text(405, 'Méthode non permise : l’aperçu se consulte seulement.');
    if (response.kind === 'body') response.headers.Allow = 'GET, HEAD';
    return response;
  }
  const target = safePathname(rawUrl);
  if (!target) return notFound();
  const { raw, decoded } = target;

  if (decoded === '/') return htmlResponse(previewPage(site.jeton), PAGE_POLICY);
  if (decoded === '/evenements') return { kind: 'events' };
  if (decoded === '/apercu.css') {
    return {
      kind: 'body',
      status: 200,
      headers: { ...COMMON_HEADERS, 'Content-Type': 'text/css; charset=utf-8' },
      body: PREVIEW_STYLESHEET,
    };
  }

  const document = /^\/([a-z]+)\.(html|pdf)$/.exec(decoded);
  if (document && DOCUMENT_IDS.has(document[1] ?? '')) {
    const id = document[1] ?? '';
    if (document[2] === 'html') {
      const html = site.documentHtml(id);
      if (html === undefined)
        return text(503, 'Pas encore de rendu valide : corrigez les erreurs affichées au-dessus.');
      return renderedDocument(html);
    }
    const pdf = site.documentPdf(id);
    if (!pdf) return text(503, 'PDF pas encore imprimé.');
    return {
      kind: 'body',
      status: 200,
      headers: {
        ...COMMON_HEADERS,
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="${id}.pdf"`,
        'Content-Security-Policy': PDF_POLICY,
      },
      body: pdf,
    };
  }

  const result = /^\/resultats\/([a-z-]+)\.html$/.exec(decoded);
  if (result && site.resultHtml) {
    const html = site.resultHtml(result[1] ?? '');
    if (html === undefined)
      return text(503, 'Pas encore de restitution valide : saisissez les résultats dans l’onglet « Résultats ».');
    return renderedDocument(html);
  }

  const area = decoded.split('/')[1] ?? '';
  if (ASSET_AREAS.has(area)) {
    // The documents' own allow-list, exactly as when they are printed.
    let file: string | undefined;
    try {
      file = site.resolveAsset(new URL(`${DOCUMENT_ORIGIN}${raw}`));
    } catch {
      file = undefined;
    }
    const type = file ? MIME_TYPES[path.extname(file).toLowerCase()] : undefined;
    if (!file || !type) return notFound();
    return assetResponse(file, type, ifNoneMatch);
  }
  return notFound();
}
