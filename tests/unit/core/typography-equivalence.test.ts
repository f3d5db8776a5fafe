import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frenchTypography, typesetHtml } from '../../../src/core/typography.js';
import * as reference from '../../helpers/typography-reference.js';

describe('the fast typography pass gives what the reference gave', () => {
  // On every document of every shipped academy: in tests/unit/render/wording.test.ts, which renders them all
  // already (the HTML the templates gave, and what typesetHtml made of it, against the reference).

  // Text made of the characters the rules look at, in any order and amount.
  const tricky = fc
    .array(
      fc.constantFrom(
        ' ',
        ' ',
        '\u00a0',
        '\u202f',
        '«',
        '»',
        ';',
        ':',
        '!',
        '?',
        "'",
        'é',
        'a',
        'B',
        '1',
        '0',
        '5',
        '.',
        ',',
        ')',
        '%',
        '€',
        '&amp;',
        '&lt;',
        '>',
        '\n',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('on any text', () => {
    fc.assert(
      fc.property(tricky, (text) => frenchTypography(text) === reference.frenchTypography(text)),
      { numRuns: 3000 },
    );
  });

  it('on any markup', () => {
    const markup = fc
      .array(
        fc.oneof(
          tricky,
          fc.constantFrom(
            '<p>',
            '</p>',
            '<code>',
            '</code>',
            '<style>',
            '</style>',
            '<img alt="',
            '">',
            '<a title="x : y">',
            '</a>',
            '<br/>',
          ),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(markup, (html) => typesetHtml(html) === reference.typesetHtml(html)),
      { numRuns: 2000 },
    );
  });

  // How long a long run of spaces takes (a quadratic rule would take minutes) is measured by
  // `npm run bench`, not here: a timing in a test flakes on a loaded machine. Here, the outcome.
  it('gives the reference result on a long run of spaces', () => {
    const text = `a${' '.repeat(2_000)}b`;
    expect(frenchTypography(`${text}:`)).toBe(reference.frenchTypography(`${text}:`));
    expect(typesetHtml(`<p>${text}»</p>`)).toBe(reference.typesetHtml(`<p>${text}»</p>`));
  });
});
