/** The documents of a kit (docs/file-formats.md), rendered to typeset HTML. */
import type { KitView } from '../core/kit.js';
import { typesetHtml } from '../core/typography.js';
import type { TemplateEngine } from './engine.js';

export interface DocumentDefinition {
  id: 'deroule' | 'supports' | 'conseils' | 'envoi' | 'gros-caracteres';
  /** templates/<template>.hbs */
  template: string;
  file: string;
  titre: string;
  sujet: string;
  /** Bookmarks from the headings: useful in the long A4 documents, noise on posters. */
  outline: boolean;
}

export const DOCUMENTS: readonly DocumentDefinition[] = [
  {
    id: 'deroule',
    template: 'deroule',
    file: 'deroule.pdf',
    titre: 'Déroulé de l’atelier',
    sujet: 'Fiche de déroulé d’un atelier PGO : horaires, phases, plan d’impression et matériel',
    outline: true,
  },
  {
    id: 'supports',
    template: 'supports',
    file: 'supports.pdf',
    titre: 'Supports d’atelier',
    sujet: 'Affiches, fiches et canevas à imprimer pour un atelier PGO',
    outline: false,
  },
  {
    id: 'conseils',
    template: 'conseils',
    file: 'conseils.pdf',
    titre: 'Conseils d’animation',
    sujet: 'Conseils pour animer un atelier PGO : avant, pendant, après',
    outline: true,
  },
  {
    id: 'envoi',
    template: 'envoi',
    file: 'envoi.pdf',
    titre: 'Invitation et autorisation',
    sujet:
      'À envoyer aux invités trois semaines avant l’atelier PGO : invitation, autorisation de droit à l’image et sa notice',
    outline: false,
  },
];

/**
 * The large-print set, written only on request (academy key gros_caracteres,
 * build --gros-caracteres): the sheets a participant reads or fills alone,
 * from the same partials as supports.pdf and envoi.pdf, with another stylesheet.
 */
export const LARGE_PRINT: DocumentDefinition = {
  id: 'gros-caracteres',
  template: 'gros-caracteres',
  file: 'gros-caracteres.pdf',
  titre: 'Documents en gros caractères',
  sujet: 'Invitation, autorisation, Le PGO en bref, Mes 3 idées, critères et avis, en gros caractères (18 pt et plus)',
  outline: true,
};

export interface RenderedDocument {
  definition: DocumentDefinition;
  html: string;
}

/** What a document's template is given: the kit, and the document itself. Pure. */
export function documentContext(
  kit: KitView,
  definition: DocumentDefinition,
): KitView & { document: { id: string; titre: string; sujet: string; titreComplet: string } } {
  return {
    ...kit,
    document: {
      id: definition.id,
      titre: definition.titre,
      sujet: definition.sujet,
      titreComplet: `${definition.titre} — ${kit.academie.titre}`,
    },
  };
}

/** A template rendered and typeset: the HTML a document prints. */
export function renderTemplate(engine: TemplateEngine, template: string, context: unknown): string {
  return typesetHtml(engine.render(template, context));
}

/** One document of the kit, by its index in DOCUMENTS. */
export function renderDocument(engine: TemplateEngine, kit: KitView, index: number): string {
  const definition = DOCUMENTS[index];
  if (!definition) throw new RangeError(`no document ${index}`);
  return renderTemplate(engine, definition.template, documentContext(kit, definition));
}

export function renderDocuments(engine: TemplateEngine, kit: KitView): RenderedDocument[] {
  return DOCUMENTS.map((definition, index) => ({ definition, html: renderDocument(engine, kit, index) }));
}
