/**
 * What a valid `restitutions/<slug>.yaml` is (SPEC « After the workshop »),
 * and the shape of the `engagements.json` it produces. Every key but
 * `academie` is optional; a key written with no value (`probleme:`) counts
 * as absent, so that the file written by `restitution init` can keep every
 * key in place, empty, with its explanation. `.describe()` texts end up in
 * the JSON Schemas editors use, so they are French and written for a lab.
 */
import { z } from 'zod';
import { Slug, Text, isCalendarDate } from './schemas.js';


/** A text the lab may leave empty (`clé:` with nothing after it). */
const OptionalText = (description: string) => Text.nullish().describe(description);

const TextList = (description: string) =>
  z.array(Text, { error: 'liste attendue (une ligne « - … » par élément)' }).nullish().describe(description);

/** `2027-06` or `2027-06-15`: a month is precise enough for a milestone. */
export function isMonthOrDate(value: string): boolean {
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12;
  return isCalendarDate(value);
}

const DATE_MESSAGE = 'date attendue au format AAAA-MM ou AAAA-MM-JJ, par exemple 2027-06 ou 2027-06-15';
const MonthOrDate = (description: string) =>
  z
    .string({ error: DATE_MESSAGE })
    .refine(isMonthOrDate, { error: `date invalide : ${DATE_MESSAGE}, avec un mois et un jour qui existent` })
    .nullish()
    .describe(description);

const COUNT_MESSAGE = 'nombre entier positif ou nul attendu';
const Count = (description: string) =>
  z.int({ error: COUNT_MESSAGE }).min(0, { error: COUNT_MESSAGE }).max(100_000, { error: 'nombre trop grand' }).nullish().describe(description);

export const PROFILES = ['eleves', 'etudiants', 'personnels', 'parents', 'associations'] as const;
export type Profile = (typeof PROFILES)[number];
export const PROFILE_LABELS: Record<Profile, string> = {
  eleves: 'Élèves',
  etudiants: 'Étudiants',
  personnels: 'Personnels',
  parents: 'Parents',
  associations: 'Associations',
};

export const VALUES = ['transparence', 'participation', 'ouverture', 'collaboration', 'redevabilite'] as const;
export const VALUE_LABELS: Record<(typeof VALUES)[number], string> = {
  transparence: 'Transparence',
  participation: 'Participation',
  ouverture: 'Ouverture',
  collaboration: 'Collaboration',
  redevabilite: 'Redevabilité',
};

export const CRITERIA = ['inedit', 'valeurs', 'societe_civile', 'mesurable'] as const;
export type Criterion = (typeof CRITERIA)[number];
export const CRITERION_LABELS: Record<Criterion, string> = {
  inedit: 'Nouveau, emblématique, transformateur',
  valeurs: 'Incarne les valeurs du gouvernement ouvert',
  societe_civile: 'Conçu et porté avec la société civile',
  mesurable: 'Résultats mesurables (évaluation externe et autoévaluation)',
};

export const VERDICTS = ['oui', 'non', 'a-approfondir'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { oui: 'oui', non: 'non', 'a-approfondir': 'à approfondir' };

export const PARTNER_STATUSES = ['present', 'a-solliciter'] as const;
export const PARTNER_STATUS_LABELS: Record<(typeof PARTNER_STATUSES)[number], string> = {
  present: 'présent à l’atelier',
  'a-solliciter': 'à solliciter',
};

const Verdict = z
  .enum(VERDICTS, { error: 'valeur inconnue ; valeurs possibles : oui, non, a-approfondir' })
  .default('a-approfondir');

export const IdeaSchema = z.strictObject({
  texte: Text.describe('Le post-it, recopié avec les mots de son auteur').meta({ examples: ['Une infirmière présente chaque jour dans chaque collège'] }),
  gommettes: Count('Nombre de gommettes reçues au vote (0 si aucune)'),
});

export const ActionSchema = z.strictObject({
  action: Text.describe('L’action concrète, en une phrase'),
  porteur: OptionalText('Qui la porte (service, établissement, association…)'),
  partenaires: OptionalText('Avec qui'),
  echeance: MonthOrDate('Échéance, AAAA-MM ou AAAA-MM-JJ'),
  indicateur: OptionalText('Comment on saura qu’elle est faite'),
  moyens: OptionalText('Moyens nécessaires (temps, budget, outils)'),
});

export const CommitmentSchema = z.strictObject({
  thematique: Slug.describe('Thématique retenue à laquelle l’engagement répond (identifiant)'),
  titre: Text.describe('Titre de l’engagement : 15 à 150 caractères, sans majuscules criardes (il devient le titre de la proposition sur Decidim)')
    .meta({ examples: ['Publier l’offre de santé scolaire de chaque établissement'] }),
  probleme: OptionalText('Le problème public visé, avec une donnée de départ'),
  engagement: OptionalText('Ce que les ministères s’engagent à faire'),
  resultats_attendus: OptionalText('Ce qui aura changé, concrètement, à la fin'),
  valeurs: z
    .array(z.enum(VALUES, { error: `valeur inconnue ; valeurs possibles : ${VALUES.join(', ')}` }), { error: 'liste attendue, par exemple [transparence, participation]' })
    .nullish()
    .describe('Valeurs du gouvernement ouvert que l’engagement fait progresser'),
  partenaires: z
    .array(z.strictObject({
      nom: Text.describe('Nom de l’organisation de la société civile'),
      statut: z
        .enum(PARTNER_STATUSES, { error: 'valeur inconnue ; valeurs possibles : present, a-solliciter' })
        .default('a-solliciter')
        .describe('present : présente à l’atelier ; a-solliciter : à contacter'),
    }), { error: 'liste attendue (une ligne « - nom: … » par partenaire)' })
    .nullish()
    .describe('Partenaires de la société civile'),
  pilote: OptionalText('Service ou institution qui pilote la mise en œuvre'),
  debut: MonthOrDate('Début, AAAA-MM ou AAAA-MM-JJ'),
  fin: MonthOrDate('Fin, AAAA-MM ou AAAA-MM-JJ'),
  jalons: z
    .array(z.strictObject({
      date: MonthOrDate('Date du jalon, AAAA-MM ou AAAA-MM-JJ'),
      livrable: Text.describe('Livrable vérifiable à cette date'),
    }), { error: 'liste attendue (une ligne « - date: … » par jalon)' })
    .nullish()
    .describe('Jalons datés, chacun avec un livrable vérifiable'),
  indicateurs: z
    .strictObject({
      externe: OptionalText('Indicateur mesurable par une évaluation externe'),
      auto_evaluation: OptionalText('Indicateur d’autoévaluation'),
    })
    .nullish()
    .describe('Comment les résultats seront mesurés'),
  criteres: z
    .strictObject({
      inedit: Verdict.describe('Nouveau, emblématique, fortement transformateur : oui, non ou a-approfondir'),
      valeurs: Verdict.describe('Incarne les valeurs du gouvernement ouvert : oui, non ou a-approfondir'),
      societe_civile: Verdict.describe('Conçu et porté avec la société civile : oui, non ou a-approfondir'),
      mesurable: Verdict.describe('Résultats mesurables par une évaluation externe et une autoévaluation : oui, non ou a-approfondir'),
    })
    .nullish()
    .describe('Les quatre critères d’un engagement, tels que le groupe les a jugés'),
  points_en_debat: TextList('Les désaccords et les questions restées ouvertes'),
  actions: z.array(ActionSchema, { error: 'liste attendue (une ligne « - action: … » par action)' }).nullish().describe('Les actions rattachées à l’engagement'),
});

export const RestitutionSchema = z
  .strictObject({
    academie: Slug.describe('Identifiant de l’académie : le nom de son fichier academies/<slug>.yaml, par exemple limoges').meta({ examples: ['limoges'] }),
    presents: z
      .strictObject(Object.fromEntries(PROFILES.map((profile) => [profile, Count(`Nombre de présents : ${PROFILE_LABELS[profile].toLowerCase()}`)])) as Record<Profile, ReturnType<typeof Count>>)
      .nullish()
      .describe('Présents à l’atelier, par profil'),
    idees: z
      // Keys are checked against the session's themes after parsing, with a suggestion.
      .record(z.string(), z.array(IdeaSchema, { error: 'liste attendue (une ligne « - texte: … » par idée)' }).nullish())
      .nullish()
      .describe('Les post-it de la réflexion, par thématique proposée, avec leurs gommettes'),
    themes_retenus: z.array(Slug, { error: 'liste attendue, par exemple [sante, droit-information]' }).nullish().describe('Les thématiques retenues par le vote')
      .meta({ examples: [['sante', 'droit-information']] }),
    engagements: z.array(CommitmentSchema, { error: 'liste attendue (une ligne « - thematique: … » par engagement)' }).nullish().describe('Un engagement par thématique retenue'),
  })
  .describe('Ce que l’atelier d’une académie a produit, recopié des canevas');
export type RestitutionConfig = z.infer<typeof RestitutionSchema>;
export type CommitmentConfig = z.infer<typeof CommitmentSchema>;

/* ——— engagements.json: what other tools read ——— */

const Out = {
  text: (description: string) => z.string().nullable().describe(description),
};

export const EngagementExportSchema = z.strictObject({
  numero: z.int().min(1).describe('Rang de l’engagement dans la restitution'),
  thematique: z.string().describe('Identifiant de la thématique'),
  thematique_titre: z.string().describe('Titre de la thématique'),
  titre: z.string().describe('Titre de l’engagement'),
  probleme: Out.text('Problème public visé, avec sa donnée de départ'),
  engagement: Out.text('Ce que les ministères s’engagent à faire'),
  resultats_attendus: Out.text('Résultats attendus'),
  valeurs: z.array(z.enum(VALUES)).describe('Valeurs du gouvernement ouvert'),
  partenaires: z.array(z.strictObject({
    nom: z.string().describe('Nom de l’organisation'),
    statut: z.enum(PARTNER_STATUSES).describe('present : présente à l’atelier ; a-solliciter : à contacter'),
  })).describe('Partenaires de la société civile'),
  pilote: Out.text('Pilote de la mise en œuvre'),
  debut: Out.text('Début (AAAA-MM ou AAAA-MM-JJ)'),
  fin: Out.text('Fin (AAAA-MM ou AAAA-MM-JJ)'),
  jalons: z.array(z.strictObject({
    date: z.string().nullable().describe('AAAA-MM ou AAAA-MM-JJ'),
    livrable: z.string().describe('Livrable vérifiable'),
  })).describe('Jalons datés'),
  indicateurs: z.strictObject({
    externe: z.string().nullable().describe('Indicateur d’évaluation externe'),
    auto_evaluation: z.string().nullable().describe('Indicateur d’autoévaluation'),
  }).describe('Indicateurs'),
  criteres: z.strictObject({
    inedit: z.enum(VERDICTS).describe(CRITERION_LABELS.inedit),
    valeurs: z.enum(VERDICTS).describe(CRITERION_LABELS.valeurs),
    societe_civile: z.enum(VERDICTS).describe(CRITERION_LABELS.societe_civile),
    mesurable: z.enum(VERDICTS).describe(CRITERION_LABELS.mesurable),
  }).describe('Les quatre critères : oui, non ou a-approfondir'),
  points_en_debat: z.array(z.string()).describe('Points en débat'),
  actions: z.array(z.strictObject({
    action: z.string().describe('L’action'),
    porteur: Out.text('Qui la porte'),
    partenaires: Out.text('Avec qui'),
    echeance: Out.text('Échéance, AAAA-MM ou AAAA-MM-JJ'),
    indicateur: Out.text('Comment on saura qu’elle est faite'),
    moyens: Out.text('Moyens nécessaires'),
  })).describe('Actions rattachées'),
});

export const EngagementsFileSchema = z
  .strictObject({
    academie: z.string().describe('Identifiant de l’académie').meta({ examples: ['limoges'] }),
    academie_nom: z.string().describe('Nom affiché, par exemple « Académie de Limoges »'),
    date_atelier: z.string().nullable().describe('Date de l’atelier (AAAA-MM-JJ)'),
    presents: z.strictObject(Object.fromEntries(PROFILES.map((p) => [p, z.int().min(0).describe(PROFILE_LABELS[p])])) as Record<Profile, z.ZodInt>).describe('Présents par profil'),
    engagements: z.array(EngagementExportSchema).describe('Un objet par engagement, avec ses actions'),
  })
  .describe('Les engagements d’un atelier PGO, tels que pgo-kit les exporte');
export type EngagementsFile = z.infer<typeof EngagementsFileSchema>;
export type EngagementExport = z.infer<typeof EngagementExportSchema>;
