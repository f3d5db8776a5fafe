import { describe, expect, it } from 'vitest';
import { madeList } from '../../../src/run/runner.js';

describe('the files a unit made, in its progress line', () => {
  it.each([
    [['deroule.pdf', 'supports.pdf'], 'deroule.pdf, supports.pdf'],
    [
      ['deroule.pdf', 'impression/A3-1-exemplaire.pdf', 'impression/A4-2-exemplaires.pdf', 'envoi.pdf'],
      'deroule.pdf, impression/ (2\u00a0fichiers), envoi.pdf',
    ],
    [['impression/A3-1-exemplaire.pdf'], 'impression/ (1\u00a0fichier)'],
  ])('%j → %s', (files, line) => {
    expect(madeList(files)).toBe(line);
  });
});
