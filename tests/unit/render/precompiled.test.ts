import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKit } from '../../../src/core/kit.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { workspaceAssetUrl } from '../../../src/render/assets.js';
import { DOCUMENTS, renderDocument } from '../../../src/render/documents.js';
import { createTemplateEngine, type TemplateEngine } from '../../../src/render/engine.js';
import {
  allPrecompiled,
  loadPrecompiled,
  precompiledModule,
  templateKey,
  type TemplateSpec,
} from '../../../src/render/precompiled.js';
import { makeWorkspace } from '../../helpers/cli.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-precompiled-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const shipped = createWorkspace();
const shippedSources = readdirSync(path.join(shipped.packageRoot, 'templates'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.hbs'))
  .map((file) => readFileSync(path.join(shipped.packageRoot, 'templates', file), 'utf8'));

/** What scripts/precompile-templates.mjs writes, loaded back as a build loads it. */
function writeAndLoad(sources: readonly string[]): ReadonlyMap<string, TemplateSpec> {
  const file = path.join(work, `${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(file, precompiledModule(sources));
  return loadPrecompiled(file);
}

/** The shipped templates written and loaded back once for the file (compiling them all is the costly part). */
let shippedLoaded: ReadonlyMap<string, TemplateSpec> | undefined;
const loadedShipped = () => (shippedLoaded ??= writeAndLoad(shippedSources));

describe('templates compiled ahead', () => {
  it('are found again by the digest of their text, every one of them', () => {
    const loaded = loadedShipped();
    expect(loaded.size).toBe(new Set(shippedSources).size);
    // Compiling must not change the digest (Handlebars writes into the options it is given).
    for (const source of shippedSources) expect(loaded.has(templateKey(source))).toBe(true);
  });

  // One loader and one engine of each kind for the three academies, as `build --all` shares them.
  let engines: { loader: ReturnType<typeof createLoader>; ahead: TemplateEngine; now: TemplateEngine } | undefined;
  it.each(['limoges', 'creteil', 'lille'])('print the same HTML as templates compiled at run time (%s)', (slug) => {
    engines ??= {
      loader: createLoader(shipped),
      ahead: createTemplateEngine(shipped, loadedShipped()),
      now: createTemplateEngine(shipped, new Map()),
    };
    const { loader, ahead, now } = engines;
    const kit = deriveKit(loader.load(slug), undefined, workspaceAssetUrl);
    for (const index of DOCUMENTS.keys())
      expect(renderDocument(ahead, kit, index)).toBe(renderDocument(now, kit, index));
  });

  it('are used when a template’s text matches, and only then', () => {
    const root = makeWorkspace({
      'templates/doc.hbs': '<p>{{titre}}</p>',
      'templates/autre.hbs': '<p>{{titre}} bis</p>',
    });
    // A precompiled entry for doc.hbs's text whose compiled form says something else: proof of which one ran.
    const marked = new Map([
      [
        templateKey('<p>{{titre}}</p>'),
        new Function(`return ${Handlebars.precompile('<b>{{titre}}</b>', { strict: true })}`)() as TemplateSpec,
      ],
    ]);
    const engine = createTemplateEngine(createWorkspace(root), marked);
    expect(engine.render('doc', { titre: 'T' })).toBe('<b>T</b>');
    expect(engine.render('autre', { titre: 'T' })).toBe('<p>T bis</p>');
  });

  it('tell pgo-kit’s own templates, unmodified, from a lab’s (which render in a worker that a delay can stop)', () => {
    const loaded = loadedShipped();
    const names = ['deroule.hbs', 'supports.hbs', 'conseils.hbs', 'partials/head.hbs'];
    expect(allPrecompiled(shipped, names, loaded)).toBe(true);
    const lab = createWorkspace(
      makeWorkspace({ 'templates/partials/head.hbs': '<head>{{#each (range 1000000000)}}.{{/each}}</head>' }),
    );
    expect(allPrecompiled(lab, names, loaded)).toBe(false);
    expect(allPrecompiled(lab, ['deroule.hbs'], loaded)).toBe(true);
    expect(allPrecompiled(shipped, ['absent.hbs'], loaded)).toBe(false);
    expect(allPrecompiled(shipped, names, new Map())).toBe(false);
  });

  it('cost only speed when the file is missing or damaged', () => {
    expect(loadPrecompiled(path.join(work, 'absent.cjs')).size).toBe(0);
    const damaged = path.join(work, 'damaged.cjs');
    writeFileSync(damaged, 'module.exports = {');
    expect(loadPrecompiled(damaged).size).toBe(0);
  });

  it('made by another Handlebars are compiled again from the text', () => {
    const root = makeWorkspace({ 'templates/doc.hbs': '<p>{{titre}}</p>' });
    const foreign = { compiler: [1, '1.0.0'], main: () => 'ancien', useData: true } as unknown as TemplateSpec;
    const engine = createTemplateEngine(createWorkspace(root), new Map([[templateKey('<p>{{titre}}</p>'), foreign]]));
    expect(engine.render('doc', { titre: 'T' })).toBe('<p>T</p>');
  });
});
