/**
 * Everything the templates show, derived from a loaded academy: clock times,
 * French dates, copies and quantities. Pure: the same model gives the same
 * kit. Every key is present (null when absent) because templates are
 * compiled in strict mode, where a missing key is an error.
 */
import type { AcademyModel } from '../model/load.js';
import { academyTitle, formatFrenchDate } from './french.js';
import { materialList, printPlan, SUPPORTS, type PrintLine } from './print-plan.js';
import { formatClock, formatDuration, schedule, totalMinutes } from './schedule.js';
import { fitPoster } from './poster-fit.js';

/** Dots per participant in the vote when the agenda's materials do not say. */
export const DEFAULT_DOTS_PER_PERSON = 3;

/** Neutral colour for a theme that declares none. */
export const DEFAULT_THEME_COLOUR = '#3a3a5c';

export interface KitView {
  slug: string;
  academie: { nom: string; titre: string; region: string | null; lab: string | null };
  session: {
    date: string | null;
    debut: string;
    fin: string;
    lieu: string | null;
    participants: number;
    duree: string;
  };
  animation: { nom: string; role: string | null }[];
  deroule: { id: string; titre: string; duree: string; themesRetenus: number; gommettesParPersonne: number };
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
  impression: PrintLine[];
  feuilles: { A3: number; A4: number };
  materiel: { id: string; libelle: string; quantite: number }[];
  contribution: { url: string; qr: string } | null;
  /** URLs of the lab's own logo and font, when its academy file names them. */
  identite: { logo: string | null; police: string | null };
}

/** `assetUrl` turns a workspace-relative path into the URL documents load it from. */
export function deriveKit(model: AcademyModel, qrSvg?: string, assetUrl: (relative: string) => string = (relative) => relative): KitView {
  const { academy, agenda } = model;
  const timed = schedule(academy.session.debut, model.phases);
  const first = timed[0]?.start ?? 0;
  const last = timed[timed.length - 1]?.end ?? first;
  const size = { participants: academy.session.participants, themes: model.themes.length, retainedThemes: agenda.themes_retenus };
  const materials = materialList(agenda.materiel, size);
  const supportTitle = new Map(SUPPORTS.map((support) => [support.id, support]));
  // Every support is one sheet per copy (the theme posters: one per theme).
  const plan = printPlan(size);

  return {
    slug: model.slug,
    academie: {
      nom: academy.academie,
      titre: academyTitle(academy.academie),
      region: academy.region_academique ?? null,
      lab: academy.lab ?? null,
    },
    session: {
      date: academy.session.date ? formatFrenchDate(academy.session.date) : null,
      debut: formatClock(first),
      fin: formatClock(last),
      lieu: academy.session.lieu ?? null,
      participants: academy.session.participants,
      duree: formatDuration(totalMinutes(model.phases)),
    },
    animation: academy.animation.map((person) => ({ nom: person.nom, role: person.role ?? null })),
    deroule: {
      id: agenda.id,
      titre: agenda.titre,
      duree: formatDuration(agenda.duree),
      themesRetenus: agenda.themes_retenus,
      // The vote follows the agenda's dot stickers, so the poster and the shopping list agree.
      gommettesParPersonne: agenda.materiel.find((item) => item.id === 'gommettes')?.par_participant ?? DEFAULT_DOTS_PER_PERSON,
    },
    phases: timed.map(({ phase, start, end }, index) => ({
      numero: index + 1,
      id: phase.id,
      titre: phase.titre,
      format: phase.format,
      duree: formatDuration(phase.duree),
      debut: formatClock(start),
      fin: formatClock(end),
      objectif: phase.objectif,
      consignes: phase.consignes,
      supports: phase.supports.map((id) => {
        const support = supportTitle.get(id);
        return { id, titre: support?.titre ?? id, papier: support?.papier ?? 'A4' };
      }),
      materiel: phase.materiel.flatMap((id) => {
        const item = materials.find((m) => m.id === id);
        return item ? [{ libelle: item.libelle, quantite: item.quantite }] : [];
      }),
      conseils: phase.conseils,
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
    impression: plan,
    feuilles: {
      A3: plan.filter((line) => line.papier === 'A3').reduce((sum, line) => sum + line.exemplaires, 0),
      A4: plan.filter((line) => line.papier === 'A4').reduce((sum, line) => sum + line.exemplaires, 0),
    },
    materiel: materials.map((item) => ({ id: item.id, libelle: item.libelle, quantite: item.quantite })),
    contribution: academy.contribution_url && qrSvg ? { url: academy.contribution_url, qr: qrSvg } : null,
    identite: {
      logo: model.identity.logo ? assetUrl(model.identity.logo) : null,
      police: model.identity.police ? assetUrl(model.identity.police) : null,
    },
  };
}
