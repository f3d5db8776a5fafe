import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKit } from '../../../src/core/kit.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { renderDocuments } from '../../../src/render/documents.js';
import { createTemplateEngine } from '../../../src/render/engine.js';

const workspace = createWorkspace(path.resolve(__dirname, '../../..'));
const loader = createLoader(workspace);
const engine = createTemplateEngine(workspace);

/** Text between tags (outside style, script and svg elements) and the attributes people read. */
function textNodes(html: string): string[] {
  const prose = html.replace(/<(style|script|svg)\b[\s\S]*?<\/\1>/gi, '');
  const attributes = [...prose.matchAll(/\s(?:aria-label|alt|title|content)="([^"]*)"/g)].map(
    (match) => match[1] ?? '',
  );
  return [...prose.split(/<[^>]*>/), ...attributes]
    .map((text) => text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
    .filter((text) => text.trim() !== '');
}

const RULES: [string, RegExp][] = [
  ['ordinary space before ; : ! ?', /[ \u00a0][;:!?]/],
  ['high punctuation glued to a word', /\p{L}[!?]/u],
  ['« without its narrow no-break space', /«(?!\u202f)/],
  ['» without its narrow no-break space', /(?<!\u202f)»/],
  ['straight apostrophe', /\p{L}'\p{L}/u],
  ['a number separated from its word by a breaking space', /\d \p{L}/u],
];

describe.each(['limoges', 'creteil', 'lille'])('documents of %s', (slug) => {
  const model = loader.load(slug);
  const documents = renderDocuments(engine, deriveKit(model, '<svg></svg>'));

  it.each(documents.map((document) => [document.definition.file, document.html]))(
    '%s follows French typography',
    (_file, html) => {
      const violations = textNodes(html).flatMap((text) =>
        RULES.filter(([, pattern]) => pattern.test(text)).map(
          ([rule]) => `${rule}: ${JSON.stringify(text.trim().slice(0, 80))}`,
        ),
      );
      expect(violations).toEqual([]);
    },
  );

  it('are HTML in French, titled with the academy', () => {
    for (const { html } of documents) {
      expect(html).toMatch(/^<!doctype html>\s*<html lang="fr">/i);
      expect(html).toMatch(
        new RegExp(
          `<title>[^<]*Académie ${slug === 'limoges' ? 'de Limoges' : slug === 'creteil' ? 'de Créteil' : 'de Lille'}</title>`,
        ),
      );
    }
  });
});
