import { describe, expect, it } from 'vitest';
import { localIsoDate, pastSessionMessage } from '../../../src/core/session-date.js';

describe('a session date already past', () => {
  it.each<[string | undefined, string, string | undefined]>([
    [
      '2026-03-12',
      '2026-12-06',
      'la date de la session (jeudi 12 mars 2026) est déjà passée : vérifiez-la, l’année surtout, avant d’imprimer',
    ],
    [
      '2026-12-05',
      '2026-12-06',
      'la date de la session (samedi 5 décembre 2026) est déjà passée : vérifiez-la, l’année surtout, avant d’imprimer',
    ],
    // The day itself is not past: a kit printed the morning of the session.
    ['2026-12-06', '2026-12-06', undefined],
    ['2027-03-12', '2026-12-06', undefined],
    [undefined, '2026-12-06', undefined],
  ])('%s, today %s', (date, today, message) => {
    expect(pastSessionMessage(date, today)).toBe(message);
  });

  it('takes today as the machine’s calendar shows it', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
