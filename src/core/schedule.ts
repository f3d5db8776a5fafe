/** Clock times of the phases, from the start time and the durations. Pure. */

export interface TimedPhase<P> {
  phase: P;
  /** Minutes since midnight (may exceed 24 h for a session that runs past midnight). */
  start: number;
  end: number;
}

export function parseClock(value: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`not a HH:MM time: ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** « 14 h 05 » with no-break spaces, as French typography writes clock times. */
export function formatClock(minutes: number): string {
  const inDay = ((minutes % 1440) + 1440) % 1440;
  const hours = Math.floor(inDay / 60);
  const rest = inDay % 60;
  return `${hours}\u00a0h\u00a0${String(rest).padStart(2, '0')}`;
}

/** « 1 h 30 », « 45 min », « 2 h »: a duration as a facilitator says it. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}\u00a0min`;
  return rest === 0 ? `${hours}\u00a0h` : `${hours}\u00a0h\u00a0${String(rest).padStart(2, '0')}`;
}

export function totalMinutes(phases: readonly { duree: number }[]): number {
  return phases.reduce((sum, phase) => sum + phase.duree, 0);
}

export function schedule<P extends { duree: number }>(debut: string, phases: readonly P[]): TimedPhase<P>[] {
  let clock = parseClock(debut);
  return phases.map((phase) => {
    const start = clock;
    clock += phase.duree;
    return { phase, start, end: clock };
  });
}
