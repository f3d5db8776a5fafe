/**
 * Loads an academy's session: its file, its agenda and the themes, every
 * file validated and every problem located; then applies the overlay.
 * Throws one ValidationError with all the issues found, or a UsageError for
 * an academy that does not exist.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { UsageError, ValidationError, type Issue } from '../errors.js';
import { closest } from '../core/suggest.js';
import { totalMinutes } from '../core/schedule.js';
import { fitPoster } from '../core/poster-fit.js';
import { applyAcademy, checkAgenda, type Problem } from './overlay.js';
import { AcademySchema, AgendaSchema, FONT_EXTENSIONS, LOGO_EXTENSIONS, SLUG_PATTERN, ThemeSchema, type AcademyConfig, type AgendaConfig, type PhaseConfig, type ThemeConfig } from './schemas.js';
import { validateParsed, dottedPath } from './validate.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';
import type { Workspace } from './workspace.js';

export interface AcademyModel {
  slug: string;
  /** The academy file as shown in messages. */
  file: string;
  academy: AcademyConfig;
  agenda: AgendaConfig;
  /** Offered themes, in order, with the academy's modifications. */
  themes: ThemeConfig[];
  /** The agenda's phases with the academy's durations. */
  phases: PhaseConfig[];
  /** Things worth saying that do not stop the build. */
  warnings: Issue[];
  /** The lab's own files, relative to the workspace, checked to be inside it. */
  identity: { logo?: string; police?: string };
}

/**
 * A file a lab points to from its academy file: relative to the workspace,
 * inside it, existing, of an accepted kind. Returns the problem, if any.
 */
export function checkWorkspaceFile(root: string, relative: string, extensions: readonly string[]): string | undefined {
  if (path.isAbsolute(relative) || /^[a-z]+:/i.test(relative)) return 'chemin relatif attendu, depuis votre dossier de travail (par exemple images/logo.png)';
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(path.resolve(root) + path.sep)) return 'le fichier doit se trouver dans votre dossier de travail';
  if (!extensions.includes(path.extname(absolute).toLowerCase())) return `type de fichier non pris en charge (acceptés : ${extensions.join(', ')})`;
  try {
    if (!statSync(absolute).isFile()) return 'ce chemin n’est pas un fichier';
    // A link inside the folder must not lead outside it.
    if (!realpathSync(absolute).startsWith(realpathSync(root) + path.sep)) return 'le fichier doit se trouver dans votre dossier de travail';
  } catch {
    return `fichier introuvable : ${relative}`;
  }
  return undefined;
}

interface LoadedFile<T> {
  file: string;
  parsed: ParsedYaml;
  value?: T;
  issues: Issue[];
}

function readSource(workspace: Workspace, absolutePath: string): { file: string; parsed: ParsedYaml } {
  const file = workspace.display(absolutePath);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EACCES' ? 'lecture interdite (droits du fichier)' : 'fichier illisible';
    return { file, parsed: { data: undefined, issues: [{ file, path: '', message: reason, severity: 'error' }], locate: () => undefined, has: () => false } };
  }
  return { file, parsed: parseYamlSource(file, bytes) };
}

function loadFile<T extends z.ZodType>(workspace: Workspace, absolutePath: string, schema: T): LoadedFile<z.infer<T>> {
  const { file, parsed } = readSource(workspace, absolutePath);
  if (parsed.issues.length > 0) return { file, parsed, issues: parsed.issues };
  return { file, parsed, ...validateParsed(schema, parsed, file) };
}

function located(file: string, parsed: ParsedYaml, problem: Problem, severity: Issue['severity'] = 'error'): Issue {
  const position = parsed.locate(problem.path, { key: problem.key ?? false });
  return { file, ...(position ?? {}), path: dottedPath(problem.path), message: problem.message, severity };
}

/** The valid keys of an invalid academy file, defaults elsewhere; undefined when not even a map. */
function salvageAcademy(data: unknown): AcademyConfig | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const raw = data as Record<string, unknown>;
  const fallback = AcademySchema.parse({ academie: '-' });
  const salvaged: Record<string, unknown> = { ...fallback };
  for (const [key, schema] of Object.entries(AcademySchema.shape)) {
    const result = (schema as z.ZodType).safeParse(raw[key]);
    if (result.success && result.data !== undefined) salvaged[key] = result.data;
  }
  return salvaged as AcademyConfig;
}

/** Checks an academy slug from the command line; never used as a path before it passes. */
// Kept in slug.ts (no zod, no YAML parser), re-exported for the loader's callers.
import { assertAcademyExists } from './slug.js';

export { assertAcademyExists };

/** The phases no longer add up to the agenda's nominal duration: said where the durations were changed. */
function durationWarnings(
  academyFile: LoadedFile<AcademyConfig>,
  agendaFile: LoadedFile<AgendaConfig>,
  academy: AcademyConfig,
  agenda: AgendaConfig,
  phases: readonly PhaseConfig[],
): Issue[] {
  const total = totalMinutes(phases);
  if (total === agenda.duree) return [];
  const message = `la durée totale des phases (${total} min) diffère de la durée prévue par le déroulé « ${agenda.id} » (${agenda.duree} min)`;
  return Object.keys(academy.durees).length > 0
    ? [located(academyFile.file, academyFile.parsed, { path: ['durees'], key: true, message }, 'warning')]
    : [located(agendaFile.file, agendaFile.parsed, { path: ['duree'], message }, 'warning')];
}

/** Text too long for its poster even at the smallest size: said in the file the text comes from. */
function posterWarnings(
  theme: ThemeConfig,
  academyFile: LoadedFile<AcademyConfig>,
  academy: AcademyConfig,
  source: { file: string; parsed: ParsedYaml } | undefined,
): Issue[] {
  return fitPoster(theme).excess.flatMap((excess) => {
    const field = excess.field === 'titre' ? 'titre' : 'description';
    const what = excess.field === 'titre' ? 'titre trop long pour l’affiche' : 'texte trop long pour l’affiche (description, questions et exemples)';
    const message = `${what} : ${excess.length} caractères, ${excess.limit} au plus — au-delà, le texte serait coupé`;
    const localIndex = academy.themes_locaux.findIndex((local) => local.id === theme.id);
    const modified = academy.modifications[theme.id];
    if (localIndex >= 0) return [located(academyFile.file, academyFile.parsed, { path: ['themes_locaux', localIndex, field], message }, 'warning')];
    if (modified && Object.keys(modified).length > 0) return [located(academyFile.file, academyFile.parsed, { path: ['modifications', theme.id], key: true, message }, 'warning')];
    return source ? [located(source.file, source.parsed, { path: [field], message }, 'warning')] : [];
  });
}

/**
 * Loads academies sharing one read of the themes and agendas, so that
 * `--all` reads each shared file once.
 */
export function createLoader(workspace: Workspace) {
  let themes: { values: ThemeConfig[]; issues: Issue[]; sources: Map<string, { file: string; parsed: ParsedYaml }> } | undefined;
  const agendas = new Map<string, LoadedFile<AgendaConfig>>();

  function loadThemes() {
    if (themes) return themes;
    const values: ThemeConfig[] = [];
    const issues: Issue[] = [];
    const sources = new Map<string, { file: string; parsed: ParsedYaml }>();
    for (const id of workspace.list('themes', '.yaml')) {
      const absolute = workspace.resolve('themes', `${id}.yaml`);
      if (!absolute) continue;
      const loaded = loadFile(workspace, absolute, ThemeSchema);
      issues.push(...loaded.issues);
      if (!loaded.value) continue;
      if (loaded.value.id !== id) {
        issues.push(located(loaded.file, loaded.parsed, {
          path: ['id'],
          message: `l’identifiant « ${loaded.value.id} » doit être le nom du fichier : « ${id} » (ou renommez le fichier en ${loaded.value.id}.yaml)`,
        }));
        continue;
      }
      values.push(loaded.value);
      sources.set(id, { file: loaded.file, parsed: loaded.parsed });
    }
    themes = { values, issues, sources };
    return themes;
  }

  function loadAgenda(id: string): LoadedFile<AgendaConfig> | undefined {
    const cached = agendas.get(id);
    if (cached) return cached;
    const absolute = workspace.resolve('agendas', `${id}.yaml`);
    if (!absolute) return undefined;
    const loaded = loadFile(workspace, absolute, AgendaSchema);
    if (loaded.value) {
      const problems = checkAgenda(loaded.value);
      if (loaded.value.id !== id) {
        problems.push({ path: ['id'], message: `l’identifiant « ${loaded.value.id} » doit être le nom du fichier : « ${id} »` });
      }
      loaded.issues.push(...problems.map((problem) => located(loaded.file, loaded.parsed, problem)));
    }
    agendas.set(id, loaded);
    return loaded;
  }

  function load(slug: string): AcademyModel {
    assertAcademyExists(workspace, slug);
    const absolute = workspace.resolve('academies', `${slug}.yaml`);
    if (!absolute) throw new UsageError(`académie inconnue « ${slug} »`);
    const academyFile = loadFile(workspace, absolute, AcademySchema);
    const shared = loadThemes();
    const issues: Issue[] = [...academyFile.issues, ...shared.issues];
    // Even when some keys are wrong, the others are still cross-checked, so that every problem is said at once.
    const academy = academyFile.value ?? salvageAcademy(academyFile.parsed.data);
    if (!academy) throw new ValidationError(issues);

    const agendaFile = loadAgenda(academy.deroule);
    if (!agendaFile) {
      const available = workspace.list('agendas', '.yaml');
      issues.push(located(academyFile.file, academyFile.parsed, {
        path: ['deroule'],
        message: `déroulé inconnu « ${academy.deroule} » (possibles : ${available.join(', ') || 'aucun fichier dans agendas/'})`,
      }));
      throw new ValidationError(issues);
    }
    issues.push(...agendaFile.issues);
    const agenda = agendaFile.value;
    if (!agenda) throw new ValidationError(issues);

    const { value, problems, notices } = applyAcademy(shared.values, agenda, academy);
    issues.push(...problems.map((problem) => located(academyFile.file, academyFile.parsed, problem)));
    const identity: AcademyModel['identity'] = {};
    for (const [key, extensions] of [['logo', LOGO_EXTENSIONS], ['police', FONT_EXTENSIONS]] as const) {
      const relative = academy.identite?.[key];
      if (!relative) continue;
      const problem = checkWorkspaceFile(workspace.root, relative, extensions);
      if (problem) issues.push(located(academyFile.file, academyFile.parsed, { path: ['identite', key], message: problem }));
      else identity[key] = relative;
    }
    if (issues.some((issue) => issue.severity === 'error')) throw new ValidationError(issues);

    const warnings: Issue[] = [
      ...notices.map((notice) => located(academyFile.file, academyFile.parsed, notice, 'warning')),
      ...durationWarnings(academyFile, agendaFile, academy, agenda, value.phases),
      ...value.themes.flatMap((theme) => posterWarnings(theme, academyFile, academy, shared.sources.get(theme.id))),
    ];

    return { slug, file: academyFile.file, academy, agenda, themes: value.themes, phases: value.phases, warnings, identity };
  }

  return { load };
}
