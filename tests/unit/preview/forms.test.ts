import { readFileSync, rmSync, writeFileSync, symlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../src/model/workspace.js';
import { academyFields, labelOf, restitutionFields, type FormField } from '../../../src/preview/form-fields.js';
import { createFormService, type FormService } from '../../../src/preview/forms.js';
import { formRefusal } from '../../../src/preview/routes.js';
import { makeWorkspace } from '../../helpers/cli.js';
import { PARTNER_STATUS_LABELS } from '../../../src/model/restitution-schema.js';

const find = (fields: readonly FormField[], dotted: string): FormField | undefined => {
  const [key, ...rest] = dotted.split('.');
  const field = fields.find((each) => each.cle === key);
  if (!field || rest.length === 0) return field;
  return 'champs' in field ? find(field.champs, rest.join('.')) : undefined;
};

describe("the forms' fields, generated from the zod schemas", () => {
  it.each([
    [
      'session.participants',
      { genre: 'nombre', entier: true, min: 1, max: 200, libelle: 'Nombre de participants attendus', exemple: '12' },
    ],
    ['session.date', { genre: 'texte', libelle: 'Date de la session', aide: 'Date de la session, AAAA-MM-JJ' }],
    ['session.debut', { genre: 'texte', libelle: 'Heure de début', aide: 'Heure de début, "HH:MM"' }],
    ['thematiques', { genre: 'special', widget: 'themes' }],
    ['durees', { genre: 'special', widget: 'durees' }],
    ['themes_locaux', { genre: 'groupes', element: 'Thématique locale' }],
    ['themes_locaux.questions', { genre: 'textes' }],
    ['themes_locaux.id', { requis: true }],
    ['academie', { genre: 'texte', requis: true }],
  ])('« Préparer » %s', (dotted, expected) => {
    expect(find(academyFields(), dotted)).toMatchObject(expected);
  });

  it.each([
    ['academie', { genre: 'special', widget: 'fixe' }],
    ['presents.eleves', { genre: 'nombre', libelle: 'Élèves' }],
    ['idees', { genre: 'special', widget: 'idees' }],
    ['themes_retenus', { genre: 'special', widget: 'retenus' }],
    ['engagements.thematique', { genre: 'special', widget: 'thematique' }],
    ['engagements.probleme', { genre: 'texte', long: true }],
    [
      'engagements.valeurs',
      {
        genre: 'cases',
        choix: [
          { valeur: 'transparence' },
          { valeur: 'ouverture' },
          { valeur: 'participation' },
          { valeur: 'collaboration' },
        ],
      },
    ],
    [
      'engagements.partenaires.statut',
      {
        genre: 'choix',
        libelle: 'Statut',
        choix: [
          { valeur: 'present', libelle: PARTNER_STATUS_LABELS.present },
          { valeur: 'a-solliciter', libelle: PARTNER_STATUS_LABELS['a-solliciter'] },
        ],
      },
    ],
    ['engagements.criteres.inedit', { genre: 'choix', exemple: 'a-approfondir' }],
    ['engagements.actions', { genre: 'groupes', element: 'Action' }],
    // Fields added to the schema appear with no change to the form.
    ['engagements.contact.courriel', { genre: 'texte' }],
    ['engagements.pertinence_ogp.redevabilite', { genre: 'texte', long: true }],
    // Kept for older files, not offered.
    ['engagements.jalons.date', undefined],
  ])('« Résultats » %s', (dotted, expected) => {
    if (expected === undefined) expect(find(restitutionFields(), dotted)).toBeUndefined();
    else expect(find(restitutionFields(), dotted)).toMatchObject(expected);
  });

  it('keeps `modifications` out of the form (edited in a text editor)', () => {
    expect(find(academyFields(), 'modifications')).toBeUndefined();
  });

  it.each([
    ['date', 'Date de la session, AAAA-MM-JJ', 'Date de la session'],
    ['statut', 'present : présente à l’atelier ; a-solliciter : à contacter', 'Statut'],
    [
      'inedit',
      'Nouveau, emblématique, fortement transformateur : oui, non ou a-approfondir',
      'Nouveau, emblématique, fortement transformateur',
    ],
    ['autres_acteurs', undefined, 'Autres acteurs'],
  ])('labelOf(%s)', (key, description, label) => {
    expect(labelOf(key, description)).toBe(label);
  });
});

describe('formRefusal', () => {
  const port = 4173;
  const ok = {
    method: 'POST',
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    jeton: 'secret',
    contentType: 'application/json',
  };
  it.each([
    ['the page itself', ok, undefined],
    ['localhost', { ...ok, host: `localhost:${port}`, origin: `http://localhost:${port}` }, undefined],
    ['a read with the secret', { method: 'GET', host: ok.host, jeton: 'secret' }, undefined],
    ['another name (DNS rebinding)', { ...ok, host: 'evil.example' }, /aperçu local/],
    ['no secret', { ...ok, jeton: undefined }, /jeton/],
    ['a wrong secret', { ...ok, jeton: 'secreT' }, /jeton/],
    ['a read without the secret', { method: 'GET', host: ok.host }, /jeton/],
    ['another Origin', { ...ok, origin: 'http://evil.example' }, /page d’aperçu elle-même/],
    ['no Origin', { ...ok, origin: undefined }, /page d’aperçu elle-même/],
    ['the other name as Origin', { ...ok, origin: `http://localhost:${port}` }, /page d’aperçu elle-même/],
    ['a form post of another site', { ...ok, contentType: 'application/x-www-form-urlencoded' }, /JSON/],
    ['another method', { ...ok, method: 'PUT' }, /méthode/],
  ])('%s', (_name, request, refusal) => {
    const answer = formRefusal(request, port, 'secret');
    if (refusal === undefined) expect(answer).toBeUndefined();
    else expect(answer).toMatch(refusal);
  });
});

describe("the forms' service", () => {
  let service: FormService | undefined;
  const made: string[] = [];
  afterEach(() => service?.close());
  afterAll(() => {
    for (const root of made) rmSync(root, { recursive: true, force: true });
  });
  const open = (files: Record<string, string>) => {
    const root = makeWorkspace(files);
    made.push(root);
    service = createFormService(createWorkspace(root), 'limoges');
    return { root, service };
  };

  it('starts an absent academy file from what `init` writes, and saves into it', async () => {
    const { root, service } = open({});
    const state = await service.state('preparer');
    expect(state).toMatchObject({
      existe: false,
      version: 'absent',
      donnees: { academie: 'Limoges', region_academique: 'Nouvelle-Aquitaine' },
    });
    const answer = await service.save('preparer', {
      version: state.version,
      base: state.donnees,
      donnees: { ...state.donnees, lab: 'Lab’Lim' },
    });
    expect(answer.status).toBe(200);
    const text = readFileSync(path.join(root, 'academies', 'limoges.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=/);
    expect(text).toContain('\nlab: Lab’Lim\n');
  });

  it('refuses a stale version (409), an invalid value (422) unless a draft is asked, and writes nothing refused', async () => {
    const { root, service } = open({ 'academies/limoges.yaml': 'academie: Limoges\n' });
    const file = path.join(root, 'academies', 'limoges.yaml');
    const state = await service.state('preparer');
    writeFileSync(file, 'academie: Limoges # édité\n');
    const stale = await service.save('preparer', {
      version: state.version,
      base: state.donnees,
      donnees: { academie: 'Limoges', lab: 'X' },
    });
    expect(stale).toMatchObject({ status: 409, body: { conflit: true, donnees: { academie: 'Limoges' } } });
    expect(readFileSync(file, 'utf8')).toBe('academie: Limoges # édité\n');
    const version = stale.status === 409 ? stale.body.version : '';
    const invalid = {
      version,
      base: state.donnees,
      donnees: { academie: 'Limoges', session: { participants: 'douze' } },
    };
    const refused = await service.save('preparer', invalid);
    expect(refused).toMatchObject({
      status: 422,
      body: {
        erreurs: [
          {
            chemin: 'session.participants',
            gravite: 'error',
            ceFichier: true,
            message: 'nombre entier attendu entre 1 et 200 (reçu : "douze")',
          },
        ],
      },
    });
    expect(readFileSync(file, 'utf8')).toBe('academie: Limoges # édité\n');
    expect((await service.check('preparer', invalid))[0]?.ligne).toMatch(
      /^academies\/limoges\.yaml:3:\d+\s+session\.participants : nombre entier attendu/,
    );
    const draft = await service.save('preparer', { ...invalid, brouillon: true });
    expect(draft.status).toBe(200);
    expect(readFileSync(file, 'utf8')).toBe('academie: Limoges # édité\nsession:\n  participants: douze\n');
  });

  it('never writes over a file it could not read (a syntax error left in an editor)', async () => {
    const broken = 'academie: Limoges\nsession:\n  lieu: "Salle B12\nlab: Lab\n';
    const { root, service } = open({ 'academies/limoges.yaml': broken });
    const state = await service.state('preparer');
    expect(state.erreurs.some((issue) => issue.message.startsWith('YAML invalide'))).toBe(true);
    const answer = await service.save('preparer', {
      version: state.version,
      base: state.donnees,
      donnees: { academie: 'Limoges', lab: 'X' },
      brouillon: true,
    });
    expect(answer).toMatchObject({ status: 422, body: { message: expect.stringContaining('erreur de syntaxe YAML') } });
    expect(readFileSync(path.join(root, 'academies', 'limoges.yaml'), 'utf8')).toBe(broken);
  });

  it('never writes through a link', async () => {
    const { root, service } = open({ 'ailleurs/limoges.yaml': 'academie: Limoges\n' });
    mkdirSync(path.join(root, 'academies'));
    symlinkSync(path.join(root, 'ailleurs', 'limoges.yaml'), path.join(root, 'academies', 'limoges.yaml'));
    const state = await service.state('preparer');
    await expect(
      service.save('preparer', {
        version: state.version,
        base: state.donnees,
        donnees: { academie: 'Limoges', lab: 'X' },
      }),
    ).rejects.toThrow(/n’est pas un simple fichier/);
    expect(readFileSync(path.join(root, 'ailleurs', 'limoges.yaml'), 'utf8')).toBe('academie: Limoges\n');
  });

  it('checks the results against the session, as `restitution` does', async () => {
    const { service } = open({ 'academies/limoges.yaml': 'academie: Limoges\nthematiques: [sante, probite]\n' });
    const state = await service.state('resultats');
    expect(state.contexte.themes.map((theme) => theme.valeur)).toEqual(['sante', 'probite']);
    const problems = await service.check('resultats', {
      version: state.version,
      base: state.donnees,
      donnees: { academie: 'limoges', themes_retenus: ['sante', 'environnement'] },
    });
    expect(problems.map((problem) => problem.chemin)).toContain('themes_retenus[1]');
  });
});
