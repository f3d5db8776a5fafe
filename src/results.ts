/**
 * After the workshop, as library calls: `restitution` turns each academy's
 * restitutions/<slug>.yaml into one unit of work (restitution.pdf and the
 * exports, in the kit's folder beside the kit, which it never touches);
 * `synthese` consolidates every restitution of the working folder into one
 * unit. Both go through the kit's runner (src/run/runner.ts). The units
 * themselves are made in src/run/results-units.ts, loaded only when a
 * restitution is to be made: a run with nothing changed reads no YAML.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { UsageError, type Issue } from './errors.js';
import { DEFAULT_DECIDIM_LOCALE } from './core/decidim.js';
import { SLUG_PATTERN } from './model/slug.js';
import { listOwn, origin, type Workspace } from './model/workspace.js';
import { RESTITUTION_STAMP, SYNTHESE_STAMP } from './output/kit-cache.js';
import type { BuildReporter } from './build.js';
import {
  runUnits,
  skipUnchanged,
  withSources,
  type RunOptions,
  type RunProfile,
  type Unit,
  type UnitSource,
} from './run/runner.js';

export { RESTITUTION_STAMP, SYNTHESE_STAMP } from './output/kit-cache.js';
export { DEFAULT_DECIDIM_LOCALE };

export interface ResultsOptions extends Omit<RunOptions, 'reporter'> {
  /** Output folder (the kit's, `kits` by default). */
  outDir: string;
  reporter: BuildReporter;
}

/** The restitution files of the working folder only: the package's worked example is not a lab's data. */
export function workspaceRestitutions(workspace: Workspace): string[] {
  return listOwn(workspace, 'restitutions', '.yaml');
}

/**
 * restitutions/<slug>.yaml, from the working folder, else the package's worked example; a usage error, said
 * before anything is read, when there is none for this lab (the command calls it before naming the files).
 */
export function restitutionFile(workspace: Workspace, slug: string): string {
  if (!SLUG_PATTERN.test(slug)) {
    throw new UsageError(
      `identifiant d’académie invalide « ${slug} » : lettres minuscules sans accent, chiffres et tirets seulement`,
    );
  }
  const file = workspace.resolve('restitutions', `${slug}.yaml`);
  if (!file)
    throw new UsageError(
      `aucune restitution pour « ${slug} » : créez-la avec pgo-kit restitution init --academie ${slug}`,
    );
  // The package's worked example describes the package's own session: a lab that has its own academy file
  // for this slug (after `init limoges`) held another session, whose results are not in the example.
  const relative = `${slug}.yaml`;
  if (origin(workspace, 'restitutions', relative) === 'paquet' && origin(workspace, 'academies', relative) !== 'paquet')
    throw new UsageError(
      `aucune restitution pour « ${slug} » dans votre dossier : créez-la avec pgo-kit restitution init --academie ${slug} (restitutions/${slug}.yaml fourni avec pgo-kit est l’exemple d’une autre session que celle d’academies/${slug}.yaml)`,
    );
  return file;
}

export interface RestitutionResult {
  built: { slug: string; files: string[] }[];
  unchanged: { slug: string; files: string[] }[];
  invalid: { file: string; issues: Issue[] }[];
  /** Written, but not good to hand on (a draft): the command exits 1. */
  failed: { slug: string; issues: Issue[] }[];
  profile: RunProfile;
}

/** `slugs`: the academies asked for; `locale`: the Decidim organisation's default locale (`fr` unless told). */
export async function buildRestitutions(
  options: ResultsOptions & { slugs: readonly string[]; locale?: string | undefined },
): Promise<RestitutionResult> {
  const { workspace, reporter } = options;
  const started = performance.now();
  const locale = options.locale ?? DEFAULT_DECIDIM_LOCALE;
  const files = options.slugs.map((slug) => restitutionFile(workspace, slug));
  const sources: UnitSource[] = options.slugs.map((slug) => ({
    id: slug,
    directory: path.resolve(workspace.root, options.outDir, slug),
    stamp: RESTITUTION_STAMP,
    params: ['restitution', slug, locale],
  }));
  // Restitutions whose sources did not change are not loaded: their warnings are said again from their stamps.
  const { checks, known, reported } = await skipUnchanged(sources, options, 'la restitution');
  const toLoad = files.filter((_, index) => !known.has(options.slugs[index] ?? ''));
  let invalid: RestitutionResult['invalid'] = [];
  const loaded = new Map<string, Unit>();
  if (toLoad.length > 0) {
    const { loadRestitutions, restitutionUnit } = await import('./run/results-units.js');
    const result = loadRestitutions(workspace, toLoad, reporter, reported);
    invalid = result.invalid;
    for (const model of result.models)
      loaded.set(
        model.slug,
        withSources(restitutionUnit(workspace, model, options.outDir, locale), checks, model.warnings),
      );
  }
  const load = (performance.now() - started) / 1000;
  const units = options.slugs.flatMap((slug) => known.get(slug) ?? loaded.get(slug) ?? []);
  const run = await runUnits(units, options);
  run.profile.load = load;
  const bySlug = ({ id, ...rest }: { id: string }) => ({ slug: id, ...rest });
  return {
    built: run.built.map(bySlug) as RestitutionResult['built'],
    unchanged: run.unchanged.map(bySlug) as RestitutionResult['unchanged'],
    failed: run.failed.map(bySlug) as RestitutionResult['failed'],
    invalid,
    profile: run.profile,
  };
}

export interface SyntheseResult {
  files: string[];
  /** Already up to date: nothing was written. */
  unchanged: boolean;
  /** Invalid restitutions, their problems already said: one is enough for nothing to be written (exit 1). */
  invalid: { file: string; issues: Issue[] }[];
}

/**
 * Every restitution of the working folder, consolidated; one invalid file and nothing is written. A synthesis
 * whose sources did not change is recognised before any YAML is read, as a restitution is: its warnings (the
 * drafts left out) are said again from its stamp.
 */
export async function buildSynthese(options: ResultsOptions): Promise<SyntheseResult> {
  const { workspace, reporter } = options;
  const slugs = workspaceRestitutions(workspace);
  if (slugs.length === 0) {
    throw new UsageError(
      'aucune restitution dans le dossier restitutions/ du dossier courant : créez-en une avec pgo-kit restitution init --academie <slug>',
    );
  }
  const source: UnitSource = {
    id: 'synthese',
    directory: path.resolve(workspace.root, options.outDir),
    stamp: SYNTHESE_STAMP,
    params: ['synthese'],
  };
  const { checks, known } = await skipUnchanged([source], options, 'la synthèse');
  let unit = known.get(source.id);
  if (!unit) {
    const files = slugs.flatMap((slug) => workspace.resolve('restitutions', `${slug}.yaml`) ?? []);
    const { loadRestitutions, syntheseUnit } = await import('./run/results-units.js');
    // What is said while loading (warnings, the drafts left out) is kept in the stamp, to be said again next time.
    const said: Issue[] = [];
    const keeping: BuildReporter = {
      ...reporter,
      issues: (issues) => {
        said.push(...issues);
        reporter.issues(issues);
      },
    };
    const { models, invalid } = loadRestitutions(workspace, files, keeping);
    if (invalid.length > 0) return { files: [], unchanged: false, invalid };
    unit = withSources(await syntheseUnit(workspace, models, options.outDir, keeping), checks, said);
  }
  const run = await runUnits([unit], options);
  const made = run.built[0] ?? run.unchanged[0];
  return { files: made?.files ?? [], unchanged: run.unchanged.length > 0, invalid: [] };
}
