/**
 * What a valid `restitutions/<slug>.yaml` is (docs/file-formats.md),
 * and the shape of the `engagements.json` it produces. Every key but
 * `academie` is optional; a key written with no value (`probleme:`) counts
 * as absent, so that the file written by `restitution init` can keep every
 * key in place, empty, with its explanation. `.describe()` texts end up in
 * the JSON Schemas editors use, so they are French and written for a lab.
 */
import { z } from 'zod';
import { isPlaceholder } from './unfilled.js';
import { MONTH_OR_DATE_PATTERN, Slug, Text, isCalendarDate } from './schemas.js';

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
    .meta({
      pattern: MONTH_OR_DATE_PATTERN,
      patternErrorMessage: `date invalide : ${DATE_MESSAGE}, avec un mois et un jour qui existent`,
    })
    .nullish()
    .describe(description);

const COUNT_MESSAGE = 'nombre entier positif ou nul attendu';
const Count = (description: string) =>
  z
    .int({ error: COUNT_MESSAGE })
    .min(0, { error: COUNT_MESSAGE })
    .max(100_000, { error: 'nombre trop grand' })
    .nullish()
    .describe(description);

export const PROFILES = ['eleves', 'etudiants', 'personnels', 'parents', 'associations'] as const;
export type Profile = (typeof PROFILES)[number];
export const PROFILE_LABELS: Record<Profile, string> = {
  eleves: 'Élèves',
  etudiants: 'Étudiants',
  personnels: 'Personnels',
  parents: 'Parents',
  associations: 'Associations',
};

/**
 * Two lists of values, one rule (docs/domain.md). The canvas's criterion 2 names
 * the seed's four values: `valeurs` records them as ticked. The OGP's own
 * grid (transparency, civic participation, public accountability) is the
 * lab's work after the session: `pertinence_ogp`, a sentence per value.
 * The two are printed apart, never merged.
 */
export const VALUES = ['transparence', 'ouverture', 'participation', 'collaboration'] as const;
export type Value = (typeof VALUES)[number];
export const VALUE_LABELS: Record<Value, string> = {
  transparence: 'Transparence',
  ouverture: 'Ouverture',
  participation: 'Participation',
  collaboration: 'Collaboration',
};
/** Files written before `pertinence_ogp` existed ticked it as a fifth value: read, then a warning. */
export const LEGACY_VALUE = 'redevabilite';

export const OGP_VALUES = ['transparence', 'participation', 'redevabilite'] as const;
export type OgpValue = (typeof OGP_VALUES)[number];
export const OGP_VALUE_LABELS: Record<OgpValue, string> = {
  transparence: 'Transparence',
  participation: 'Participation civique',
  redevabilite: 'Redevabilité publique',
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
  present: 'a participé à l’atelier',
  'a-solliciter': 'à solliciter',
};

const Verdict = z
  .enum(VERDICTS, { error: 'valeur inconnue ; valeurs possibles : oui, non, a-approfondir' })
  .default('a-approfondir');

export const IdeaSchema = z.strictObject({
  texte: Text.describe('Le post-it, recopié avec les mots de son auteur').meta({
    examples: ['Une infirmière présente chaque jour dans chaque collège'],
  }),
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

/** An e-mail address, or a placeholder left by `restitution init` (then the file is a draft, not invalid). */
const Email = (description: string) =>
  Text.refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) || isPlaceholder(value), {
    error: 'adresse électronique attendue, par exemple prenom.nom@ac-limoges.fr',
  })
    .nullish()
    .describe(description);

export const MilestoneSchema = z.strictObject({
  debut: MonthOrDate('Début du jalon, AAAA-MM ou AAAA-MM-JJ'),
  fin: MonthOrDate('Fin du jalon (date du livrable), AAAA-MM ou AAAA-MM-JJ'),
  date: MonthOrDate('Ancienne clé, lue comme « fin » : écrivez plutôt debut et fin'),
  livrable: Text.describe('Livrable vérifiable à la fin du jalon'),
});

export const OgpRelevanceSchema = z.strictObject({
  transparence: OptionalText(
    'En quoi l’engagement rend l’information plus disponible, meilleure ou plus accessible (une phrase)',
  ),
  participation: OptionalText(
    'En quoi il donne au public plus d’occasions d’éclairer ou d’influencer les décisions (une phrase)',
  ),
  redevabilite: OptionalText('En quoi il oblige les responsables publics à rendre compte de leur action (une phrase)'),
});

export const ContactSchema = z.strictObject({
  nom: OptionalText('Prénom et nom de la personne à qui l’équipe PGO écrit'),
  fonction: OptionalText('Sa fonction et son service'),
  courriel: Email('Son adresse électronique'),
});

/**
 * One commitment, as transcribed from the commitment canvas and the action
 * canvas (tests/unit/model/canvas-parity.test.ts keeps the two in step).
 */
export const CommitmentSchema = z.strictObject({
  thematique: Slug.describe('Thématique retenue à laquelle l’engagement répond (identifiant)'),
  titre: Text.describe(
    'Titre de l’engagement : 15 à 150 caractères, sans majuscules criardes (il devient le titre de la proposition sur Decidim)',
  ).meta({ examples: ['Publier l’offre de santé scolaire de chaque établissement'] }),
  probleme: OptionalText('Le problème public visé, avec une donnée de départ'),
  engagement: OptionalText('Ce que les ministères s’engagent à faire'),
  resultats_attendus: OptionalText('Ce qui aura changé, concrètement, à la fin'),
  solution: OptionalText('En quoi l’engagement résout le problème ou change les pratiques'),
  valeurs: z
    .array(z.enum([...VALUES, LEGACY_VALUE], { error: `valeur inconnue ; valeurs possibles : ${VALUES.join(', ')}` }), {
      error: 'liste attendue, par exemple [transparence, participation]',
    })
    .nullish()
    .describe(
      `Les valeurs du gouvernement ouvert cochées sur le canevas : ${VALUES.join(', ')} (« redevabilite » se dit dans pertinence_ogp)`,
    ),
  pertinence_ogp: OgpRelevanceSchema.nullish().describe(
    'La grille du PGO, remplie par le lab après l’atelier : une phrase par valeur concernée, au moins une',
  ),
  partenaires: z
    .array(
      z.strictObject({
        nom: Text.describe('Nom de l’organisation de la société civile'),
        statut: z
          .enum(PARTNER_STATUSES, { error: 'valeur inconnue ; valeurs possibles : present, a-solliciter' })
          .default('a-solliciter')
          .describe('present : a participé à l’atelier ; a-solliciter : à solliciter'),
      }),
      { error: 'liste attendue (une ligne « - nom: … » par partenaire)' },
    )
    .nullish()
    .describe('Partenaires de la société civile'),
  autres_acteurs_publics: TextList('Les autres acteurs publics associés (administrations, collectivités, agences)'),
  pilote: OptionalText('Service ou institution qui pilote la mise en œuvre'),
  contact: ContactSchema.nullish().describe('La personne à qui l’équipe PGO écrit au sujet de l’engagement'),
  debut: MonthOrDate('Début, AAAA-MM ou AAAA-MM-JJ'),
  fin: MonthOrDate('Fin, AAAA-MM ou AAAA-MM-JJ'),
  jalons: z
    .array(MilestoneSchema, { error: 'liste attendue (une ligne « - debut: … » par jalon)' })
    .nullish()
    .describe('Jalons, chacun avec un début, une fin et un livrable vérifiable'),
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
      mesurable: Verdict.describe(
        'Résultats mesurables par une évaluation externe et une autoévaluation : oui, non ou a-approfondir',
      ),
    })
    .nullish()
    .describe('Les quatre critères d’un engagement, tels que le groupe les a jugés'),
  points_en_debat: TextList('Les désaccords et les questions restées ouvertes'),
  actions: z
    .array(ActionSchema, { error: 'liste attendue (une ligne « - action: … » par action)' })
    .nullish()
    .describe('Les actions rattachées à l’engagement (canevas d’actions)'),
});

export const RestitutionSchema = z
  .strictObject({
    academie: Slug.describe(
      'Identifiant de l’académie : le nom de son fichier academies/<slug>.yaml, par exemple limoges',
    ).meta({ examples: ['limoges'] }),
    presents: z
      .strictObject(
        Object.fromEntries(
          PROFILES.map((profile) => [profile, Count(`Nombre de présents : ${PROFILE_LABELS[profile].toLowerCase()}`)]),
        ) as Record<Profile, ReturnType<typeof Count>>,
      )
      .nullish()
      .describe('Présents à l’atelier, par profil'),
    idees: z
      // Keys are checked against the session's themes after parsing, with a suggestion.
      .record(
        z.string(),
        z.array(IdeaSchema, { error: 'liste attendue (une ligne « - texte: … » par idée)' }).nullish(),
      )
      .nullish()
      .describe('Les post-it de la réflexion, par thématique proposée, avec leurs gommettes'),
    themes_retenus: z
      .array(Slug, { error: 'liste attendue, par exemple [sante, droit-information]' })
      .meta({ uniqueItems: true })
      .nullish()
      .describe('Les thématiques retenues par le vote')
      .meta({ examples: [['sante', 'droit-information']] }),
    engagements: z
      .array(CommitmentSchema, { error: 'liste attendue (une ligne « - thematique: … » par engagement)' })
      .nullish()
      .describe('Un engagement par thématique retenue'),
  })
  .describe('Ce que l’atelier d’une académie a produit, recopié des canevas');
export type RestitutionConfig = z.infer<typeof RestitutionSchema>;
export type CommitmentConfig = z.infer<typeof CommitmentSchema>;

/* ——— engagements.json: what other tools read ——— */

const Out = {
  text: (description: string) => z.string().nullable().describe(description),
};

/** In the order of the OGP commitment template, then what the workshop adds (canvas values, indicators, criteria, actions). */
export const EngagementExportSchema = z.strictObject({
  numero: z.int().min(1).describe('Rang de l’engagement dans la restitution'),
  thematique: z.string().describe('Identifiant de la thématique'),
  thematique_titre: z.string().describe('Titre de la thématique'),
  titre: z.string().describe('Titre de l’engagement'),
  debut: Out.text('Début (AAAA-MM ou AAAA-MM-JJ)'),
  fin: Out.text('Fin (AAAA-MM ou AAAA-MM-JJ)'),
  pilote: Out.text('Pilote de la mise en œuvre'),
  contact: z
    .strictObject({
      nom: Out.text('Prénom et nom'),
      fonction: Out.text('Fonction et service'),
      courriel: Out.text('Adresse électronique'),
    })
    .describe('La personne à qui écrire'),
  autres_acteurs_publics: z.array(z.string()).describe('Autres acteurs publics'),
  partenaires: z
    .array(
      z.strictObject({
        nom: z.string().describe('Nom de l’organisation'),
        statut: z.enum(PARTNER_STATUSES).describe('present : a participé à l’atelier ; a-solliciter : à solliciter'),
      }),
    )
    .describe('Partenaires de la société civile'),
  probleme: Out.text('Problème public visé, avec sa donnée de départ'),
  engagement: Out.text('Ce que les ministères s’engagent à faire'),
  resultats_attendus: Out.text('Résultats attendus'),
  solution: Out.text('En quoi l’engagement résout le problème ou change les pratiques'),
  pertinence_ogp: z
    .strictObject({
      transparence: Out.text(OGP_VALUE_LABELS.transparence),
      participation: Out.text(OGP_VALUE_LABELS.participation),
      redevabilite: Out.text(OGP_VALUE_LABELS.redevabilite),
    })
    .describe('Pertinence pour chaque valeur du PGO : une phrase, ou null'),
  jalons: z
    .array(
      z.strictObject({
        debut: z.string().nullable().describe('Début, AAAA-MM ou AAAA-MM-JJ'),
        fin: z.string().nullable().describe('Fin, AAAA-MM ou AAAA-MM-JJ'),
        livrable: z.string().describe('Livrable vérifiable'),
      }),
    )
    .describe('Jalons'),
  valeurs: z
    .array(z.enum(VALUES))
    .describe('Valeurs du gouvernement ouvert cochées sur le canevas (les quatre du critère 2)'),
  indicateurs: z
    .strictObject({
      externe: z.string().nullable().describe('Indicateur d’évaluation externe'),
      auto_evaluation: z.string().nullable().describe('Indicateur d’autoévaluation'),
    })
    .describe('Indicateurs'),
  criteres: z
    .strictObject({
      inedit: z.enum(VERDICTS).describe(CRITERION_LABELS.inedit),
      valeurs: z.enum(VERDICTS).describe(CRITERION_LABELS.valeurs),
      societe_civile: z.enum(VERDICTS).describe(CRITERION_LABELS.societe_civile),
      mesurable: z.enum(VERDICTS).describe(CRITERION_LABELS.mesurable),
    })
    .describe('Les quatre critères : oui, non ou a-approfondir'),
  points_en_debat: z.array(z.string()).describe('Points en débat'),
  actions: z
    .array(
      z.strictObject({
        action: z.string().describe('L’action'),
        porteur: Out.text('Qui la porte'),
        partenaires: Out.text('Avec qui'),
        echeance: Out.text('Échéance, AAAA-MM ou AAAA-MM-JJ'),
        indicateur: Out.text('Comment on saura qu’elle est faite'),
        moyens: Out.text('Moyens nécessaires'),
      }),
    )
    .describe('Actions rattachées'),
});

export const EngagementsFileSchema = z
  .strictObject({
    academie: z
      .string()
      .describe('Identifiant de l’académie')
      .meta({ examples: ['limoges'] }),
    academie_nom: z.string().describe('Nom affiché, par exemple « Académie de Limoges »'),
    date_atelier: z.string().nullable().describe('Date de l’atelier (AAAA-MM-JJ)'),
    presents: z
      .strictObject(
        Object.fromEntries(PROFILES.map((p) => [p, z.int().min(0).describe(PROFILE_LABELS[p])])) as Record<
          Profile,
          z.ZodInt
        >,
      )
      .describe('Présents par profil'),
    engagements: z.array(EngagementExportSchema).describe('Un objet par engagement, avec ses actions'),
  })
  .describe('Les engagements d’un atelier PGO, tels que pgo-kit les exporte');
export type EngagementsFile = z.infer<typeof EngagementsFileSchema>;
export type EngagementExport = z.infer<typeof EngagementExportSchema>;
