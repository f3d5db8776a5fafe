import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMAS, renderJsonSchemas } from '../../../src/model/json-schemas.js';
import { AcademySchema } from '../../../src/model/schemas.js';
import { validateParsed } from '../../../src/model/validate.js';
import { parseYamlSource } from '../../../src/model/yaml-source.js';

const ROOT = path.resolve(__dirname, '../../..');
const shipped = (file: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
// yaml-language-server's and VS Code's own keyword: the French message of a pattern.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
addFormats.default(ajv);
const validators = Object.fromEntries(JSON_SCHEMAS.map((entry) => [entry.file, ajv.compile(shipped(entry.file))]));

function yamlFiles(folder: string): [string, unknown][] {
  return readdirSync(path.join(ROOT, folder))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => [`${folder}/${name}`, parse(readFileSync(path.join(ROOT, folder, name), 'utf8'))]);
}

describe('JSON Schemas for editors', () => {
  it.each(renderJsonSchemas())(
    'the shipped schemas/$file is the freshly generated one (npm run schemas)',
    ({ file, text }) => {
      expect(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')).toBe(text);
    },
  );

  it.each(JSON_SCHEMAS)('$file has a French title and French descriptions with examples', (entry) => {
    const schema = shipped(entry.file);
    expect(schema.title).toBe(entry.title);
    expect(schema.description).toMatch(/[a-zé]/);
    expect(JSON.stringify(schema)).toContain('"examples"');
    // Every key a lab can write shows a help text in the editor.
    const undescribed: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (!value.description) undescribed.push(`${where}.${key}`);
      }
      for (const [key, value] of Object.entries(node)) visit(value, key === 'properties' ? where : `${where}/${key}`);
    };
    visit(schema, '');
    expect(undescribed).toEqual([]);
  });

  it.each([
    ...yamlFiles('academies').map(([file, data]) => ['academie.schema.json', file, data] as const),
    ...yamlFiles('themes').map(([file, data]) => ['theme.schema.json', file, data] as const),
    ...yamlFiles('agendas').map(([file, data]) => ['deroule.schema.json', file, data] as const),
  ])('%s accepts the shipped %s', (schema, _file, data) => {
    const validate = validators[schema];
    expect(validate?.(data), JSON.stringify(validate?.errors)).toBe(true);
  });

  it('rejects a misspelled key, as pgo-kit does', () => {
    const source = 'academie: Limoges\nsession:\n  partcipants: 16\n';
    const validate = validators['academie.schema.json'];
    expect(validate?.(parse(source))).toBe(false);
    expect(validate?.errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/session',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'partcipants' },
      }),
    );
    const { issues } = validateParsed(
      AcademySchema,
      parseYamlSource('academies/limoges.yaml', new TextEncoder().encode(source)),
      'academies/limoges.yaml',
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'session.partcipants',
        message: expect.stringMatching(/clé inconnue — vouliez-vous dire « participants »/),
      }),
    );
  });

  it.each([
    ['a participant count out of range', 'academie: Limoges\nsession:\n  participants: 500\n'],
    ['a time that is not HH:MM', 'academie: Limoges\nsession:\n  debut: "25:00"\n'],
    ['a theme id with capitals', 'academie: Limoges\nthematiques: [Sante]\n'],
    ['no academie', 'lab: Lab’Lim\n'],
  ])('rejects %s', (_what, source) => {
    expect(validators['academie.schema.json']?.(parse(source))).toBe(false);
  });
});
