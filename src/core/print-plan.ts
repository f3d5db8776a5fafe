/**
 * What to print and what to bring: copies of each support and quantities of
 * material, from the number of participants and of themes. Pure.
 */
import type { SupportId } from '../model/schemas.js';

export interface SessionSize {
  participants: number;
  /** Themes offered to the group. */
  themes: number;
  /** Themes the group keeps for commitments (one commitment each). */
  retainedThemes: number;
}

export interface QuantityRule {
  fixe?: number | undefined;
  par_participant?: number | undefined;
  par_theme?: number | undefined;
  par_theme_retenu?: number | undefined;
  /** One per table of `taille_table` participants. */
  par_table?: number | undefined;
}

/** Participants seated at one table when working in small groups. */
export const TABLE_SIZE = 4;

/** Rounded up: half a block of sticky notes is still a block to buy. */
export function quantity(rule: QuantityRule, size: SessionSize): number {
  const tables = Math.ceil(size.participants / TABLE_SIZE);
  const exact =
    (rule.fixe ?? 0) +
    (rule.par_participant ?? 0) * size.participants +
    (rule.par_theme ?? 0) * size.themes +
    (rule.par_theme_retenu ?? 0) * size.retainedThemes +
    (rule.par_table ?? 0) * tables;
  // Guard against 0.1 + 0.2-style noise before rounding up.
  return Math.ceil(Math.round(exact * 1e6) / 1e6);
}

export type Paper = 'A3' | 'A4';
export type Orientation = 'portrait' | 'paysage';

export interface SupportDefinition {
  id: SupportId;
  titre: string;
  papier: Paper;
  orientation: Orientation;
  /** What the copies are for, printed in the print plan. */
  usage: string;
  copies: QuantityRule;
}

/**
 * The printed supports. Paper and orientation belong to the templates that
 * draw them, so they live with the code rather than in a lab's YAML.
 */
export const SUPPORTS: readonly SupportDefinition[] = [
  // In the order of supports.pdf: the page ranges of the print plan follow it.
  { id: 'affiche-theme', titre: 'Affiche thématique', papier: 'A3', orientation: 'paysage', usage: 'une par thématique proposée, affichée au mur', copies: { par_theme: 1 } },
  { id: 'mes-3-idees', titre: 'Fiche « Mes 3 idées »', papier: 'A4', orientation: 'portrait', usage: 'une par participant', copies: { par_participant: 1 } },
  { id: 'vote', titre: 'Affiche de vote par gommettes', papier: 'A3', orientation: 'paysage', usage: 'une pour le groupe', copies: { fixe: 1 } },
  { id: 'canevas-engagement', titre: 'Canevas d’engagement', papier: 'A3', orientation: 'paysage', usage: 'un par thématique retenue, plus un de réserve', copies: { par_theme_retenu: 1, fixe: 1 } },
  { id: 'canevas-actions', titre: 'Canevas d’actions', papier: 'A3', orientation: 'paysage', usage: 'deux par engagement', copies: { par_theme_retenu: 2 } },
  { id: 'rappel-criteres', titre: 'Rappel des critères', papier: 'A4', orientation: 'portrait', usage: `un par table de ${TABLE_SIZE}`, copies: { par_table: 1 } },
  { id: 'synthese', titre: 'Fiche de synthèse', papier: 'A4', orientation: 'portrait', usage: 'une par engagement, plus une de réserve', copies: { par_theme_retenu: 1, fixe: 1 } },
];

export interface PrintLine extends SupportDefinition {
  exemplaires: number;
  /** Pages of supports.pdf to print, « 1–4 » or « 5 »: the posters take one page per theme, the rest one each. */
  pages: string;
}

export function printPlan(size: SessionSize): PrintLine[] {
  let next = 1;
  return SUPPORTS.map((support) => {
    const count = support.id === 'affiche-theme' ? size.themes : 1;
    const first = next;
    next += count;
    return { ...support, exemplaires: quantity(support.copies, size), pages: count > 1 ? `${first}–${first + count - 1}` : String(first) };
  });
}

export interface MaterialItem {
  id: string;
  libelle: string;
  fixe?: number | undefined;
  par_participant?: number | undefined;
  par_theme?: number | undefined;
}

export function materialList<T extends MaterialItem>(catalogue: readonly T[], size: SessionSize): (T & { quantite: number })[] {
  return catalogue.map((item) => ({ ...item, quantite: quantity(item, size) }));
}
