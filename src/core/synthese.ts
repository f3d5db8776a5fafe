/**
 * The national synthesis over every academy's restitution: participation
 * by academy and profile, theme scores across academies, every commitment
 * with its academy and its group of alike commitments, per theme the
 * groups of alike commitments with their academies, criteria coverage and
 * relevance to each OGP value. Drafts (src/core/draft.ts) are not counted:
 * they are named apart. Pure; academies in slug order, commitments in their
 * file's order.
 */
import {
  CRITERIA,
  CRITERION_LABELS,
  OGP_VALUES,
  type EngagementExport,
  OGP_VALUE_LABELS,
  PROFILES,
  PROFILE_LABELS,
  VALUE_LABELS,
  VERDICT_LABELS,
} from '../model/restitution-schema.js';
import { toCsv } from './csv.js';
import { academyTitle, formatFrenchDate } from './french.js';
import { attendance, barChartSvg, engagementsFile, themeScores, type RestitutionInput } from './restitution.js';
import { groupAlike, SIMILARITY_THRESHOLD } from './similarity.js';

/** A restitution left out of the synthesis because it is a draft. */
export interface DraftEntry {
  slug: string;
  /** The academy's name, « Limoges ». */
  academie: string;
  /** The file, as shown in messages. */
  file: string;
  /** What keeps it a draft, counted. */
  raisons: number;
}

/** What groupsByTheme needs of a synthesis row. */
interface GroupedRow {
  groupe: number;
  thematique: string;
  thematiqueTitre: string;
  titre: string;
  academieNom: string;
}

/** Per theme, the commitments as groups of alike ones, each with its academies; themes with most commitments first. */
function groupsByTheme(rows: readonly GroupedRow[]) {
  const sizes = new Map<number, number>();
  for (const row of rows) sizes.set(row.groupe, (sizes.get(row.groupe) ?? 0) + 1);
  return [...new Set(rows.map((row) => row.thematique))]
    .map((id) => {
      const members = rows.filter((row) => row.thematique === id);
      const numbers = [...new Set(members.map((row) => row.groupe))].sort((a, b) => a - b);
      return {
        id,
        titre: members[0]?.thematiqueTitre ?? id,
        engagements: members.length,
        groupes: numbers.map((numero) => {
          const here = members.filter((row) => row.groupe === numero);
          const elsewhere = rows.filter((row) => row.groupe === numero && row.thematique !== id);
          return {
            numero,
            titres: [...new Set(here.map((row) => row.titre))],
            academies: [...new Set(here.map((row) => row.academieNom))],
            semblables: (sizes.get(numero) ?? 0) > 1,
            // An alike commitment filed under another theme, named so that the reader finds it.
            ailleurs: [...new Set(elsewhere.map((row) => `${row.thematiqueTitre} (${row.academieNom})`))],
          };
        }),
      };
    })
    .sort((a, b) => b.engagements - a.engagements || a.titre.localeCompare(b.titre, 'fr'));
}

/** Themes across academies, most dotted first: a theme's title is the one of the first academy offering it. */
function themesAcross(inputs: readonly RestitutionInput[]) {
  const themes = new Map<
    string,
    { id: string; titre: string; academies: number; retenue: number; idees: number; gommettes: number }
  >();
  for (const input of inputs) {
    for (const score of themeScores(input)) {
      const theme = themes.get(score.id) ?? {
        id: score.id,
        titre: score.titre,
        academies: 0,
        retenue: 0,
        idees: 0,
        gommettes: 0,
      };
      theme.academies += 1;
      theme.retenue += score.retenu ? 1 : 0;
      theme.idees += score.idees.length;
      theme.gommettes += score.gommettes;
      themes.set(score.id, theme);
    }
  }
  return [...themes.values()].sort((a, b) => b.gommettes - a.gommettes || a.titre.localeCompare(b.titre, 'fr'));
}

/** The OGP's grid: how many commitments say, in a sentence, how they serve each value; and how many say it of none. */
function ogpRelevance(commitments: readonly EngagementExport[]) {
  const ogp = OGP_VALUES.map((value) => ({
    id: value,
    libelle: OGP_VALUE_LABELS[value],
    engagements: commitments.filter((c) => c.pertinence_ogp[value] !== null).length,
  }));
  return {
    ogp,
    withoutOgp: commitments.filter((c) => OGP_VALUES.every((value) => c.pertinence_ogp[value] === null)).length,
  };
}

export function syntheseView(
  unsorted: readonly RestitutionInput[],
  stopwords: ReadonlySet<string>,
  draftsUnsorted: readonly DraftEntry[] = [],
) {
  const inputs = [...unsorted].sort((a, b) => a.slug.localeCompare(b.slug, 'fr'));
  const academies = inputs.map((input) => {
    const presents = attendance(input.restitution.presents);
    return {
      slug: input.slug,
      titre: academyTitle(input.academy.academy.academie),
      date: input.academy.academy.session.date ? formatFrenchDate(input.academy.academy.session.date) : null,
      presents: presents.rows.map((row) => row.nombre),
      total: presents.total,
      engagements: (input.restitution.engagements ?? []).length,
    };
  });
  const profiles = PROFILES.map((id, index) => ({
    id,
    libelle: PROFILE_LABELS[id],
    total: academies.reduce((sum, academy) => sum + (academy.presents[index] ?? 0), 0),
  }));

  const themeList = themesAcross(inputs);

  const commitments = inputs.flatMap((input) => {
    const file = engagementsFile(input);
    return file.engagements.map((engagement) => ({
      academie: input.slug,
      academieNom: input.academy.academy.academie,
      academieTitre: file.academie_nom,
      ...engagement,
    }));
  });
  const groups = groupAlike(
    commitments.map((c) => ({ origin: c.academie, titre: c.titre, texte: c.engagement })),
    stopwords,
  );
  const rows = commitments.map((c, index) => ({
    groupe: groups[index] ?? 0,
    academie: c.academie,
    academieNom: c.academieNom,
    academieTitre: c.academieTitre,
    thematique: c.thematique,
    thematiqueTitre: c.thematique_titre,
    titre: c.titre,
    pilote: c.pilote,
    valeurs: c.valeurs.map((value) => VALUE_LABELS[value]),
    // Short verdicts: four of them share a table row with the title.
    criteres: CRITERIA.map((criterion) => ({
      valeur: c.criteres[criterion],
      verdict: c.criteres[criterion] === 'a-approfondir' ? 'à appr.' : VERDICT_LABELS[c.criteres[criterion]],
    })),
    actions: c.actions.length,
    export: c,
  }));
  const byGroup = new Map<number, typeof rows>();
  for (const row of rows) byGroup.set(row.groupe, [...(byGroup.get(row.groupe) ?? []), row]);
  const alike = [...byGroup.entries()]
    .filter(([, members]) => members.length > 1)
    .sort(([a], [b]) => a - b)
    .map(([numero, membres]) => ({
      numero,
      membres: membres.map((m) => ({ academie: m.academieTitre, titre: m.titre, thematique: m.thematiqueTitre })),
    }));

  const themeGroups = groupsByTheme(rows);

  const { ogp, withoutOgp } = ogpRelevance(commitments);
  const drafts = [...draftsUnsorted]
    .sort((a, b) => a.slug.localeCompare(b.slug, 'fr'))
    .map((draft) => ({ ...draft, titre: academyTitle(draft.academie) }));

  const coverage = CRITERIA.map((criterion) => {
    const count = (verdict: string) => commitments.filter((c) => c.criteres[criterion] === verdict).length;
    return {
      libelle: CRITERION_LABELS[criterion],
      oui: count('oui'),
      non: count('non'),
      aApprofondir: count('a-approfondir'),
    };
  });

  return {
    academies,
    profils: profiles,
    total: profiles.reduce((sum, profile) => sum + profile.total, 0),
    themes: themeList,
    graphique: barChartSvg(
      themeList.map((theme) => ({ label: theme.titre, value: theme.gommettes, highlighted: theme.retenue > 0 })),
      {
        title: 'Gommettes reçues par thématique, toutes académies',
        unit: ['gommette', 'gommettes'],
      },
    ),
    engagements: rows,
    groupes: alike,
    parThematique: themeGroups,
    pertinenceOgp: ogp,
    sansPertinenceOgp: withoutOgp,
    brouillons: drafts,
    criteres: coverage,
    seuil: SIMILARITY_THRESHOLD.toLocaleString('fr-FR'),
    totaux: {
      academies: academies.length,
      engagements: rows.length,
      actions: rows.reduce((sum, row) => sum + row.actions, 0),
    },
  };
}
export type SyntheseView = ReturnType<typeof syntheseView>;

export const SYNTHESE_CSV_HEADER = [
  'academie',
  'thematique',
  'titre',
  'groupe',
  'academie_nom',
  'thematique_titre',
  'pilote',
  'valeurs',
  'critere_inedit',
  'critere_valeurs',
  'critere_societe_civile',
  'critere_mesurable',
  'nombre_actions',
  'pertinence_ogp_transparence',
  'pertinence_ogp_participation',
  'pertinence_ogp_redevabilite',
  'contact_nom',
  'contact_fonction',
  'contact_courriel',
] as const;

export function syntheseCsv(view: SyntheseView): string {
  const rows = view.engagements.map((row) => [
    row.academie,
    row.thematique,
    row.titre,
    row.groupe,
    row.academieTitre,
    row.thematiqueTitre,
    row.pilote,
    row.export.valeurs.join(', '),
    row.export.criteres.inedit,
    row.export.criteres.valeurs,
    row.export.criteres.societe_civile,
    row.export.criteres.mesurable,
    row.actions,
    row.export.pertinence_ogp.transparence,
    row.export.pertinence_ogp.participation,
    row.export.pertinence_ogp.redevabilite,
    row.export.contact.nom,
    row.export.contact.fonction,
    row.export.contact.courriel,
  ]);
  return toCsv(SYNTHESE_CSV_HEADER, rows, { separator: ';', bom: true, spreadsheet: true });
}
