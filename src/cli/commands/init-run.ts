/** `pgo-kit init`: the academy file and the editor's schemas, in the lab's folder. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { EnvironmentError, UsageError, ValidationError } from '../../errors.js';
import { academyTitle } from '../../core/french.js';
import { closest } from '../../model/suggest.js';
import { academyScaffold } from '../../core/academy-scaffold.js';
import { renderJsonSchemas } from '../../model/json-schemas.js';
import { SLUG_PATTERN } from '../../model/schemas.js';
import { reservedSlug } from '../../model/slug.js';
import { createWorkspace, type Workspace } from '../../model/workspace.js';
import { writeFilesAtomically } from '../../output/atomic-write.js';
import { writeFailureReason } from '../../output/output-folder.js';
import { ACADEMY_SCHEMA_REF, WORKSPACE_SCHEMA_FOLDER } from './shared.js';

export interface KnownAcademy {
  academie: string;
  region?: string;
}

function readYaml(file: string): Record<string, unknown> {
  try {
    const data: unknown = parse(readFileSync(file, 'utf8'), { logLevel: 'error' });
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The 30 académies, from the files shipped with the package (the data lives there, not in code). */
export function knownAcademies(packageRoot: string): Map<string, KnownAcademy> {
  const folder = path.join(packageRoot, 'academies');
  const known = new Map<string, KnownAcademy>();
  for (const entry of readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()) {
    const data = readYaml(path.join(folder, entry));
    if (typeof data.academie !== 'string') continue;
    known.set(entry.slice(0, -'.yaml'.length), {
      academie: data.academie,
      ...(typeof data.region_academique === 'string' ? { region: data.region_academique } : {}),
    });
  }
  return known;
}

function phaseIds(workspace: Workspace): string[] {
  const file = workspace.resolve('agendas', 'atelier-2h.yaml');
  const phases = file ? readYaml(file).phases : undefined;
  return Array.isArray(phases)
    ? phases
        .map((phase: unknown) => (phase as { id?: unknown }).id)
        .filter((id): id is string => typeof id === 'string')
    : [];
}

export async function initAcademy(options: {
  slug: string;
  nom?: string | undefined;
  force: boolean;
  root?: string;
}): Promise<{ file: string; title: string; schemas: string; provisional?: string }> {
  const { slug } = options;
  const workspace = createWorkspace(options.root);
  const catalogue = knownAcademies(workspace.packageRoot);
  if (!SLUG_PATTERN.test(slug)) {
    // `Nantes`, `Créteil`: accents and capitals are folded before looking for the académie meant.
    const suggestion = closest(slug, [...catalogue.keys()]);
    const hint = suggestion ? ` — vouliez-vous dire « ${suggestion} » ? (pgo-kit init ${suggestion})` : '';
    throw new UsageError(
      `identifiant invalide « ${slug} »${hint} : lettres minuscules sans accent, chiffres et tirets seulement (par exemple : limoges, lab-test)`,
    );
  }
  const reserved = reservedSlug(slug);
  if (reserved) throw new UsageError(reserved);
  const known = catalogue.get(slug);
  const nom = options.nom?.trim();
  let provisional: string | undefined;
  if (!known && !nom) {
    // A near miss of a known slug is a typo: refuse it. Anything else (a test lab, a new structure) gets a provisional name to correct.
    const suggestion = closest(slug, [...catalogue.keys()]);
    if (suggestion) {
      throw new UsageError(
        `« ${slug} » n’est pas l’une des 30 académies : vouliez-vous dire « ${suggestion} » ? Sinon, donnez son nom avec --nom, par exemple : pgo-kit init ${slug} --nom "Mon académie"`,
      );
    }
    provisional = provisionalName(slug);
  }
  const target = path.join(workspace.root, 'academies', `${slug}.yaml`);
  const file = workspace.display(target);
  if (existsSync(target) && !options.force) {
    throw new ValidationError([
      {
        file,
        path: '',
        severity: 'error',
        message:
          'ce fichier existe déjà et n’a pas été modifié : ajoutez --force pour le remplacer (votre version sera perdue)',
      },
    ]);
  }
  const academie = nom || known?.academie || provisional || slug;
  const text = academyScaffold({
    slug,
    academie,
    region: known?.region,
    schemaRef: ACADEMY_SCHEMA_REF,
    themeIds: workspace.list('themes', '.yaml'),
    phaseIds: phaseIds(workspace),
  });
  // The schemas go beside the lab's files so that the file's first line works on any machine, whatever the install path.
  const schemaFolder = path.join(workspace.root, WORKSPACE_SCHEMA_FOLDER);
  try {
    await writeFilesAtomically([
      { target, data: text },
      ...renderJsonSchemas().map((schema) => ({ target: path.join(schemaFolder, schema.file), data: schema.text })),
    ]);
  } catch (error) {
    throw new EnvironmentError(
      `impossible d’écrire ${file} : ${writeFailureReason((error as NodeJS.ErrnoException).code)}`,
      error,
    );
  }
  return {
    file,
    title: academyTitle(academie),
    schemas: workspace.display(schemaFolder),
    ...(provisional ? { provisional } : {}),
  };
}

/** « lab-test » → « Lab-Test »: a readable stand-in until the lab writes the real name. */
export function provisionalName(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}
