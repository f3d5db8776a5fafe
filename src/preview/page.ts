/**
 * What the preview serves besides the documents: the page that frames them
 * (the only place where JavaScript runs) and a screen-only stylesheet that
 * lays the sheets out at their paper size.
 */
import { createHash } from 'node:crypto';
import { DOCUMENTS } from '../render/documents.js';

/**
 * Added to the documents for the screen only (media="screen"): each support
 * sheet becomes a white sheet of its paper, the @page margins drawn as a
 * white border; the flowing A4 documents become an A4-wide column with the
 * same margins. Their pagination is shown by the real PDF.
 */
export const PREVIEW_STYLESHEET = `/* pgo-kit preview: screen only, never printed. */
html { background: #7d838c; }
body { margin: 0 auto; padding: 8mm 0; }
.feuille {
  box-sizing: content-box;
  background: #fff;
  margin: 0 auto 8mm;
  box-shadow: 0 0.6mm 3mm rgba(0, 0, 0, 0.45);
  border: 0 solid #fff;
}
.feuille.a3 { width: calc(420mm - 24mm); border-width: 12mm 12mm 14mm; }
.feuille.a4 { width: calc(210mm - 28mm); border-width: 13mm 14mm 15mm; }
body:not(:has(.feuille)) {
  width: 210mm;
  min-height: 297mm;
  padding: 14mm 17mm 17mm;
  margin: 8mm auto;
  background: #fff;
  box-shadow: 0 0.6mm 3mm rgba(0, 0, 0, 0.45);
}
`;

const SCRIPT = `(() => {
  const ids = ${JSON.stringify(DOCUMENTS.map((d) => d.id))};
  let version = 0;
  let pdfVersion = 0;
  // Chosen by the user; until then, the printed pages once there are some.
  let vue = null;
  const vueActive = () => vue || (pdfVersion > 0 ? 'pdf' : 'html');
  const $ = (id) => document.getElementById(id);
  const zoomTo = (frame) => {
    const doc = frame.contentDocument;
    if (!doc || !doc.body || frame.hidden || frame.clientWidth === 0) return;
    doc.documentElement.style.zoom = '';
    const widest = Math.max(doc.documentElement.scrollWidth, 1);
    doc.documentElement.style.zoom = String(Math.min(1, (frame.clientWidth - 24) / widest));
  };
  const reload = (frame, url, keepScroll) => {
    const win = frame.contentWindow;
    const y = keepScroll && win ? win.scrollY : 0;
    frame.onload = () => {
      if (frame.dataset.kind === 'html') zoomTo(frame);
      if (y && frame.contentWindow) frame.contentWindow.scrollTo(0, y);
    };
    frame.src = url;
  };
  const montrer = () => {
    const choisi = document.querySelector('[role=tab][aria-selected=true]').dataset.doc;
    const active = vueActive();
    for (const id of ids) {
      for (const kind of ['pdf', 'html']) {
        const frame = $(kind + '-' + id);
        frame.hidden = !(id === choisi && active === kind);
        // Only the frame shown is reloaded at once, the others when they are shown: the page stays quick.
        if (!frame.hidden && frame.dataset.src && frame.dataset.src !== frame.dataset.loaded) {
          reload(frame, frame.dataset.src, kind === 'html' && Boolean(frame.dataset.loaded));
          frame.dataset.loaded = frame.dataset.src;
        }
      }
    }
    $('vue-pdf').setAttribute('aria-pressed', String(active === 'pdf'));
    $('vue-html').setAttribute('aria-pressed', String(active === 'html'));
  };
  for (const tab of document.querySelectorAll('[role=tab]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[role=tab]')) other.setAttribute('aria-selected', String(other === tab));
      montrer();
      const frame = $('html-' + tab.dataset.doc);
      if (vueActive() === 'html') zoomTo(frame);
    });
  }
  $('vue-pdf').addEventListener('click', () => { vue = 'pdf'; montrer(); });
  $('vue-html').addEventListener('click', () => {
    vue = 'html';
    montrer();
    for (const id of ids) zoomTo($('html-' + id));
  });
  window.addEventListener('resize', () => { for (const id of ids) zoomTo($('html-' + id)); });
  const lignes = (element, items) => {
    element.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      li.textContent = item;
      return li;
    }));
    element.parentElement.hidden = items.length === 0;
  };
  const source = new EventSource('/evenements');
  source.addEventListener('etat', (event) => {
    const etat = JSON.parse(event.data);
    $('titre').textContent = etat.titre;
    $('statut').textContent = etat.statut;
    $('statut-pdf').textContent = etat.pdf.message;
    document.body.dataset.version = String(etat.version);
    document.body.dataset.pdfVersion = String(etat.pdf.version);
    document.body.dataset.valide = String(etat.erreurs.length === 0);
    lignes($('liste-erreurs'), etat.erreurs);
    lignes($('liste-avertissements'), etat.avertissements);
    if (etat.version !== version) {
      version = etat.version;
      for (const id of ids) $('html-' + id).dataset.src = '/' + id + '.html?v=' + version;
    }
    $('vue-pdf').disabled = etat.pdf.etat === 'indisponible' && etat.pdf.version === 0;
    if (etat.pdf.version !== pdfVersion) {
      pdfVersion = etat.pdf.version;
      for (const id of ids) $('pdf-' + id).dataset.src = pdfVersion ? '/' + id + '.pdf?v=' + pdfVersion : 'about:blank';
    }
    montrer();
  });
  source.addEventListener('error', () => {
    $('statut').textContent = 'Connexion perdue avec pgo-kit : relancez « pgo-kit preview » s’il est arrêté.';
  });
  montrer();
})();`;

/** For the page's Content-Security-Policy: this script and no other may run. */
export const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

const PAGE_STYLE = `
  * { box-sizing: border-box; }
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; background: #e9ebee; color: #1a1a1a; }
  header { padding: 8px 16px; background: #1d3461; color: #fff; display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
  header h1 { font-size: 17px; margin: 0; }
  header p { margin: 0; font-size: 14px; }
  nav { display: flex; gap: 6px; flex-wrap: wrap; padding: 8px 16px; background: #fff; border-bottom: 1px solid #c4c8ce; align-items: center; }
  nav button { font: inherit; font-size: 14px; padding: 4px 12px; border: 1px solid #8a8f98; background: #fff; border-radius: 4px; cursor: pointer; }
  nav button:disabled { opacity: 0.5; cursor: default; }
  nav button[aria-selected=true], nav button[aria-pressed=true] { background: #1d3461; color: #fff; border-color: #1d3461; }
  nav .vue { margin-left: auto; }
  .erreurs, .avertissements { margin: 0; padding: 8px 16px; font-family: ui-monospace, monospace; font-size: 13px; white-space: pre-wrap; }
  .erreurs { background: #fde8e8; border-bottom: 2px solid #b3261e; }
  .avertissements { background: #fff6dc; border-bottom: 1px solid #c99a00; }
  .erreurs ul, .avertissements ul { list-style: none; margin: 4px 0 0; padding: 0; }
  .erreurs strong, .avertissements strong { font-family: system-ui, sans-serif; }
  main { flex: 1; min-height: 0; display: flex; }
  iframe { flex: 1; border: 0; width: 100%; height: 100%; background: #7d838c; }
`;

export function previewPage(): string {
  const tabs = DOCUMENTS.map((d, index) => `<button type="button" role="tab" data-doc="${d.id}" aria-selected="${index === 0}">${d.titre}</button>`).join('\n    ');
  const frames = DOCUMENTS.flatMap((d) => [
    `<iframe id="pdf-${d.id}" data-kind="pdf" title="${d.titre} : pages imprimées (PDF)" hidden></iframe>`,
    `<iframe id="html-${d.id}" data-kind="html" title="${d.titre} : texte et mise en page (HTML)" hidden></iframe>`,
  ]).join('\n  ');
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aperçu — pgo-kit</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
  <h1 id="titre">Aperçu</h1>
  <p id="statut" role="status">Connexion…</p>
  <p id="statut-pdf"></p>
</header>
<div class="erreurs" hidden><strong>Fichier invalide : l’aperçu montre le dernier rendu valide.</strong><ul id="liste-erreurs"></ul></div>
<div class="avertissements" hidden><strong>Avertissements</strong><ul id="liste-avertissements"></ul></div>
<nav>
    ${tabs}
    <span class="vue">Vue :</span>
    <button type="button" id="vue-pdf" aria-pressed="true">Pages imprimées (PDF)</button>
    <button type="button" id="vue-html" aria-pressed="false">Mise en page instantanée (HTML)</button>
</nav>
<main>
  ${frames}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
