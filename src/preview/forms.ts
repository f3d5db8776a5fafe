/**
 * What the « Préparer » and « Résultats » tabs read and write: the academy
 * file and the restitution file of the workspace, and nothing else. A save
 * applies the form's changes to the file as it is on disk (comments and
 * untouched keys stay), is checked exactly as `validate` checks the file,
 * is refused when the file changed in an editor since the form loaded it,
 * and is written atomically. One operation at a time.
 */
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMap, parse, parseDocument } from 'yaml';
import { EnvironmentError, formatIssues, ValidationError, type Issue } from '../errors.js';
import { academyScaffold } from '../core/academy-scaffold.js';
import { createLoader, loadRestitution } from '../load.js';
import type { Workspace } from '../model/workspace.js';
import { writeFilesAtomically } from '../output/atomic-write.js';
import { academyFields, restitutionFields, type Choice, type FormField } from './form-fields.js';
import { applyFormChanges, fileVersion } from './yaml-edit.js';

export const FORM_KINDS = ['preparer', 'resultats'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

const FOLDER: Record<FormKind, 'academies' | 'restitutions'> = { preparer: 'academies', resultats: 'restitutions' };

/** A problem as the page shows it: at its field (`chemin`, as `validate` writes it) and as the located line. */
export interface FormIssue {
  chemin: string;
  message: string;
  ligne: string;
  gravite: Issue['severity'];
  /** False for a problem of another file (a theme, the agenda, the academy file seen from the results). */
  ceFichier: boolean;
}

export interface FormState {
  formulaire: FormKind;
  /** The file as shown in messages. */
  fichier: string;
  existe: boolean;
  version: string;
  donnees: Record<string, unknown>;
  champs: FormField[];
  /** The choices of the page's own widgets: themes, phases, agendas. */
  contexte: { themes: (Choice & { local?: boolean })[]; phases: (Choice & { duree: number })[]; deroules: Choice[] };
  erreurs: FormIssue[];
}

export interface SaveRequest {
  version: string;
  base: Record<string, unknown>;
  donnees: Record<string, unknown>;
  /** Written even when invalid: the user asked for a draft. */
  brouillon?: boolean;
}

export type SaveAnswer =
  | {
      status: 200;
      body: { enregistre: boolean; version: string; donnees: Record<string, unknown>; erreurs: FormIssue[] };
    }
  | { status: 409; body: { conflit: true; message: string; version: string; donnees: Record<string, unknown> } }
  | { status: 422; body: { enregistre: false; message: string; erreurs: FormIssue[]; illisible?: true } };

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function dataOf(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const data: unknown = parse(text, { logLevel: 'error', maxAliasCount: 100 });
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function titleOf(file: string | undefined): string | undefined {
  const titre = file ? dataOf(readText(file)).titre : undefined;
  return typeof titre === 'string' ? titre : undefined;
}

/** The shipped and lab themes in their default order (their `ordre`, then their id), as the loader offers them. */
function themeChoices(workspace: Workspace): Choice[] {
  return workspace
    .list('themes', '.yaml')
    .map((id) => {
      const data = dataOf(readText(workspace.resolve('themes', `${id}.yaml`) ?? ''));
      return {
        valeur: id,
        libelle: typeof data.titre === 'string' ? data.titre : id,
        ordre: typeof data.ordre === 'number' ? data.ordre : Number.MAX_SAFE_INTEGER,
      };
    })
    .sort((a, b) => a.ordre - b.ordre || a.valeur.localeCompare(b.valeur))
    .map(({ valeur, libelle }) => ({ valeur, libelle }));
}

/** The workspace, seen with one candidate file in place of the real one: the loader reads it as it would read the file. */
function withCandidate(
  workspace: Workspace,
  folder: 'academies' | 'restitutions',
  slug: string,
  candidate: string,
): Workspace {
  const real = path.join(workspace.root, folder, `${slug}.yaml`);
  const seen = Object.create(workspace) as Workspace;
  return Object.assign(seen, {
    resolve: (area: Parameters<Workspace['resolve']>[0], relative: string) =>
      area === folder && relative === `${slug}.yaml` ? candidate : workspace.resolve(area, relative),
    list: (area: Parameters<Workspace['list']>[0], extension: string, subfolder?: string) => {
      const names = workspace.list(area, extension, subfolder);
      return area === folder && subfolder === undefined && extension === '.yaml' && !names.includes(slug)
        ? [...names, slug].sort()
        : names;
    },
    display: (absolute: string) => workspace.display(absolute === candidate ? real : absolute),
  });
}

export interface FormService {
  state(kind: FormKind): Promise<FormState>;
  check(kind: FormKind, request: Omit<SaveRequest, 'brouillon'>): Promise<FormIssue[]>;
  save(kind: FormKind, request: SaveRequest): Promise<SaveAnswer>;
  /** The file a form writes, to tell its saves from others. */
  target(kind: FormKind): string;
  close(): void;
}

export function createFormService(
  workspace: Workspace,
  slug: string,
  options: { schemaRef: string } = { schemaRef: '../schemas/academie.schema.json' },
): FormService {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-formulaires-'));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T> | T): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const target = (kind: FormKind) => path.join(workspace.root, FOLDER[kind], `${slug}.yaml`);

  /** What a new file starts from: for the academy, what `init` writes; for the results, the academy's id. */
  const initialText = (kind: FormKind): string => {
    if (kind === 'resultats') {
      return `# Restitution de l’atelier « ${slug} » : saisie dans l’onglet « Résultats » de pgo-kit preview, modifiable aussi ici.\nacademie: ${slug}\n`;
    }
    const packaged = dataOf(readText(path.join(workspace.packageRoot, 'academies', `${slug}.yaml`)));
    const current = dataOf(readText(workspace.resolve('academies', `${slug}.yaml`) ?? ''));
    const name =
      typeof packaged.academie === 'string'
        ? packaged.academie
        : typeof current.academie === 'string'
          ? current.academie
          : slug;
    const region = typeof packaged.region_academique === 'string' ? packaged.region_academique : undefined;
    return academyScaffold({
      slug,
      academie: name,
      region,
      schemaRef: options.schemaRef,
      themeIds: workspace.list('themes', '.yaml'),
      phaseIds: phases().map((phase) => phase.valeur),
    });
  };

  function phases(deroule = 'atelier-2h'): (Choice & { duree: number })[] {
    const file = workspace.resolve('agendas', `${deroule}.yaml`) ?? workspace.resolve('agendas', 'atelier-2h.yaml');
    const list = file ? dataOf(readText(file)).phases : undefined;
    return Array.isArray(list)
      ? list.flatMap((phase: { id?: unknown; titre?: unknown; duree?: unknown }) =>
          typeof phase?.id === 'string'
            ? [
                {
                  valeur: phase.id,
                  libelle: typeof phase.titre === 'string' ? phase.titre : phase.id,
                  duree: typeof phase.duree === 'number' ? phase.duree : 0,
                },
              ]
            : [],
        )
      : [];
  }

  function context(kind: FormKind, data: Record<string, unknown>): FormState['contexte'] {
    const deroules = workspace
      .list('agendas', '.yaml')
      .map((id) => ({ valeur: id, libelle: titleOf(workspace.resolve('agendas', `${id}.yaml`)) ?? id }));
    if (kind === 'preparer') {
      return {
        themes: themeChoices(workspace),
        phases: phases(typeof data.deroule === 'string' ? data.deroule : undefined),
        deroules,
      };
    }
    // The results refer to the themes the session offered.
    try {
      const model = createLoader(workspace).load(slug);
      return {
        themes: model.themes.map((theme) => ({ valeur: theme.id, libelle: theme.titre })),
        phases: [],
        deroules,
      };
    } catch {
      return { themes: [], phases: [], deroules };
    }
  }

  const toFormIssues = (issues: readonly Issue[], file: string): FormIssue[] =>
    issues.map((issue) => ({
      chemin: issue.file === file ? issue.path : '',
      message: issue.message,
      ligne: formatIssues([issue])[0] ?? issue.message,
      gravite: issue.severity,
      ceFichier: issue.file === file,
    }));

  /** The located problems of a candidate text, as `validate` (academy) or `restitution` (results) says them. */
  function problems(kind: FormKind, text: string): FormIssue[] {
    const folder = FOLDER[kind];
    const candidate = path.join(scratch, folder, `${slug}.yaml`);
    mkdirSync(path.dirname(candidate), { recursive: true });
    writeFileSync(candidate, text);
    const seen = withCandidate(workspace, folder, slug, candidate);
    const file = workspace.display(target(kind));
    try {
      if (kind === 'preparer') return toFormIssues(createLoader(seen).load(slug).warnings, file);
      return toFormIssues(loadRestitution(seen, candidate, (id) => createLoader(workspace).load(id)).warnings, file);
    } catch (error) {
      if (error instanceof ValidationError) return toFormIssues(error.issues, file);
      throw error;
    } finally {
      rmSync(candidate, { force: true });
    }
  }

  function current(kind: FormKind): { text: string | undefined; version: string } {
    const text = readText(target(kind));
    return { text, version: fileVersion(text) };
  }

  function candidateText(kind: FormKind, text: string | undefined, request: Omit<SaveRequest, 'brouillon'>): string {
    const fields = kind === 'preparer' ? academyFields() : restitutionFields();
    return applyFormChanges({
      text,
      initial: initialText(kind),
      base: request.base,
      next: inSchemaOrder(request.donnees, fields),
    });
  }

  /** Only a plain file inside the workspace's own folder is replaced: never a link, never through a linked folder. */
  function assertWritable(kind: FormKind): void {
    const file = target(kind);
    const folder = path.dirname(file);
    if (existsSync(folder)) {
      const inside = realpathSync(folder) === path.join(realpathSync(workspace.root), FOLDER[kind]);
      if (!inside)
        throw new EnvironmentError(
          `${workspace.display(folder)} est un lien vers un autre dossier : le formulaire n’y écrit pas`,
        );
    }
    if (existsSync(file) || lstatExists(file)) {
      if (!lstatSync(file).isFile())
        throw new EnvironmentError(
          `${workspace.display(file)} n’est pas un simple fichier (lien ou dossier) : le formulaire ne le remplace pas`,
        );
    }
  }

  return {
    target,
    state: (kind) =>
      serial(() => {
        const { text, version } = current(kind);
        const source = text ?? initialText(kind);
        const donnees = dataOf(source);
        return {
          formulaire: kind,
          fichier: workspace.display(target(kind)),
          existe: text !== undefined,
          version,
          donnees,
          champs: kind === 'preparer' ? academyFields() : restitutionFields(),
          contexte: context(kind, donnees),
          erreurs: problems(kind, source),
        };
      }),
    check: (kind, request) => serial(() => problems(kind, candidateText(kind, current(kind).text, request))),
    save: (kind, request) =>
      serial(async (): Promise<SaveAnswer> => {
        const { text, version } = current(kind);
        const file = workspace.display(target(kind));
        if (version !== request.version) {
          return {
            status: 409,
            body: {
              conflit: true,
              version,
              donnees: dataOf(text ?? initialText(kind)),
              message: `${file} a été modifié en dehors du formulaire (dans un éditeur ?) depuis son chargement : rien n’a été écrit.`,
            },
          };
        }
        if (unreadable(text)) {
          // The form only knows what it could read: writing it would lose the rest of the file.
          return {
            status: 422,
            body: {
              enregistre: false,
              message: `${file} contient une erreur de syntaxe YAML : corrigez-la dans votre éditeur (voir le message ci-dessous), le formulaire ne peut pas l’enregistrer sans perdre une partie du fichier.`,
              erreurs: problems(kind, text ?? ''),
              illisible: true,
            },
          };
        }
        const written = candidateText(kind, text, request);
        const erreurs = problems(kind, written);
        if (!request.brouillon && erreurs.some((issue) => issue.gravite === 'error')) {
          return {
            status: 422,
            body: {
              enregistre: false,
              message: `${file} n’a pas été modifié : corrigez les champs signalés, ou enregistrez un brouillon.`,
              erreurs,
            },
          };
        }
        if (written !== text) {
          assertWritable(kind);
          try {
            await writeFilesAtomically([{ target: target(kind), data: written }]);
          } catch (error) {
            throw new EnvironmentError(`impossible d’écrire ${file} : vérifiez les droits du dossier`, error);
          }
        }
        return {
          status: 200,
          body: { enregistre: written !== text, version: fileVersion(written), donnees: dataOf(written), erreurs },
        };
      }),
    close() {
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The form's data with its keys in the schema's order (keys the schema does
 * not know keep theirs, after): a key the file does not have yet is written
 * where the schema and the documentation put it (`date` before `debut`).
 */
export function inSchemaOrder(value: unknown, fields: readonly FormField[]): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const data = value as Record<string, unknown>;
  const known = fields.map((field) => field.cle).filter((key) => Object.hasOwn(data, key));
  const ordered: Record<string, unknown> = {};
  for (const key of [...known, ...Object.keys(data).filter((key) => !known.includes(key))]) {
    const field = fields.find((each) => each.cle === key);
    const item = data[key];
    if (field?.genre === 'groupe') ordered[key] = inSchemaOrder(item, field.champs);
    else if (field?.genre === 'groupes' && Array.isArray(item))
      ordered[key] = item.map((each) => inSchemaOrder(each, field.champs));
    else ordered[key] = item;
  }
  return ordered;
}

/** A file the form cannot read as a table of keys (a syntax error left by an editor). */
function unreadable(text: string | undefined): boolean {
  if (text === undefined) return false;
  const doc = parseDocument(text, { logLevel: 'error' });
  return doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents));
}

function lstatExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
