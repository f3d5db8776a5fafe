/**
 * Loads `restitutions/<slug>.yaml`: read with positions, validated with the
 * schema, then cross-checked against the academy's session (themes offered,
 * themes retained, one commitment per retained theme). Every problem is
 * reported at once, located. What a commitment fails on its face, and what
 * Decidim would refuse, are warnings: src/core/warnings.ts, added by
 * src/load.ts, which the commands call.
 */
import path from 'node:path';
import type { z } from 'zod';
import { ValidationError, type Issue } from '../errors.js';
import { closest } from './suggest.js';
import { readSource, type AcademyModel, type SourceFile } from './load.js';
import {
  CommitmentSchema,
  RestitutionSchema,
  type CommitmentConfig,
  type RestitutionConfig,
} from './restitution-schema.js';
import { SLUG_PATTERN } from './schemas.js';
import { dottedPath, validateParsed } from './validate.js';
import type { PathSegment } from './yaml-source.js';
import type { Workspace } from './workspace.js';

export interface RestitutionModel {
  slug: string;
  /** The restitution file as shown in messages. */
  file: string;
  restitution: RestitutionConfig;
  academy: AcademyModel;
  /** None here; core adds its own (src/core/warnings.ts). */
  warnings: Issue[];
  /** The file read, with positions, so that a later check can say where a text is. */
  source: SourceFile;
  /**
   * Why the file is a draft, located: none here; core adds them
   * (src/core/warnings.ts, restitutionDraft). A draft's restitution.pdf is
   * marked « brouillon », and nothing meant to be sent on (engagements.*,
   * decidim-propositions.*) is written.
   */
  draft: Issue[];
}

/** Loads an academy's session; throws ValidationError for an invalid academy file. */
export type AcademyLoader = (slug: string) => AcademyModel;

/** The keys of an invalid file that are valid on their own, commitments kept one by one with their index. */
function salvage(data: unknown): { value: RestitutionConfig; commitmentIndex: number[] } | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const raw = data as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(RestitutionSchema.shape)) {
    if (key === 'engagements') continue;
    const result = (schema as z.ZodType).safeParse(raw[key]);
    if (result.success) value[key] = result.data;
  }
  const commitments: CommitmentConfig[] = [];
  const commitmentIndex: number[] = [];
  if (Array.isArray(raw.engagements)) {
    raw.engagements.forEach((item, index) => {
      const result = CommitmentSchema.safeParse(item);
      if (result.success) {
        commitments.push(result.data);
        commitmentIndex.push(index);
      }
    });
  }
  value.engagements = commitments;
  return { value: value as RestitutionConfig, commitmentIndex };
}

function listing(ids: readonly string[]): string {
  return ids.length > 0 ? ids.join(', ') : 'aucune';
}

/**
 * `expectedSlug`: the file's name; `academie` must say the same, so that
 * `restitutions/limoges.yaml` cannot hold Lille's results by mistake.
 */
export function loadRestitutionModel(
  workspace: Workspace,
  absolutePath: string,
  loadAcademy: AcademyLoader,
): RestitutionModel {
  const expectedSlug = path.basename(absolutePath, '.yaml');
  const { file, parsed } = readSource(workspace, absolutePath);
  if (parsed.issues.length > 0) throw new ValidationError(parsed.issues);
  const validated = validateParsed(RestitutionSchema, parsed, file);
  const issues: Issue[] = [...validated.issues];
  const salvaged = validated.value
    ? { value: validated.value, commitmentIndex: (validated.value.engagements ?? []).map((_, i) => i) }
    : salvage(parsed.data);
  if (!salvaged) throw new ValidationError(issues);
  const { value: restitution, commitmentIndex } = salvaged;

  const at = (
    segments: readonly PathSegment[],
    message: string,
    severity: Issue['severity'] = 'error',
    key = false,
  ): Issue => {
    const position = parsed.locate(segments, { key });
    return { file, ...(position ?? {}), path: dottedPath(segments), message, severity };
  };

  const slug = restitution.academie;
  if (!slug) throw new ValidationError(issues);
  const known = workspace.list('academies', '.yaml');
  if (!known.includes(slug)) {
    const suggestion = closest(slug, known);
    issues.push(
      at(
        ['academie'],
        `académie inconnue « ${slug} »${suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : ''} (la liste : pgo-kit list)`,
      ),
    );
    throw new ValidationError(issues);
  }
  if (SLUG_PATTERN.test(expectedSlug) && slug !== expectedSlug) {
    issues.push(
      at(
        ['academie'],
        `ce fichier est celui de « ${expectedSlug} » (restitutions/${expectedSlug}.yaml) : « academie » doit valoir ${expectedSlug}, ou renommez le fichier en ${slug}.yaml`,
      ),
    );
  }

  let academy: AcademyModel;
  try {
    academy = loadAcademy(slug);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError([...issues, ...error.issues]);
    throw error;
  }

  // Ids refer to the academy's session: what it offered, then what the vote retained.
  const offered = academy.themes.map((theme) => theme.id);
  const unknownTheme = (id: string, among: readonly string[], what: string) => {
    const suggestion = closest(id, among);
    return `${what} « ${id} »${suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : ''} (proposées par la session : ${listing(among)})`;
  };
  for (const id of Object.keys(restitution.idees ?? {})) {
    if (!offered.includes(id))
      issues.push(
        at(['idees', id], unknownTheme(id, offered, 'thématique non proposée lors de la session'), 'error', true),
      );
  }
  const retainedThemeIds = restitution.themes_retenus ?? [];
  retainedThemeIds.forEach((id, index) => {
    if (!offered.includes(id))
      issues.push(
        at(['themes_retenus', index], unknownTheme(id, offered, 'thématique non proposée lors de la session')),
      );
    else if (retainedThemeIds.indexOf(id) !== index)
      issues.push(at(['themes_retenus', index], `thématique « ${id} » en double`));
  });
  const commitments = restitution.engagements ?? [];
  commitments.forEach((commitment, i) => {
    const index = commitmentIndex[i] ?? i;
    const id = commitment.thematique;
    if (!offered.includes(id)) {
      issues.push(
        at(
          ['engagements', index, 'thematique'],
          unknownTheme(id, offered, 'thématique non proposée lors de la session'),
        ),
      );
    } else if (retainedThemeIds.length > 0 && !retainedThemeIds.includes(id)) {
      const suggestion = closest(id, retainedThemeIds);
      issues.push(
        at(
          ['engagements', index, 'thematique'],
          `thématique non retenue « ${id} »${suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : ''} (retenues : ${listing(retainedThemeIds)}) : ajoutez-la à « themes_retenus » ou changez la thématique`,
        ),
      );
    }
  });
  // Only when every commitment could be read: a broken block may be the missing one.
  if (validated.value) {
    retainedThemeIds.forEach((id, index) => {
      if (offered.includes(id) && !commitments.some((commitment) => commitment.thematique === id)) {
        issues.push(
          at(
            ['themes_retenus', index],
            `aucun engagement pour la thématique retenue « ${id} » : ajoutez un bloc « - thematique: ${id} » dans « engagements »`,
          ),
        );
      }
    });
  }
  if (issues.some((issue) => issue.severity === 'error')) throw new ValidationError(issues);

  // The academy's own warnings (poster text and so on) belong to `build`, not to the results.
  return { slug, file, restitution, academy, warnings: [], draft: [], source: { file, parsed } };
}
