import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ValidationError } from '../../../src/errors.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-property-'));
mkdirSync(path.join(root, 'academies'));
const file = path.join(root, 'academies', 'aleatoire.yaml');
const loader = createLoader(createWorkspace(root));

/** Loading ends in a model or a located ValidationError: never anything else. */
function loadsOrExplains(content: string | Uint8Array): void {
  writeFileSync(file, content);
  try {
    loader.load('aleatoire');
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    for (const issue of (error as ValidationError).issues) {
      expect(issue.file).toMatch(/\.yaml$/);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }
}

const keys = [
  'academie',
  'region_academique',
  'lab',
  'deroule',
  'session',
  'animation',
  'thematiques',
  'themes_locaux',
  'modifications',
  'durees',
  'contribution_url',
  'partcipants',
];
const sessionKeys = ['date', 'debut', 'lieu', 'participants'];
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.dictionary(
    fc.constantFrom(...sessionKeys, 'sante', 'reflexion', 'titre', 'questions'),
    fc.oneof(fc.string(), fc.integer(), fc.array(fc.string(), { maxLength: 3 })),
  ),
);

// The runs of each property: enough to reach what the loader's code can do with such input. Measured (V8 block
// coverage of dist/ without cli/, seeds 1–3): random text and line edits cover no more code past 200 and 300 runs;
// YAML values and academy-shaped maps still found new branches between 300 and 400; random bytes cost little.
describe('the loader never crashes', () => {
  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), loadsOrExplains), { numRuns: 200 });
  });

  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), loadsOrExplains), { numRuns: 200 });
  });

  it('on random YAML values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => loadsOrExplains(stringify(value))),
      { numRuns: 300 },
    );
  });

  it('on academy-shaped maps with random values', () => {
    const academy = fc.dictionary(fc.constantFrom(...keys), anyValue, { minKeys: 0, maxKeys: 8 });
    fc.assert(
      fc.property(academy, (value) => loadsOrExplains(stringify(value))),
      { numRuns: 400 },
    );
  });

  it('on YAML with random line edits (indentation, tabs, quotes, brackets)', () => {
    const base =
      'academie: Limoges\nsession:\n  date: 2026-12-10\n  debut: "14:00"\n  participants: 16\nthematiques: [sante, probite]\ndurees:\n  reflexion: 25\n';
    const edit = fc.tuple(
      fc.nat({ max: base.length }),
      fc.constantFrom('\t', ' ', '"', "'", '[', ']', '{', ':', '- ', '\n', '&a ', '*a', '#', '!!binary '),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 4 }), (edits) => {
        let text = base;
        for (const [position, insert] of edits) text = text.slice(0, position) + insert + text.slice(position);
        loadsOrExplains(text);
      }),
      { numRuns: 300 },
    );
  });
});
