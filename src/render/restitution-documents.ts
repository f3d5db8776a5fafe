/** The documents made after the workshop: one academy's restitution, and the national synthesis. */
import type { ParticipantsView, RestitutionView } from '../core/restitution.js';
import type { SyntheseView } from '../core/synthese.js';

export interface ResultDocument {
  id: 'restitution' | 'restitution-participants' | 'synthese';
  file: string;
  titre: string;
  sujet: string;
  html: string;
}

/** A document to render: its template (templates/<template>.hbs) and what the template is given. Pure. */
export interface ResultDocumentJob extends Omit<ResultDocument, 'html'> {
  template: string;
  context: unknown;
}

export function restitutionJob(view: RestitutionView): ResultDocumentJob {
  const titre = 'Restitution de l’atelier';
  const sujet = 'Ce qu’a produit un atelier PGO : présents, idées et votes, fiches d’engagement et actions';
  const context = {
    ...view,
    document: { id: 'restitution', titre, sujet, titreComplet: `${titre} — ${view.academie.titre}` },
  };
  return { id: 'restitution', file: 'restitution.pdf', titre, sujet, template: 'restitution', context };
}

/** The participants' version: what was proposed, what was kept, what happens next. */
export function participantsJob(view: ParticipantsView): ResultDocumentJob {
  const titre = 'Ce que nous avons construit ensemble';
  const sujet = 'Pour les participants d’un atelier PGO : ce qui a été proposé, ce qui a été retenu, la suite';
  const context = {
    ...view,
    document: { id: 'restitution-participants', titre, sujet, titreComplet: `${titre} — ${view.academie.titre}` },
  };
  return {
    id: 'restitution-participants',
    file: 'restitution-participants.pdf',
    titre,
    sujet,
    template: 'restitution-participants',
    context,
  };
}

/** The synthesis is no academy's: the head partial's academy fields name the partnership instead. */
export function syntheseJob(view: SyntheseView): ResultDocumentJob {
  const titre = 'Synthèse des ateliers';
  const sujet = 'Synthèse nationale des ateliers PGO : participation, thématiques, engagements semblables et critères';
  const context = {
    ...view,
    academie: { titre: 'Partenariat pour un Gouvernement Ouvert', lab: null },
    identite: { logo: null, police: null },
    document: { id: 'synthese', titre, sujet, titreComplet: `${titre} — Partenariat pour un Gouvernement Ouvert` },
  };
  return { id: 'synthese', file: 'synthese.pdf', titre, sujet, template: 'synthese', context };
}
