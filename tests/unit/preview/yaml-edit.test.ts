import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { applyFormChanges, diffValues, fileVersion } from '../../../src/preview/yaml-edit.js';
import { ROOT } from '../../helpers/cli.js';

const edit = (
  text: string | undefined,
  next: (data: Record<string, unknown>) => Record<string, unknown>,
  initial = 'academie: X\n',
) => {
  const base = text === undefined ? parse(initial) : parse(text);
  return applyFormChanges({ text, initial, base, next: next(structuredClone(base)) });
};

const shipped = ['academies', 'restitutions', 'themes'].flatMap((folder) =>
  readdirSync(path.join(ROOT, folder))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => `${folder}/${name}`),
);

describe('applyFormChanges', () => {
  it.each(shipped)('%s: one key changed, every other line as the lab wrote it', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const written = edit(text, (data) => ({ ...data, [Object.keys(data)[0] ?? 'x']: 'Valeur changée' }));
    const before = text.split('\n');
    const after = written.split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, index) => line !== before[index])).toHaveLength(1);
    expect(parse(written)[Object.keys(parse(text))[0] ?? 'x']).toBe('Valeur changée');
  });

  it('keeps comments, quotes and order; a new key goes where the form puts it', () => {
    const text = [
      '# Notre session, relue par Camille',
      'academie: Limoges',
      'session:',
      '  debut: "14:00"       # après le déjeuner',
      '  participants: 12',
      'thematiques: [sante, probite]',
      '',
    ].join('\n');
    const written = edit(text, () => ({
      academie: 'Limoges',
      lab: 'Lab’Lim',
      session: { date: '2026-12-10', debut: '15:30', lieu: 'Salle : B12', participants: 20 },
      thematiques: ['probite'],
    }));
    expect(written).toBe(
      [
        '# Notre session, relue par Camille',
        'academie: Limoges',
        'lab: Lab’Lim',
        'session:',
        '  date: 2026-12-10',
        '  debut: "15:30"       # après le déjeuner',
        '  lieu: "Salle : B12"',
        '  participants: 20',
        'thematiques: [probite]',
        '',
      ].join('\n'),
    );
  });

  it('removes what the form empties, leaves empty keys of a scaffold alone, and grows lists of tables item by item', () => {
    const text = 'academie: X\nlab: Lab\nprobleme:\nthemes_locaux:\n  - id: a # premier\n    titre: A\n';
    const written = edit(text, () => ({
      academie: 'X',
      themes_locaux: [
        { id: 'a', titre: 'A2' },
        { id: 'b', titre: 'B', questions: ['Q ?'] },
      ],
    }));
    expect(written).toBe(
      'academie: X\nprobleme:\nthemes_locaux:\n  - id: a # premier\n    titre: A2\n  - id: b\n    titre: B\n    questions:\n      - Q ?\n',
    );
  });

  it('creates an absent file from the scaffold it is given', () => {
    const written = edit(
      undefined,
      (data) => ({ ...data, session: { participants: 16 } }),
      '# Fichier de départ\nacademie: Limoges\n# lab: …\n',
    );
    // Before the commented-out keys that end the scaffold.
    expect(written).toBe('# Fichier de départ\nacademie: Limoges\nsession:\n  participants: 16\n\n# lab: …\n');
  });

  it('writes a file that an editor broke anew from the form', () => {
    const written = applyFormChanges({
      text: 'academie: [X\n',
      initial: 'academie: X\n',
      base: {},
      next: { academie: 'Y' },
    });
    expect(parse(written)).toEqual({ academie: 'Y' });
  });
});

describe('diffValues and fileVersion', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1 }, { a: 2 }, [{ op: 'set', path: ['a'], value: 2, order: [] }]],
    [{ a: 1, b: 2 }, { a: 1 }, [{ op: 'delete', path: ['b'] }]],
    [{ a: [1, 2] }, { a: [2] }, [{ op: 'set', path: ['a'], value: [2], order: [] }]],
    [{ a: [{ x: 1 }, { x: 2 }] }, { a: [{ x: 1 }] }, [{ op: 'delete', path: ['a', 1] }]],
    [{ a: null }, {}, []],
  ])('%j → %j', (base, next, changes) => {
    expect(diffValues(base, next)).toEqual(changes);
  });

  it('tells an absent file and any change of text apart', () => {
    expect(fileVersion(undefined)).toBe('absent');
    expect(fileVersion('a: 1\n')).not.toBe(fileVersion('a: 1 \n'));
    expect(fileVersion('a: 1\n')).toBe(fileVersion('a: 1\n'));
  });
});
