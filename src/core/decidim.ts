/**
 * Decidim's « import proposals from a file » (docs/domain.md): what a proposal
 * must look like for Decidim to accept it, and the files it reads. Pure.
 *
 * The checks follow Decidim's proposal form: a title of 15 to 150
 * characters, a body of at least 15, and its « etiquette » rule, which
 * refuses text shouting in capitals (a quarter or more of the characters),
 * repeated ! or ? marks, and a text starting with a lower-case letter.
 */
import { toCsv } from './csv.js';

/** Decidim's default locale when `--langue-decidim` is not given. */
export const DEFAULT_DECIDIM_LOCALE = 'fr';

export const TITLE_MIN = 15;
export const TITLE_MAX = 150;
export const BODY_MIN = 15;

/** Decidim's etiquette: what it would refuse in a title or a body, in French. */
export function etiquetteProblems(text: string): string[] {
  const problems: string[] = [];
  const capitals = [...text].filter((char) => /\p{Lu}/u.test(char)).length;
  if (text.length > 0 && capitals >= text.length / 4)
    problems.push('trop de majuscules (Decidim refuse un texte « crié » en capitales)');
  if (/[!?¡¿]{2,}/.test(text)) problems.push('ponctuation répétée (« !! », « ?! »…), que Decidim refuse');
  if (/^\p{Ll}/u.test(text)) problems.push('commence par une minuscule, ce que Decidim refuse');
  return problems;
}

/** A text a spreadsheet would take for a formula if the CSV were opened in one. */
export const FORMULA_START = /^[=+\-@]/;

export function titleProblems(title: string): string[] {
  const length = [...title].length;
  const problems: string[] = [];
  if (FORMULA_START.test(title)) {
    problems.push(
      `titre commençant par « ${title[0] ?? ''} » : ouvert dans un tableur, decidim-propositions.csv le prendrait pour une formule ; le fichier pour Decidim le garde tel quel, reformulez le titre`,
    );
  }
  if (length < TITLE_MIN) problems.push(`titre trop court pour Decidim : ${length} caractères, ${TITLE_MIN} au moins`);
  if (length > TITLE_MAX) problems.push(`titre trop long pour Decidim : ${length} caractères, ${TITLE_MAX} au plus`);
  return [...problems, ...etiquetteProblems(title)];
}

/** The text a reader sees of an HTML body: tags dropped, entities read. */
export function htmlText(html: string): string {
  return html
    .replace(/<\/(?:p|li)>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function bodyProblems(body: string): string[] {
  const length = [...htmlText(body)].length;
  return length < BODY_MIN ? [`texte trop court pour Decidim : ${length} caractères, ${BODY_MIN} au moins`] : [];
}

/** `{ "fr": "…" }`: one text per locale, as Decidim's translatable fields hold them. */
export interface DecidimProposal {
  title: Record<string, string>;
  body: Record<string, string>;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface DecidimBody {
  /** One `<p>` each; a text holding blank lines gives one paragraph per block. */
  paragraphes: { libelle: string | null; texte: string }[];
  /** One `<ul>`, after the paragraphs. */
  liste: { libelle: string; elements: string[] } | null;
  /** The closing paragraph, in italics. */
  fin: string;
}

/**
 * The HTML Decidim's rich-text editor writes and its sanitiser keeps:
 * `<p>`, `<strong>`, `<em>`, `<ul><li>`, nothing else, and no line break
 * between blocks (an official body is not passed through simple_format).
 */
export function decidimHtml(body: DecidimBody): string {
  const html: string[] = [];
  for (const { libelle, texte } of body.paragraphes) {
    texte
      .split(/\n\s*\n/)
      .map((block) => block.replace(/\s*\n\s*/g, ' ').trim())
      .filter(Boolean)
      .forEach((block, index) => {
        const label = index === 0 && libelle ? `<strong>${escapeHtml(libelle)}\u00a0:</strong> ` : '';
        html.push(`<p>${label}${escapeHtml(block)}</p>`);
      });
  }
  if (body.liste && body.liste.elements.length > 0) {
    html.push(`<p><strong>${escapeHtml(body.liste.libelle)}\u00a0:</strong></p>`);
    html.push(`<ul>${body.liste.elements.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
  }
  html.push(`<p><em>${escapeHtml(body.fin)}</em></p>`);
  return html.join('');
}

/** A Decidim locale code: `fr`, `en`, `pt-BR`, `ca-IT`… */
export const LOCALE_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/;

/**
 * Decidim reads CSV with its `default_csv_col_sep`, « ; » unless the
 * platform changed it, and without a byte-order mark. Cells are written as
 * they are: a title starting like a formula is a warning, never altered.
 */
export function decidimCsv(proposals: readonly DecidimProposal[], locale = 'fr'): string {
  return toCsv(
    [`title/${locale}`, `body/${locale}`],
    proposals.map((p) => [p.title[locale] ?? '', p.body[locale] ?? '']),
    { separator: ';', bom: false },
  );
}

export function decidimJson(proposals: readonly DecidimProposal[]): string {
  return `${JSON.stringify(proposals, null, 2)}\n`;
}
