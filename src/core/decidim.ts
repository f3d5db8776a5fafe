/**
 * Decidim's « import proposals from a file » (DOMAIN.md): what a proposal
 * must look like for Decidim to accept it, and the files it reads. Pure.
 *
 * The checks follow Decidim's proposal form: a title of 15 to 150
 * characters, a body of at least 15, and its « etiquette » rule, which
 * refuses text shouting in capitals (a quarter or more of the characters),
 * repeated ! or ? marks, and a text starting with a lower-case letter.
 */
import { toCsv } from './csv.js';

export const TITLE_MIN = 15;
export const TITLE_MAX = 150;
export const BODY_MIN = 15;

/** Decidim's etiquette: what it would refuse in a title or a body, in French. */
export function etiquetteProblems(text: string): string[] {
  const problems: string[] = [];
  const capitals = [...text].filter((char) => /\p{Lu}/u.test(char)).length;
  if (text.length > 0 && capitals >= text.length / 4) problems.push('trop de majuscules (Decidim refuse un texte « crié » en capitales)');
  if (/[!?¡¿]{2,}/.test(text)) problems.push('ponctuation répétée (« !! », « ?! »…), que Decidim refuse');
  if (/^\p{Ll}/u.test(text)) problems.push('commence par une minuscule, ce que Decidim refuse');
  return problems;
}

export function titleProblems(title: string): string[] {
  const length = [...title].length;
  const problems: string[] = [];
  if (length < TITLE_MIN) problems.push(`titre trop court pour Decidim : ${length} caractères, ${TITLE_MIN} au moins`);
  if (length > TITLE_MAX) problems.push(`titre trop long pour Decidim : ${length} caractères, ${TITLE_MAX} au plus`);
  return [...problems, ...etiquetteProblems(title)];
}

export function bodyProblems(body: string): string[] {
  const length = [...body].length;
  return length < BODY_MIN ? [`texte trop court pour Decidim : ${length} caractères, ${BODY_MIN} au moins`] : [];
}

export interface DecidimProposal {
  title: { fr: string };
  body: { fr: string };
}

/**
 * Decidim reads CSV with its `default_csv_col_sep`, « ; » unless the
 * platform changed it, and without a byte-order mark.
 */
export function decidimCsv(proposals: readonly DecidimProposal[]): string {
  return toCsv(['title/fr', 'body/fr'], proposals.map((p) => [p.title.fr, p.body.fr]), { separator: ';', bom: false });
}

export function decidimJson(proposals: readonly DecidimProposal[]): string {
  return `${JSON.stringify(proposals, null, 2)}\n`;
}
