import { describe, expect, it } from 'vitest';
import { breakLongRuns } from '../../../src/render/engine.js';

const run = (length: number) => 'a'.repeat(length);

describe('breakLongRuns', () => {
  it.each([
    [
      '<p>un texte ordinaire, des mots d’une longueur ordinaire</p>',
      '<p>un texte ordinaire, des mots d’une longueur ordinaire</p>',
    ],
    [`<p>${run(60)}</p>`, `<p>${run(60)}</p>`],
    [`<p>x ${run(61)} y</p>`, `<p>x ${run(20)}<wbr>${run(20)}<wbr>${run(20)}<wbr>a y</p>`],
    // Entities are never split.
    [
      `<p>${'&amp;'.repeat(61)}</p>`,
      `<p>${'&amp;'.repeat(20)}<wbr>${'&amp;'.repeat(20)}<wbr>${'&amp;'.repeat(20)}<wbr>&amp;</p>`,
    ],
    // Tags, attributes, styles, SVG and the title are left as they are.
    [`<a href="${run(80)}">x</a>`, `<a href="${run(80)}">x</a>`],
    [`<style>.x{background:url(${run(80)})}</style>`, `<style>.x{background:url(${run(80)})}</style>`],
    [`<svg><text>${run(80)}</text></svg>`, `<svg><text>${run(80)}</text></svg>`],
    [`<title>${run(80)}</title>`, `<title>${run(80)}</title>`],
  ])('%s', (html, expected) => {
    expect(breakLongRuns(html)).toBe(expected);
  });
});
