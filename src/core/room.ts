/**
 * The room, computed from the size of the group: small groups of at most
 * six, how they share the commitments, how many sticky notes each theme
 * poster must hold, and how the opening's minutes are split. Pure.
 */

/** Beyond six, some people stop speaking in a small group. */
export const MAX_SUBGROUP = 6;

export interface SubgroupPlan {
  /** Number of small groups for the actions phase. */
  nombre: number;
  /** Smallest and largest group, in people. */
  tailleMin: number;
  tailleMax: number;
  /** Small groups on each commitment, in order (at least one: a group may take two commitments in turn). */
  parEngagement: number[];
  /** Action canvases the groups fill: one per group and commitment it works on. */
  canevasActions: number;
}

export function subgroupPlan(participants: number, retainedThemes: number): SubgroupPlan {
  const people = Math.max(1, participants);
  const nombre = Math.ceil(people / MAX_SUBGROUP);
  const commitments = Math.max(1, retainedThemes);
  const base = Math.floor(nombre / commitments);
  const extra = nombre % commitments;
  const parEngagement = Array.from({ length: commitments }, (_, index) => Math.max(1, base + (index < extra ? 1 : 0)));
  return {
    nombre,
    tailleMin: Math.floor(people / nombre),
    tailleMax: Math.ceil(people / nombre),
    parEngagement,
    canevasActions: parEngagement.reduce((sum, groups) => sum + groups, 0),
  };
}

/** Sticky-note formats, in millimetres (width × height). */
export const NOTE_LARGE = { largeur: 76, hauteur: 76, libelle: '76 × 76 mm' } as const;
export const NOTE_SMALL = { largeur: 51, hauteur: 38, libelle: '51 × 38 mm' } as const;

/**
 * The idea zone of an A3 landscape poster (templates/styles/supports.css):
 * 420 − 2 × 12 mm margins − 152 mm text − 8 mm gap, less border and
 * padding, by the sheet's height less its heading. Keep in step with the CSS.
 */
export const IDEA_ZONE = { largeur: 226, hauteur: 252, ecart: 3 } as const;

/** Ideas each participant writes in the reflection phase. */
export const IDEAS_PER_PERSON = 3;

/** Ideas never spread evenly: the busiest poster gets about half as many again as the average. */
export const BUSIEST_POSTER = 1.5;

export function notesThatFit(note: { largeur: number; hauteur: number }, zone: { largeur: number; hauteur: number; ecart: number } = IDEA_ZONE): number {
  const columns = Math.floor((zone.largeur + zone.ecart) / (note.largeur + zone.ecart));
  const rows = Math.floor((zone.hauteur + zone.ecart) / (note.hauteur + zone.ecart));
  return columns * rows;
}

export interface IdeaZonePlan {
  /** Sticky notes expected on the busiest poster. */
  attendues: number;
  /** Format to buy. */
  format: string;
  /** True when even small notes overflow: a flipchart sheet goes beneath each poster. */
  paperboard: boolean;
  capaciteGrand: number;
  capacitePetit: number;
}

export function ideaZonePlan(participants: number, themes: number): IdeaZonePlan {
  const total = Math.max(1, participants) * IDEAS_PER_PERSON;
  const attendues = Math.min(total, Math.ceil((total / Math.max(1, themes)) * BUSIEST_POSTER));
  const capaciteGrand = notesThatFit(NOTE_LARGE);
  const capacitePetit = notesThatFit(NOTE_SMALL);
  if (attendues <= capaciteGrand) return { attendues, format: NOTE_LARGE.libelle, paperboard: false, capaciteGrand, capacitePetit };
  if (attendues <= capacitePetit) return { attendues, format: NOTE_SMALL.libelle, paperboard: false, capaciteGrand, capacitePetit };
  return { attendues, format: NOTE_LARGE.libelle, paperboard: true, capaciteGrand, capacitePetit };
}

export interface OpeningSplit {
  /** Welcome, name labels, seating. */
  accueil: number;
  /** « Le PGO en bref »: the stakes, the plans, where the proposals go. */
  pgo: number;
  /** The programme, the roles and the criteria. */
  programme: number;
}

/**
 * One split of the opening, used by the run sheet, the tips and the guide
 * alike: about a fifth to welcome, under half for the PGO, the rest for the
 * programme (15 min → 3 + 7 + 5).
 */
export function openingSplit(minutes: number): OpeningSplit {
  const accueil = Math.max(1, Math.round(minutes * 0.2));
  const pgo = Math.max(1, Math.round(minutes * 0.45));
  return { accueil, pgo, programme: Math.max(1, minutes - accueil - pgo) };
}
