/**
 * Academy ids, checked before anything else is loaded: kept apart from the
 * schemas and the loader so that `--help` and misuse messages need neither
 * zod nor the YAML parser.
 */
import { UsageError } from '../errors.js';
import { closest } from './suggest.js';
import { misnamedYamlFiles, type Workspace } from './workspace.js';

export const SLUG_PATTERN = /^[a-z0-9-]+$/;

/**
 * Names Windows keeps for its devices, with any extension: `academies/aux.yaml`
 * could be neither opened nor copied there (nor unzipped, nor synchronised).
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Why an academy id cannot name a file on every system, or undefined. */
export function reservedSlug(slug: string): string | undefined {
  return WINDOWS_DEVICE.test(slug)
    ? `« ${slug} » est un nom réservé par Windows (nom de périphérique, comme con, prn, aux, nul, com1, lpt1) : le fichier ${slug}.yaml ne pourrait pas y être ouvert ni copié — choisissez un autre identifiant, par exemple ${slug}-lab`
    : undefined;
}

export function assertAcademyExists(workspace: Workspace, slug: string): void {
  const known = workspace.list('academies', '.yaml');
  if (!SLUG_PATTERN.test(slug)) {
    // `Nantes`, `créteil`: the suggestion folds accents and capitals.
    const suggestion = closest(slug, known);
    const hint = suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : '';
    throw new UsageError(
      `identifiant d’académie invalide « ${slug} »${hint} (lettres minuscules sans accent, chiffres et tirets seulement, par exemple : limoges, aix-marseille)`,
    );
  }
  if (!known.includes(slug)) {
    // `academies/x.yml` is there, but only `.yaml` is read: the rule is the fix.
    const misnamed = misnamedYamlFiles(workspace, 'academies').find((issue) =>
      issue.file.replace(/\.ya?ml$/i, '').endsWith(`academies/${slug}`),
    );
    if (misnamed)
      throw new UsageError(
        `académie inconnue « ${slug} » : ${misnamed.file} n’est pas lu, ${misnamed.message.replace(/^extension « [^»]+» : /, '')}`,
      );
    const suggestion = closest(slug, known);
    const hint = suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : '';
    throw new UsageError(`académie inconnue « ${slug} »${hint} (la liste : pgo-kit list)`);
  }
}
