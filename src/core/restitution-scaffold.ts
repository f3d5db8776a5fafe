/**
 * The text of a new restitutions/<slug>.yaml, pre-filled from the session:
 * the offered themes as keys of `idees`, the first themes as a guess of the
 * retained ones, one commitment block per retained theme with every key
 * present, empty and explained, and the criteria « a-approfondir ». The
 * file validates as written, and is a draft until filled (src/core/draft.ts):
 * `restitution` then lists what to fill. Pure.
 */
import { academyTitle, formatFrenchDate } from './french.js';

export interface ScaffoldInput {
  slug: string;
  academie: string;
  date: string | null;
  themes: { id: string; titre: string }[];
  /** How many themes the agenda's vote retains. */
  retainedThemeCount: number;
  /** Where the JSON Schema is, as the editor should read it from the new file. */
  schemaUrl: string;
}

/** A YAML double-quoted string (JSON's syntax is valid YAML). */
const quoted = (text: string) => JSON.stringify(text);

/** In the order of the commitment canvas, then what the lab adds for the OGP commitment template. */
function commitmentBlock(theme: { id: string; titre: string }): string {
  return `  - thematique: ${theme.id}
    # Titre de l’engagement, en une phrase : 15 à 150 caractères, sans capitales
    # criardes ni « !! » (il devient le titre de la proposition sur Decidim).
    titre: ${quoted(`À compléter : l’engagement pour « ${theme.titre} »`)}
    # Le problème public visé, avec une donnée de départ (un chiffre, un constat).
    probleme:
    # Ce que les ministères s’engagent à faire.
    engagement:
    # Ce qui aura changé, concrètement, quand l’engagement sera tenu.
    resultats_attendus:
    # Les valeurs cochées sur le canevas, parmi les quatre du critère 2 :
    # transparence, ouverture, participation, collaboration.
    valeurs: []
    # Les organisations de la société civile qui le portent ; statut :
    # present (a participé à l’atelier) ou a-solliciter (à solliciter).
    #   - nom: FCPE 87
    #     statut: present
    partenaires: []
    # Les critères, tels que le groupe les a jugés : oui, non ou a-approfondir.
    criteres:
      inedit: a-approfondir           # nouveau, emblématique, fortement transformateur
      valeurs: a-approfondir          # incarne les valeurs du gouvernement ouvert
      societe_civile: a-approfondir   # conçu et porté avec la société civile
      mesurable: a-approfondir        # mesurable par évaluation externe et autoévaluation
    # Comment on mesurera les résultats : par une évaluation externe, et par
    # une autoévaluation des personnes qui portent l’engagement.
    indicateurs:
      externe:
      auto_evaluation:
    # Les désaccords et les questions restées ouvertes, un par ligne (« - … »).
    points_en_debat: []
    # Après l’atelier, le lab complète la fiche d’engagement du PGO :
    # en quoi l’engagement résout le problème ou change les pratiques.
    solution:
    # La grille du PGO (autre chose que les quatre valeurs du canevas) : une
    # phrase pour chaque valeur du PGO que l’engagement sert, au moins une.
    pertinence_ogp:
      transparence:                   # rend l’information plus disponible ou plus accessible
      participation:                  # donne au public plus d’occasions d’influencer les décisions
      redevabilite:                   # oblige les responsables à rendre compte de leur action
    # Le service ou l’institution qui pilote la mise en œuvre.
    pilote:
    # Les autres acteurs publics associés, un par ligne (« - … ») ; écrivez []
    # s’il n’y en a aucun.
    autres_acteurs_publics:
    # La personne à qui l’équipe PGO écrit.
    contact:
      nom:
      fonction:
      courriel:
    # Début et fin : AAAA-MM (par exemple 2027-01) ou AAAA-MM-JJ.
    debut:                            # début prévu
    fin:                              # fin prévue
    # Les jalons : un début, une fin et un livrable vérifiable à la fin.
    #   - debut: 2027-01
    #     fin: 2027-06
    #     livrable: carte des postes publiée en données ouvertes
    jalons: []
    # Les actions du canevas « actions » ; seule « action » est obligatoire.
    #   - action: Publier chaque année la carte des postes de santé scolaire
    #     porteur: Rectorat, service médical
    #     partenaires: FCPE 87
    #     echeance: 2027-03
    #     indicateur: carte publiée sur data.gouv.fr
    #     moyens: une journée de travail par an
    actions: []
`;
}

export function restitutionScaffold(input: ScaffoldInput): string {
  const retainedThemes = input.themes.slice(0, Math.max(1, input.retainedThemeCount));
  const when = input.date ? ` du ${formatFrenchDate(input.date)}` : '';
  return `# yaml-language-server: $schema=${input.schemaUrl}
# Restitution de l’atelier PGO${when} — ${academyTitle(input.academie)}.
# Recopiez ici ce que l’atelier a produit, à partir des affiches et des canevas.
# Seule la clé « academie » est obligatoire ; une clé laissée vide compte comme absente.
# Tant qu’il reste un « À compléter », aucun présent, ou un engagement sans
# « probleme » ou sans « engagement », le fichier est un brouillon :
# restitution.pdf est marqué « brouillon » et rien n’est écrit pour Decidim.
# Puis : pgo-kit restitution --academie ${input.slug}
academie: ${input.slug}

# Les présents à l’atelier, par profil (nombres entiers).
presents:
  eleves:
  etudiants:
  personnels:
  parents:
  associations:

# La réflexion : un post-it par élément, sous sa thématique, avec les gommettes
# qu’il a reçues au vote (0 si aucune). Par exemple :
#   - texte: Une infirmière présente chaque jour dans chaque collège
#     gommettes: 6
idees:
${input.themes.map((theme) => `  ${theme.id}: []    # ${theme.titre}`).join('\n')}

# Les thématiques retenues par le vote. Pré-rempli avec les premières
# thématiques proposées : remplacez-les par celles que le groupe a choisies,
# et gardez un engagement par thématique retenue ci-dessous.
themes_retenus: [${retainedThemes.map((theme) => theme.id).join(', ')}]

# Un engagement par thématique retenue, comme sur le canevas d’engagement.
engagements:
${retainedThemes.map(commitmentBlock).join('\n')}`;
}
