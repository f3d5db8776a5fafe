/**
 * The starter file written by `pgo-kit init <slug>`: the two keys that name
 * the academy, then every optional key commented out and explained, so that a
 * lab member only has to remove a « # » and fill in a value. Pure.
 */
import { stringify } from 'yaml';

export interface ScaffoldInput {
  slug: string;
  academie: string;
  region?: string | undefined;
  /** What the `# yaml-language-server: $schema=` line points at. */
  schemaRef: string;
  /** Theme ids available to the academy, in order. */
  themeIds: readonly string[];
  /** Phase ids of the default agenda. */
  phaseIds: readonly string[];
}

/** A YAML scalar as it must be written after « key: » (quoted when it needs to be). */
function scalar(value: string): string {
  return stringify(value).trimEnd();
}

/** Aligns the « # » of trailing comments so that the file reads as a table. */
function commented(lines: readonly [string, string?][]): string[] {
  // Long example lines are not counted, or every note would be pushed far right.
  const width = Math.min(40, Math.max(...lines.map(([code]) => code.length))) + 2;
  return lines.map(([code, note]) => {
    const line = `# ${code}`;
    // At least two spaces before a trailing comment, or YAML would read it as part of the value.
    return note ? `${line}${' '.repeat(Math.max(2, width + 2 - line.length))}# ${note}` : line;
  });
}

export function academyScaffold(input: ScaffoldInput): string {
  const { slug } = input;
  const themes = input.themeIds.length > 0 ? input.themeIds : ['sante'];
  const firstTheme = themes[0] ?? 'sante';
  const phases = input.phaseIds.length > 0 ? input.phaseIds : ['reflexion'];
  const header = [
    `# yaml-language-server: $schema=${input.schemaRef}`,
    `# Session de l’atelier PGO — fichier de l’académie « ${slug} » pour pgo-kit.`,
    '#',
    '# Seule la clé « academie » est obligatoire. Les autres sont facultatives :',
    '# pour en utiliser une, retirez le « # » en début de ligne (et seulement',
    '# celui-là, pas celui des commentaires) et remplacez l’exemple par votre valeur.',
    '# Gardez l’indentation : deux espaces par niveau, jamais de tabulation.',
    '# Un texte qui contient « : » ou commence par une apostrophe s’écrit entre',
    '# guillemets : lieu: "Salle : B12".',
    '',
    `academie: ${scalar(input.academie)}`,
    ...(input.region ? [`region_academique: ${scalar(input.region)}`] : ['# region_academique: Nouvelle-Aquitaine']),
    '',
  ];
  const body = commented([
    ['lab: Lab d’innovation de l’académie', 'nom de votre lab, imprimé sur les documents'],
    ['deroule: atelier-2h', 'déroulé utilisé (fichier agendas/<identifiant>.yaml)'],
    ['session:', 'la session elle-même'],
    ['  date: 2027-03-18', 'date au format AAAA-MM-JJ'],
    ['  debut: "14:00"', 'heure de début, entre guillemets (par défaut "14:00")'],
    ['  lieu: Rectorat, salle du conseil', 'lieu, imprimé sur le déroulé'],
    ['  participants: 16', 'de 1 à 200 (par défaut 12) : fixe les exemplaires et le matériel'],
    ['  invites: 23', 'invitations à envoyer (envoi.pdf) ; par défaut participants × 1,4'],
    ['  accueil: "13:45"', 'heure d’accueil imprimée sur l’invitation, entre guillemets'],
    ['  adresse: 1 rue de l’Exemple, 00000 Ville', 'adresse complète du lieu, pour l’invitation'],
    ['  reponse_avant: 2027-02-25', 'date limite de réponse à l’invitation, AAAA-MM-JJ'],
    ['contact:', 'la personne que les familles contactent (invitation, retrait d’une autorisation)'],
    ['  nom: Prénom Nom'],
    ['  courriel: lab@example.org'],
    ['donnees_personnelles:', 'la notice RGPD de l’autorisation de droit à l’image et de l’émargement'],
    ['  responsable: Rectorat de l’académie', 'responsable du traitement (par défaut : le rectorat)'],
    ['  dpo: dpo@example.org', 'contact du délégué à la protection des données de l’académie'],
    ['animation:', 'l’équipe d’animation, une ligne « - nom: » par personne'],
    ['  - nom: Prénom Nom'],
    ['    role: Animation'],
    ['  - nom: Prénom Nom'],
    ['    role: Gardien du temps'],
    ['thematiques:', 'thématiques proposées, dans l’ordre (par défaut : toutes)'],
    ...themes.map((id): [string] => [`  - ${id}`]),
    ['themes_locaux:', 'vos propres thématiques, même forme que themes/*.yaml'],
    ['  - id: mon-theme', 'identifiant : minuscules, chiffres et tirets ; ajoutez-le à « thematiques »'],
    ['    titre: Titre de mon thème'],
    ['    theme_pgo: Engagement citoyen et participation', 'la thématique du PGO qu’il adapte'],
    ['    couleur: "#455a64"', 'facultatif : couleur foncée, au format "#rrvvbb"'],
    ['    description: Deux ou trois phrases compréhensibles par un élève ou un parent.'],
    ['    questions:', 'imprimées sur l’affiche de la thématique'],
    ['      - Première question pour lancer la réflexion ?'],
    ['      - Deuxième question ?'],
    ['modifications:', 'remplace des champs d’une thématique existante, par identifiant'],
    [`  ${firstTheme}:`],
    ['    questions:'],
    ['      - Une question adaptée à votre territoire ?'],
    ['      - Une deuxième question ?'],
    ['durees:', `durées des phases en minutes (phases : ${phases.join(', ')})`],
    [`  ${phases[1] ?? phases[0]}: 25`, 'si le total ne fait plus la durée prévue, pgo-kit le signale sans bloquer'],
    ['identite:', 'votre identité visuelle (ni logo de l’État, ni police Marianne)'],
    ['  logo: images/logo-lab.png', 'PNG, JPG, SVG ou WEBP, chemin depuis ce dossier de travail'],
    ['  police: polices/MaPolice.woff2', 'WOFF2, WOFF, TTF ou OTF, à la place de Source Sans 3'],
    ['suites:', 'les suites de l’atelier, datées, imprimées sur « Le PGO en bref »'],
    ['  - date: 2027-04', 'AAAA-MM-JJ, ou AAAA-MM pour un mois'],
    ['    etape: synthèse envoyée aux participants'],
    [
      'contribution_url: https://www.example.fr/contribuer',
      'page précise d’une consultation en ligne (jamais l’accueil du rectorat), imprimée en QR code',
    ],
    ['gros_caracteres: 1', 'exemplaires de gros-caracteres.pdf, pour qui a demandé les gros caractères (0 : aucun)'],
  ]);
  return `${[...header, ...body].join('\n')}\n`;
}
