/**
 * What a validated restitution gives: attendance totals, theme scores, the
 * commitments as OGP commitment sheets, the engagements export (JSON and
 * CSV) and the Decidim proposals. Pure: the same restitution gives the same
 * documents. Template views have every key present (null when absent),
 * since templates are compiled in strict mode.
 */
import type { AcademyModel } from '../model/load.js';
import {
  CRITERIA,
  CRITERION_LABELS,
  LEGACY_VALUE,
  OGP_VALUES,
  OGP_VALUE_LABELS,
  PARTNER_STATUS_LABELS,
  PROFILES,
  PROFILE_LABELS,
  VALUES,
  VALUE_LABELS,
  VERDICT_LABELS,
  type CommitmentConfig,
  type EngagementExport,
  type EngagementsFile,
  type Profile,
  type RestitutionConfig,
  type Value,
  type Verdict,
} from '../model/restitution-schema.js';
import { toCsv } from './csv.js';
import { bodyProblems, decidimHtml, titleProblems, type DecidimProposal } from './decidim.js';
import { isBlank } from './draft.js';
import { academyTitle, formatFrenchDate, MONTHS, plural } from './french.js';
import { academyHeader, DEFAULT_THEME_COLOUR } from './kit.js';
import { frenchTypography } from './typography.js';

/** What core needs of a loaded restitution (see src/model/restitution-load.ts). */
export interface RestitutionInput {
  slug: string;
  restitution: RestitutionConfig;
  academy: Pick<AcademyModel, 'academy' | 'themes' | 'identity'>;
}

/** `2027-06` → « juin 2027 »; `2027-06-15` → « 15 juin 2027 ». */
export function formatMonthOrDate(value: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return value;
  const month = MONTHS[Number(match[2]) - 1] ?? match[2];
  if (!match[3]) return `${month} ${match[1]}`;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

/**
 * Negative when `a` is before `b`. A month compares with a day of the same
 * month as equal: « 2027-06 » neither precedes nor follows « 2027-06-15 ».
 */
export function compareMonthOrDate(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length).localeCompare(b.slice(0, length));
}

/* ——— Attendance and theme scores ——— */

export interface Attendance {
  rows: { id: Profile; libelle: string; nombre: number }[];
  total: number;
}

export function attendance(presents: RestitutionConfig['presents']): Attendance {
  const rows = PROFILES.map((id) => ({ id, libelle: PROFILE_LABELS[id], nombre: presents?.[id] ?? 0 }));
  return { rows, total: rows.reduce((sum, row) => sum + row.nombre, 0) };
}

export interface ThemeScore {
  id: string;
  titre: string;
  couleur: string;
  idees: { texte: string; gommettes: number }[];
  gommettes: number;
  retenu: boolean;
}

/**
 * One score per offered theme, in the academy's order: the dots its ideas
 * received. Ideas are listed most dotted first (ties keep the file's order).
 */
export function themeScores(input: RestitutionInput): ThemeScore[] {
  const retainedThemeIds = new Set(input.restitution.themes_retenus ?? []);
  return input.academy.themes.map((theme) => {
    const ideas = (input.restitution.idees?.[theme.id] ?? []).map((idea) => ({
      texte: idea.texte,
      gommettes: idea.gommettes ?? 0,
    }));
    const sorted = ideas
      .map((idea, index) => ({ idea, index }))
      .sort((a, b) => b.idea.gommettes - a.idea.gommettes || a.index - b.index)
      .map(({ idea }) => idea);
    return {
      id: theme.id,
      titre: theme.titre,
      couleur: theme.couleur ?? DEFAULT_THEME_COLOUR,
      idees: sorted,
      gommettes: ideas.reduce((sum, idea) => sum + idea.gommettes, 0),
      retenu: retainedThemeIds.has(theme.id),
    };
  });
}

/* ——— Bar chart, drawn at build time ——— */

export interface Bar {
  label: string;
  value: number;
  highlighted: boolean;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Greedy word wrap for SVG labels, which do not wrap by themselves. */
export function wrapWords(text: string, width: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''}…`;
  return kept;
}

/**
 * A horizontal bar chart as inline SVG (no script, no network): one bar per
 * label, highlighted bars in the accent colour, the value written after
 * each bar. Units are millimetres of the printed page.
 */
export function barChartSvg(
  bars: readonly Bar[],
  options: { title: string; unit: [string, string]; width?: number },
): string {
  const width = options.width ?? 170;
  const labelWidth = 62;
  const valueWidth = 26;
  const barArea = width - labelWidth - valueWidth;
  const rowHeight = 11;
  const height = Math.max(1, bars.length) * rowHeight + 2;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rows = bars.map((bar, index) => {
    const y = 1 + index * rowHeight;
    const length = (bar.value / max) * barArea;
    const lines = wrapWords(frenchTypography(bar.label), 34);
    const firstBaseline = y + rowHeight / 2 + 1.2 - (lines.length - 1) * 1.9;
    const label = lines
      .map(
        (line, i) =>
          `<tspan x="${labelWidth - 2}" y="${(firstBaseline + i * 3.8).toFixed(2)}">${escapeXml(line)}</tspan>`,
      )
      .join('');
    const fill = bar.highlighted ? '#1d3461' : '#9aa3b5';
    const value = frenchTypography(plural(bar.value, options.unit[0], options.unit[1]));
    return [
      `<text class="libelle" text-anchor="end" font-size="3.3"${bar.highlighted ? ' font-weight="700"' : ''}>${label}</text>`,
      `<rect x="${labelWidth}" y="${(y + 2).toFixed(2)}" width="${Math.max(length, 0.6).toFixed(2)}" height="${rowHeight - 4}" rx="0.8" fill="${fill}"/>`,
      `<text x="${(labelWidth + length + 2).toFixed(2)}" y="${(y + rowHeight / 2 + 1.2).toFixed(2)}" font-size="3.3" font-weight="700">${escapeXml(value)}</text>`,
    ].join('');
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(frenchTypography(options.title))}" viewBox="0 0 ${width} ${height}" width="${width}mm" height="${height}mm" font-family="'PGO Sans', sans-serif" fill="#1a1a1a">` +
    `<line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}" stroke="#4a4a4a" stroke-width="0.3"/>` +
    rows.join('') +
    '</svg>'
  );
}

/* ——— Commitments ——— */

const emptyToNull = (value: string | null | undefined): string | null => value ?? null;

/** The seed's four values as ticked; a legacy « redevabilite » is left to `pertinence_ogp` (the loader warns). */
export function canvasValues(values: CommitmentConfig['valeurs']): Value[] {
  return VALUES.filter((value) => (values ?? []).includes(value));
}

/** A milestone's end: `fin`, else the older `date`. */
export function milestoneEnd(milestone: {
  fin?: string | null | undefined;
  date?: string | null | undefined;
}): string | null {
  return milestone.fin ?? milestone.date ?? null;
}

export function engagementExport(commitment: CommitmentConfig, index: number, themeTitle: string): EngagementExport {
  return {
    numero: index + 1,
    thematique: commitment.thematique,
    thematique_titre: themeTitle,
    titre: commitment.titre,
    debut: emptyToNull(commitment.debut),
    fin: emptyToNull(commitment.fin),
    pilote: emptyToNull(commitment.pilote),
    contact: {
      nom: emptyToNull(commitment.contact?.nom),
      fonction: emptyToNull(commitment.contact?.fonction),
      courriel: emptyToNull(commitment.contact?.courriel),
    },
    autres_acteurs_publics: [...(commitment.autres_acteurs_publics ?? [])],
    partenaires: (commitment.partenaires ?? []).map((p) => ({ nom: p.nom, statut: p.statut })),
    probleme: emptyToNull(commitment.probleme),
    engagement: emptyToNull(commitment.engagement),
    resultats_attendus: emptyToNull(commitment.resultats_attendus),
    solution: emptyToNull(commitment.solution),
    pertinence_ogp: {
      transparence: emptyToNull(commitment.pertinence_ogp?.transparence),
      participation: emptyToNull(commitment.pertinence_ogp?.participation),
      redevabilite: emptyToNull(commitment.pertinence_ogp?.redevabilite),
    },
    jalons: (commitment.jalons ?? []).map((j) => ({
      debut: emptyToNull(j.debut),
      fin: milestoneEnd(j),
      livrable: j.livrable,
    })),
    valeurs: canvasValues(commitment.valeurs),
    indicateurs: {
      externe: emptyToNull(commitment.indicateurs?.externe),
      auto_evaluation: emptyToNull(commitment.indicateurs?.auto_evaluation),
    },
    criteres: {
      inedit: commitment.criteres?.inedit ?? 'a-approfondir',
      valeurs: commitment.criteres?.valeurs ?? 'a-approfondir',
      societe_civile: commitment.criteres?.societe_civile ?? 'a-approfondir',
      mesurable: commitment.criteres?.mesurable ?? 'a-approfondir',
    },
    points_en_debat: [...(commitment.points_en_debat ?? [])],
    actions: (commitment.actions ?? []).map((a) => ({
      action: a.action,
      porteur: emptyToNull(a.porteur),
      partenaires: emptyToNull(a.partenaires),
      echeance: emptyToNull(a.echeance),
      indicateur: emptyToNull(a.indicateur),
      moyens: emptyToNull(a.moyens),
    })),
  };
}

function themeTitleOf(input: RestitutionInput, id: string): string {
  return input.academy.themes.find((theme) => theme.id === id)?.titre ?? id;
}

export function engagementsFile(input: RestitutionInput): EngagementsFile {
  const presents = attendance(input.restitution.presents);
  return {
    academie: input.slug,
    academie_nom: academyTitle(input.academy.academy.academie),
    date_atelier: input.academy.academy.session.date ?? null,
    presents: Object.fromEntries(presents.rows.map((row) => [row.id, row.nombre])) as Record<Profile, number>,
    engagements: (input.restitution.engagements ?? []).map((c, i) =>
      engagementExport(c, i, themeTitleOf(input, c.thematique)),
    ),
  };
}

/** A milestone as one readable line: « 2027-01 → 2027-06 : livrable ». */
function milestoneLine(j: EngagementExport['jalons'][number]): string {
  const when = j.debut && j.fin ? `${j.debut} → ${j.fin}` : (j.fin ?? (j.debut ? `${j.debut} →` : 'sans date'));
  return `${when} : ${j.livrable}`;
}

/**
 * One row per commitment, in the order of the OGP commitment template, then
 * what the workshop adds; lists joined in one readable cell.
 */
export const ENGAGEMENTS_CSV_HEADER = [
  'academie',
  'numero',
  'thematique',
  'titre',
  'debut',
  'fin',
  'pilote',
  'contact_nom',
  'contact_fonction',
  'contact_courriel',
  'autres_acteurs_publics',
  'partenaires',
  'probleme',
  'engagement',
  'resultats_attendus',
  'solution',
  'pertinence_ogp_transparence',
  'pertinence_ogp_participation',
  'pertinence_ogp_redevabilite',
  'jalons',
  'valeurs',
  'indicateur_externe',
  'indicateur_auto_evaluation',
  'critere_inedit',
  'critere_valeurs',
  'critere_societe_civile',
  'critere_mesurable',
  'points_en_debat',
  'actions',
] as const;

export function engagementsCsv(file: EngagementsFile): string {
  const rows = file.engagements.map((e) => [
    file.academie,
    e.numero,
    e.thematique,
    e.titre,
    e.debut,
    e.fin,
    e.pilote,
    e.contact.nom,
    e.contact.fonction,
    e.contact.courriel,
    e.autres_acteurs_publics.join('\n'),
    e.partenaires.map((p) => `${p.nom} (${PARTNER_STATUS_LABELS[p.statut]})`).join('\n'),
    e.probleme,
    e.engagement,
    e.resultats_attendus,
    e.solution,
    e.pertinence_ogp.transparence,
    e.pertinence_ogp.participation,
    e.pertinence_ogp.redevabilite,
    e.jalons.map(milestoneLine).join('\n'),
    e.valeurs.join(', '),
    e.indicateurs.externe,
    e.indicateurs.auto_evaluation,
    e.criteres.inedit,
    e.criteres.valeurs,
    e.criteres.societe_civile,
    e.criteres.mesurable,
    e.points_en_debat.join('\n'),
    e.actions.map((a) => a.action).join('\n'),
  ]);
  // « ; » and a byte-order mark: what a French spreadsheet opens right with a double click.
  return toCsv(ENGAGEMENTS_CSV_HEADER, rows, { separator: ';', bom: true, spreadsheet: true });
}

/* ——— Decidim ——— */

/**
 * The proposal's body on Decidim: simple HTML, as its rich-text bodies hold.
 * An imported proposal is official (its author is the organisation), and
 * Decidim renders an official body as sanitised HTML without turning line
 * breaks into paragraphs (decidim-proposals/app/helpers/decidim/proposals/
 * application_helper.rb, render_proposal_body / safe_content_admin?): plain
 * text would lose its paragraphs and its list.
 */
export function proposalBody(commitment: CommitmentConfig, context: { academie: string; date: string | null }): string {
  const blocks: { paragraphe: string; libelle?: string }[] = [];
  const labelled: [string, string | null | undefined][] = [
    ['Problème', commitment.probleme],
    ['Engagement', commitment.engagement],
    ['Résultats attendus', commitment.resultats_attendus],
    ['Ce que cela change', commitment.solution],
  ];
  for (const [libelle, text] of labelled) if (text) blocks.push({ libelle, paragraphe: text });
  const actions = (commitment.actions ?? []).map(
    (a) => `${a.action}${a.echeance ? ` (échéance : ${formatMonthOrDate(a.echeance)})` : ''}`,
  );
  const when = context.date ? ` du ${formatFrenchDate(context.date)}` : '';
  return decidimHtml({
    paragraphes: blocks.map((block) => ({ libelle: block.libelle ?? null, texte: frenchTypography(block.paragraphe) })),
    liste: actions.length > 0 ? { libelle: 'Actions', elements: actions.map(frenchTypography) } : null,
    fin: frenchTypography(
      `Proposition issue de l’atelier du Partenariat pour un Gouvernement Ouvert (PGO) de l’${context.academie}${when}.`,
    ),
  });
}

/** `locale`: the Decidim organisation's default locale (`--langue-decidim`), `fr` unless told. */
export function decidimProposals(input: RestitutionInput, locale = 'fr'): DecidimProposal[] {
  const context = {
    academie: academyTitle(input.academy.academy.academie),
    date: input.academy.academy.session.date ?? null,
  };
  return (input.restitution.engagements ?? []).map((commitment) => ({
    title: { [locale]: commitment.titre },
    body: { [locale]: proposalBody(commitment, context) },
  }));
}

/** What Decidim would refuse in a commitment's proposal, field by field, and a title a spreadsheet would compute. */
export function proposalProblems(proposal: DecidimProposal): { field: 'titre' | 'corps'; message: string }[] {
  const title = Object.values(proposal.title)[0] ?? '';
  const body = Object.values(proposal.body)[0] ?? '';
  return [
    ...titleProblems(title).map((message) => ({ field: 'titre' as const, message })),
    ...bodyProblems(body).map((message) => ({ field: 'corps' as const, message })),
  ];
}

/* ——— Checks a commitment fails on its face ——— */

export interface FaceProblem {
  /** Path inside the commitment, e.g. ['criteres', 'inedit']. */
  path: (string | number)[];
  key?: boolean;
  message: string;
}

export function commitmentFaceProblems(commitment: CommitmentConfig): FaceProblem[] {
  const problems: FaceProblem[] = [];
  // The OGP commitment template: what the OGP team needs that the canvas leaves to the lab.
  if (isBlank(commitment.solution)) {
    problems.push({
      path: ['solution'],
      key: true,
      message:
        'champ de la fiche PGO manquant : « solution » (en quoi l’engagement résout le problème ou change les pratiques)',
    });
  }
  const relevance = commitment.pertinence_ogp;
  if (OGP_VALUES.every((value) => isBlank(relevance?.[value]))) {
    problems.push({
      path: ['pertinence_ogp'],
      key: true,
      message:
        'champ de la fiche PGO vide : « pertinence_ogp » (une phrase pour au moins une valeur du PGO : transparence, participation, redevabilite)',
    });
  }
  if ((commitment.valeurs ?? []).includes(LEGACY_VALUE)) {
    problems.push({
      path: ['valeurs'],
      message: `« ${LEGACY_VALUE} » n’est pas une des quatre valeurs du canevas (${VALUES.join(', ')}) : dites-la en une phrase dans « pertinence_ogp.redevabilite »`,
    });
  }
  if (isBlank(commitment.contact?.nom) || isBlank(commitment.contact?.courriel)) {
    problems.push({
      path: ['contact'],
      key: true,
      message: 'champ de la fiche PGO manquant : « contact » (nom, fonction et courriel de la personne à qui écrire)',
    });
  }
  // `[]` says there is none; only an absent key is a gap.
  if (commitment.autres_acteurs_publics === undefined || commitment.autres_acteurs_publics === null) {
    problems.push({
      path: ['autres_acteurs_publics'],
      key: true,
      message: 'champ de la fiche PGO manquant : « autres_acteurs_publics » (écrivez [] s’il n’y en a aucun)',
    });
  }
  if ((commitment.partenaires ?? []).length === 0) {
    problems.push({
      path: ['partenaires'],
      key: true,
      message:
        'aucun partenaire de la société civile : le critère « conçu et porté avec la société civile » n’est pas rempli en l’état',
    });
  }
  const external = isBlank(commitment.indicateurs?.externe) ? null : commitment.indicateurs?.externe;
  const self = isBlank(commitment.indicateurs?.auto_evaluation) ? null : commitment.indicateurs?.auto_evaluation;
  if (!external && !self) {
    problems.push({
      path: ['indicateurs'],
      key: true,
      message:
        commitment.criteres?.mesurable === 'oui'
          ? 'critère « mesurable » coché oui, mais aucun indicateur : écrivez au moins un indicateur, ou revoyez le critère'
          : 'aucun indicateur : les résultats ne pourront être mesurés ni par une évaluation externe ni par une autoévaluation',
    });
  } else if (!external)
    problems.push({ path: ['indicateurs'], key: true, message: 'aucun indicateur d’évaluation externe' });
  else if (!self) problems.push({ path: ['indicateurs'], key: true, message: 'aucun indicateur d’autoévaluation' });
  const milestones = commitment.jalons ?? [];
  if (milestones.length === 0)
    problems.push({
      path: ['jalons'],
      key: true,
      message: 'aucun jalon daté : un engagement vérifiable a des livrables datés',
    });
  milestones.forEach((milestone, index) => {
    const end = milestoneEnd(milestone);
    if (!end)
      problems.push({
        path: ['jalons', index],
        message: 'jalon sans fin : indiquez au moins le mois du livrable (fin: AAAA-MM)',
      });
    else if (milestone.debut && compareMonthOrDate(end, milestone.debut) < 0) {
      problems.push({
        path: ['jalons', index, milestone.fin ? 'fin' : 'date'],
        message: `la fin du jalon (${end}) précède son début (${milestone.debut})`,
      });
    }
  });
  if (commitment.debut && commitment.fin && compareMonthOrDate(commitment.fin, commitment.debut) < 0) {
    problems.push({ path: ['fin'], message: `la fin (${commitment.fin}) précède le début (${commitment.debut})` });
  }
  for (const criterion of CRITERIA) {
    if (commitment.criteres?.[criterion] === 'non') {
      problems.push({
        path: ['criteres', criterion],
        message: `critère non rempli : « ${CRITERION_LABELS[criterion].toLowerCase()} »`,
      });
    }
  }
  return problems;
}

/* ——— The view the restitution template shows ——— */

function verdictView(verdict: Verdict) {
  return { valeur: verdict, verdict: VERDICT_LABELS[verdict], oui: verdict === 'oui', non: verdict === 'non' };
}

const dateOrNull = (value: string | null) => (value ? formatMonthOrDate(value) : null);

export function commitmentView(commitment: CommitmentConfig, index: number, themeTitle: string) {
  const exported = engagementExport(commitment, index, themeTitle);
  const contact = exported.contact;
  return {
    numero: exported.numero,
    thematique: themeTitle,
    titre: exported.titre,
    // The OGP commitment template, in its order.
    debut: dateOrNull(exported.debut),
    fin: dateOrNull(exported.fin),
    pilote: exported.pilote,
    contact: contact.nom || contact.fonction || contact.courriel ? contact : null,
    // `[]` says « none »; an absent key is still to be filled.
    autresActeursPublics: {
      liste: exported.autres_acteurs_publics,
      renseigne: commitment.autres_acteurs_publics !== undefined && commitment.autres_acteurs_publics !== null,
    },
    partenaires: exported.partenaires.map((p) => ({
      nom: p.nom,
      statut: PARTNER_STATUS_LABELS[p.statut],
      present: p.statut === 'present',
    })),
    probleme: exported.probleme,
    engagement: exported.engagement,
    resultatsAttendus: exported.resultats_attendus,
    solution: exported.solution,
    pertinenceOgp: OGP_VALUES.map((value) => ({
      id: value,
      libelle: OGP_VALUE_LABELS[value],
      texte: exported.pertinence_ogp[value],
    })),
    pertinenceOgpRenseignee: OGP_VALUES.some((value) => exported.pertinence_ogp[value] !== null),
    jalons: exported.jalons.map((j) => ({ debut: dateOrNull(j.debut), fin: dateOrNull(j.fin), livrable: j.livrable })),
    // What the workshop adds: the canvas's values (the seed's four), indicators, criteria, debate, actions.
    valeurs: exported.valeurs.map((value) => VALUE_LABELS[value]),
    indicateurs: exported.indicateurs,
    criteres: CRITERIA.map((criterion) => ({
      libelle: CRITERION_LABELS[criterion],
      ...verdictView(exported.criteres[criterion]),
    })),
    pointsEnDebat: exported.points_en_debat,
    actions: exported.actions.map((a, i) => ({ ...a, numero: i + 1, echeance: dateOrNull(a.echeance) })),
    aCompleter: commitmentFaceProblems(commitment).map((problem) => problem.message),
  };
}
export type CommitmentView = ReturnType<typeof commitmentView>;

/**
 * `brouillon`: what makes the file a draft (src/core/draft.ts), as the
 * loader located it; a draft's every page says so.
 */
export function restitutionView(
  input: RestitutionInput,
  assetUrl: (relative: string) => string = (relative) => relative,
  brouillon: readonly string[] = [],
) {
  const { academy } = input.academy;
  const scores = themeScores(input);
  const presents = attendance(input.restitution.presents);
  const commitments = (input.restitution.engagements ?? []).map((c, i) =>
    commitmentView(c, i, themeTitleOf(input, c.thematique)),
  );
  const retainedScores = scores.filter((score) => score.retenu);
  const ideas = scores.reduce((sum, score) => sum + score.idees.length, 0);
  return {
    slug: input.slug,
    academie: academyHeader(academy),
    session: {
      date: academy.session.date ? formatFrenchDate(academy.session.date) : null,
      lieu: academy.session.lieu ?? null,
      prevus: academy.session.participants,
    },
    animation: academy.animation.map((person) => ({ nom: person.nom, role: person.role ?? null })),
    presents,
    themes: scores,
    themesRetenus: retainedScores.map((score) => score.titre),
    totaux: {
      idees: ideas,
      gommettes: scores.reduce((sum, score) => sum + score.gommettes, 0),
      engagements: commitments.length,
      actions: commitments.reduce((sum, c) => sum + c.actions.length, 0),
    },
    graphique: barChartSvg(
      scores.map((score) => ({ label: score.titre, value: score.gommettes, highlighted: score.retenu })),
      {
        title: 'Gommettes reçues par thématique',
        unit: ['gommette', 'gommettes'],
      },
    ),
    engagements: commitments,
    brouillon: brouillon.length > 0 ? { raisons: [...brouillon] } : null,
    identite: {
      logo: input.academy.identity.logo ? assetUrl(input.academy.identity.logo) : null,
      police: input.academy.identity.police ? assetUrl(input.academy.identity.police) : null,
    },
  };
}
export type RestitutionView = ReturnType<typeof restitutionView>;

/* ——— The participants' document: plain language, nothing of the lab's to-do ——— */

/** An idea of a theme, as participants wrote it; the most dotted first. */
const MAX_IDEAS_PER_THEME = 3;

/**
 * What the lab sends back to participants (restitution-participants.pdf):
 * what was proposed, what was kept, what happens next. Only what is
 * written: an empty field is left out, never shown as « à compléter ».
 */
export function participantsView(
  input: RestitutionInput,
  assetUrl: (relative: string) => string = (relative) => relative,
) {
  const { academy } = input.academy;
  const scores = themeScores(input);
  const presents = attendance(input.restitution.presents);
  const ideas = scores.reduce((sum, score) => sum + score.idees.length, 0);
  const commitments = (input.restitution.engagements ?? []).map((commitment, index) => {
    const exported = engagementExport(commitment, index, themeTitleOf(input, commitment.thematique));
    return {
      numero: exported.numero,
      thematique: exported.thematique_titre,
      titre: exported.titre,
      probleme: exported.probleme,
      engagement: exported.engagement,
      resultatsAttendus: exported.resultats_attendus,
      partenaires: exported.partenaires.map((p) => ({ nom: p.nom, statut: PARTNER_STATUS_LABELS[p.statut] })),
      actions: exported.actions.map((a) => ({ action: a.action, echeance: dateOrNull(a.echeance) })),
      pointsEnDebat: exported.points_en_debat,
    };
  });
  const profiles = presents.rows
    .filter((row) => row.nombre > 0)
    .map((row) => plural(row.nombre, row.libelle.toLowerCase().replace(/s$/, ''), row.libelle.toLowerCase()));
  return {
    slug: input.slug,
    academie: academyHeader(academy),
    session: {
      date: academy.session.date ? formatFrenchDate(academy.session.date) : null,
      lieu: academy.session.lieu ?? null,
    },
    presents: { total: presents.total, profils: profiles },
    totaux: { idees: ideas, themes: scores.length, engagements: commitments.length },
    themes: scores.map((score) => ({
      titre: score.titre,
      couleur: score.couleur,
      retenu: score.retenu,
      idees: score.idees.length,
      gommettes: score.gommettes,
      exemples: score.idees.slice(0, MAX_IDEAS_PER_THEME).map((idea) => idea.texte),
    })),
    themesRetenus: scores.filter((score) => score.retenu).map((score) => score.titre),
    engagements: commitments,
    identite: {
      logo: input.academy.identity.logo ? assetUrl(input.academy.identity.logo) : null,
      police: input.academy.identity.police ? assetUrl(input.academy.identity.police) : null,
    },
  };
}
export type ParticipantsView = ReturnType<typeof participantsView>;
