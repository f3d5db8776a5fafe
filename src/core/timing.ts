/**
 * The minutes that depend on the group, derived from the group with the
 * orders of magnitude a facilitator plans with (DOMAIN.md, « Workshop
 * practice »): the poster tour, the choice of themes (reading, merging
 * duplicates, voting, counting) and the closing (each small group reports
 * back). When a phase of the agenda is shorter than what it must hold, the
 * shortfall is said with the number that breaks it, before the day. Pure.
 */
import { frenchList, plural } from './french.js';

/** A participant reads a poster in about a minute; everyone reads at once, one poster after another. */
export const MINUTES_PER_POSTER = 1;
/** Merging duplicates costs about a minute per ten sticky notes. */
export const NOTES_MERGED_PER_MINUTE = 10;
/** Ideas a participant writes in the reflection phase (3 to 4 in 5 minutes). */
export const IDEAS_PER_PERSON = 3.5;
/** Writing 3 to 4 ideas alone takes about 5 minutes… */
export const WRITING_MINUTES = 5;
/** …and copying them onto sticky notes and sticking them on the posters about as much. */
export const COPYING_MINUTES = 5;
/** Everyone sticks their dots at the same time, in silence. */
export const VOTE_MINUTES = 3;
/** Counting a poster's dots aloud and writing its score: about half a minute a poster. */
export const COUNT_MINUTES_PER_POSTER = 0.5;
/** A small group reports back in 3 to 5 minutes: the plan counts the lower bound. */
export const REPORT_MINUTES_PER_GROUP = 3;
/** Re-reading the commitments, the next steps and thanks, after the reports. */
export const CLOSING_MINUTES = 5;

export interface GroupSize {
  participants: number;
  /** Themes offered (one poster each). */
  themes: number;
  /** Themes kept: with no more offered than kept, there is no vote. */
  retainedThemeCount: number;
  /** Small groups that report back at the closing. */
  subgroups: number;
}

/** Sticky notes the whole group writes. */
export function ideasWritten(participants: number): number {
  return Math.ceil(Math.max(0, participants) * IDEAS_PER_PERSON);
}

/** Is there a dot vote? Not when every offered theme is kept anyway. */
export function hasVote(size: Pick<GroupSize, 'themes' | 'retainedThemeCount'>): boolean {
  return size.themes > size.retainedThemeCount;
}

/** One part of a phase, in minutes, with what it is in French (« 8 affiches à lire »). */
export interface TimedPart {
  id: string;
  libelle: string;
  minutes: number;
}

export interface PhaseNeed {
  parts: TimedPart[];
  /** Minutes the parts need together. */
  total: number;
}

const need = (parts: TimedPart[]): PhaseNeed => ({ parts, total: parts.reduce((sum, part) => sum + part.minutes, 0) });

/** Reflection: the poster tour (one minute a poster), then writing alone, then copying onto sticky notes. */
export function reflectionNeed(size: Pick<GroupSize, 'themes'>): PhaseNeed {
  return need([
    {
      id: 'tour',
      libelle: `le tour de ${plural(size.themes, 'affiche', 'affiches')}`,
      minutes: Math.ceil(size.themes * MINUTES_PER_POSTER),
    },
    { id: 'ecriture', libelle: 'l’écriture des idées', minutes: WRITING_MINUTES },
    { id: 'copie', libelle: 'la copie sur post-it', minutes: COPYING_MINUTES },
  ]);
}

/** Theme choice: read every poster, merge the duplicates, then (when there is a vote) vote and count. */
export function themeChoiceNeed(size: Pick<GroupSize, 'participants' | 'themes' | 'retainedThemeCount'>): PhaseNeed {
  const notes = ideasWritten(size.participants);
  const parts: TimedPart[] = [
    {
      id: 'lecture',
      libelle: `la lecture de ${plural(size.themes, 'affiche', 'affiches')}`,
      minutes: Math.ceil(size.themes * MINUTES_PER_POSTER),
    },
    {
      id: 'fusion',
      libelle: `le regroupement des doublons parmi ${plural(notes, 'post-it', 'post-it')}`,
      minutes: Math.ceil(notes / NOTES_MERGED_PER_MINUTE),
    },
  ];
  if (hasVote(size)) {
    parts.push({ id: 'vote', libelle: 'le vote', minutes: VOTE_MINUTES });
    parts.push({
      id: 'comptage',
      libelle: `le comptage de ${plural(size.themes, 'affiche', 'affiches')}`,
      minutes: Math.ceil(size.themes * COUNT_MINUTES_PER_POSTER),
    });
  }
  return need(parts);
}

/** Closing: each small group reports back, then the commitments are re-read and the next steps said. */
export function closingNeed(size: Pick<GroupSize, 'subgroups'>): PhaseNeed {
  return need([
    {
      id: 'restitutions',
      libelle: `les présentations de ${plural(size.subgroups, 'sous-groupe', 'sous-groupes')} (${REPORT_MINUTES_PER_GROUP} min chacun au moins)`,
      minutes: size.subgroups * REPORT_MINUTES_PER_GROUP,
    },
    { id: 'suites', libelle: 'la relecture et les suites', minutes: CLOSING_MINUTES },
  ]);
}

/** The phases whose length depends on the group, by the id they have in the shipped agendas. */
export const GROUP_PHASES = { reflexion: reflectionNeed, selection: themeChoiceNeed, cloture: closingNeed } as const;

export interface Shortfall {
  phaseId: string;
  /** Minutes the agenda gives the phase. */
  prevues: number;
  /** Minutes the group needs. */
  necessaires: number;
  need: PhaseNeed;
  /** « … : 8 min pour la lecture de 8 affiches, …, comptez 24 min ; … », for the build's warning. */
  message: string;
}

/** What the phase needs for this group, when its id is one whose length depends on the group. */
export function phaseNeed(phaseId: string, size: GroupSize): PhaseNeed | undefined {
  if (!Object.hasOwn(GROUP_PHASES, phaseId)) return undefined;
  return GROUP_PHASES[phaseId as keyof typeof GROUP_PHASES](size);
}

/** The phases too short for this group, in agenda order. */
export function shortfalls(
  phases: readonly { id: string; titre: string; duree: number }[],
  size: GroupSize,
): Shortfall[] {
  return phases.flatMap((phase) => {
    const needed = phaseNeed(phase.id, size);
    if (!needed || needed.total <= phase.duree) return [];
    const detail = frenchList(needed.parts.map((part) => `${part.minutes} min pour ${part.libelle}`));
    const group =
      phase.id === 'cloture'
        ? plural(size.subgroups, 'sous-groupe', 'sous-groupes')
        : `${plural(size.participants, 'participant', 'participants')} et ${plural(size.themes, 'thématique', 'thématiques')}`;
    const advice = phase.id === 'cloture' ? '' : ' ou proposez moins de thématiques';
    const message = `la phase « ${phase.titre} » ne tient pas en ${phase.duree} min pour ${group} : ${detail}, comptez ${needed.total} min ; allongez-la dans « durees » (en raccourcissant une autre phase)${advice}`;
    return [{ phaseId: phase.id, prevues: phase.duree, necessaires: needed.total, need: needed, message }];
  });
}
