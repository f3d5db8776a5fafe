/** The documents made after the workshop: one academy's restitution, and the national synthesis. */
import type { RestitutionView } from '../core/restitution.js';
import type { SyntheseView } from '../core/synthese.js';
import { typesetHtml } from '../core/typography.js';
import type { TemplateEngine } from './engine.js';

export interface ResultDocument {
  id: 'restitution' | 'synthese';
  file: string;
  titre: string;
  sujet: string;
  html: string;
}

export function renderRestitution(engine: TemplateEngine, view: RestitutionView): ResultDocument {
  const titre = 'Restitution de l’atelier';
  const sujet = 'Ce qu’a produit un atelier PGO : présents, idées et votes, fiches d’engagement et actions';
  const context = { ...view, document: { id: 'restitution', titre, sujet, titreComplet: `${titre} — ${view.academie.titre}` } };
  return { id: 'restitution', file: 'restitution.pdf', titre, sujet, html: typesetHtml(engine.render('restitution', context)) };
}

/** The synthesis is no academy's: the head partial's academy fields name the partnership instead. */
export function renderSynthese(engine: TemplateEngine, view: SyntheseView): ResultDocument {
  const titre = 'Synthèse des ateliers';
  const sujet = 'Synthèse nationale des ateliers PGO : participation, thématiques, engagements semblables et critères';
  const context = {
    ...view,
    academie: { titre: 'Partenariat pour un Gouvernement Ouvert', lab: null },
    identite: { logo: null, police: null },
    document: { id: 'synthese', titre, sujet, titreComplet: `${titre} — Partenariat pour un Gouvernement Ouvert` },
  };
  return { id: 'synthese', file: 'synthese.pdf', titre, sujet, html: typesetHtml(engine.render('synthese', context)) };
}
