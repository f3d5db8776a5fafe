/**
 * Everything the templates show, derived from a loaded academy: clock times,
 * French dates, copies and quantities. Pure: the same model gives the same
 * kit. Every key is present (null when absent) because templates are
 * compiled in strict mode, where a missing key is an error.
 */
import type { AcademyModel } from '../model/load.js';
import { ValidationError, type Issue } from '../errors.js';
import {
  academyTitle,
  contracted,
  countInWords,
  durationInWords,
  withDe,
  formatFrenchDate,
  formatFrenchDay,
  plural,
  withArticle,
  withArticleCapitalised,
} from './french.js';
import { expandPlaceholders, PlaceholderError, type PlaceholderValues } from '../model/placeholders.js';
import {
  ideaZonePlan,
  openingSplit,
  subgroupPlan,
  type IdeaZonePlan,
  type OpeningSplit,
  type SubgroupPlan,
} from './room.js';
import {
  ATTENDANCE_ROWS,
  defaultInvites,
  familyPlan,
  jobOf,
  largePrintMaterial,
  materialList,
  printJobs,
  printPlan,
  SUPPORTS,
  type PrintJob,
  type PrintLine,
} from './print-plan.js';
import { closingNeed, hasVote, reflectionNeed, shortfalls, themeChoiceNeed, type PhaseNeed } from './timing.js';
import { formatClock, formatDuration, parseClock, schedule, totalMinutes } from './schedule.js';
import { fitPoster } from './poster-fit.js';

/** Dots per participant in the vote when the agenda's materials do not say. */
export const DEFAULT_DOTS_PER_PERSON = 3;

/** Neutral colour for a theme that declares none. */
export const DEFAULT_THEME_COLOUR = '#3a3a5c';

export interface KitView {
  slug: string;
  academie: {
    nom: string;
    titre: string;
    region: string | null;
    lab: string | null;
    /** The lab as a sentence names it: « le Lab académique de Créteil »; « le lab de l’académie » without a name. */
    labArticle: string;
    /** The same at the start of a sentence. */
    labArticleMajuscule: string;
    /** After « de »: « du Lab’Lim », « de la Cellule innovation », « du lab de l’académie ». */
    labDe: string;
  };
  session: {
    date: string | null;
    debut: string;
    fin: string;
    lieu: string | null;
    participants: number;
    duree: string;
    /** The length as the invitation says it, after « un atelier »: « de deux heures », « d’une heure et demie ». */
    dureeEnMots: string;
    /** Arrival time, printed on the invitation; null when the academy file does not give it. */
    accueil: string | null;
    adresse: string | null;
    /** Reply date of the invitation, « jeudi 26 novembre 2026 ». */
    reponseAvant: string | null;
    invites: number;
  };
  /** Who families write to, and the RGPD notice of the family documents and the attendance sheet. */
  famille: {
    /** « Camille Martin, lab@example.org »; null when the academy file gives no contact. */
    contact: string | null;
    courriel: string | null;
    /** Whom to write to (withdrawal, rights), after « à »: « à Camille Martin (lab@example.org) », else « au Lab’Lim ». */
    ecrireA: string;
    /** The same after « auprès »: « de Camille Martin (…) », « du lab de l’académie ». */
    aupresDe: string;
    /** Controller of the personal data; the rectorat when the academy file does not say. */
    responsable: string;
    dpo: string | null;
  };
  /** What goes to families three weeks ahead (envoi.pdf), with its copies. */
  envoi: (PrintLine & { tirage: string })[];
  animation: { nom: string; role: string | null }[];
  deroule: {
    id: string;
    titre: string;
    duree: string;
    themesRetenus: number;
    gommettesParPersonne: number;
    /** What the group does with the offered themes, as the invitation says it: « le groupe en retiendra deux ». */
    choixThemes: string;
  };
  /** False when every offered theme is kept: no vote, and the documents drop it. */
  vote: boolean;
  /** Minutes the group needs for the phases whose length depends on it (src/core/timing.ts). */
  besoins: { reflexion: PhaseNeed; selection: PhaseNeed; cloture: PhaseNeed };
  phases: {
    numero: number;
    id: string;
    titre: string;
    format: string;
    duree: string;
    debut: string;
    fin: string;
    objectif: string;
    consignes: string[];
    supports: { id: string; titre: string; papier: string }[];
    materiel: { libelle: string; quantite: number }[];
    conseils: string[];
    /** « Pour ce groupe, comptez 24 min : … » when the phase is shorter than what the group needs (the build warns too); else null. */
    alerte: string | null;
  }[];
  themes: {
    numero: number;
    id: string;
    titre: string;
    themePgo: string;
    couleur: string;
    description: string;
    questions: string[];
    exemples: string[];
    /** Font scales (1 = full size) so that the poster stays on one sheet. */
    echelle: number;
    echelleTitre: number;
  }[];
  criteres: { numero: number; titre: string; description: string; question: string }[];
  /** Small groups of at most six, with a sentence for the run sheet. */
  sousGroupes: SubgroupPlan & { resume: string; repartition: string };
  /** Sticky notes expected on the busiest theme poster, and what to buy. */
  zoneIdees: IdeaZonePlan & { conseil: string };
  /** The opening's minutes, the same in the run sheet, the tips and the guide; null without an « accueil » phase. */
  ouverture: OpeningSplit | null;
  /** The academy's dated next steps. */
  suites: { date: string; etape: string }[];
  /** The day's print run, each line with the file of impression/ it is printed from. */
  impression: (PrintLine & { tirage: string })[];
  /** The files of impression/: one per paper and number of copies (src/core/print-plan.ts). */
  tirages: PrintJob[];
  /** Rows of one attendance sheet (the print plan counts sheets from it). */
  emargementLignes: number;
  feuilles: { A3: number; A4: number };
  materiel: { id: string; libelle: string; quantite: number }[];
  /** Copies of gros-caracteres.pdf; 0: not requested, not written. */
  grosCaracteres: number;
  contribution: { url: string; qr: string } | null;
  /** URLs of the lab's own logo and font, when its academy file names them. */
  identite: { logo: string | null; police: string | null };
}

/** How every document names its academy: official name, « Académie de … », région, lab. */
export function academyHeader(academy: AcademyModel['academy']): KitView['academie'] {
  return {
    nom: academy.academie,
    titre: academyTitle(academy.academie),
    region: academy.region_academique ?? null,
    lab: academy.lab ?? null,
    labArticle: academy.lab ? withArticle(academy.lab) : 'le lab de l’académie',
    labArticleMajuscule: academy.lab ? withArticleCapitalised(academy.lab) : 'Le lab de l’académie',
    labDe: contracted('de', academy.lab ? withArticle(academy.lab) : 'le lab de l’académie'),
  };
}

/** The controller named by the RGPD notice when the academy file does not say: the rectorat. */
export function defaultController(academie: string): string {
  return `Rectorat de l’académie ${withDe(academie)}`;
}

/** `assetUrl` turns a workspace-relative path into the URL documents load it from. */
export function deriveKit(
  model: AcademyModel,
  qrSvg?: string,
  assetUrl: (relative: string) => string = (relative) => relative,
): KitView {
  const { academy, agenda } = model;
  const timed = schedule(academy.session.debut, model.phases);
  const first = timed[0]?.start ?? 0;
  const last = timed[timed.length - 1]?.end ?? first;
  // A group offered fewer themes than the agenda keeps keeps them all.
  const retainedThemeCount = Math.max(1, Math.min(model.themes.length, agenda.themes_retenus));
  const groups = subgroupPlan(academy.session.participants, retainedThemeCount);
  const zone = ideaZonePlan(academy.session.participants, model.themes.length);
  const vote = hasVote({ themes: model.themes.length, retainedThemeCount: agenda.themes_retenus });
  const size = {
    participants: academy.session.participants,
    themes: model.themes.length,
    retainedThemeCount,
    subgroups: groups.nombre,
    actionCanvases: groups.canevasActions,
    ideaSheets: zone.feuilles,
    vote,
    invites: academy.session.invites ?? defaultInvites(academy.session.participants),
    largePrint: academy.gros_caracteres ?? 0,
  };
  const needs = {
    reflexion: reflectionNeed(size),
    selection: themeChoiceNeed({ ...size, retainedThemeCount: agenda.themes_retenus }),
    cloture: closingNeed(size),
  };
  // The same shortfalls as the build's warnings, printed on the run sheet for whoever reads it on paper.
  const alerts = new Map(
    shortfalls(model.phases, { ...size, retainedThemeCount: agenda.themes_retenus }).map((shortfall) => [
      shortfall.phaseId,
      `Pour ce groupe, comptez ${shortfall.necessaires} min au lieu de ${shortfall.prevues} : ${shortfall.need.parts.map((part) => `${part.minutes} min pour ${part.libelle}`).join(', ')}. Allongez la phase dans « durees » ou prévoyez quoi raccourcir.`,
    ]),
  );
  const minutesOf = (need: PhaseNeed, id: string) => need.parts.find((part) => part.id === id)?.minutes ?? 0;
  const opening = model.phases.find((phase) => phase.id === 'accueil');
  const split = opening ? openingSplit(opening.duree) : null;
  const dots = agenda.materiel.find((item) => item.id === 'gommettes')?.par_participant ?? DEFAULT_DOTS_PER_PERSON;
  const values: PlaceholderValues = {
    participants: academy.session.participants,
    sous_groupes: groups.nombre,
    taille_sous_groupe: groups.tailleMax,
    gommettes: dots,
    themes: model.themes.length,
    themes_retenus: retainedThemeCount,
    format_post_it: zone.format,
    idees_par_affiche: zone.plusFournie,
    feuilles_par_affiche: zone.feuillesParAffiche,
    tour_affiches: minutesOf(needs.reflexion, 'tour'),
    regroupement: minutesOf(needs.selection, 'fusion'),
    duree_vote: minutesOf(themeChoiceNeed({ ...size, retainedThemeCount: 0 }), 'vote'),
    comptage: minutesOf(themeChoiceNeed({ ...size, retainedThemeCount: 0 }), 'comptage'),
    ...(split
      ? { ouverture_accueil: split.accueil, ouverture_pgo: split.pgo, ouverture_programme: split.programme }
      : {}),
  };
  const agendaFile = `agendas/${agenda.id}.yaml`;
  const expand = (text: string, where: string, duree?: number) =>
    expandAt(text, duree === undefined ? values : { ...values, duree }, agendaFile, where);
  // Without a vote, what only the vote used (the dots) is not bought.
  const used = new Set(model.phases.flatMap((phase) => phase.materiel));
  const materials = materialList(agenda.materiel, size)
    .map((item, index) => ({ ...item, libelle: expand(item.libelle, `materiel[${index}].libelle`) }))
    .filter((item) => vote || used.has(item.id));
  const supportTitle = new Map(SUPPORTS.map((support) => [support.id, support]));
  // Every support is one sheet per copy (the theme posters: one per theme).
  const plan = printPlan(size);
  const family = familyPlan(size);

  return {
    slug: model.slug,
    academie: academyHeader(academy),
    session: {
      date: academy.session.date ? formatFrenchDate(academy.session.date) : null,
      debut: formatClock(first),
      fin: formatClock(last),
      lieu: academy.session.lieu ?? null,
      participants: academy.session.participants,
      duree: formatDuration(totalMinutes(model.phases)),
      dureeEnMots: withDe(durationInWords(totalMinutes(model.phases))),
      accueil: academy.session.accueil ? formatClock(parseClock(academy.session.accueil)) : null,
      adresse: academy.session.adresse ?? null,
      reponseAvant: academy.session.reponse_avant ? formatFrenchDate(academy.session.reponse_avant) : null,
      invites: size.invites,
    },
    famille: familyView(academy),
    envoi: family.map((line) => ({ ...line, tirage: jobOf(line, true) })),
    animation: academy.animation.map((person) => ({ nom: person.nom, role: person.role ?? null })),
    deroule: {
      id: agenda.id,
      titre: agenda.titre,
      duree: formatDuration(agenda.duree),
      themesRetenus: retainedThemeCount,
      // The vote follows the agenda's dot stickers, so the poster and the shopping list agree.
      gommettesParPersonne: dots,
      choixThemes: themeChoice(model.themes.length, agenda.themes_retenus),
    },
    vote,
    besoins: needs,
    phases: timed.map(({ phase, start, end }, index) => ({
      numero: index + 1,
      id: phase.id,
      titre: phase.titre,
      format: phase.format,
      duree: formatDuration(phase.duree),
      debut: formatClock(start),
      fin: formatClock(end),
      objectif: phase.objectif,
      consignes: phase.consignes.map((text, item) => expand(text, `phases[${index}].consignes[${item}]`, phase.duree)),
      supports: phase.supports.map((id) => {
        const support = supportTitle.get(id);
        return { id, titre: support?.titre ?? id, papier: support?.papier ?? 'A4' };
      }),
      materiel: phase.materiel.flatMap((id) => {
        const item = materials.find((m) => m.id === id);
        return item ? [{ libelle: item.libelle, quantite: item.quantite }] : [];
      }),
      conseils: phase.conseils.map((text, item) => expand(text, `phases[${index}].conseils[${item}]`, phase.duree)),
      alerte: alerts.get(phase.id) ?? null,
    })),
    themes: model.themes.map((theme, index) => ({
      numero: index + 1,
      id: theme.id,
      titre: theme.titre,
      themePgo: theme.theme_pgo,
      couleur: theme.couleur ?? DEFAULT_THEME_COLOUR,
      description: theme.description,
      questions: theme.questions,
      exemples: theme.exemples ?? [],
      ...(({ echelle, echelleTitre }) => ({ echelle, echelleTitre }))(fitPoster(theme)),
    })),
    criteres: agenda.criteres.map((criterion, index) => ({ numero: index + 1, ...criterion })),
    sousGroupes: { ...groups, ...describeGroups(groups) },
    zoneIdees: { ...zone, conseil: ideaZoneAdvice(zone, vote) },
    ouverture: split,
    suites: academy.suites.map((step) => ({ date: formatFrenchDay(step.date), etape: step.etape })),
    // The large-print set is printed from its own file.
    impression: plan.map((line) => ({
      ...line,
      tirage: line.fichier === 'gros-caracteres.pdf' ? line.fichier : jobOf(line),
    })),
    tirages: printJobs(plan, family),
    emargementLignes: ATTENDANCE_ROWS,
    feuilles: {
      // One sheet per copy; the large-print set has as many pages as its text needs, counted apart.
      A3: plan
        .filter((line) => line.papier === 'A3' && line.fichier !== 'gros-caracteres.pdf')
        .reduce((sum, line) => sum + line.exemplaires, 0),
      A4: plan
        .filter((line) => line.papier === 'A4' && line.fichier !== 'gros-caracteres.pdf')
        .reduce((sum, line) => sum + line.exemplaires, 0),
    },
    materiel: [
      ...materials.map((item) => ({ id: item.id, libelle: item.libelle, quantite: item.quantite })),
      ...largePrintMaterial(size),
    ],
    grosCaracteres: size.largePrint,
    contribution: academy.contribution_url && qrSvg ? { url: academy.contribution_url, qr: qrSvg } : null,
    identite: {
      logo: model.identity.logo ? assetUrl(model.identity.logo) : null,
      police: model.identity.police ? assetUrl(model.identity.police) : null,
    },
  };
}

/** Who families write to, and the RGPD notice's controller and DPO. */
export function familyView(academy: AcademyModel['academy']): KitView['famille'] {
  return {
    contact: [academy.contact?.nom, academy.contact?.courriel].filter(Boolean).join(', ') || null,
    courriel: academy.contact?.courriel ?? null,
    ecrireA: contracted('à', writeTo(academy)),
    aupresDe: contracted('de', writeTo(academy)),
    responsable: academy.donnees_personnelles?.responsable ?? defaultController(academy.academie),
    dpo: academy.donnees_personnelles?.dpo ?? null,
  };
}

/** The named contact families write to, else the lab with its article. */
export function writeTo(academy: AcademyModel['academy']): string {
  const { nom, courriel } = academy.contact ?? {};
  if (nom && courriel) return `${nom} (${courriel})`;
  return nom ?? courriel ?? academyHeader(academy).labArticle;
}

/** « le groupe en retiendra deux »; with no more themes than it keeps, the group takes them all. */
export function themeChoice(offered: number, retainedThemeCount: number): string {
  if (offered > retainedThemeCount) return `le groupe en retiendra ${countInWords(retainedThemeCount, true)}`;
  return offered === 1 ? 'le groupe y travaillera' : 'le groupe les travaillera toutes';
}

/** Expands a text's placeholders; a placeholder with no value here is located in the agenda file. */
function expandAt(text: string, values: PlaceholderValues, file: string, where: string): string {
  try {
    return expandPlaceholders(text, values);
  } catch (error) {
    if (!(error instanceof PlaceholderError)) throw error;
    const issue: Issue = { file, path: where, message: error.message, severity: 'error' };
    throw new ValidationError([issue]);
  }
}

/** « 4 sous-groupes de 6 personnes » and « 2 sur chaque engagement » / « 2 sur l’engagement 1, 1 sur l’engagement 2 ». */
export function describeGroups(groups: SubgroupPlan): { resume: string; repartition: string } {
  const sizes =
    groups.tailleMin === groups.tailleMax ? `${groups.tailleMax}` : `${groups.tailleMin} ou ${groups.tailleMax}`;
  const resume = `${plural(groups.nombre, 'sous-groupe', 'sous-groupes')} de ${sizes}\u00a0${groups.tailleMax < 2 ? 'personne' : 'personnes'}`;
  const counts = groups.parEngagement;
  let repartition: string;
  if (groups.nombre < counts.length)
    repartition =
      groups.nombre === 1
        ? 'le groupe traite les engagements l’un après l’autre'
        : 'certains sous-groupes traitent deux engagements l’un après l’autre';
  else if (counts.length === 1)
    repartition = `${plural(counts[0] ?? 1, 'sous-groupe', 'sous-groupes')} sur l’engagement`;
  else if (counts.every((count) => count === counts[0])) repartition = `${counts[0] ?? 1} sur chaque engagement`;
  else repartition = counts.map((count, index) => `${count} sur l’engagement ${index + 1}`).join(', ');
  return { resume, repartition };
}

export function ideaZoneAdvice(zone: IdeaZonePlan, vote = true): string {
  return `environ ${plural(zone.attendues, 'post-it', 'post-it')} par affiche, jusqu’à ${zone.plusFournie} sur la plus fournie ; au feutre et au format ${zone.format}, pour être lus à 2 m. À côté de son texte, une affiche A3 n’en tiendrait que ${zone.capaciteA3}${vote ? ' avec la place des gommettes' : ''} : fixez chaque affiche en tête ${zone.feuillesParAffiche === 1 ? 'd’une feuille' : `de ${zone.feuillesParAffiche}\u00a0feuilles`} de paperboard, où se collent les post-it (${plural(zone.feuilles, 'feuille', 'feuilles')} en tout, ${zone.capacitePaperboard} post-it par feuille).`;
}
