import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { engagementsFile } from '../../../src/core/restitution.js';
import { createLoader } from '../../../src/load.js';
import { loadRestitution } from '../../../src/load.js';
import { createWorkspace, PACKAGE_ROOT } from '../../../src/model/workspace.js';

const shipped = (file: string) =>
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'schemas', file), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
// yaml-language-server's and VS Code's own keyword: the French message of a pattern.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
const restitution = ajv.compile(shipped('restitution.schema.json'));
const engagements = ajv.compile(shipped('engagements.schema.json'));
const example = path.join(PACKAGE_ROOT, 'restitutions', 'limoges.yaml');

describe('JSON Schemas of the files after the workshop', () => {
  it('restitution.schema.json accepts the worked example, and what init leaves empty', () => {
    expect(restitution(parse(readFileSync(example, 'utf8'))), JSON.stringify(restitution.errors)).toBe(true);
    expect(
      restitution({
        academie: 'limoges',
        presents: { eleves: null },
        engagements: [{ thematique: 'sante', titre: 'Un titre assez long', probleme: null }],
      }),
    ).toBe(true);
  });

  it.each([
    ['a misspelled key', { academie: 'limoges', present: {} }],
    ['negative attendance', { academie: 'limoges', presents: { eleves: -1 } }],
    [
      'an unknown verdict',
      {
        academie: 'limoges',
        engagements: [{ thematique: 'sante', titre: 'Un titre assez long', criteres: { inedit: 'peut-etre' } }],
      },
    ],
    ['no academie', { presents: {} }],
  ])('restitution.schema.json rejects %s, as pgo-kit does', (_what, data) => {
    expect(restitution(data)).toBe(false);
  });

  it('engagements.schema.json accepts what pgo-kit exports', () => {
    const workspace = createWorkspace(PACKAGE_ROOT);
    const loader = createLoader(workspace);
    const model = loadRestitution(workspace, example, (slug) => loader.load(slug));
    const exported = JSON.parse(JSON.stringify(engagementsFile(model))) as unknown;
    expect(engagements(exported), JSON.stringify(engagements.errors)).toBe(true);
  });
});
