/**
 * A plan that cannot hold is said before the day: the build's warnings name
 * the phase, where its duration is set, and the number that breaks it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../../src/errors.js';
import { deriveKit } from '../../../src/core/kit.js';
import { createLoader } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { academyYaml } from '../../helpers/academy-file.js';

const ROOT = path.resolve(__dirname, '../../..');
const shipped = createLoader(createWorkspace(ROOT));
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/**
 * A lab's folder holding one academy file (themes and agendas are the shipped ones), rewritten before each load;
 * one loader for the file, so the themes and agendas are read once.
 */
const lab = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-timing-'));
mkdirSync(path.join(lab, 'academies'));
const labLoader = createLoader(createWorkspace(lab));
function labWith(academy: string) {
  writeFileSync(path.join(lab, 'academies', 'test.yaml'), academy);
  return labLoader.load('test');
}
const timingWarnings = (model: { warnings: Parameters<typeof formatIssues>[0] }) =>
  formatIssues(model.warnings.filter((w) => w.message.includes('ne tient pas'))).map(plain);

describe('phases too short for the group', () => {
  it.each(['limoges', 'creteil', 'lille', 'bordeaux'])('%s holds: no warning', (slug) => {
    expect(timingWarnings(shipped.load(slug))).toEqual([]);
  });

  it('creteil (24 participants) gets the closing it needs from its durations', () => {
    const kit = deriveKit(shipped.load('creteil'));
    expect(kit.sousGroupes.nombre).toBe(4);
    expect(kit.besoins.cloture.total).toBe(17);
    expect(kit.phases.find((phase) => phase.id === 'cloture')?.duree).toBe('20\u00a0min');
    expect(kit.besoins.selection.total).toBe(20);
    expect(kit.phases.find((phase) => phase.id === 'selection')?.duree).toBe('20\u00a0min');
  });

  it('an 8-theme academy of 24 is told which phases break, at the agenda line, with the numbers', () => {
    const lines = timingWarnings(
      labWith(readFileSync(path.join(ROOT, 'tests/fixtures/room/huit-themes.yaml'), 'utf8')),
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^.*agendas\/atelier-2h\.yaml:\d+:\d+ +attention : phases n° 3 › duree : la phase « Partage des idées et choix des thématiques » ne tient pas en 20 min pour 24 participants et 8 thématiques : 8 min pour la lecture de 8 affiches, .*comptez 24 min/,
    );
    expect(lines[1]).toMatch(
      /phases n° 6 › duree : la phase « Restitution et suites » ne tient pas en 15 min pour 4 sous-groupes : .*comptez 17 min/,
    );
  });

  it('says it on the run sheet too, on the phases that do not hold, and only there', () => {
    const kit = deriveKit(labWith(readFileSync(path.join(ROOT, 'tests/fixtures/room/huit-themes.yaml'), 'utf8')));
    expect(kit.phases.filter((phase) => phase.alerte).map((phase) => phase.id)).toEqual(['selection', 'cloture']);
    expect(plain(kit.phases.find((phase) => phase.id === 'selection')?.alerte ?? '')).toMatch(
      /^Pour ce groupe, comptez 24 min au lieu de 20 : 8 min pour la lecture de 8 affiches, 9 min pour le regroupement/,
    );
    expect(deriveKit(shipped.load('creteil')).phases.every((phase) => phase.alerte === null)).toBe(true);
  });

  it('is said at the academy’s « durees » when the academy set that duration', () => {
    const lines = timingWarnings(
      labWith(
        'academie: Nice\nsession:\n  participants: 24\nthematiques: [sante, environnement, probite, ecole-inclusive, donnees-ouvertes]\ndurees:\n  cloture: 12\n  actions: 28\n',
      ),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /academies\/test\.yaml:6:12 +attention : durees\.cloture : la phase « Restitution et suites » ne tient pas en 12 min pour 4 sous-groupes/,
      ),
    ]);
  });

  it('the 1 h 30 agenda holds for a group like Limoges’s, and says when a group outgrows it', () => {
    expect(
      timingWarnings(
        labWith(
          academyYaml({
            academie: 'Limoges',
            deroule: 'atelier-1h30',
            session: { participants: 16 },
            thematiques: ['sante', 'droit-information', 'donnees-ouvertes', 'environnement'],
          }),
        ),
      ),
    ).toEqual([]);
    const big = timingWarnings(
      labWith(academyYaml({ academie: 'Créteil', deroule: 'atelier-1h30', session: { participants: 24 } })),
    );
    expect(big.map((line) => /phases n° (\d) › duree/.exec(line)?.[1])).toEqual(['2', '3', '6']);
    expect(big[0]).toContain('comptez 17 min');
  });
});

describe('a session with no more themes offered than kept', () => {
  const model = labWith(
    academyYaml({ academie: 'Amiens', session: { participants: 10 }, thematiques: ['sante', 'environnement'] }),
  );
  const kit = deriveKit(model);

  it('has no vote: no tally poster, no dots, the phase without its vote', () => {
    expect(kit.vote).toBe(false);
    expect(kit.impression.map((line) => line.id)).not.toContain('vote');
    expect(kit.materiel.map((item) => item.id)).not.toContain('gommettes');
    const phase = kit.phases.find((entry) => entry.id === 'selection');
    expect(phase?.titre).toBe('Partage des idées');
    expect(phase?.supports).toEqual([]);
    expect([...(phase?.consignes ?? []), ...(phase?.conseils ?? [])].join(' ').replace('sans vote', '')).not.toMatch(
      /gommette|vote|voter/,
    );
    // No phase, no advice speaks of dots.
    const everything = [
      ...kit.phases.flatMap((entry) => [...entry.consignes, ...entry.conseils, entry.objectif, entry.titre]),
      kit.zoneIdees.conseil,
      ...kit.materiel.map((item) => item.libelle),
    ];
    expect(everything.filter((text) => /gommette/.test(text))).toEqual([]);
  });

  it('keeps the vote with one theme more', () => {
    const three = deriveKit(
      labWith(
        academyYaml({
          academie: 'Amiens',
          session: { participants: 10 },
          thematiques: ['sante', 'environnement', 'probite'],
        }),
      ),
    );
    expect(three.vote).toBe(true);
    expect(three.impression.map((line) => line.id)).toContain('vote');
    expect(three.phases.find((entry) => entry.id === 'selection')?.titre).toBe(
      'Partage des idées et choix des thématiques',
    );
  });
});
