/**
 * The « pluriel » helper of the templates: French takes the singular for 0
 * and 1, the plural from 2, with the noun and its agreeing words given by
 * the template. Every pair the shipped templates use, at 0, 1 and 2.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspace } from '../../../src/model/workspace.js';
import { createTemplateEngine } from '../../../src/render/engine.js';
import { makeWorkspace } from '../../helpers/cli.js';

const ROOT = path.resolve(__dirname, '../../..');
const engine = createTemplateEngine(
  createWorkspace(makeWorkspace({ 'templates/compte.hbs': '{{pluriel n un plusieurs}}' })),
);
const say = (n: number, un: string, plusieurs: string) =>
  engine.render('compte', { n, un, plusieurs }).replace(/\u00a0/g, ' ');

/** Every « {{pluriel x "un" "plusieurs"}} » of the shipped templates. */
const used = [
  ...new Set(
    readdirSync(path.join(ROOT, 'templates'))
      .filter((name) => name.endsWith('.hbs'))
      .flatMap((name) =>
        [...readFileSync(path.join(ROOT, 'templates', name), 'utf8').matchAll(/pluriel \S+ "([^"]+)" "([^"]+)"/g)].map(
          (match) => `${match[1]}|${match[2]}`,
        ),
      ),
  ),
].map((pair) => pair.split('|') as [string, string]);

describe('the « pluriel » helper', () => {
  it('finds the pairs the templates use', () => {
    expect(used.length).toBeGreaterThan(8);
  });

  it.each(
    used.flatMap(([one, many]) => [
      [0, one, many, `0 ${one}`],
      [1, one, many, `1 ${one}`],
      [2, one, many, `2 ${many}`],
    ]),
  )('%i with « %s » / « %s » says « %s »', (n, one, many, expected) => {
    expect(say(n, one, many)).toBe(expected);
  });

  it.each([
    [0, 'action', 'actions', '0 action'],
    [1, 'action', 'actions', '1 action'],
    [2, 'action', 'actions', '2 actions'],
    [1, 'sous-groupe', 'sous-groupes', '1 sous-groupe'],
    [2, 'sous-groupe', 'sous-groupes', '2 sous-groupes'],
    [1, 'post-it', 'post-it', '1 post-it'],
    [24, 'post-it', 'post-it', '24 post-it'],
  ])('%i with « %s » / « %s » says « %s »', (n, one, many, expected) => {
    expect(say(n, one, many)).toBe(expected);
  });

  it('keeps the count and its noun together with a no-break space', () => {
    expect(engine.render('compte', { n: 2, un: 'action', plusieurs: 'actions' })).toBe('2\u00a0actions');
  });
});
