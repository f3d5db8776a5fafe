import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { UsageError, ValidationError } from '../../../src/errors.js';
import { initAcademy, provisionalName, knownAcademies } from '../../../src/cli/commands/init-run.js';
import { createLoader } from '../../../src/load.js';
import { AcademySchema } from '../../../src/model/schemas.js';
import { createWorkspace, PACKAGE_ROOT } from '../../../src/model/workspace.js';

const emptyFolder = () => mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-init-'));
const known = knownAcademies(PACKAGE_ROOT);

/** The file with every optional key uncommented, as a lab member would do by removing each « # ». */
function uncommented(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('academie:'));
  return lines.map((line, index) => (index > start ? line.replace(/^# ?/, '') : line)).join('\n');
}

describe('pgo-kit init', () => {
  it('knows the 30 académies with their région académique, from the shipped files', () => {
    expect(known.size).toBe(30);
    expect(known.get('limoges')).toEqual({ academie: 'Limoges', region: 'Nouvelle-Aquitaine' });
    expect(known.get('la-reunion')).toEqual({ academie: 'La Réunion', region: 'La Réunion' });
  });

  // The 30 files side by side in one lab's folder, loaded by one loader as `validate --all` does: the themes and
  // agendas read once, each académie's file written and read by its own case.
  const shared = emptyFolder();
  const sharedLoader = createLoader(createWorkspace(shared));
  it.each([...known.keys()])(
    'writes academies/%s.yaml that loads as written, with a schema that exists',
    async (slug) => {
      const written = await initAcademy({ slug, force: false, root: shared });
      expect(written.file).toBe(`academies/${slug}.yaml`);
      const file = path.join(shared, written.file);
      const text = readFileSync(file, 'utf8');
      const data = parse(text) as Record<string, unknown>;
      expect(data).toEqual({ academie: known.get(slug)?.academie, region_academique: known.get(slug)?.region });
      const schemaRef = /^# yaml-language-server: \$schema=(\S+)$/.exec(text.split('\n')[0] ?? '')?.[1];
      expect(schemaRef).toBeDefined();
      expect(existsSync(path.resolve(path.dirname(file), schemaRef ?? ''))).toBe(true);
      const model = sharedLoader.load(slug);
      expect(model.academy.academie).toBe(known.get(slug)?.academie);
      // A fresh file says only what the family documents still lack (envoi.pdf): never a blank line on them.
      expect(model.warnings.map((warning) => [warning.path, warning.severity])).toEqual([
        ['session', 'warning'],
        ['contact', 'warning'],
        ['donnees_personnelles', 'warning'],
      ]);
    },
  );

  it('comments out every optional key, explained, and they are valid once uncommented', async () => {
    const root = emptyFolder();
    await initAcademy({ slug: 'limoges', force: false, root });
    const text = readFileSync(path.join(root, 'academies/limoges.yaml'), 'utf8');
    const optional = Object.keys(AcademySchema.shape).filter(
      (key) => key !== 'academie' && key !== 'region_academique',
    );
    for (const key of optional) expect(text).toMatch(new RegExp(`^# ${key}:.*# \\S`, 'm'));
    const full = parse(uncommented(text)) as Record<string, unknown>;
    expect(Object.keys(full).sort()).toEqual(Object.keys(AcademySchema.shape).sort());
    expect(AcademySchema.safeParse(full).success).toBe(true);
    const ajv = new Ajv2020({ allErrors: true });
    addFormats.default(ajv);
    ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, 'schemas/academie.schema.json'), 'utf8')));
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a near miss of a known slug, and takes --nom for a slug outside the 30 académies', async () => {
    const root = emptyFolder();
    await expect(initAcademy({ slug: 'limoge', force: false, root })).rejects.toThrow(UsageError);
    await expect(initAcademy({ slug: 'limoge', force: false, root })).rejects.toThrow(/vouliez-vous dire « limoges »/);
    await initAcademy({ slug: 'lab-test', nom: 'Lab de test', force: false, root });
    expect(createLoader(createWorkspace(root)).load('lab-test').academy.academie).toBe('Lab de test');
  });

  it('gives a new slug without --nom a provisional name that validates', async () => {
    const root = emptyFolder();
    const written = await initAcademy({ slug: 'lab-test', force: false, root });
    expect(written.provisional).toBe('Lab-Test');
    expect(createLoader(createWorkspace(root)).load('lab-test').academy.academie).toBe('Lab-Test');
  });

  it.each([
    ['lab-test', 'Lab-Test'],
    ['essai', 'Essai'],
    ['mon-lab-2', 'Mon-Lab-2'],
  ])('provisionalName(%s) is %s', (slug, name) => {
    expect(provisionalName(slug)).toBe(name);
  });

  it.each([
    ['Créteil', /identifiant invalide « Créteil » — vouliez-vous dire « creteil » \? \(pgo-kit init creteil\)/],
    ['Nantes', /identifiant invalide « Nantes » — vouliez-vous dire « nantes » \? \(pgo-kit init nantes\)/],
    ['AIX MARSEILLE', /vouliez-vous dire « aix-marseille » \?/],
    ['Mon Lab!', /^identifiant invalide « Mon Lab! » : lettres minuscules/],
  ])('refuses the malformed slug %s, suggesting the académie meant', async (slug, message) => {
    await expect(initAcademy({ slug, force: false, root: emptyFolder() })).rejects.toThrow(message);
  });

  it.each(['aux', 'nul', 'com1', 'prn', 'lpt1', 'con', 'lpt9'])(
    'refuses %s, a device name on Windows, and writes nothing',
    async (slug) => {
      const root = emptyFolder();
      await expect(initAcademy({ slug, nom: 'Lab', force: true, root })).rejects.toThrow(
        new RegExp(
          `^« ${slug} » est un nom réservé par Windows .* choisissez un autre identifiant, par exemple ${slug}-lab$`,
        ),
      );
      expect(existsSync(path.join(root, 'academies'))).toBe(false);
    },
  );

  it('never overwrites a file without --force', async () => {
    const root = emptyFolder();
    const file = path.join(root, 'academies', 'nantes.yaml');
    await initAcademy({ slug: 'nantes', force: false, root });
    writeFileSync(file, 'academie: Nantes\nlab: Mon lab\n');
    await expect(initAcademy({ slug: 'nantes', force: false, root })).rejects.toThrow(ValidationError);
    expect(readFileSync(file, 'utf8')).toBe('academie: Nantes\nlab: Mon lab\n');
    await initAcademy({ slug: 'nantes', force: true, root });
    expect(readFileSync(file, 'utf8')).toMatch(/^# yaml-language-server/);
  });
});
