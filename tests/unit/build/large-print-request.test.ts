import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitUnit, withLargePrint } from '../../../src/build.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const workspace = createWorkspace(path.resolve(__dirname, '../../..'));
const limoges = createLoader(workspace).load('limoges');
const withKey = (copies: number) => ({ ...limoges, academy: { ...limoges.academy, gros_caracteres: copies } });
const files = (model: typeof limoges) =>
  kitUnit(workspace, model, os.tmpdir()).documents.map((document) => document.file);

describe('the large-print request (key gros_caracteres, build --gros-caracteres)', () => {
  it.each([
    ['no key, no flag', limoges, false, undefined],
    ['no key, the flag', limoges, true, 1],
    ['key 0, the flag', withKey(0), true, 1],
    ['key 3, no flag', withKey(3), false, 3],
    ['key 3, the flag', withKey(3), true, 3],
  ])('%s → %s copies', (_, model, flag, copies) => {
    const requested = withLargePrint(model, flag);
    expect(requested.academy.gros_caracteres).toBe(copies);
    expect(files(requested).includes('gros-caracteres.pdf')).toBe((copies ?? 0) > 0);
  });

  it('makes the request part of the unit’s key (asked then not asked: made again, the file removed)', () => {
    const plain = kitUnit(workspace, limoges, os.tmpdir());
    const asked = kitUnit(workspace, withLargePrint(limoges, true), os.tmpdir());
    expect(asked.key).not.toBe(plain.key);
    expect(files(limoges)).not.toContain('gros-caracteres.pdf');
  });
});
