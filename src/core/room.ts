/**
 * The room, computed from the size of the group: small groups of at most
 * six, how they share the commitments, how many sticky notes each theme
 * poster must hold, and how the opening's minutes are split. Pure.
 */
import { ideasWritten } from './timing.js';

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

export function subgroupPlan(participants: number, retainedThemeCount: number): SubgroupPlan {
  const people = Math.max(1, participants);
  const nombre = Math.ceil(people / MAX_SUBGROUP);
  const commitments = Math.max(1, retainedThemeCount);
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

/**
 * The sticky note a poster is planned for: the standard 76 × 76 mm, written
 * in marker, read from about 2 m (a 51 × 38 mm one is read from under 1 m,
 * so it is never advised). Below each note, a strip for the dots of the vote.
 */
export const NOTE = { largeur: 76, hauteur: 76, libelle: '76 × 76 mm' } as const;
export const DOT_STRIP = 14;
/** A note and its dots, as they take room on a wall. */
export const NOTE_SLOT = { largeur: NOTE.largeur, hauteur: NOTE.hauteur + DOT_STRIP } as const;

/**
 * The room an A3 landscape poster has beside its text (templates/styles/supports.css):
 * 420 − 2 × 12 mm margins − 152 mm text − 8 mm gap, less border and
 * padding, by the sheet's height less its heading. Keep in step with the CSS.
 */
export const IDEA_ZONE = { largeur: 226, hauteur: 252, ecart: 3 } as const;

/**
 * A flip-chart sheet (65 × 100 cm) with the A3 poster at its head: its width
 * less 2 cm margins, its height less the poster (29.7 cm) and margins.
 */
export const FLIPCHART_ZONE = { largeur: 610, hauteur: 640, ecart: 5 } as const;

/** Ideas never spread evenly: the busiest poster gets about half as many again as the average. */
export const BUSIEST_POSTER = 1.5;

export function notesThatFit(
  note: { largeur: number; hauteur: number } = NOTE_SLOT,
  zone: { largeur: number; hauteur: number; ecart: number } = IDEA_ZONE,
): number {
  const columns = Math.floor((zone.largeur + zone.ecart) / (note.largeur + zone.ecart));
  const rows = Math.floor((zone.hauteur + zone.ecart) / (note.hauteur + zone.ecart));
  return columns * rows;
}

export interface IdeaZonePlan {
  /** Sticky notes expected on a poster: participants × 3.5 ideas / offered themes. */
  attendues: number;
  /** On the busiest poster. */
  plusFournie: number;
  /** Format to buy. */
  format: string;
  /** What an A3 poster could hold beside its text, notes and dots: too few for a real group. */
  capaciteA3: number;
  /** What a flip-chart sheet holds under the poster. */
  capacitePaperboard: number;
  /** Flip-chart sheets under each poster (the busiest sets it), and under all of them. */
  feuillesParAffiche: number;
  feuilles: number;
}

/**
 * Every poster is the head of a flip-chart sheet where the ideas go: beside
 * its text, an A3 holds 4 marker-written notes with their dots, fewer than
 * the average poster gets from any group of 8 or more.
 */
export function ideaZonePlan(participants: number, themes: number): IdeaZonePlan {
  const total = ideasWritten(Math.max(1, participants));
  const offered = Math.max(1, themes);
  const attendues = Math.ceil(total / offered);
  const plusFournie = Math.min(total, Math.ceil(attendues * BUSIEST_POSTER));
  const capacitePaperboard = notesThatFit(NOTE_SLOT, FLIPCHART_ZONE);
  const feuillesParAffiche = Math.max(1, Math.ceil(plusFournie / capacitePaperboard));
  return {
    attendues,
    plusFournie,
    format: NOTE.libelle,
    capaciteA3: notesThatFit(NOTE_SLOT, IDEA_ZONE),
    capacitePaperboard,
    feuillesParAffiche,
    feuilles: feuillesParAffiche * offered,
  };
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
