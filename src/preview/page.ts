/**
 * What the preview serves besides the documents: the page that frames them
 * (the only place where JavaScript runs) and a screen-only stylesheet that
 * lays the sheets out at their paper size.
 */
import { createHash } from 'node:crypto';
import { DOCUMENTS } from '../render/documents.js';
import { formsClient } from './form-client.js';

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
    const choisi = document.querySelector('[role=tab][data-doc][aria-selected=true]').dataset.doc;
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
  for (const tab of document.querySelectorAll('[role=tab][data-doc]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[role=tab][data-doc]')) other.setAttribute('aria-selected', String(other === tab));
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
  // The forms' script listens to the same stream (a file changed on disk).
  window.pgoKitEvenements = source;
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

/**
 * The page's one script: the documents' part, then the forms' part (from
 * its type-checked source; it does nothing on a page without the secret).
 */
const PAGE_SCRIPT = `${SCRIPT}\n(${formsClient.toString()})();`;

/** For the page's Content-Security-Policy: this script and no other may run. */
export const SCRIPT_HASH = `sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}`;

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
  .erreurs, .avertissements { max-height: 18vh; overflow: auto; }
  main { flex: 1; min-height: 0; display: flex; }
  iframe { flex: 1; border: 0; width: 100%; height: 100%; background: #7d838c; }
  [hidden] { display: none !important; }
  .onglets-resultats { display: flex; gap: 6px; flex-wrap: wrap; }
  .travail { flex: 1; min-height: 0; display: flex; }
  .documents { flex: 1; min-width: 0; display: flex; flex-direction: column; }
  .espaces { display: flex; gap: 2px; padding: 6px 16px 0; background: #1d3461; }
  .espaces button { font: inherit; font-size: 15px; padding: 6px 18px; border: 0; border-radius: 6px 6px 0 0; background: #3a5384; color: #fff; cursor: pointer; }
  .espaces button[aria-selected=true] { background: #fff; color: #1d3461; font-weight: 600; }
  :focus-visible { outline: 3px solid #e07b00; outline-offset: 2px; }
  .formulaire { width: min(600px, 50%); flex: none; overflow: auto; background: #fff; border-right: 1px solid #c4c8ce; font-size: 15px; }
  .formulaire form { padding: 0 16px 24px; }
  .formulaire .barre { position: sticky; top: 0; z-index: 1; background: #fff; padding: 10px 0 8px; border-bottom: 1px solid #d5d8dd; }
  .formulaire h2 { font-size: 17px; margin: 0 0 4px; }
  .formulaire .etat-formulaire { margin: 0 0 6px; font-size: 14px; color: #333; }
  .formulaire button { font: inherit; font-size: 14px; padding: 5px 12px; border: 1px solid #1d3461; background: #1d3461; color: #fff; border-radius: 4px; cursor: pointer; }
  .formulaire button.secondaire, .formulaire button.ajouter, .formulaire button.deplacer { background: #fff; color: #1d3461; }
  .formulaire button:disabled { opacity: 0.4; cursor: default; }
  .formulaire .boutons { display: flex; gap: 8px; flex-wrap: wrap; }
  .conflit { margin: 10px 0; padding: 10px; background: #fff6dc; border: 2px solid #c99a00; border-radius: 4px; }
  .conflit p { margin: 0 0 8px; }
  .conflit button { margin: 0 8px 4px 0; }
  .resume { margin: 8px 0; font-size: 14px; }
  .resume .compte { margin: 0; font-weight: 600; }
  .resume[data-erreurs="0"] .compte { color: #1b6b4a; }
  .resume ul { margin: 4px 0 0; padding-left: 18px; }
  .resume li.erreur { color: #8c1d18; }
  .resume li.avertissement { color: #6b5200; }
  .resume .lien { background: none !important; border: 0 !important; color: inherit !important; padding: 0 !important; text-align: left; text-decoration: underline; font-family: ui-monospace, monospace; font-size: 12px; }
  .champ { margin: 10px 0; }
  .champ > label, .titre-champ { display: block; font-weight: 600; margin-bottom: 2px; }
  .requis { font-weight: 400; color: #555; }
  .aide { margin: 0 0 4px; font-size: 13px; color: #4a4f57; }
  .formulaire input[type=text], .formulaire input[type=url], .formulaire textarea, .formulaire select { font: inherit; width: 100%; padding: 5px 7px; border: 1px solid #8a8f98; border-radius: 3px; background: #fff; }
  .formulaire input.nombre { width: 8em; }
  .groupe > .champ:has(> input.nombre) { display: inline-block; vertical-align: top; margin-right: 14px; }
  .formulaire textarea { resize: vertical; min-height: 2.2em; }
  .formulaire [aria-invalid=true] { border: 2px solid #b3261e; background: #fff5f5; }
  .message { margin: 2px 0 4px; font-size: 13px; font-weight: 600; }
  .message.erreur { color: #8c1d18; }
  .message.avertissement { color: #6b5200; }
  fieldset { margin: 12px 0; padding: 6px 12px 10px; border: 1px solid #c4c8ce; border-radius: 4px; }
  legend { font-weight: 700; padding: 0 4px; }
  ol.elements, ol.liste-themes, ol.lignes-idees { list-style: none; margin: 0; padding: 0; }
  ol.liste-themes li { display: flex; align-items: center; gap: 6px; padding: 2px 0; }
  ol.liste-themes label { flex: 1; }
  .identifiant { color: #555; font-size: 13px; }
  .case { display: flex; gap: 6px; align-items: center; padding: 2px 0; }
  button.deplacer { padding: 1px 8px; }
  ol.lignes-idees li { display: grid; grid-template-columns: 4.2em 1fr auto 4em auto; gap: 4px 6px; align-items: center; margin: 3px 0; }
  ol.lignes-idees li > .message { grid-column: 1 / -1; }
  ol.lignes-idees .titre-champ { font-weight: 400; font-size: 13px; margin: 0; }
  .etiquette-gommettes { font-size: 13px; }
  .formulaire input.idee-gommettes { width: 4em; }
  button.petit { padding: 2px 7px; }
  .fixe { font-size: 14px; color: #333; }
`;

const FORMS = [
  {
    id: 'preparer',
    onglet: 'Préparer',
    titre: 'Préparer la session',
    bouton: 'Enregistrer',
    aide: 'Le fichier de l’académie, champ par champ : enregistrez (Ctrl+S) pour mettre les documents à jour.',
  },
  {
    id: 'resultats',
    onglet: 'Résultats',
    titre: 'Saisir les résultats de l’atelier',
    bouton: 'Enregistrer maintenant',
    aide: 'Enregistrement automatique dès que la saisie est valide.',
  },
] as const;

function formPanel(form: (typeof FORMS)[number]): string {
  return `<section id="panneau-${form.id}" class="formulaire" role="tabpanel" aria-labelledby="onglet-${form.id}" data-formulaire="${form.id}" hidden>
  <form novalidate aria-label="${form.titre}">
    <div class="barre">
      <h2>${form.titre}</h2>
      <p class="aide">${form.aide}</p>
      <p class="etat-formulaire" role="status" aria-live="polite"></p>
      <div class="boutons"><button type="submit">${form.bouton}</button><button type="button" class="secondaire" data-action="brouillon">Enregistrer comme brouillon</button></div>
      <div class="conflit" role="alert" hidden>
        <p class="message-conflit"></p>
        <button type="button" data-action="recharger">Relire le fichier (abandonner mes saisies)</button>
        <button type="button" class="secondaire" data-action="garder">Enregistrer mes saisies dans le fichier modifié</button>
      </div>
    </div>
    <div class="resume" data-erreurs="0"><p class="compte" aria-live="polite"></p><ul></ul></div>
    <div class="champs"></div>
  </form>
</section>`;
}

/** The page; with the secret, the « Préparer » and « Résultats » tabs too. */
export function previewPage(jeton?: string): string {
  const tabs = DOCUMENTS.map(
    (d, index) =>
      `<button type="button" role="tab" data-doc="${d.id}" aria-selected="${index === 0}">${d.titre}</button>`,
  ).join('\n    ');
  const frames = DOCUMENTS.flatMap((d) => [
    `<iframe id="pdf-${d.id}" data-kind="pdf" title="${d.titre} : pages imprimées (PDF)" hidden></iframe>`,
    `<iframe id="html-${d.id}" data-kind="html" title="${d.titre} : texte et mise en page (HTML)" hidden></iframe>`,
  ]).join('\n  ');
  const spaces = jeton
    ? `<div class="espaces" role="tablist" aria-label="Espaces de travail">
  <button type="button" role="tab" id="onglet-apercu" data-espace="apercu" aria-controls="documents" aria-selected="true">Aperçu</button>
  ${FORMS.map((form) => `<button type="button" role="tab" id="onglet-${form.id}" data-espace="${form.id}" aria-controls="panneau-${form.id}" aria-selected="false" tabindex="-1">${form.onglet}</button>`).join('\n  ')}
</div>`
    : '';
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${jeton ? `<meta name="jeton-apercu" content="${jeton}">\n` : ''}<title>Aperçu — pgo-kit</title>
<style>${PAGE_STYLE}</style>
</head>
<body data-espace="apercu">
<header>
  <h1 id="titre">Aperçu</h1>
  <p id="statut" role="status">Connexion…</p>
  <p id="statut-pdf"></p>
</header>
<div class="erreurs" hidden><strong>Fichier invalide : l’aperçu montre le dernier rendu valide.</strong><ul id="liste-erreurs"></ul></div>
<div class="avertissements" hidden><strong>Avertissements</strong><ul id="liste-avertissements"></ul></div>
${spaces}
<div class="travail">
${jeton ? FORMS.map(formPanel).join('\n') : ''}
<div class="documents" id="documents">
<nav aria-label="Documents">
    ${tabs}
    <span class="vue">Vue :</span>
    <button type="button" id="vue-pdf" aria-pressed="true">Pages imprimées (PDF)</button>
    <button type="button" id="vue-html" aria-pressed="false">Mise en page instantanée (HTML)</button>
</nav>
<main>
  ${frames}
</main>
</div>
${
  jeton
    ? `<div class="documents" id="documents-resultats" hidden>
<nav aria-label="Documents de la restitution">
    <span class="onglets-resultats"></span>
    <span class="vue" id="statut-resultats" role="status"></span>
</nav>
<div class="erreurs" id="erreurs-resultats" hidden><strong>Restitution invalide : les documents montrent le dernier état valide.</strong><ul></ul></div>
<main><iframe id="cadre-resultats" title="Document de restitution (mise en page HTML)"></iframe></main>
</div>`
    : ''
}
</div>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
