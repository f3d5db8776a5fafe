/**
 * Applies an academy file to the shipped themes and agenda
 * (docs/file-formats.md): local themes, field modifications, selection and order of the
 * offered themes, phase durations. Pure: problems are returned with the path
 * of the academy key at fault, and located by the loader.
 */
import { closest } from './suggest.js';
import type { AcademyConfig, AgendaConfig, PhaseConfig, ThemeConfig } from './schemas.js';
import type { PathSegment } from './yaml-source.js';

export interface Problem {
  path: PathSegment[];
  /** Point at the key rather than its value (for keys of a map that name an id). */
  key?: boolean;
  message: string;
}

export interface Overlaid {
  /** Offered themes, in the order they are offered, modifications applied. */
  themes: ThemeConfig[];
  /** Phases with the academy's durations. */
  phases: PhaseConfig[];
}

function unknownId(kind: string, id: string, valid: readonly string[]): string {
  const suggestion = closest(id, valid);
  const hint = suggestion ? ` — vouliez-vous dire « ${suggestion} » ?` : '';
  return `${kind} inconnue « ${id} »${hint} (possibles : ${valid.join(', ')})`;
}

/** Default order of themes: their optional `ordre`, then their id. */
export function byOrder(a: ThemeConfig, b: ThemeConfig): number {
  return (a.ordre ?? Number.MAX_SAFE_INTEGER) - (b.ordre ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id);
}

export function applyAcademy(
  shipped: readonly ThemeConfig[],
  agenda: AgendaConfig,
  academy: AcademyConfig,
): { value: Overlaid; problems: Problem[]; notices: Problem[] } {
  const problems: Problem[] = [];
  const notices: Problem[] = [];
  const catalogue = new Map<string, ThemeConfig>([...shipped].sort(byOrder).map((theme) => [theme.id, theme]));

  academy.themes_locaux.forEach((theme, index) => {
    if (catalogue.has(theme.id)) {
      const where = shipped.some((t) => t.id === theme.id) ? 'dans le dossier themes/' : 'plus haut dans themes_locaux';
      problems.push({
        path: ['themes_locaux', index, 'id'],
        message: `la thématique « ${theme.id} » existe déjà ${where} : choisissez un autre identifiant, ou utilisez « modifications » pour l’adapter`,
      });
      return;
    }
    catalogue.set(theme.id, theme);
  });
  const validThemeIds = [...catalogue.keys()];

  for (const [id, override] of Object.entries(academy.modifications)) {
    const theme = catalogue.get(id);
    if (!theme) {
      problems.push({ path: ['modifications', id], key: true, message: unknownId('thématique', id, validThemeIds) });
      continue;
    }
    const changes = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
    catalogue.set(id, { ...theme, ...changes });
  }

  let themes: ThemeConfig[];
  if (academy.thematiques) {
    themes = [];
    const seen = new Set<string>();
    academy.thematiques.forEach((id, index) => {
      const theme = catalogue.get(id);
      if (!theme) {
        problems.push({ path: ['thematiques', index], message: unknownId('thématique', id, validThemeIds) });
      } else if (seen.has(id)) {
        problems.push({ path: ['thematiques', index], message: `thématique « ${id} » en double dans la liste` });
      } else {
        seen.add(id);
        themes.push(theme);
      }
    });
    academy.themes_locaux.forEach((theme, index) => {
      if (!academy.thematiques?.includes(theme.id)) {
        notices.push({
          path: ['themes_locaux', index, 'id'],
          message: `la thématique locale « ${theme.id} » n’est pas proposée : ajoutez-la à la liste « thematiques »`,
        });
      }
    });
  } else {
    themes = [...catalogue.values()];
  }

  const phaseIds = agenda.phases.map((phase) => phase.id);
  for (const id of Object.keys(academy.durees)) {
    if (!phaseIds.includes(id)) {
      problems.push({ path: ['durees', id], key: true, message: unknownId('phase', id, phaseIds) });
    }
  }
  // Own keys only: a phase called « constructor » must not find Object's.
  const timed = agenda.phases.map((phase) => ({
    ...phase,
    duree: Object.hasOwn(academy.durees, phase.id) ? (academy.durees[phase.id] ?? phase.duree) : phase.duree,
  }));
  // No vote when the group keeps every offered theme (the rule of src/core/timing.ts hasVote).
  const phases = themes.length > agenda.themes_retenus ? timed : timed.map(withoutVote);

  return { value: { themes, phases }, problems, notices };
}

/** Every offered theme is kept: the phase takes its « sans_vote » texts, and no phase uses the tally poster. */
export function withoutVote(phase: PhaseConfig): PhaseConfig {
  const { sans_vote: replaced, ...rest } = phase;
  const changes = Object.fromEntries(Object.entries(replaced ?? {}).filter(([, value]) => value !== undefined));
  const merged = { ...rest, ...changes } as PhaseConfig;
  return { ...merged, supports: merged.supports.filter((id) => id !== 'vote') };
}

/** Consistency of an agenda file on its own: unique ids, materials that exist in its catalogue. */
export function checkAgenda(agenda: AgendaConfig): Problem[] {
  const problems: Problem[] = [];
  const seenPhases = new Set<string>();
  agenda.phases.forEach((phase, index) => {
    if (seenPhases.has(phase.id))
      problems.push({ path: ['phases', index, 'id'], message: `phase « ${phase.id} » en double` });
    seenPhases.add(phase.id);
  });
  const materialIds = agenda.materiel.map((item) => item.id);
  const seenMaterials = new Set<string>();
  agenda.materiel.forEach((item, index) => {
    if (seenMaterials.has(item.id))
      problems.push({ path: ['materiel', index, 'id'], message: `matériel « ${item.id} » en double` });
    seenMaterials.add(item.id);
  });
  agenda.phases.forEach((phase, phaseIndex) => {
    phase.materiel.forEach((id, index) => {
      if (!seenMaterials.has(id)) {
        problems.push({
          path: ['phases', phaseIndex, 'materiel', index],
          message: unknownId('référence de matériel', id, materialIds),
        });
      }
    });
    phase.sans_vote?.materiel?.forEach((id, index) => {
      if (!seenMaterials.has(id)) {
        problems.push({
          path: ['phases', phaseIndex, 'sans_vote', 'materiel', index],
          message: unknownId('référence de matériel', id, materialIds),
        });
      }
    });
  });
  return problems;
}
