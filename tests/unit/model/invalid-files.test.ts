import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError, formatIssues, type Issue } from '../../../src/errors.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const fixtures = path.resolve(__dirname, '../../fixtures');

/** One loader per fixture folder, as `validate --all` shares one: its themes and agendas read once. */
const loaders = new Map<string, ReturnType<typeof createLoader>>();
function issuesOf(workspaceDir: string, slug: string): Issue[] {
  let loader = loaders.get(workspaceDir);
  if (!loader) loaders.set(workspaceDir, (loader = createLoader(createWorkspace(workspaceDir))));
  try {
    loader.load(slug);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error(`${slug} was expected to be invalid`);
}

// [fixture, line, col or undefined, dotted path, words the message must contain]
const cases: [string, number | undefined, number | undefined, string, RegExp][] = [
  [
    'indentation',
    4,
    1,
    '',
    /YAML invalide — supprimez l’espace en début de ligne 4 : « debut: » doit commencer à la même colonne que la ligne 3/,
  ],
  ['tabulation', 3, 1, '', /tabulation/],
  ['guillemet', 3, 9, '', /guillemet fermant manquant/],
  ['crochet', 2, 14, '', /crochets non refermée/],
  ['cle-double', 3, 1, '', /clé en double : « academie »/],
  ['cle-inconnue', 4, 3, 'session.partcipants', /clé inconnue — vouliez-vous dire « participants » \?/],
  ['type', 7, 17, 'session.participants', /nombre entier attendu entre 1 et 200 \(reçu : "seize"\)/],
  ['hors-limites', 3, 17, 'session.participants', /nombre entier attendu entre 1 et 200 \(reçu : 500\)/],
  ['decimal', 3, 17, 'session.participants', /nombre entier attendu entre 1 et 200 \(reçu : 12.5\)/],
  ['heure', 3, 10, 'session.debut', /heure invalide : format "HH:MM"/],
  ['date', 3, 9, 'session.date', /date invalide/],
  [
    'thematique-inconnue',
    4,
    5,
    'thematiques[1]',
    /thématique inconnue « santee » — vouliez-vous dire « sante » \?.*probite/,
  ],
  ['thematique-en-double', 2, 22, 'thematiques[1]', /en double/],
  [
    'phase-inconnue',
    4,
    3,
    'durees.reflexio',
    /phase inconnue « reflexio » — vouliez-vous dire « reflexion » \?.*accueil/,
  ],
  ['deroule-inconnu', 2, 10, 'deroule', /déroulé inconnu « atelier-3h » \(possibles : atelier-1h30, atelier-2h\)/],
  ['texte-vide', 1, 11, 'academie', /texte vide/],
  ['vide', 1, 1, '', /fichier vide/],
  ['academie-manquante', 1, 1, 'academie', /clé obligatoire manquante « academie »/],
  ['id-en-double', 3, 9, 'themes_locaux[0].id', /« sante » existe déjà/],
  ['suites-date', 3, 11, 'suites[0].date', /date invalide : format AAAA-MM-JJ ou AAAA-MM attendu/],
  ['question-manquante', 3, 5, 'themes_locaux[0].questions', /clé obligatoire manquante « questions »/],
  [
    'modification-inconnue',
    3,
    3,
    'modifications.sant',
    /thématique inconnue « sant » — vouliez-vous dire « sante » \?/,
  ],
  ['url', 2, 19, 'contribution_url', /adresse web attendue/],
  ['duree-nulle', 3, 14, 'durees.reflexion', /durée attendue/],
  ['liste', 1, 1, '', /^le fichier doit contenir des lignes « clé: valeur », sans « - » devant$/],
  // Accents and capitals are folded before looking for the closest id.
  ['phase-accentuee', 3, 3, 'durees.clôture', /phase inconnue « clôture » — vouliez-vous dire « cloture » \?/],
  ['phase-majuscule', 3, 3, 'durees.Actions', /phase inconnue « Actions » — vouliez-vous dire « actions » \?/],
  ['thematique-majuscule', 2, 15, 'thematiques[0]', /thématique inconnue « Sante » — vouliez-vous dire « sante » \?/],
  [
    'deux-points',
    3,
    9,
    '',
    /YAML invalide — la valeur contient « : » : mettez la valeur entre guillemets, par exemple "Salle: B12"/,
  ],
];

describe('an invalid academy file gets a located French message', () => {
  it.each(cases)('%s', (slug, line, col, dotted, message) => {
    const issues = issuesOf(path.join(fixtures, 'invalid'), slug);
    const issue = issues.find((i) => message.test(i.message));
    expect(issue, formatIssues(issues).join('\n')).toBeDefined();
    expect(issue?.file).toBe(`academies/${slug}.yaml`);
    expect(issue?.line).toBe(line);
    if (col !== undefined) expect(issue?.col).toBe(col);
    expect(issue?.path).toBe(dotted);
  });

  it('reports every problem of a file at once', () => {
    const issues = issuesOf(path.join(fixtures, 'invalid'), 'plusieurs');
    expect(issues.map((i) => [i.line, i.path]).sort()).toEqual([
      [3, 'session.debut'],
      [4, 'session.participants'],
      [5, 'session.partcipants'],
    ]);
  });

  it('names a theme whose id is not its file name', () => {
    const issues = issuesOf(path.join(fixtures, 'theme-id'), 'test');
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'themes/mon-theme.yaml',
        line: 1,
        path: 'id',
        message: expect.stringMatching(/doit être le nom du fichier : « mon-theme »/),
      }),
    );
  });

  it('formats lines as file:line:col  path : message', () => {
    const lines = formatIssues(issuesOf(path.join(fixtures, 'invalid'), 'type'));
    expect(lines).toEqual([
      'academies/type.yaml:7:17  session.participants : nombre entier attendu entre 1 et 200 (reçu : "seize")',
    ]);
  });
});
