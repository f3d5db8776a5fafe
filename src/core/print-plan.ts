/**
 * What to print and what to bring: copies of each support and quantities of
 * material, from the number of participants and of themes. Pure.
 */
import type { SupportId } from '../model/schemas.js';
import { plural } from './french.js';
import { subgroupPlan } from './room.js';

export interface SessionSize {
  participants: number;
  /** Themes offered to the group. */
  themes: number;
  /** Themes the group keeps for commitments (one commitment each). */
  retainedThemeCount: number;
  /** Small groups of at most six (src/core/room.ts); defaults to that rule. */
  subgroups?: number | undefined;
  /** Action canvases the small groups fill (src/core/room.ts); defaults to one per group. */
  actionCanvases?: number | undefined;
  /** Flip-chart sheets under the theme posters, for the ideas (src/core/room.ts); defaults to one per theme. */
  ideaSheets?: number | undefined;
  /** False when every offered theme is kept: no vote, no tally poster. */
  vote?: boolean | undefined;
  /** People invited (academy key session.invites); defaults to defaultInvites(participants). */
  invites?: number | undefined;
  /** Copies of gros-caracteres.pdf (academy key gros_caracteres or build --gros-caracteres); 0 or absent: none. */
  largePrint?: number | undefined;
}

/** Share of the invited who come: invite about 1.4 times the seats (DOMAIN, « Documents that go to families »). */
export const INVITES_PER_SEAT = 1.4;

/** Invitations to send for this many seats, rounded up. */
export function defaultInvites(participants: number): number {
  return Math.ceil(Math.round(participants * INVITES_PER_SEAT * 1e6) / 1e6);
}

/** Blank image-rights authorisations in the day's print run, for a parent who comes with a minor without one. */
export const BLANK_AUTHORISATIONS = 2;

export interface QuantityRule {
  fixe?: number | undefined;
  par_participant?: number | undefined;
  par_theme?: number | undefined;
  perRetainedTheme?: number | undefined;
  /** One per small group of at most six. */
  par_sous_groupe?: number | undefined;
  /** One per action canvas the groups fill. */
  perActionCanvas?: number | undefined;
  /** One per flip-chart sheet under a theme poster. */
  par_feuille_sous_affiche?: number | undefined;
}

/** Attendance sheet rows: keep in step with templates/supports.hbs. */
export const ATTENDANCE_ROWS = 18;

function subgroupsOf(size: SessionSize): number {
  return size.subgroups ?? subgroupPlan(size.participants, size.retainedThemeCount).nombre;
}

/** Rounded up: half a block of sticky notes is still a block to buy. */
export function quantity(rule: QuantityRule, size: SessionSize): number {
  const groups = subgroupsOf(size);
  const exact =
    (rule.fixe ?? 0) +
    (rule.par_participant ?? 0) * size.participants +
    (rule.par_theme ?? 0) * size.themes +
    (rule.perRetainedTheme ?? 0) * size.retainedThemeCount +
    (rule.par_sous_groupe ?? 0) * groups +
    (rule.perActionCanvas ?? 0) *
      (size.actionCanvases ?? subgroupPlan(size.participants, size.retainedThemeCount).canevasActions) +
    (rule.par_feuille_sous_affiche ?? 0) * (size.ideaSheets ?? size.themes);
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
  /** What the copies are for, printed in the print plan, with this session's numbers. */
  usage: (size: SessionSize) => string;
  copies: QuantityRule | ((size: SessionSize) => number);
}

const groupsText = (size: SessionSize) => plural(subgroupsOf(size), 'sous-groupe', 'sous-groupes');

/** « d’une feuille de paperboard » or « de 2 feuilles de paperboard » (one poster's share). */
function sheetsText(size: SessionSize): string {
  const sheets = Math.max(1, Math.round((size.ideaSheets ?? size.themes) / Math.max(1, size.themes)));
  return sheets === 1 ? 'd’une feuille de paperboard' : `de ${sheets}\u00a0feuilles de paperboard`;
}

/**
 * The printed supports. Paper and orientation belong to the templates that
 * draw them, so they live with the code rather than in a lab's YAML.
 */
export const SUPPORTS: readonly SupportDefinition[] = [
  // In the order of supports.pdf: the page ranges of the print plan follow it.
  {
    id: 'affiche-theme',
    titre: 'Affiche thématique',
    papier: 'A3',
    orientation: 'paysage',
    usage: (size) => `une par thématique, en tête ${sheetsText(size)}`,
    copies: { par_theme: 1 },
  },
  {
    id: 'mes-3-idees',
    titre: 'Fiche « Mes 3 idées »',
    papier: 'A4',
    orientation: 'portrait',
    usage: () => 'une par participant',
    copies: { par_participant: 1 },
  },
  {
    id: 'vote',
    titre: 'Affiche des scores du vote',
    papier: 'A3',
    orientation: 'paysage',
    usage: () => 'une pour le groupe',
    copies: { fixe: 1 },
  },
  {
    id: 'canevas-engagement',
    titre: 'Canevas d’engagement',
    papier: 'A3',
    orientation: 'paysage',
    usage: () => 'un par thématique retenue, plus un de réserve',
    copies: { perRetainedTheme: 1, fixe: 1 },
  },
  {
    id: 'canevas-actions',
    titre: 'Canevas d’actions',
    papier: 'A3',
    orientation: 'paysage',
    usage: (size) => `un par sous-groupe et par engagement traité (${groupsText(size)}), plus un de réserve`,
    copies: { perActionCanvas: 1, fixe: 1 },
  },
  {
    id: 'rappel-criteres',
    titre: 'Rappel des critères',
    papier: 'A3',
    orientation: 'portrait',
    usage: () => 'un pour le mur, lisible de toute la salle',
    copies: { fixe: 1 },
  },
  {
    id: 'synthese',
    titre: 'Fiche de synthèse',
    papier: 'A4',
    orientation: 'portrait',
    usage: (size) => `une par sous-groupe (${groupsText(size)}), plus une de réserve`,
    copies: { par_sous_groupe: 1, fixe: 1 },
  },
  {
    id: 'pgo-en-bref',
    titre: 'Le PGO en bref',
    papier: 'A4',
    orientation: 'portrait',
    usage: () => 'une par participant, distribuée à l’accueil',
    copies: { par_participant: 1 },
  },
  {
    id: 'emargement',
    titre: 'Feuille d’émargement',
    papier: 'A4',
    orientation: 'portrait',
    usage: () => `${ATTENDANCE_ROWS} lignes par feuille, plus une de réserve`,
    copies: (size) => Math.ceil(size.participants / ATTENDANCE_ROWS) + 1,
  },
  // Added after the first kits: at the end, so that the pages of the others keep their numbers.
  {
    id: 'affiche-deroule',
    titre: 'Affiche du déroulé',
    papier: 'A3',
    orientation: 'portrait',
    usage: () => 'une pour le mur : les horaires des phases',
    copies: { fixe: 1 },
  },
  {
    id: 'avis',
    titre: 'Fiche « Votre avis sur l’atelier »',
    papier: 'A4',
    orientation: 'portrait',
    usage: () => 'une par participant, remplie avant de partir',
    copies: { par_participant: 1 },
  },
  {
    id: 'affiche-engagement',
    titre: 'Affiche « Notre engagement »',
    papier: 'A3',
    orientation: 'paysage',
    usage: () => 'une par thématique retenue, plus une de réserve, remplie au feutre en plénière',
    copies: { perRetainedTheme: 1, fixe: 1 },
  },
];

const invitesOf = (size: SessionSize) => size.invites ?? defaultInvites(size.participants);

/**
 * What goes to families about three weeks ahead, in the order of envoi.pdf:
 * a pack of its own, sent by schools and associations, not the day's print run.
 */
export const FAMILY_DOCUMENTS: readonly SupportDefinition[] = [
  {
    id: 'invitation',
    titre: 'Invitation',
    papier: 'A4',
    orientation: 'portrait',
    usage: () => 'une par personne invitée',
    copies: invitesOf,
  },
  {
    id: 'autorisation-image',
    titre: 'Autorisation de droit à l’image (mineurs) et sa notice',
    papier: 'A4',
    orientation: 'portrait',
    usage: () => 'jointe à chaque invitation : la famille d’un participant mineur la renvoie signée',
    copies: invitesOf,
  },
];

/** Which file a line of the print plan prints from. */
export type PrintFile = 'supports.pdf' | 'envoi.pdf' | 'gros-caracteres.pdf';

export interface PrintLine extends Omit<SupportDefinition, 'id' | 'usage' | 'copies'> {
  id: SupportId | 'gros-caracteres';
  usage: string;
  exemplaires: number;
  /** The file whose pages these are. */
  fichier: PrintFile;
  /** Pages of that file to print, « 1–4 » or « 5 »: the posters take one page per theme, the rest one each. */
  pages: string;
  /** The same pages as numbers (1-based): the first and how many. */
  premierePage: number;
  nombrePages: number;
}

/** The supports this session prints: no tally poster without a vote. */
export function supportsFor(size: Pick<SessionSize, 'vote'>): readonly SupportDefinition[] {
  return size.vote === false ? SUPPORTS.filter((support) => support.id !== 'vote') : SUPPORTS;
}

function lines(definitions: readonly SupportDefinition[], size: SessionSize, fichier: PrintFile): PrintLine[] {
  let next = 1;
  return definitions.map((support) => {
    const count = support.id === 'affiche-theme' ? size.themes : 1;
    const first = next;
    next += count;
    const { usage, copies, ...rest } = support;
    const exemplaires = typeof copies === 'function' ? copies(size) : quantity(copies, size);
    return {
      ...rest,
      usage: usage(size),
      exemplaires,
      fichier,
      pages: count > 1 ? `${first}–${first + count - 1}` : String(first),
      premierePage: first,
      nombrePages: count,
    };
  });
}

/** The day's print run: the room supports, then blank authorisations taken from envoi.pdf. */
export function printPlan(size: SessionSize): PrintLine[] {
  const authorisation = familyPlan(size).find((line) => line.id === 'autorisation-image');
  const blank: PrintLine[] = authorisation
    ? [
        {
          ...authorisation,
          titre: 'Autorisation de droit à l’image, vierge',
          usage: 'pour un parent venu avec un participant mineur sans autorisation signée',
          exemplaires: BLANK_AUTHORISATIONS,
        },
      ]
    : [];
  return [...lines(supportsFor(size), size, 'supports.pdf'), ...blank, ...largePrintPlan(size)];
}

/**
 * The large-print set, on request only: one whole copy of gros-caracteres.pdf
 * (every page, A4 portrait: its sheets flow over as many pages as their text
 * needs, never shrunk) per person who asked for it.
 */
export function largePrintPlan(size: Pick<SessionSize, 'largePrint'>): PrintLine[] {
  const copies = size.largePrint ?? 0;
  if (copies <= 0) return [];
  return [
    {
      id: 'gros-caracteres',
      titre: 'Documents en gros caractères',
      papier: 'A4',
      orientation: 'portrait',
      usage:
        'un jeu complet par personne qui a demandé les gros caractères (invitation, autorisation, Le PGO en bref, Mes 3 idées, critères, avis)',
      // The whole file, whose page count is known only once printed: printed as it is, never in a job of impression/.
      exemplaires: copies,
      fichier: 'gros-caracteres.pdf',
      pages: 'toutes',
      premierePage: 1,
      nombrePages: 0,
    },
  ];
}

/** Thick black markers for the people who read large print: one each. */
export function largePrintMaterial(
  size: Pick<SessionSize, 'largePrint'>,
): { id: string; libelle: string; quantite: number }[] {
  const copies = size.largePrint ?? 0;
  return copies > 0
    ? [
        {
          id: 'feutres-gros-caracteres',
          libelle: 'Feutres noirs épais (pointe large), pour les personnes qui écrivent en gros caractères',
          quantite: copies,
        },
      ]
    : [];
}

/** The pack sent to families about three weeks ahead (envoi.pdf). */
export function familyPlan(size: SessionSize): PrintLine[] {
  return lines(FAMILY_DOCUMENTS, size, 'envoi.pdf');
}

/** Where the print jobs are written, beside the kit. */
export const PRINT_JOB_FOLDER = 'impression';

/**
 * One print job: pages of the same paper, each printed the same number of
 * times, gathered in one file of impression/ so that the printer is set once.
 */
export interface PrintJob {
  /** « impression/A3-1-exemplaire.pdf »: the paper and the copies are in the name. */
  fichier: string;
  /** The same without the folder: « A3-1-exemplaire.pdf ». */
  nom: string;
  papier: Paper;
  /** Copies of each page. */
  exemplaires: number;
  /** The pages it takes, in order: which file and which page (1-based). */
  pages: { fichier: PrintFile; page: number }[];
  /** The supports it holds, by title, in order. */
  contenu: string[];
  /** True for the pack sent to families, a job of its own even with the copies of another. */
  envoi: boolean;
}

/** Copies of each page of a line: the theme posters count one copy per page. */
const copiesPerPage = (line: PrintLine) => Math.ceil(line.exemplaires / line.nombrePages);

/** « A4-16-exemplaires.pdf », « A3-1-exemplaire.pdf », with « envoi- » before the families' pack. */
export function printJobFile(papier: Paper, exemplaires: number, envoi = false): string {
  return `${PRINT_JOB_FOLDER}/${envoi ? 'envoi-' : ''}${papier}-${exemplaires}-${exemplaires === 1 ? 'exemplaire' : 'exemplaires'}.pdf`;
}

/**
 * The print run as jobs: the families' pack as one job (its pages share one
 * number of copies, the invitations'), then the day's pages grouped by
 * paper and copies — A3 before A4, fewer copies first. Every page to print
 * is in exactly one job. Pure.
 */
export function printJobs(plan: readonly PrintLine[], family: readonly PrintLine[]): PrintJob[] {
  const jobs = new Map<string, PrintJob>();
  const add = (line: PrintLine, envoi: boolean) => {
    const exemplaires = envoi ? Math.max(...family.map((entry) => entry.exemplaires)) : copiesPerPage(line);
    const fichier = printJobFile(line.papier, exemplaires, envoi);
    const job = jobs.get(fichier) ?? {
      fichier,
      nom: fichier.slice(PRINT_JOB_FOLDER.length + 1),
      papier: line.papier,
      exemplaires,
      pages: [],
      contenu: [],
      envoi,
    };
    jobs.set(fichier, job);
    for (let page = line.premierePage; page < line.premierePage + line.nombrePages; page++)
      job.pages.push({ fichier: line.fichier, page });
    if (!job.contenu.includes(line.titre)) job.contenu.push(line.titre);
  };
  family.forEach((line) => add(line, true));
  plan.filter((line) => line.fichier !== 'gros-caracteres.pdf').forEach((line) => add(line, false));
  return [...jobs.values()].sort(
    (a, b) => Number(b.envoi) - Number(a.envoi) || a.papier.localeCompare(b.papier) || a.exemplaires - b.exemplaires,
  );
}

/** The job a line of the plan is printed in. */
export function jobOf(line: PrintLine, envoi = false): string {
  return printJobFile(line.papier, envoi ? line.exemplaires : copiesPerPage(line), envoi);
}

export interface MaterialItem {
  id: string;
  libelle: string;
  fixe?: number | undefined;
  par_participant?: number | undefined;
  par_theme?: number | undefined;
  par_sous_groupe?: number | undefined;
  par_feuille_sous_affiche?: number | undefined;
}

export function materialList<T extends MaterialItem>(
  catalogue: readonly T[],
  size: SessionSize,
): (T & { quantite: number })[] {
  return catalogue.map((item) => ({ ...item, quantite: quantity(item, size) }));
}
