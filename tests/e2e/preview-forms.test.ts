/**
 * The « Préparer » and « Résultats » tabs of `pgo-kit preview`, used as a
 * lab member would: the real command, a real Chromium page, the keyboard;
 * then the files written are read back, validated and built. One preview and
 * one browser for the whole file; the tests run in order on the same page.
 * Keys are pressed one by one where the key is the behaviour (the tabs'
 * arrows, Ctrl-S, Enter and Tab between ideas, a number retyped); long texts
 * go in through the browser's own text input, one event per field, as a
 * paste or a dictation would (typing them key by key cost a minute).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareKits } from '../../src/build.js';
import { createLoader, loadRestitution } from '../../src/load.js';
import { createWorkspace } from '../../src/model/workspace.js';
import { makeWorkspace, ROOT, runCliInProcess } from '../helpers/cli.js';
import { startCli, type LongRunning } from '../helpers/long-running.js';
import { launchViewer } from '../helpers/viewer.js';

/** The academy file as a lab left it, with a comment the form must keep. */
const ACADEMY = [
  '# Session du lab : relue par Camille le 2 décembre, ne pas supprimer ce commentaire.',
  'academie: Limoges',
  'region_academique: Nouvelle-Aquitaine',
  'session:',
  '  debut: "14:00"              # après le déjeuner',
  '  participants: 12',
  '',
].join('\n');

const IDEAS: Record<string, [string, number][]> = {
  sante: [
    ['Une infirmière présente chaque jour dans chaque collège', 6],
    ['Des menus de cantine affichés avec l’origine des produits', 3],
    ['Un temps calme après le déjeuner', 0],
    ['Publier le nombre de médecins scolaires par département', 5],
  ],
  'droit-information': [
    ['Publier les budgets des établissements en ligne', 4],
    ['Expliquer les décisions d’orientation aux familles', 7],
    ['Un journal des décisions du conseil d’administration', 2],
    ['Répondre aux courriers des familles en moins d’un mois', 1],
  ],
  // Pasted from a list typed elsewhere: four lines, four ideas.
  'numerique-responsable': [
    ['Garder les ordinateurs sept ans au lieu de cinq', 8],
    ['Des logiciels libres sur tous les postes', 3],
    ['Éteindre les écrans le soir', 1],
    ['Un atelier de réparation au CDI', 2],
  ],
};

/** What the « Résultats » tab must write for what the test types: the restitution file, key for key. */
const RESULTS = `# Restitution de l’atelier « limoges » : saisie dans l’onglet « Résultats » de pgo-kit preview, modifiable aussi ici.
academie: limoges
presents:
  eleves: 6
  etudiants: 2
  personnels: 4
  parents: 3
  associations: 2
idees:
${Object.entries(IDEAS)
  .map(
    ([theme, ideas]) => `  ${theme}:
${ideas
  .map(
    ([texte, gommettes]) => `    - texte: ${texte}
      gommettes: ${gommettes}
`,
  )
  .join('')}`,
  )
  .join('')}themes_retenus:
  - sante
  - numerique-responsable
engagements:
  - thematique: sante
    titre: Publier l’offre de santé scolaire de chaque établissement
    probleme: Un collège sur trois n’a pas d’infirmière chaque jour, et les familles ne le savent pas.
    engagement: Publier chaque année, par établissement, les jours de présence des infirmières et des médecins.
    resultats_attendus: Chaque famille connaît l’offre de santé de son établissement.
    solution: Les familles et les élus voient où manquent des infirmières et peuvent le signaler.
    valeurs:
      - transparence
      - participation
    pertinence_ogp:
      transparence: L’offre de santé de chaque établissement devient publique et comparable.
      participation: Les conseils de la vie collégienne donnent leur avis sur la carte chaque année.
    partenaires:
      - nom: FCPE 87
        statut: present
      - nom: Association des infirmières scolaires
    autres_acteurs_publics:
      - Agence régionale de santé
      - Conseil départemental
    pilote: Rectorat de Limoges, service médical
    contact:
      nom: Camille Martin
      fonction: Médecin conseiller technique
      courriel: camille.martin@ac-limoges.fr
    debut: 2027-01
    fin: 2028-06
    jalons:
      - debut: 2027-01
        fin: 2027-06
        livrable: Carte des postes publiée en données ouvertes
    indicateurs:
      externe: Part des établissements dont l’offre est publiée
      auto_evaluation: Enquête annuelle auprès des familles
    criteres:
      inedit: oui
      valeurs: oui
      societe_civile: a-approfondir
      mesurable: oui
    points_en_debat:
      - Faut-il publier les postes vacants ?
      - Qui met les données à jour ?
    actions:
      - action: Recenser les jours de présence dans chaque collège
        porteur: Service médical du rectorat
        partenaires: Principaux de collège
        echeance: 2027-03
        indicateur: Tableau complet pour les 80 collèges
        moyens: Une semaine de travail d’un agent
  - thematique: numerique-responsable
    titre: Allonger la durée de vie du matériel numérique des établissements
    probleme: Les ordinateurs des collèges sont remplacés tous les cinq ans, encore en état de marche.
    engagement: Porter à sept ans la durée d’usage des ordinateurs et publier le plan de renouvellement.
`;

/** The same session, written by hand in a text editor: what the form must amount to. */
const BY_HAND = `academie: Limoges
region_academique: Nouvelle-Aquitaine
session:
  date: 2027-03-18
  debut: "14:00"
  lieu: Lycée Gay-Lussac, salle 12
  participants: 18
thematiques: [sante, engagement-citoyen, ecole-inclusive, droit-information, donnees-ouvertes, environnement, numerique-responsable]
themes_locaux:
  - id: numerique-responsable
    titre: Numérique responsable
    theme_pgo: Protection de l’environnement
    description: L’usage des outils numériques à l’école, leur impact et leur durée de vie.
    questions:
      - Combien de temps dure un ordinateur dans votre établissement ?
      - Quels usages numériques pourrait-on réduire ?
`;

/** Where the README's screenshots go when asked for (PGO_KIT_CAPTURES=1). */
const CAPTURES = process.env.PGO_KIT_CAPTURES ? path.join(ROOT, 'docs', 'images') : undefined;

function send(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk: string) => (body += chunk))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * What `build` prints for a lab's academy: the kit as the templates see it
 * (its print plan, the impression/ files, included) and the HTML of every
 * document, from which each PDF is printed.
 */
async function kitOf(root: string, slug: string) {
  const workspace = createWorkspace(root);
  const [prepared] = await prepareKits(workspace, [createLoader(workspace).load(slug)]);
  return {
    kit: prepared?.kit,
    documents: Object.fromEntries(
      (prepared?.documents ?? []).map((document) => [document.definition.file, document.html]),
    ),
  };
}

describe('pgo-kit preview: the « Préparer » and « Résultats » forms', () => {
  const workspace = makeWorkspace({ 'academies/limoges.yaml': ACADEMY });
  const academyFile = path.join(workspace, 'academies', 'limoges.yaml');
  const resultsFile = path.join(workspace, 'restitutions', 'limoges.yaml');
  const folders = [workspace];
  let cli: LongRunning;
  let port: number;
  let browser: Browser;
  let page: Page;

  /** Waits until the form has saved what was typed (its status says so and nothing is left unsaved). */
  const saved = (form: string) =>
    page.waitForFunction(
      (id: string) => {
        const panel = document.getElementById(`panneau-${id}`);
        return (
          panel?.dataset.enregistrement === 'fini' &&
          panel.dataset.modifie === 'false' &&
          /enregistré à/.test(panel.querySelector('.etat-formulaire')?.textContent ?? '')
        );
      },
      { timeout: 20_000, polling: 50 },
      form,
    );
  /** Replaces a field's value, key by key. */
  const typeInto = async (selector: string, text: string) => {
    await page.click(selector, { count: 3 });
    await page.keyboard.press('Backspace');
    await page.type(selector, text);
  };
  /** Enters a text in an empty field through the browser's text input: one trusted `input` event. */
  const fill = async (selector: string, text: string) => {
    await page.focus(selector);
    await page.keyboard.sendCharacter(text);
  };
  /** The README's screenshots, taken on request only: a picture checks nothing of pgo-kit. */
  const capture = async (name: string) => {
    if (!CAPTURES) return;
    const file = path.join(CAPTURES, name);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, type: 'png' });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  };

  beforeAll(async () => {
    cli = startCli(['preview', '--academie', 'limoges', '--port', '0', '--no-pdf'], workspace);
    const [, url] = await cli.waitFor('stdout', /Aperçu — .+ : (http:\/\/\S+)/, { timeoutMs: 30_000 });
    port = Number(new URL(url ?? '').port);
    browser = await launchViewer();
    page = await browser.newPage();
    // A 13-inch laptop's screen.
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(`http://127.0.0.1:${port}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    // Ctrl-C, as a lab stops it: the preview removes its forms' scratch folder (a kill could not).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([cli?.stop('SIGINT'), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
    await cli?.stop('SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('« Préparer »: entered in the form, the academy file validates, keeps its comments and builds the documents a hand-written file builds', async () => {
    // Keyboard only: the tabs are reached and chosen with the arrow keys.
    await page.focus('#onglet-apercu');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('onglet-preparer');
    await page.waitForSelector('#preparer-session-date', { timeout: 20_000 });
    // Labels from the schema's descriptions, in French.
    expect(await page.$eval('label[for="preparer-session-participants"]', (label) => label.textContent)).toBe(
      'Nombre de participants attendus',
    );

    await page.type('#preparer-session-date', '2027-03-18');
    await fill('#preparer-session-lieu', 'Lycée Gay-Lussac, salle 12');
    // A value the schema refuses stays in the form, with validate's message at the field.
    await typeInto('#preparer-session-participants', 'dix-huit');
    await page.waitForSelector('#preparer-session-participants[aria-invalid=true]', { timeout: 20_000 });
    const message = await page.$eval(
      '#preparer-session-participants-champ .message',
      (element) => element.textContent ?? '',
    );
    expect(message).toBe('Erreur : nombre entier attendu entre 1 et 200 (reçu : "dix-huit")');
    await page.click('#panneau-preparer button[type=submit]');
    await page.waitForFunction(
      () =>
        /Pas encore enregistré/.test(document.querySelector('#panneau-preparer .etat-formulaire')?.textContent ?? ''),
      { timeout: 20_000 },
    );
    expect(readFileSync(academyFile, 'utf8')).toBe(ACADEMY);
    expect(await page.$eval('#preparer-session-participants', (input) => (input as HTMLInputElement).value)).toBe(
      'dix-huit',
    );
    await typeInto('#preparer-session-participants', '18');

    // One shipped theme unchecked, one local theme added: offered with the others.
    await page.click('#preparer-thematiques-probite');
    await page.click('#preparer-themes_locaux-ajouter');
    await fill('#preparer-themes_locaux-0-id', 'numerique-responsable');
    await fill('#preparer-themes_locaux-0-titre', 'Numérique responsable');
    await fill('#preparer-themes_locaux-0-theme_pgo', 'Protection de l’environnement');
    await fill(
      '#preparer-themes_locaux-0-description',
      'L’usage des outils numériques à l’école, leur impact et leur durée de vie.',
    );
    await fill(
      '#preparer-themes_locaux-0-questions',
      'Combien de temps dure un ordinateur dans votre établissement ?\nQuels usages numériques pourrait-on réduire ?',
    );
    expect(
      await page.$eval('#preparer-thematiques-numerique-responsable', (box) => (box as HTMLInputElement).checked),
    ).toBe(true);
    await capture('formulaire-preparer.png');
    await page.keyboard.down('Control');
    await page.keyboard.press('s');
    await page.keyboard.up('Control');
    await saved('preparer');
    expect(await page.$eval('#panneau-preparer .resume .compte', (element) => element.textContent)).toMatch(
      /^(Aucun problème : le fichier est valide\.|Aucune erreur, \d+ avertissements?)$/,
    );

    const written = readFileSync(academyFile, 'utf8');
    expect(written).toContain('# Session du lab : relue par Camille le 2 décembre, ne pas supprimer ce commentaire.\n');
    expect(written).toContain('  debut: "14:00"              # après le déjeuner\n');
    expect(parse(written)).toEqual(parse(BY_HAND));
    expect((await runCliInProcess(['validate', '--academie', 'limoges'], { cwd: workspace })).status).toBe(0);

    // The preview follows, as for a save from an editor.
    await page.waitForFunction(
      () => {
        const frame = document.getElementById('html-deroule') as HTMLIFrameElement | null;
        return frame?.contentDocument?.body?.innerText.includes('Lycée Gay-Lussac') ?? false;
      },
      { timeout: 20_000, polling: 100 },
    );

    // The same kit and the same HTML, document for document, as the file written by hand: the same PDFs are printed from them.
    const byHand = makeWorkspace({ 'academies/limoges.yaml': BY_HAND });
    folders.push(byHand);
    const [fromForm, fromEditor] = [await kitOf(workspace, 'limoges'), await kitOf(byHand, 'limoges')];
    expect(Object.keys(fromForm.documents).length).toBeGreaterThanOrEqual(3);
    expect(fromForm.kit?.tirages.length).toBeGreaterThanOrEqual(3);
    expect(fromForm.kit).toEqual(fromEditor.kit);
    for (const [name, html] of Object.entries(fromForm.documents))
      expect({ name, same: html === fromEditor.documents[name] }).toEqual({ name, same: true });
    expect(Object.keys(fromForm.documents).sort()).toEqual(Object.keys(fromEditor.documents).sort());
  }, 180_000);

  it('« Résultats »: 12 ideas with their dots, 2 retained themes and a full commitment entered; the file written is the expected one, `restitution` takes it and the preview shows its documents', async () => {
    await page.click('#onglet-resultats');
    await page.waitForSelector('#resultats-presents-eleves', { timeout: 20_000 });
    for (const [profile, count] of [
      ['eleves', '6'],
      ['etudiants', '2'],
      ['personnels', '4'],
      ['parents', '3'],
      ['associations', '2'],
    ]) {
      await page.type(`#resultats-presents-${profile}`, count ?? '');
    }
    for (const theme of ['sante', 'droit-information']) {
      await page.click(`#resultats-idees-${theme}-champ button.ajouter`);
      for (const [index, [texte, gommettes]] of (IDEAS[theme] ?? []).entries()) {
        // Enter adds the next idea, Tab goes to its dots.
        if (index > 0) await page.keyboard.press('Enter');
        await page.keyboard.sendCharacter(texte);
        await page.keyboard.press('Tab');
        await page.keyboard.type(String(gommettes));
      }
    }
    await page.click('#resultats-idees-numerique-responsable-champ button.ajouter');
    const pasted = (IDEAS['numerique-responsable'] ?? []).map(([texte]) => texte).join('\n');
    await page.$eval(
      '#resultats-idees-numerique-responsable-0-texte',
      (input, text) => {
        const data = new DataTransfer();
        data.setData('text/plain', text);
        input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      pasted,
    );
    for (const [index, [, gommettes]] of (IDEAS['numerique-responsable'] ?? []).entries()) {
      await page.type(`#resultats-idees-numerique-responsable-${index}-gommettes`, String(gommettes));
    }
    expect(
      await page.$$eval(
        '.idee-texte',
        (inputs) => inputs.filter((input) => (input as HTMLInputElement).value !== '').length,
      ),
    ).toBe(12);

    // Two themes retained: each gets its commitment block.
    await page.click('#resultats-themes_retenus-champ input[value=sante]');
    await page.click('#resultats-themes_retenus-champ input[value=numerique-responsable]');
    await page.waitForSelector('#resultats-engagements-1-titre');
    const c = '#resultats-engagements-0';
    await fill(`${c}-titre`, 'Publier l’offre de santé scolaire de chaque établissement');
    await fill(
      `${c}-probleme`,
      'Un collège sur trois n’a pas d’infirmière chaque jour, et les familles ne le savent pas.',
    );
    await fill(
      `${c}-engagement`,
      'Publier chaque année, par établissement, les jours de présence des infirmières et des médecins.',
    );
    await fill(`${c}-resultats_attendus`, 'Chaque famille connaît l’offre de santé de son établissement.');
    await fill(`${c}-solution`, 'Les familles et les élus voient où manquent des infirmières et peuvent le signaler.');
    // The values ticked on the canvas; the OGP's grid apart, a sentence per value.
    expect(
      await page.$$eval(`${c}-valeurs-champ input`, (boxes) => boxes.map((box) => (box as HTMLInputElement).value)),
    ).toEqual(['transparence', 'ouverture', 'participation', 'collaboration']);
    await page.click(`${c}-valeurs-champ input[value=transparence]`);
    await page.click(`${c}-valeurs-champ input[value=participation]`);
    await fill(
      `${c}-pertinence_ogp-transparence`,
      'L’offre de santé de chaque établissement devient publique et comparable.',
    );
    await fill(
      `${c}-pertinence_ogp-participation`,
      'Les conseils de la vie collégienne donnent leur avis sur la carte chaque année.',
    );
    await page.click(`${c}-partenaires-ajouter`);
    await fill(`${c}-partenaires-0-nom`, 'FCPE 87');
    await page.select(`${c}-partenaires-0-statut`, 'present');
    await page.click(`${c}-partenaires-ajouter`);
    await fill(`${c}-partenaires-1-nom`, 'Association des infirmières scolaires');
    await fill(`${c}-autres_acteurs_publics`, 'Agence régionale de santé\nConseil départemental');
    await fill(`${c}-pilote`, 'Rectorat de Limoges, service médical');
    await fill(`${c}-contact-nom`, 'Camille Martin');
    await fill(`${c}-contact-fonction`, 'Médecin conseiller technique');
    await fill(`${c}-contact-courriel`, 'camille.martin@ac-limoges.fr');
    await fill(`${c}-debut`, '2027-01');
    await fill(`${c}-fin`, '2028-06');
    await page.click(`${c}-jalons-ajouter`);
    await fill(`${c}-jalons-0-debut`, '2027-01');
    await fill(`${c}-jalons-0-fin`, '2027-06');
    await fill(`${c}-jalons-0-livrable`, 'Carte des postes publiée en données ouvertes');
    await fill(`${c}-indicateurs-externe`, 'Part des établissements dont l’offre est publiée');
    await fill(`${c}-indicateurs-auto_evaluation`, 'Enquête annuelle auprès des familles');
    for (const [criterion, verdict] of [
      ['inedit', 'oui'],
      ['valeurs', 'oui'],
      ['societe_civile', 'a-approfondir'],
      ['mesurable', 'oui'],
    ]) {
      await page.select(`${c}-criteres-${criterion}`, verdict ?? '');
    }
    await fill(`${c}-points_en_debat`, 'Faut-il publier les postes vacants ?\nQui met les données à jour ?');
    await page.click(`${c}-actions-ajouter`);
    await fill(`${c}-actions-0-action`, 'Recenser les jours de présence dans chaque collège');
    await fill(`${c}-actions-0-porteur`, 'Service médical du rectorat');
    await fill(`${c}-actions-0-partenaires`, 'Principaux de collège');
    await fill(`${c}-actions-0-echeance`, '2027-03');
    await fill(`${c}-actions-0-indicateur`, 'Tableau complet pour les 80 collèges');
    await fill(`${c}-actions-0-moyens`, 'Une semaine de travail d’un agent');
    await fill('#resultats-engagements-1-titre', 'Allonger la durée de vie du matériel numérique des établissements');
    await fill(
      '#resultats-engagements-1-probleme',
      'Les ordinateurs des collèges sont remplacés tous les cinq ans, encore en état de marche.',
    );
    await fill(
      '#resultats-engagements-1-engagement',
      'Porter à sept ans la durée d’usage des ordinateurs et publier le plan de renouvellement.',
    );

    // Saved on its own, once valid.
    await saved('resultats');
    expect(readFileSync(resultsFile, 'utf8')).toBe(RESULTS);
    // Beside the form, the restitution's documents follow the file.
    await page.waitForFunction(
      () => {
        const frame = document.getElementById('cadre-resultats') as HTMLIFrameElement | null;
        return (
          frame?.contentDocument?.body?.innerText.includes('Allonger la durée de vie du matériel numérique') ?? false
        );
      },
      { timeout: 20_000, polling: 100 },
    );
    expect(
      await page.$$eval('.onglets-resultats button', (buttons) => buttons.map((button) => button.textContent)),
    ).toEqual(['Restitution (équipe PGO)', 'Pour les participants']);
    await page.evaluate(() => document.getElementById('resultats-idees-champ')?.scrollIntoView());
    await capture('formulaire-resultats.png');
    // A file `restitution` takes: loaded and checked against the session as the command loads it. The preview's
    // panel above rendered its documents from it; printing them adds nothing of the form's (tests/e2e/restitution.test.ts).
    const lab = createWorkspace(workspace);
    const loaded = loadRestitution(lab, resultsFile, createLoader(lab).load);
    expect(loaded.restitution.themes_retenus).toEqual(['sante', 'numerique-responsable']);
    expect((loaded.restitution.engagements ?? []).map((commitment) => commitment.thematique)).toEqual([
      'sante',
      'numerique-responsable',
    ]);
    expect(Object.values(loaded.restitution.idees ?? {}).flat()).toHaveLength(12);
  }, 180_000);

  it('refuses (403) a foreign Host, a write without the secret or from another Origin, and writes nothing', async () => {
    const jeton = await page.$eval('meta[name="jeton-apercu"]', (meta) => meta.getAttribute('content') ?? '');
    expect(jeton.length).toBeGreaterThanOrEqual(32);
    const before = [readFileSync(academyFile, 'utf8'), readFileSync(resultsFile, 'utf8')];
    const own = `http://127.0.0.1:${port}`;
    const body = JSON.stringify({ version: 'absent', base: {}, donnees: { academie: 'Pirate' } });
    const json = { 'content-type': 'application/json' };
    const refused: { method?: string; path: string; headers?: Record<string, string>; body?: string }[] = [
      { path: '/', headers: { host: 'evil.example' } },
      { path: '/formulaires/preparer', headers: { host: 'evil.example', 'x-jeton-apercu': jeton } },
      {
        method: 'POST',
        path: '/formulaires/preparer',
        headers: { host: 'evil.example', origin: 'http://evil.example', 'x-jeton-apercu': jeton, ...json },
        body,
      },
      { method: 'POST', path: '/formulaires/preparer', headers: { origin: own, ...json }, body },
      {
        method: 'POST',
        path: '/formulaires/resultats',
        headers: { origin: own, 'x-jeton-apercu': 'devine', ...json },
        body,
      },
      {
        method: 'POST',
        path: '/formulaires/preparer',
        headers: { origin: 'http://evil.example', 'x-jeton-apercu': jeton, ...json },
        body,
      },
      { method: 'POST', path: '/formulaires/resultats', headers: { 'x-jeton-apercu': jeton, ...json }, body },
      {
        method: 'POST',
        path: '/formulaires/preparer',
        headers: { origin: own, 'x-jeton-apercu': jeton, 'content-type': 'text/plain' },
        body,
      },
      { path: '/formulaires/resultats' },
    ];
    for (const attempt of refused) {
      const answer = await send(port, attempt);
      expect({ attempt, status: answer.status }).toEqual({ attempt, status: 403 });
      expect(answer.body).not.toContain('academie');
    }
    // The same write with the secret and the page's Origin reaches the form's checks (here: the file changed since « absent »).
    expect(
      (
        await send(port, {
          method: 'POST',
          path: '/formulaires/preparer',
          headers: { origin: own, 'x-jeton-apercu': jeton, ...json },
          body,
        })
      ).status,
    ).toBe(409);
    expect([readFileSync(academyFile, 'utf8'), readFileSync(resultsFile, 'utf8')]).toEqual(before);
  });

  it('never overwrites a file edited in a text editor since the form loaded it: it shows the change and asks', async () => {
    await page.click('#onglet-preparer');
    await page.type('#preparer-lab', 'Lab’Lim');
    // Meanwhile, in a text editor:
    const edited = `${readFileSync(academyFile, 'utf8').replace('participants: 18', 'participants: 20')}# Ajouté dans l’éditeur.\n`;
    writeFileSync(academyFile, edited);
    await page.waitForSelector('#panneau-preparer .conflit:not([hidden])', { timeout: 20_000 });
    expect(await page.$eval('#panneau-preparer .message-conflit', (element) => element.textContent)).toContain(
      'academies/limoges.yaml a été modifié en dehors du formulaire',
    );
    await page.click('#panneau-preparer button[type=submit]');
    expect(readFileSync(academyFile, 'utf8')).toBe(edited);
    // Asked, the lab keeps both: the form's change is applied to the file as the editor left it.
    await page.click('#panneau-preparer [data-action=garder]');
    await saved('preparer');
    const merged = readFileSync(academyFile, 'utf8');
    expect(merged).toContain('participants: 20');
    expect(merged).toContain('# Ajouté dans l’éditeur.');
    expect(parse(merged).lab).toBe('Lab’Lim');
  });
});
