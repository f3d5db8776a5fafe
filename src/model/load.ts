/**
 * Loads an academy's session: its file, its agenda and the themes, every
 * file validated and every problem located; then applies the overlay.
 * Throws one ValidationError with all the issues found, or a UsageError for
 * an academy that does not exist. What does not stop a build (text too long
 * for its poster, a session past midnight…) is core's: src/core/warnings.ts,
 * added by src/load.ts, which the commands call.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { UsageError, ValidationError, type Issue } from '../errors.js';
import { fontProblem, logoProblem } from './file-kind.js';
import { isWithin, onDiskRelative, portableRelative } from './paths.js';
import { closest } from './suggest.js';
import { applyAcademy, checkAgenda, type Problem } from './overlay.js';
import {
  AcademySchema,
  AgendaSchema,
  FONT_EXTENSIONS,
  LOGO_EXTENSIONS,
  SLUG_PATTERN,
  ThemeOverrideSchema,
  ThemeSchema,
  type AcademyConfig,
  type AgendaConfig,
  type PhaseConfig,
  type ThemeConfig,
} from './schemas.js';
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
  /** Things worth saying that do not stop the build (here, what the overlay notices; core adds its own). */
  warnings: Issue[];
  /** The lab's own files, relative to the workspace, checked to be inside it. */
  identity: { logo?: string; police?: string };
  /** The files read, with positions, so that a later check can say where a text comes from. */
  sources: {
    academy: SourceFile;
    agenda: SourceFile;
    /** The theme files by id (a local theme lives in the academy file). */
    themes: ReadonlyMap<string, SourceFile>;
  };
}

/** A YAML file as read: its name as shown in messages, and its positions. */
export interface SourceFile {
  file: string;
  parsed: ParsedYaml;
}

/**
 * A file a lab points to from its academy file: relative to the workspace,
 * inside it, existing, of an accepted kind. Returns the problem, if any.
 * `images\logo.png`, written on Windows, is read the same on every system.
 */
export function checkWorkspaceFile(root: string, written: string, extensions: readonly string[]): string | undefined {
  const relative = portableRelative(written);
  if (path.isAbsolute(relative) || /^[a-z]+:/i.test(relative))
    return 'chemin relatif attendu, depuis votre dossier de travail (par exemple images/logo.png)';
  const absolute = path.resolve(root, relative);
  if (!isWithin(root, absolute)) return 'le fichier doit se trouver dans votre dossier de travail';
  if (!extensions.includes(path.extname(absolute).toLowerCase()))
    return `type de fichier non pris en charge (acceptés : ${extensions.join(', ')})`;
  try {
    if (!statSync(absolute).isFile()) return 'ce chemin n’est pas un fichier';
    // A link inside the folder must not lead outside it.
    if (!isWithin(realpathSync(root), realpathSync(absolute)))
      return 'le fichier doit se trouver dans votre dossier de travail';
  } catch {
    const near = nearFile(root, relative);
    return `fichier introuvable : ${written}${near ? ` — vouliez-vous dire « ${near} » ?` : ''}`;
  }
  return undefined;
}

/** `images/logo lab.png` for `images/Logo Lab.PNG`: the file the lab meant, capitals, spaces and accents aside. */
function nearFile(root: string, relative: string): string | undefined {
  const segments = relative.split('/').filter((segment) => segment !== '' && segment !== '.');
  const found: string[] = [];
  for (const segment of segments) {
    let entries: string[];
    try {
      entries = readdirSync(path.join(root, ...found));
    } catch {
      return undefined;
    }
    const match = entries.includes(segment) ? segment : closest(segment, entries);
    if (!match) return undefined;
    found.push(match);
  }
  const suggestion = found.join('/');
  return suggestion !== segments.join('/') ? suggestion : undefined;
}

/** A data file whose name cannot be an identifier: it can never be named, so it is said at once. */
function badFileName(workspace: Workspace, folder: 'academies' | 'themes', name: string): Issue {
  const suggestion = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return {
    file: workspace.display(path.join(workspace.root, folder, `${name}.yaml`)),
    path: '',
    message: `nom de fichier invalide : lettres minuscules sans accent, chiffres et tirets seulement${suggestion ? ` — renommez-le par exemple en ${suggestion}.yaml` : ''}`,
    severity: 'error',
  };
}

const unreadable: ParsedYaml = { data: undefined, issues: [], locate: () => undefined, has: () => false };

interface LoadedFile<T> {
  file: string;
  parsed: ParsedYaml;
  value?: T;
  issues: Issue[];
}

/** A user's YAML file read with positions; an unreadable file is one located problem, never an exception. */
export function readSource(workspace: Workspace, absolutePath: string): { file: string; parsed: ParsedYaml } {
  const file = workspace.display(absolutePath);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absolutePath);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'EACCES'
        ? 'lecture interdite (droits du fichier)'
        : 'fichier illisible';
    return {
      file,
      parsed: {
        data: undefined,
        issues: [{ file, line: 1, col: 1, path: '', message: reason, severity: 'error' }],
        locate: () => undefined,
        has: () => false,
      },
    };
  }
  return { file, parsed: parseYamlSource(file, bytes) };
}

function loadFile<T extends z.ZodType>(workspace: Workspace, absolutePath: string, schema: T): LoadedFile<z.infer<T>> {
  const { file, parsed } = readSource(workspace, absolutePath);
  if (parsed.data === undefined) return { file, parsed, issues: parsed.issues };
  // A duplicate key still leaves data to check: every problem is said at once.
  const checked = validateParsed(schema, parsed, file);
  if (parsed.issues.length === 0) return { file, parsed, ...checked };
  return { file, parsed, issues: [...parsed.issues, ...checked.issues] };
}

function located(file: string, parsed: ParsedYaml, problem: Problem, severity: Issue['severity'] = 'error'): Issue {
  const position = parsed.locate(problem.path, { key: problem.key ?? false });
  return { file, ...(position ?? {}), path: dottedPath(problem.path), message: problem.message, severity };
}

/** A problem said at its key or value in the file it comes from. */
export function locate(source: SourceFile, problem: Problem, severity: Issue['severity'] = 'error'): Issue {
  return located(source.file, source.parsed, problem, severity);
}

/** The valid keys of an invalid academy file, defaults elsewhere; undefined when not even a map. */
function salvageAcademy(data: unknown): AcademyConfig | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const raw = data as Record<string, unknown>;
  const fallback = AcademySchema.parse({ academie: '-' });
  const salvaged: Record<string, unknown> = { ...fallback };
  for (const [key, schema] of Object.entries(AcademySchema.shape)) {
    if (!Object.hasOwn(raw, key)) continue;
    const result = (schema as z.ZodType).safeParse(raw[key]);
    if (result.success && result.data !== undefined) salvaged[key] = result.data;
  }
  // Lists and maps of ids are salvaged item by item, so that one wrong field does not hide the id checks.
  if (Array.isArray(raw.themes_locaux)) {
    salvaged.themes_locaux = raw.themes_locaux.map((item: unknown, index) => {
      const result = ThemeSchema.safeParse(item);
      if (result.success) return result.data;
      const id = item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : undefined;
      // A stand-in keeps the item's index, so that the other items' problems stay located.
      return {
        id: typeof id === 'string' && SLUG_PATTERN.test(id) ? id : `\u0000${index}`,
        titre: '-',
        theme_pgo: '-',
        description: '-',
        questions: ['-'],
      };
    });
  }
  for (const key of ['modifications', 'durees'] as const) {
    const map = raw[key];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    salvaged[key] = Object.fromEntries(
      Object.keys(map)
        .filter((id) => id !== '__proto__')
        .map((id) => {
          const value = (map as Record<string, unknown>)[id];
          if (key === 'durees') return [id, typeof value === 'number' ? value : 1];
          const result = ThemeOverrideSchema.safeParse(value);
          return [id, result.success ? result.data : {}];
        }),
    );
  }
  return salvaged as AcademyConfig;
}

/** Checks an academy slug from the command line; never used as a path before it passes. */
// Kept in slug.ts (no zod, no YAML parser), re-exported for the loader's callers.
import { assertAcademyExists } from './slug.js';

export { assertAcademyExists };

/**
 * Loads academies sharing one read of the themes and agendas, so that
 * `--all` reads each shared file once. The commands use src/load.ts's
 * `createLoader`, which adds core's warnings.
 */
export function createModelLoader(workspace: Workspace) {
  interface SharedThemes {
    values: ThemeConfig[];
    /** Problems of theme files, with the id of the theme they make unusable. */
    issues: { id?: string; issue: Issue }[];
    /** Themes whose file is unusable: academies naming them are not told « thématique inconnue » on top. */
    broken: Set<string>;
    sources: Map<string, { file: string; parsed: ParsedYaml }>;
  }
  let themes: SharedThemes | undefined;
  const agendas = new Map<string, LoadedFile<AgendaConfig>>();

  function loadThemes(): SharedThemes {
    if (themes) return themes;
    const values: ThemeConfig[] = [];
    const issues: SharedThemes['issues'] = [];
    const broken = new Set<string>();
    const sources = new Map<string, { file: string; parsed: ParsedYaml }>();
    for (const id of workspace.list('themes', '.yaml')) {
      if (!SLUG_PATTERN.test(id)) {
        issues.push({ issue: badFileName(workspace, 'themes', id) });
        continue;
      }
      let absolute: string | undefined;
      try {
        absolute = workspace.resolve('themes', `${id}.yaml`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        issues.push(...error.issues.map((issue) => ({ id, issue })));
        broken.add(id);
        continue;
      }
      if (!absolute) continue;
      const loaded = loadFile(workspace, absolute, ThemeSchema);
      issues.push(...loaded.issues.map((issue) => ({ id, issue })));
      if (!loaded.value) {
        broken.add(id);
        continue;
      }
      if (loaded.value.id !== id) {
        issues.push({
          id,
          issue: located(loaded.file, loaded.parsed, {
            path: ['id'],
            message: `l’identifiant « ${loaded.value.id} » doit être le nom du fichier : « ${id} » (ou renommez le fichier en ${loaded.value.id}.yaml)`,
          }),
        });
        broken.add(id);
        continue;
      }
      values.push(loaded.value);
      sources.set(id, { file: loaded.file, parsed: loaded.parsed });
    }
    themes = { values, issues, broken, sources };
    return themes;
  }

  function loadAgenda(id: string): LoadedFile<AgendaConfig> | undefined {
    const cached = agendas.get(id);
    if (cached) return cached;
    let absolute: string | undefined;
    try {
      absolute = workspace.resolve('agendas', `${id}.yaml`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const refused: LoadedFile<AgendaConfig> = {
        file: error.issues[0]?.file ?? `agendas/${id}.yaml`,
        parsed: unreadable,
        issues: error.issues,
      };
      agendas.set(id, refused);
      return refused;
    }
    if (!absolute) return undefined;
    const loaded = loadFile(workspace, absolute, AgendaSchema);
    if (loaded.value) {
      const problems = checkAgenda(loaded.value);
      if (loaded.value.id !== id) {
        problems.push({
          path: ['id'],
          message: `l’identifiant « ${loaded.value.id} » doit être le nom du fichier : « ${id} »`,
        });
      }
      loaded.issues.push(...problems.map((problem) => located(loaded.file, loaded.parsed, problem)));
    }
    agendas.set(id, loaded);
    return loaded;
  }

  function load(slug: string): AcademyModel {
    // A file listed by --all whose name is not an identifier is reported as such; the others go on.
    if (!SLUG_PATTERN.test(slug)) throw new ValidationError([badFileName(workspace, 'academies', slug)]);
    assertAcademyExists(workspace, slug);
    const absolute = workspace.resolve('academies', `${slug}.yaml`);
    if (!absolute) throw new UsageError(`académie inconnue « ${slug} »`);
    const academyFile = loadFile(workspace, absolute, AcademySchema);
    const shared = loadThemes();
    // Even when some keys are wrong, the others are still cross-checked, so that every problem is said at once.
    const academy = academyFile.value ?? salvageAcademy(academyFile.parsed.data);
    // A broken theme file matters to the academies that offer it; its own errors say what is wrong.
    const offered = academy?.thematiques;
    const themeIssues = shared.issues
      .filter((entry) => !offered || (entry.id !== undefined && offered.includes(entry.id)))
      .map((entry) => entry.issue);
    const issues: Issue[] = [...academyFile.issues, ...themeIssues];
    if (!academy) throw new ValidationError(issues);

    const agendaFile = loadAgenda(academy.deroule);
    if (!agendaFile) {
      const available = workspace.list('agendas', '.yaml');
      issues.push(
        located(academyFile.file, academyFile.parsed, {
          path: ['deroule'],
          message: `déroulé inconnu « ${academy.deroule} » (possibles : ${available.join(', ') || 'aucun fichier dans agendas/'})`,
        }),
      );
      throw new ValidationError(issues);
    }
    issues.push(...agendaFile.issues);
    const agenda = agendaFile.value;
    if (!agenda) throw new ValidationError(issues);

    const { value, problems, notices } = applyAcademy(shared.values, agenda, academy);
    const aboutBrokenTheme = (problem: Problem) => {
      const [key, at] = problem.path;
      const id =
        key === 'thematiques' && typeof at === 'number'
          ? academy.thematiques?.[at]
          : key === 'modifications'
            ? at
            : undefined;
      return typeof id === 'string' && shared.broken.has(id);
    };
    issues.push(
      ...problems
        .filter((problem) => !aboutBrokenTheme(problem))
        .map((problem) => located(academyFile.file, academyFile.parsed, problem)),
    );
    const identity: AcademyModel['identity'] = {};
    for (const [key, extensions] of [
      ['logo', LOGO_EXTENSIONS],
      ['police', FONT_EXTENSIONS],
    ] as const) {
      const written = academy.identite?.[key];
      if (!written) continue;
      const relative = onDiskRelative(workspace.root, portableRelative(written));
      let problem = checkWorkspaceFile(workspace.root, relative, extensions);
      if (!problem) {
        const absolute = path.resolve(workspace.root, relative);
        try {
          problem = key === 'logo' ? logoProblem(absolute) : fontProblem(absolute);
        } catch {
          problem = 'fichier illisible';
        }
      }
      if (problem)
        issues.push(located(academyFile.file, academyFile.parsed, { path: ['identite', key], message: problem }));
      else identity[key] = relative;
    }
    const warnings = notices.map((notice) => located(academyFile.file, academyFile.parsed, notice, 'warning'));
    const sources: AcademyModel['sources'] = {
      academy: { file: academyFile.file, parsed: academyFile.parsed },
      agenda: { file: agendaFile.file, parsed: agendaFile.parsed },
      themes: shared.sources,
    };
    const model: AcademyModel = {
      slug,
      file: academyFile.file,
      academy,
      agenda,
      themes: value.themes,
      phases: value.phases,
      warnings,
      identity,
      sources,
    };
    // The model as far as it goes rides with the errors, so that its warnings are said with them (src/load.ts).
    if (issues.some((issue) => issue.severity === 'error')) throw new ValidationError([...issues, ...warnings], model);
    return model;
  }

  /** Problems of the theme files, whichever academy offers them: `validate` says them once. */
  const themeIssues = (): Issue[] => loadThemes().issues.map((entry) => entry.issue);

  return { load, themeIssues };
}
