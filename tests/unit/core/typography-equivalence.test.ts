import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveKit } from '../../../src/core/kit.js';
import { frenchTypography, typesetHtml } from '../../../src/core/typography.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { DOCUMENTS } from '../../../src/render/documents.js';
import { createTemplateEngine } from '../../../src/render/engine.js';
import * as reference from '../../helpers/typography-reference.js';

const workspace = createWorkspace(path.resolve(__dirname, '../../..'));
const loader = createLoader(workspace);
const engine = createTemplateEngine(workspace);

describe('the fast typography pass gives what the reference gave', () => {
  it('on every document of every shipped academy', () => {
    let documents = 0;
    for (const slug of workspace.list('academies', '.yaml')) {
      const kit = deriveKit(loader.load(slug), '<svg viewBox="0 0 1 1"></svg>');
      for (const definition of DOCUMENTS) {
        const raw = engine.render(definition.template, {
          ...kit,
          document: {
            id: definition.id,
            titre: definition.titre,
            sujet: definition.sujet,
            titreComplet: `${definition.titre} — ${kit.academie.titre}`,
          },
        });
        expect(typesetHtml(raw), `${slug}/${definition.file}`).toBe(reference.typesetHtml(raw));
        documents++;
      }
    }
    expect(documents).toBeGreaterThanOrEqual(90);
  });

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
