/**
 * What is worth saying about valid files but does not stop a build: phases
 * that no longer add up, text too long for its poster, a session past
 * midnight, characters the documents' font cannot draw, a commitment that
 * fails a criterion on its face or that Decidim would refuse. Each warning is
 * said where its text is written (src/model keeps the positions). Pure, but
 * for the shipped font's character map, read once (src/model/glyph-coverage.ts).
 *
 * src/load.ts adds these to what src/model loads; see docs/architecture.md.
 */
import type { Issue } from '../errors.js';
import { describeCharacter, missingGlyphs } from '../model/glyph-coverage.js';
import { locate, type AcademyModel, type SourceFile } from '../model/load.js';
import type { RestitutionModel } from '../model/restitution-load.js';
import type { ThemeConfig } from '../model/schemas.js';
import type { PathSegment } from '../model/yaml-source.js';
import { frenchList } from './french.js';
import { fitPoster, limitOf, TITLE_FIT } from './poster-fit.js';
import { draftReasons } from './draft.js';
import { commitmentFaceProblems, decidimProposals, proposalProblems } from './restitution.js';
import { formatClock, parseClock, totalMinutes } from './schedule.js';
import { subgroupPlan } from './room.js';
import { shortfalls } from './timing.js';

/** The phases no longer add up to the agenda's nominal duration: said where the durations were changed. */
function durationWarnings(model: AcademyModel): Issue[] {
  const total = totalMinutes(model.phases);
  if (total === model.agenda.duree) return [];
  const message = `la durée totale des phases (${total} min) diffère de la durée prévue par le déroulé « ${model.agenda.id} » (${model.agenda.duree} min)`;
  return Object.keys(model.academy.durees).length > 0
    ? [locate(model.sources.academy, { path: ['durees'], key: true, message }, 'warning')]
    : [locate(model.sources.agenda, { path: ['duree'], message }, 'warning')];
}

/** Text too long for its poster even at the smallest size: said in the file the text comes from. */
function posterWarnings(model: AcademyModel, theme: ThemeConfig): Issue[] {
  const { academy } = model;
  const source = model.sources.themes.get(theme.id);
  const fit = fitPoster(theme);
  const hidden =
    fit.hidden.length > 0
      ? [
          {
            field: 'titre' as const,
            message: `titre trop long pour l’affiche : ses lignes en plus cacheraient ${frenchList(fit.hidden)} — raccourcissez le titre (${limitOf(TITLE_FIT)} caractères au plus) ou le texte`,
          },
        ]
      : [];
  const tooLong = fit.excess
    // A title that hides text is said once, with what it hides.
    .filter((excess) => !(excess.field === 'titre' && hidden.length > 0))
    .map((excess) => {
      const what =
        excess.field === 'titre'
          ? 'titre trop long pour l’affiche'
          : 'texte trop long pour l’affiche (description, questions et exemples)';
      return {
        field: excess.field === 'titre' ? ('titre' as const) : ('description' as const),
        message: `${what} : ${excess.length} caractères, ${excess.limit} au plus — au-delà, le texte serait coupé`,
      };
    });
  return [...hidden, ...tooLong].flatMap(({ field, message }) => {
    const localIndex = academy.themes_locaux.findIndex((local) => local.id === theme.id);
    const modified = Object.hasOwn(academy.modifications, theme.id) ? academy.modifications[theme.id] : undefined;
    if (localIndex >= 0)
      return [locate(model.sources.academy, { path: ['themes_locaux', localIndex, field], message }, 'warning')];
    if (modified && Object.keys(modified).length > 0)
      return [locate(model.sources.academy, { path: ['modifications', theme.id], key: true, message }, 'warning')];
    return source ? [locate(source, { path: [field], message }, 'warning')] : [];
  });
}

/** A phase too short for the group (poster tour, theme choice, closing): said where its duration is set, with the number that breaks it. */
function timingWarnings(model: AcademyModel): Issue[] {
  const { academy, agenda } = model;
  const themes = model.themes.length;
  const retainedThemeCount = Math.max(1, Math.min(themes, agenda.themes_retenus));
  const size = {
    participants: academy.session.participants,
    themes,
    retainedThemeCount: agenda.themes_retenus,
    subgroups: subgroupPlan(academy.session.participants, retainedThemeCount).nombre,
  };
  return shortfalls(model.phases, size).map((shortfall) => {
    const index = agenda.phases.findIndex((phase) => phase.id === shortfall.phaseId);
    return Object.hasOwn(academy.durees, shortfall.phaseId)
      ? locate(model.sources.academy, { path: ['durees', shortfall.phaseId], message: shortfall.message }, 'warning')
      : locate(model.sources.agenda, { path: ['phases', index, 'duree'], message: shortfall.message }, 'warning');
  });
}

/** A session that ends after midnight is almost always a wrong start time or duration. */
function midnightWarnings(model: AcademyModel): Issue[] {
  const end = parseClock(model.academy.session.debut) + totalMinutes(model.phases);
  if (end <= 24 * 60) return [];
  const message = `la session se terminerait après minuit (à ${formatClock(end)} le lendemain) : vérifiez l’heure de début et les durées`;
  const academy = model.sources.academy;
  return [
    locate(
      academy,
      { path: academy.parsed.has(['session', 'debut']) ? ['session', 'debut'] : ['durees'], message },
      'warning',
    ),
  ];
}

/** Texts with characters the documents' font cannot draw, said where they are written. */
function glyphWarnings(source: SourceFile): Issue[] {
  const warnings: Issue[] = [];
  const visit = (value: unknown, at: PathSegment[]) => {
    if (warnings.length >= 20) return;
    if (typeof value === 'string') {
      const missing = missingGlyphs(value);
      if (missing.length === 0) return;
      const listed = missing.map(describeCharacter).join(', ');
      const message = `${missing.length > 1 ? 'caractères' : 'caractère'} ${listed} absent${missing.length > 1 ? 's' : ''} de la police des documents : imprimé${missing.length > 1 ? 's' : ''} avec une autre police, ou comme un carré vide`;
      warnings.push(locate(source, { path: at, message }, 'warning'));
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...at, index]));
    else if (value && typeof value === 'object')
      for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...at, key]);
  };
  visit(source.parsed.data, []);
  return warnings;
}

/** A path and message, located in the academy file by the caller. */
export interface FamilyProblem {
  path: PathSegment[];
  key?: boolean;
  message: string;
}

/**
 * What the family documents (envoi.pdf) and the attendance sheet's notice
 * need and the academy file does not give: one warning per group of keys,
 * at the group, naming each missing key. Those lines are left out of the
 * documents, never printed blank. Pure.
 */
export function familyProblems(academy: AcademyModel['academy']): FamilyProblem[] {
  const problems: FamilyProblem[] = [];
  const missing = (group: string, entries: [string, string, unknown][]) =>
    entries.filter(([, , value]) => value === undefined).map(([key, words]) => `${words} (${group}.${key})`);
  const these = (count: number) => (count > 1 ? 'ajoutez ces clés' : 'ajoutez cette clé');
  const session = missing('session', [
    ['date', 'la date', academy.session.date],
    ['accueil', 'l’heure d’accueil', academy.session.accueil],
    ['adresse', 'l’adresse complète', academy.session.adresse],
    ['reponse_avant', 'la date limite de réponse', academy.session.reponse_avant],
  ]);
  if (session.length > 0) {
    problems.push({
      path: ['session'],
      key: true,
      message: `l’invitation (envoi.pdf) ne donnera pas ${frenchList(session)} : ${these(session.length)} pour les familles`,
    });
  }
  const contact = missing('contact', [
    ['nom', 'le nom', academy.contact?.nom],
    ['courriel', 'l’adresse électronique', academy.contact?.courriel],
  ]);
  if (contact.length > 0) {
    problems.push({
      path: ['contact'],
      key: true,
      message: `l’invitation et l’autorisation de droit à l’image ne donnent pas ${frenchList(contact)} de la personne à contacter, pour répondre ou retirer une autorisation : ${these(contact.length)}`,
    });
  }
  const rgpd = missing('donnees_personnelles', [
    ['responsable', 'le responsable du traitement', academy.donnees_personnelles?.responsable],
    ['dpo', 'le contact du délégué à la protection des données de l’académie', academy.donnees_personnelles?.dpo],
  ]);
  if (rgpd.length > 0) {
    const fallback =
      academy.donnees_personnelles?.responsable === undefined ? ' (à défaut, le rectorat est nommé responsable)' : '';
    problems.push({
      path: ['donnees_personnelles'],
      key: true,
      message: `la notice sur les données personnelles de l’autorisation de droit à l’image ne donne pas ${frenchList(rgpd)}${fallback} : ${these(rgpd.length)}`,
    });
  }
  if (academy.session.accueil && parseClock(academy.session.accueil) > parseClock(academy.session.debut)) {
    problems.push({
      path: ['session', 'accueil'],
      message: `l’heure d’accueil (${academy.session.accueil}) est après l’heure de début (${academy.session.debut})`,
    });
  }
  if (academy.session.reponse_avant && academy.session.date && academy.session.reponse_avant >= academy.session.date) {
    problems.push({
      path: ['session', 'reponse_avant'],
      message: `la date limite de réponse (${academy.session.reponse_avant}) n’est pas avant la session (${academy.session.date})`,
    });
  }
  return problems;
}

/** What the family documents lack, located in the academy file: said once the file is valid, not beside its errors. */
export function familyWarnings(model: AcademyModel): Issue[] {
  return familyProblems(model.academy).map((problem) => locate(model.sources.academy, problem, 'warning'));
}

/** A word longer than this, with no space (a token, a pasted address), is cut wherever a line ends in the PDFs. */
export const LONG_WORD = 80;
/** A title longer than this fills its page rather than naming it. */
export const LONG_TITLE = 1_000;

/**
 * Texts of an absurd length: the PDFs still keep them inside the page (the
 * shared styles break any word at the line's end), but the lab should know.
 */
function lengthWarnings(source: SourceFile): Issue[] {
  const warnings: Issue[] = [];
  const count = (n: number) => n.toLocaleString('fr-FR');
  const visit = (value: unknown, at: PathSegment[]) => {
    if (warnings.length >= 20) return;
    if (typeof value === 'string') {
      const word = value.split(/\s+/).reduce((longest, each) => (each.length > longest.length ? each : longest), '');
      if (at.at(-1) === 'titre' && value.length > LONG_TITLE) {
        warnings.push(
          locate(
            source,
            {
              path: at,
              message: `titre de ${count(value.length)} caractères : raccourcissez-le (${count(LONG_TITLE)} au plus), il remplirait sa page dans les PDF`,
            },
            'warning',
          ),
        );
      } else if (word.length > LONG_WORD) {
        warnings.push(
          locate(
            source,
            {
              path: at,
              message: `mot de ${count(word.length)} caractères sans espace (« ${word.slice(0, 24)}… ») : il sera coupé en fin de ligne dans les PDF`,
            },
            'warning',
          ),
        );
      }
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...at, index]));
    else if (value && typeof value === 'object')
      for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...at, key]);
  };
  visit(source.parsed.data, []);
  return warnings;
}

/** An academy's warnings, in the order a lab reads its files: durations, posters, clock, font. */
export function academyWarnings(model: AcademyModel): Issue[] {
  const { sources } = model;
  return [
    ...durationWarnings(model),
    ...timingWarnings(model),
    ...model.themes.flatMap((theme) => posterWarnings(model, theme)),
    ...midnightWarnings(model),
    // A lab's own font may draw what Source Sans 3 cannot: only the shipped font is known here.
    ...(model.identity.police
      ? []
      : [
          sources.academy,
          sources.agenda,
          ...model.themes.flatMap((theme) => sources.themes.get(theme.id) ?? []),
        ].flatMap(glyphWarnings)),
    ...[sources.academy, ...model.themes.flatMap((theme) => sources.themes.get(theme.id) ?? [])].flatMap(
      lengthWarnings,
    ),
  ];
}

/** A restitution's warnings: what a commitment fails on its face, and what Decidim would refuse. */
export function restitutionWarnings(model: RestitutionModel): Issue[] {
  const { slug, restitution, academy, source } = model;
  const warnings: Issue[] = lengthWarnings(source);
  const proposals = decidimProposals({ slug, restitution, academy });
  (restitution.engagements ?? []).forEach((commitment, index) => {
    for (const problem of commitmentFaceProblems(commitment)) {
      warnings.push(
        locate(
          source,
          { path: ['engagements', index, ...problem.path], key: problem.key ?? false, message: problem.message },
          'warning',
        ),
      );
    }
    const proposal = proposals[index];
    if (!proposal) return;
    for (const problem of proposalProblems(proposal)) {
      const where: PathSegment[] = problem.field === 'titre' ? ['engagements', index, 'titre'] : ['engagements', index];
      warnings.push(
        locate(source, { path: where, key: problem.field !== 'titre', message: problem.message }, 'warning'),
      );
    }
  });
  return warnings;
}

/** Why a restitution is a draft (src/core/draft.ts), each reason located. */
export function restitutionDraft(model: RestitutionModel): Issue[] {
  return draftReasons(model.restitution).map((reason) =>
    locate(model.source, { path: reason.path, key: reason.key ?? false, message: reason.message }),
  );
}
