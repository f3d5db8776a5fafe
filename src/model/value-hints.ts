/**
 * What to write instead of a refused value, for the mistakes people really
 * make: a number in quotes, a French date or time, a near miss of an allowed
 * word. Each advice is offered only when the value it proposes is accepted
 * (the caller checks it against the schema), so that no advice leads to a new error.
 */
import { closest } from './suggest.js';
import { isCalendarDate } from './schemas.js';

export interface Advice {
  /** The value proposed. */
  value: unknown;
  /** What is added to the message. */
  text: string;
}

/** `12/03/2026`, `12-03-2026`, `12.03.2026`, `2026-3-12` → `2026-03-12`, when it is a real day. */
export function isoDate(input: string): string | undefined {
  const french = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(input);
  const loose = /^\s*(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*$/.exec(input);
  const [year, month, day] = french ? [french[3], french[2], french[1]] : loose ? [loose[1], loose[2], loose[3]] : [];
  if (!year || !month || !day) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

/** `9h30`, `9h`, `9 h 30`, `9.30`, `9:30`, `14` → `"09:30"`, `"09:00"`, `"14:00"`. */
export function clockTime(input: unknown): string | undefined {
  const text =
    typeof input === 'number' && Number.isInteger(input)
      ? String(input)
      : typeof input === 'string'
        ? input
        : undefined;
  if (text === undefined) return undefined;
  const match = /^\s*(\d{1,2})\s*(?:[hH:.]\s*(\d{2})?)?\s*$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export interface RefusedValue {
  code: string;
  expected?: string;
  values?: readonly unknown[];
  input: unknown;
  /** The schema's message: says which kind of value was expected (« date », « heure »…). */
  message: string;
}

/** The advices worth trying for a refused value, most likely first. */
export function adviceFor(refused: RefusedValue): Advice[] {
  const { code, input, message } = refused;
  const advices: Advice[] = [];
  if (/^(date|heure)/.test(message)) {
    const converted = message.startsWith('date')
      ? typeof input === 'string'
        ? isoDate(input)
        : undefined
      : clockTime(input);
    if (converted && converted !== input)
      advices.push({
        value: converted,
        text: message.startsWith('date') ? `écrivez ${converted}` : `écrivez "${converted}"`,
      });
    return advices;
  }
  if (
    code === 'invalid_type' &&
    (refused.expected === 'number' || refused.expected === 'int') &&
    typeof input === 'string' &&
    /^\s*-?\d+(\.\d+)?\s*$/.test(input)
  ) {
    advices.push({ value: Number(input), text: `écrivez le nombre sans guillemets : ${input.trim()}` });
  }
  if (code === 'invalid_value' && typeof input === 'string' && refused.values) {
    const suggestion = closest(
      input,
      refused.values.filter((value): value is string => typeof value === 'string'),
    );
    if (suggestion && suggestion !== input)
      advices.push({ value: suggestion, text: `vouliez-vous dire « ${suggestion} » ?` });
  }
  return advices;
}
