/**
 * The one place that says what a valid file is. Types are inferred from
 * these schemas; `.describe()` texts end up in the JSON Schemas that editors
 * use for autocompletion, so they are written for a lab member, in French.
 */
import { z } from 'zod';
import { placeholderProblems } from './placeholders.js';

import { SLUG_PATTERN } from './slug.js';

export { SLUG_PATTERN };

/** What an editor says where a JSON Schema pattern refuses a value (yaml-language-server and VS Code read `patternErrorMessage`). */
const SLUG_MESSAGE =
  'identifiant invalide : lettres minuscules sans accent, chiffres et tirets seulement (par exemple sante)';

export const Slug = z
  .string({ error: 'identifiant attendu (lettres minuscules, chiffres et tirets)' })
  .regex(SLUG_PATTERN, { error: 'identifiant invalide : lettres minuscules sans accent, chiffres et tirets seulement' })
  .meta({ patternErrorMessage: SLUG_MESSAGE });

/** The JSON Schema pattern of a text that is not only spaces: a check, not a format (forms leave it out). */
export const NOT_BLANK_PATTERN = '\\S';

export const Text = z
  .string({ error: 'texte attendu' })
  .trim()
  .min(1, { error: 'texte vide : écrivez au moins un mot' })
  // Spaces alone are empty once trimmed: the editor says so too.
  .meta({ pattern: NOT_BLANK_PATTERN, patternErrorMessage: 'texte vide : écrivez au moins un mot' });

/**
 * An id that refers to a theme or a phase. Any text is accepted here so that
 * the loader can say « vouliez-vous dire … ? » for `Actions` or `clôture`
 * (accents and capitals folded); the JSON Schema still shows the id format.
 */
const IdRef = z
  .string({ error: 'identifiant attendu' })
  .trim()
  .min(1, { error: 'identifiant vide' })
  .meta({ pattern: SLUG_PATTERN.source, patternErrorMessage: SLUG_MESSAGE });

const TextList = (description: string) =>
  z.array(Text, { error: 'liste attendue (une ligne « - … » par élément)' }).describe(description);

const HexColour = z
  .string({ error: 'couleur attendue, au format "#1b6b4a"' })
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'couleur invalide : format "#rrvvbb" attendu, par exemple "#1b6b4a"' })
  .meta({ patternErrorMessage: 'couleur invalide : format "#rrvvbb" attendu, par exemple "#1b6b4a"' });

/** A quantity that grows with the session: `fixe + par_participant × participants + par_theme × thèmes`. */
const QuantityRule = {
  fixe: z
    .number({ error: 'nombre attendu' })
    .min(0, { error: 'nombre positif attendu' })
    .optional()
    .describe('Quantité fixe, quelle que soit la taille du groupe'),
  par_participant: z
    .number({ error: 'nombre attendu' })
    .min(0, { error: 'nombre positif attendu' })
    .optional()
    .describe('Quantité par participant (0.5 = une pour deux, arrondi au supérieur)'),
  par_theme: z
    .number({ error: 'nombre attendu' })
    .min(0, { error: 'nombre positif attendu' })
    .optional()
    .describe('Quantité par thématique proposée'),
  par_sous_groupe: z
    .number({ error: 'nombre attendu' })
    .min(0, { error: 'nombre positif attendu' })
    .optional()
    .describe(
      'Quantité par sous-groupe (six personnes au plus ; le nombre de sous-groupes est calculé à partir des participants)',
    ),
  par_feuille_sous_affiche: z
    .number({ error: 'nombre attendu' })
    .min(0, { error: 'nombre positif attendu' })
    .optional()
    .describe(
      'Quantité par feuille de paperboard fixée sous une affiche thématique pour recevoir les post-it (calculé à partir des participants et des thématiques)',
    ),
};

/** A text of the agenda that may hold placeholders such as {duree} or {duree/2}, checked here so that validate reports them. */
const PhaseText = Text.superRefine((value, ctx) => {
  for (const message of placeholderProblems(value)) ctx.addIssue({ code: 'custom', message });
});

const PhaseTextList = (description: string) =>
  z.array(PhaseText, { error: 'liste attendue (une ligne « - … » par élément)' }).describe(description);

export const ThemeSchema = z
  .strictObject({
    id: Slug.describe('Identifiant de la thématique : le nom du fichier sans « .yaml »').meta({ examples: ['sante'] }),
    titre: Text.describe('Titre affiché en grand sur l’affiche').meta({ examples: ['Santé et bien-être à l’école'] }),
    theme_pgo: Text.describe('Thématique du PGO que cette thématique adapte').meta({
      examples: ['Démocratie sanitaire'],
    }),
    couleur: HexColour.optional()
      .describe('Couleur de la thématique (sombre, pour rester lisible en photocopie noir et blanc)')
      .meta({ examples: ['#1b6b4a'] }),
    description: Text.describe('Deux ou trois phrases compréhensibles par un élève ou un parent'),
    questions: TextList('Questions pour guider la réflexion, imprimées sur l’affiche').min(1, {
      error: 'au moins une question est attendue',
    }),
    exemples: TextList('Exemples d’initiatives réelles').optional(),
    ordre: z
      .int({ error: 'nombre entier attendu' })
      .min(1, { error: 'nombre entier positif attendu' })
      .optional()
      .describe('Rang de la thématique quand l’académie ne choisit pas l’ordre (1 = première)'),
  })
  .describe('Une thématique du PGO adaptée à l’Éducation et à l’enseignement supérieur');
export type ThemeConfig = z.infer<typeof ThemeSchema>;

/** Field overrides of a theme: every field but `id`, all optional. */
export const ThemeOverrideSchema = ThemeSchema.omit({ id: true })
  .partial()
  .describe('Champs d’une thématique existante à remplacer');
export type ThemeOverride = z.infer<typeof ThemeOverrideSchema>;

export const PHASE_FORMATS = ['plénière', 'individuel', 'sous-groupes', 'débat'] as const;

export const SUPPORT_IDS = [
  'affiche-theme',
  'mes-3-idees',
  'vote',
  'canevas-engagement',
  'canevas-actions',
  'rappel-criteres',
  'synthese',
  'pgo-en-bref',
  'emargement',
  'invitation',
  'autorisation-image',
  'affiche-deroule',
  'avis',
  'affiche-engagement',
] as const;
export type SupportId = (typeof SUPPORT_IDS)[number];

const Minutes = z
  .int({ error: 'durée attendue : un nombre entier de minutes entre 1 et 600' })
  .min(1, { error: 'durée attendue : un nombre entier de minutes entre 1 et 600' })
  .max(600, { error: 'durée attendue : un nombre entier de minutes entre 1 et 600' });

const PhaseFields = {
  id: Slug.describe('Identifiant de la phase (utilisé par « durees » dans le fichier d’académie)').meta({
    examples: ['reflexion'],
  }),
  titre: Text.describe('Titre de la phase'),
  duree: Minutes.describe('Durée en minutes').meta({ examples: [20] }),
  format: z
    .enum(PHASE_FORMATS, { error: `format inconnu : ${PHASE_FORMATS.join(', ')}` })
    .describe('Format de travail'),
  objectif: Text.describe('Ce que la phase doit produire'),
  consignes: PhaseTextList(
    'Consignes pas à pas pour l’animation ; {duree}, {duree/2}… sont remplacés par les minutes réelles de la phase',
  ),
  supports: z
    .array(z.enum(SUPPORT_IDS, { error: `support inconnu ; supports possibles : ${SUPPORT_IDS.join(', ')}` }))
    .default([])
    .describe('Supports imprimés utilisés pendant la phase'),
  materiel: z.array(Slug).default([]).describe('Matériel utilisé (identifiants du catalogue « materiel »)'),
  conseils: PhaseTextList('Conseils d’animation pour la phase ; mêmes repères {…} que les consignes').default([]),
};

export const PhaseSchema = z.strictObject({
  ...PhaseFields,
  sans_vote: z
    .strictObject({
      titre: PhaseFields.titre.optional(),
      objectif: PhaseFields.objectif.optional(),
      consignes: PhaseFields.consignes.optional(),
      supports: z
        .array(z.enum(SUPPORT_IDS, { error: `support inconnu ; supports possibles : ${SUPPORT_IDS.join(', ')}` }))
        .optional()
        .describe('Supports imprimés utilisés pendant la phase, sans vote'),
      materiel: z
        .array(Slug)
        .optional()
        .describe('Matériel utilisé sans vote (identifiants du catalogue « materiel »)'),
      conseils: PhaseTextList('Conseils d’animation sans vote').optional(),
    })
    .optional()
    .describe(
      'Ce qui remplace le titre, l’objectif, les consignes, les supports, le matériel ou les conseils de la phase quand il n’y a pas de vote (pas plus de thématiques proposées que de thématiques retenues)',
    ),
});
export type PhaseConfig = z.infer<typeof PhaseSchema>;

export const AgendaSchema = z
  .strictObject({
    id: Slug.describe('Identifiant du déroulé : le nom du fichier sans « .yaml »').meta({ examples: ['atelier-2h'] }),
    titre: Text.describe('Titre du déroulé'),
    duree: Minutes.describe('Durée nominale totale, en minutes'),
    themes_retenus: z
      .int({ error: 'nombre entier attendu entre 1 et 7' })
      .min(1, { error: 'nombre entier attendu entre 1 et 7' })
      .max(7, { error: 'nombre entier attendu entre 1 et 7' })
      .default(2)
      .describe('Nombre de thématiques que le groupe retient pour formuler des engagements'),
    criteres: z
      .array(
        z.strictObject({
          titre: Text.describe('Nom court du critère'),
          description: Text.describe('Le critère en une phrase'),
          question: Text.describe('La question à poser à un projet d’engagement'),
        }),
      )
      .min(1, { error: 'au moins un critère est attendu' })
      .describe('Critères qu’un engagement doit remplir'),
    materiel: z
      .array(
        z.strictObject({
          id: Slug.describe('Identifiant du matériel').meta({ examples: ['post-it'] }),
          libelle: PhaseText.describe('Nom affiché ; peut contenir des repères comme {gommettes} ou {format_post_it}'),
          ...QuantityRule,
        }),
      )
      .default([])
      .describe('Catalogue du matériel, avec sa règle de quantité'),
    phases: z
      .array(PhaseSchema)
      .min(1, { error: 'au moins une phase est attendue' })
      .describe('Les phases, dans l’ordre'),
  })
  .describe('Un déroulé d’atelier');
export type AgendaConfig = z.infer<typeof AgendaSchema>;

const CLOCK_PATTERN = /^([01]?\d|2[0-3]):[0-5]\d$/;
const ClockTime = z
  .string({ error: 'heure attendue entre guillemets, au format "HH:MM", par exemple "14:00"' })
  .regex(CLOCK_PATTERN, { error: 'heure invalide : format "HH:MM" attendu, par exemple "14:00"' })
  .meta({ patternErrorMessage: 'heure invalide : format "HH:MM" entre guillemets, par exemple "14:00"' });

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The days that exist, as a pattern an editor can check: 30 days hath
 * September…, and 29 February in leap years only (every fourth year, but
 * centuries only when divisible by 400). Same verdict as isCalendarDate.
 */
export const CALENDAR_DATE_PATTERN =
  '^(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
  '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$';
/** A month (`2027-01`) or a day that exists. */
export const MONTH_OR_DATE_PATTERN = `^\\d{4}-(?:0[1-9]|1[0-2])$|${CALENDAR_DATE_PATTERN}`;

const IsoDate = z
  .string({ error: 'date attendue au format AAAA-MM-JJ, par exemple 2026-12-10' })
  .refine(isCalendarDate, {
    error: 'date invalide : format AAAA-MM-JJ attendu, avec un jour qui existe (par exemple 2026-12-10)',
  })
  .meta({
    pattern: CALENDAR_DATE_PATTERN,
    patternErrorMessage: 'date invalide : format AAAA-MM-JJ, avec un jour qui existe (par exemple 2026-12-10)',
  });

const WorkspacePath = z
  .string({ error: 'chemin de fichier attendu, depuis votre dossier de travail (par exemple images/logo.png)' })
  .trim()
  .min(1, { error: 'chemin vide' });

/**
 * An https address, accented names included (`https://www.ac-créteil.fr/…`):
 * a pattern rather than JSON Schema's `format: uri`, which refuses them,
 * so that the editor and pgo-kit agree.
 */
export const HTTPS_URL_PATTERN = /^https:\/\/[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$/u;

export const LOGO_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.svg', '.webp'] as const;
export const FONT_EXTENSIONS = ['.woff2', '.woff', '.ttf', '.otf'] as const;

const Email = z
  .email({ error: 'adresse électronique attendue, par exemple lab@example.org' })
  .describe('Adresse électronique');

export const INVITES_MIN = 1;
export const INVITES_MAX = 400;
const invitesMessage = `nombre entier attendu entre ${INVITES_MIN} et ${INVITES_MAX}`;

export const PARTICIPANTS_MIN = 1;
export const PARTICIPANTS_MAX = 200;
const participantsMessage = `nombre entier attendu entre ${PARTICIPANTS_MIN} et ${PARTICIPANTS_MAX}`;

export const LARGE_PRINT_MAX = 50;
const largePrintMessage = `nombre entier attendu entre 0 et ${LARGE_PRINT_MAX}`;

export const AcademySchema = z
  .strictObject({
    academie: Text.describe('Nom officiel de l’académie, sans « Académie de » (par exemple : Limoges)').meta({
      examples: ['Limoges'],
    }),
    region_academique: Text.optional()
      .describe('Région académique')
      .meta({ examples: ['Nouvelle-Aquitaine'] }),
    lab: Text.optional()
      .describe('Nom du lab local qui organise la session')
      .meta({ examples: ['Lab’Lim'] }),
    deroule: Slug.default('atelier-2h').describe('Identifiant du déroulé (fichier du dossier agendas/)'),
    session: z
      .strictObject({
        date: IsoDate.optional()
          .describe('Date de la session, AAAA-MM-JJ')
          .meta({ examples: ['2026-12-10'] }),
        debut: ClockTime.default('14:00')
          .describe('Heure de début, "HH:MM", entre guillemets')
          .meta({ examples: ['14:00'] }),
        lieu: Text.optional()
          .describe('Lieu de la session')
          .meta({ examples: ['Rectorat, salle du conseil'] }),
        participants: z
          .int({ error: participantsMessage })
          .min(PARTICIPANTS_MIN, { error: participantsMessage })
          .max(PARTICIPANTS_MAX, { error: participantsMessage })
          .default(12)
          .describe('Nombre de participants attendus : fixe le nombre d’exemplaires à imprimer')
          .meta({ examples: [16] }),
        invites: z
          .int({ error: invitesMessage })
          .min(INVITES_MIN, { error: invitesMessage })
          .max(INVITES_MAX, { error: invitesMessage })
          .optional()
          .describe(
            'Nombre de personnes invitées : invitations et autorisations de droit à l’image à imprimer (envoi.pdf). Par défaut : participants × 1,4, arrondi au supérieur, car une partie des invités ne viendra pas',
          )
          .meta({ examples: [23] }),
        accueil: ClockTime.optional()
          .describe(
            'Heure d’accueil imprimée sur l’invitation, "HH:MM", entre guillemets (un quart d’heure avant le début, en général)',
          )
          .meta({ examples: ['13:45'] }),
        adresse: Text.optional()
          .describe('Adresse complète du lieu, imprimée sur l’invitation : numéro, rue, code postal et ville')
          .meta({ examples: ['13 rue François-Chénieux, 87000 Limoges'] }),
        reponse_avant: IsoDate.optional()
          .describe('Date limite de réponse imprimée sur l’invitation, AAAA-MM-JJ')
          .meta({ examples: ['2026-11-26'] }),
      })
      .default({ debut: '14:00', participants: 12 })
      .describe('La session : date, heures, lieu et adresse, participants et invités, date limite de réponse'),
    contact: z
      .strictObject({
        nom: Text.optional()
          .describe(
            'Prénom et nom de la personne à contacter, imprimés sur l’invitation et l’autorisation de droit à l’image',
          )
          .meta({ examples: ['Camille Martin'] }),
        courriel: Email.optional()
          .describe(
            'Adresse électronique pour répondre à l’invitation et pour retirer une autorisation de droit à l’image',
          )
          .meta({ examples: ['lab@example.org'] }),
      })
      .optional()
      .describe(
        'Le contact des familles et des invités : imprimé sur l’invitation et l’autorisation de droit à l’image',
      ),
    donnees_personnelles: z
      .strictObject({
        responsable: Text.optional()
          .describe('Responsable du traitement des données personnelles (photos, émargement) : le rectorat ou le lab')
          .meta({ examples: ['Rectorat de l’académie de Limoges'] }),
        dpo: Text.optional()
          .describe(
            'Contact du délégué ou de la déléguée à la protection des données (DPO) de l’académie : adresse électronique ou postale',
          )
          .meta({ examples: ['dpo@example.org'] }),
      })
      .optional()
      .describe(
        'La notice d’information sur les données personnelles (RGPD) de l’autorisation de droit à l’image et de l’émargement',
      ),
    animation: z
      .array(
        z.strictObject({
          nom: Text.describe('Prénom et nom'),
          role: Text.optional().describe('Rôle pendant la session (animation, gardien du temps…)'),
        }),
      )
      .default([])
      .describe('Les personnes qui animent la session'),
    thematiques: z
      .array(IdRef)
      .min(1, { error: 'au moins une thématique est attendue' })
      .optional()
      .describe('Thématiques proposées, dans l’ordre (par défaut : toutes)')
      // A theme twice is refused by the loader (« en double »): the editor says it too.
      .meta({ examples: [['sante', 'droit-information', 'donnees-ouvertes']], uniqueItems: true }),
    themes_locaux: z.array(ThemeSchema).default([]).describe('Thématiques ajoutées par l’académie'),
    modifications: z
      .record(IdRef, ThemeOverrideSchema)
      .default({})
      .describe('Champs remplacés dans des thématiques existantes, par identifiant'),
    durees: z
      .record(IdRef, Minutes)
      .default({})
      .describe(
        'Durées des phases remplacées, en minutes, par identifiant de phase (accueil, reflexion, selection, engagements, actions, cloture)',
      )
      .meta({ examples: [{ reflexion: 25 }] }),
    identite: z
      .strictObject({
        logo: WorkspacePath.optional()
          .describe(
            'Logo du lab (PNG, JPG, SVG ou WEBP), chemin depuis votre dossier de travail, par exemple images/logo.png',
          )
          .meta({ examples: ['images/logo-lab.png'] }),
        police: WorkspacePath.optional()
          .describe(
            'Police à utiliser à la place de Source Sans 3 (WOFF2, WOFF, TTF ou OTF), chemin depuis votre dossier de travail',
          )
          .meta({ examples: ['polices/MaPolice.woff2'] }),
      })
      .optional()
      .describe('Votre identité visuelle : logo et police du lab (pas de logo de l’État ni de police Marianne)'),
    suites: z
      .array(
        z.strictObject({
          date: z
            .string({ error: 'date attendue au format AAAA-MM-JJ ou AAAA-MM, par exemple 2027-01-15 ou 2027-01' })
            .refine((value) => isCalendarDate(value) || isCalendarDate(`${value}-01`), {
              error: 'date invalide : format AAAA-MM-JJ ou AAAA-MM attendu, par exemple 2027-01-15 ou 2027-01',
            })
            .meta({
              pattern: MONTH_OR_DATE_PATTERN,
              patternErrorMessage:
                'date invalide : format AAAA-MM-JJ ou AAAA-MM, avec un jour qui existe (par exemple 2027-01-15 ou 2027-01)',
            })
            .describe('Date de l’étape : AAAA-MM-JJ, ou AAAA-MM pour un mois'),
          etape: Text.describe('Ce qui se passe à cette date (synthèse envoyée, retour aux participants…)'),
        }),
      )
      .default([])
      .describe(
        'Les suites de l’atelier dans votre académie, datées : imprimées sur « Le PGO en bref » et dans le guide',
      ),
    contribution_url: z
      .string({ error: 'adresse web attendue, commençant par https://' })
      .regex(HTTPS_URL_PATTERN, {
        error: 'adresse web attendue, commençant par https:// (par exemple https://www.ac-creteil.fr/contribuer)',
      })
      .meta({
        patternErrorMessage:
          'adresse web attendue, commençant par https:// (par exemple https://www.ac-creteil.fr/contribuer)',
      })
      .optional()
      .describe('Adresse de la plateforme de contribution, imprimée en QR code')
      .meta({ examples: ['https://www.example.fr/contribuer'] }),
    gros_caracteres: z
      .int({ error: largePrintMessage })
      .min(0, { error: largePrintMessage })
      .max(LARGE_PRINT_MAX, { error: largePrintMessage })
      .optional()
      .describe(
        'Exemplaires du document en gros caractères (gros-caracteres.pdf) pour les personnes qui en ont demandé ; 0 ou absent : aucun',
      )
      .meta({ examples: [2] }),
  })
  .describe('La session d’une académie et ses adaptations');
export type AcademyConfig = z.infer<typeof AcademySchema>;
