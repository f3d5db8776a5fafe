import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, parseClock, schedule, totalMinutes } from '../../../src/core/schedule.js';

const phases = (...durations: number[]) => durations.map((duree, index) => ({ id: `p${index}`, duree }));
const clock = (text: string) => text.replace(/\u00a0/g, ' ');

describe('schedule', () => {
  it.each([
    ['14:00', [15, 20, 15, 30, 25, 15], ['14 h 00', '14 h 15', '14 h 35', '14 h 50', '15 h 20', '15 h 45'], '16 h 00'],
    ['9:30', [15, 20, 15, 30, 25, 15], ['9 h 30', '9 h 45', '10 h 05', '10 h 20', '10 h 50', '11 h 15'], '11 h 30'],
    ['13:45', [15, 25, 15, 30, 20, 15], ['13 h 45', '14 h 00', '14 h 25', '14 h 40', '15 h 10', '15 h 30'], '15 h 45'],
    ['23:30', [45, 30], ['23 h 30', '0 h 15'], '0 h 45'],
    ['08:05', [55, 1], ['8 h 05', '9 h 00'], '9 h 01'],
  ])('starting at %s with %j', (debut, durations, starts, end) => {
    const timed = schedule(debut, phases(...durations));
    expect(timed.map((t) => clock(formatClock(t.start)))).toEqual(starts);
    expect(clock(formatClock(timed[timed.length - 1]!.end))).toBe(end);
  });

  it('keeps each phase with its times', () => {
    const [first, second] = schedule('10:00', phases(10, 20));
    expect(first).toMatchObject({ phase: { id: 'p0' }, start: 600, end: 610 });
    expect(second).toMatchObject({ phase: { id: 'p1' }, start: 610, end: 630 });
  });

  it.each([
    [0, '0 min'],
    [15, '15 min'],
    [60, '1 h'],
    [90, '1 h 30'],
    [125, '2 h 05'],
  ])('formats %i minutes as %s', (minutes, text) => {
    expect(clock(formatDuration(minutes))).toBe(text);
  });

  it('uses no-break spaces inside times', () => {
    expect(formatClock(14 * 60)).toBe('14\u00a0h\u00a000');
  });

  it.each([
    ['14:00', 840],
    ['9:05', 545],
    ['00:00', 0],
  ])('parses %s', (text, minutes) => {
    expect(parseClock(text)).toBe(minutes);
  });

  it('adds durations', () => {
    expect(totalMinutes(phases(15, 20, 15, 30, 25, 15))).toBe(120);
  });
});
