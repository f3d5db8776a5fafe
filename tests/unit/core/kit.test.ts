import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKit } from '../../../src/core/kit.js';
import { createLoader } from '../../../src/model/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';

const loader = createLoader(createWorkspace(path.resolve(__dirname, '../../..')));
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, ' ');

describe('the kit derived from an academy', () => {
  it.each([
    ['limoges', 'jeudi 10 décembre 2026', '14 h 00', '16 h 00', 16, 4],
    ['creteil', 'mercredi 17 mars 2027', '9 h 30', '11 h 30', 24, 5],
    ['lille', 'jeudi 4 février 2027', '13 h 45', '15 h 45', 20, 7],
    ['bordeaux', null, '14 h 00', '16 h 00', 12, 7],
  ])('%s', (slug, date, start, end, participants, themes) => {
    const kit = deriveKit(loader.load(slug));
    expect(kit.session.date).toBe(date);
    expect(plain(kit.session.debut)).toBe(start);
    expect(plain(kit.session.fin)).toBe(end);
    expect(kit.session.participants).toBe(participants);
    expect(kit.themes).toHaveLength(themes);
    expect(kit.impression.find((line) => line.id === 'mes-3-idees')?.exemplaires).toBe(participants);
    expect(kit.impression.find((line) => line.id === 'affiche-theme')?.exemplaires).toBe(themes);
    expect(kit.materiel.find((item) => item.id === 'gommettes')?.quantite).toBe(participants * 3);
    expect(kit.deroule.gommettesParPersonne).toBe(3);
    expect(kit.phases.map((phase) => phase.numero)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('uses the academy’s durations for the clock times', () => {
    const kit = deriveKit(loader.load('lille'));
    expect(kit.phases.map((phase) => `${plain(phase.debut)}–${plain(phase.fin)}`)).toEqual([
      '13 h 45–14 h 00', '14 h 00–14 h 25', '14 h 25–14 h 40', '14 h 40–15 h 10', '15 h 10–15 h 30', '15 h 30–15 h 45',
    ]);
  });

  it('has no QR code without a contribution URL, and one with it', () => {
    expect(deriveKit(loader.load('bordeaux'), '<svg/>').contribution).toBeNull();
    expect(deriveKit(loader.load('limoges'), '<svg/>').contribution).toEqual({ url: 'https://www.ac-limoges.fr/', qr: '<svg/>' });
  });

  it('counts the sheets to print by paper', () => {
    const kit = deriveKit(loader.load('creteil'));
    expect(kit.feuilles).toEqual({ A3: 5 + 1 + 3 + 4, A4: 24 + 6 + 3 });
  });
});
