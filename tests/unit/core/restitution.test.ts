import { parse } from 'csv-parse/sync';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attendance,
  barChartSvg,
  compareMonthOrDate,
  decidimProposals,
  engagementsCsv,
  engagementsFile,
  formatMonthOrDate,
  proposalBody,
  themeScores,
  wrapWords,
  type RestitutionInput,
} from '../../../src/core/restitution.js';
import { restitutionScaffold } from '../../../src/core/restitution-scaffold.js';
import { createLoader } from '../../../src/load.js';
import { loadRestitution } from '../../../src/load.js';
import { EngagementsFileSchema } from '../../../src/model/restitution-schema.js';
import { createWorkspace, PACKAGE_ROOT } from '../../../src/model/workspace.js';

describe('dates of a commitment', () => {
  it.each([
    ['2027-06', 'juin 2027'],
    ['2027-06-15', '15 juin 2027'],
    ['2028-01-01', '1er janvier 2028'],
  ])('%s reads « %s »', (value, expected) => {
    expect(formatMonthOrDate(value)).toBe(expected);
  });

  it.each([
    ['2027-05', '2027-06', -1],
    ['2027-06-30', '2027-06', 0],
    ['2027-06-02', '2027-06-01', 1],
    ['2028-01', '2027-12-31', 1],
  ] as [string, string, number][])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareMonthOrDate(a, b))).toBe(sign);
  });
});

/** The package's worked example, loaded as the CLI does. */
function example(): RestitutionInput {
  const workspace = createWorkspace(PACKAGE_ROOT);
  const loader = createLoader(workspace);
  return loadRestitution(workspace, path.join(PACKAGE_ROOT, 'restitutions', 'limoges.yaml'), (slug) => loader.load(slug));
}

describe('what a restitution gives', () => {
  const input = example();

  it('totals attendance by profile, absent profiles counting 0', () => {
    expect(attendance({ eleves: 5, parents: null }).rows.map((r) => r.nombre)).toEqual([5, 0, 0, 0, 0]);
    expect(attendance(undefined).total).toBe(0);
    expect(attendance(input.restitution.presents)).toMatchObject({ total: 16 });
  });

  it('scores every offered theme in the session’s order, ideas most dotted first', () => {
    const scores = themeScores(input);
    expect(scores.map((s) => [s.id, s.gommettes, s.idees.length, s.retenu])).toEqual([
      ['sante', 11, 3, true],
      ['droit-information', 8, 2, true],
      ['donnees-ouvertes', 2, 1, false],
      ['numerique-responsable', 2, 2, false],
    ]);
    expect(scores[0]?.idees.map((i) => i.gommettes)).toEqual([6, 4, 1]);
  });

  it('exports every commitment field, and the export matches its own schema', () => {
    const file = engagementsFile(input);
    expect(EngagementsFileSchema.parse(file)).toEqual(file);
    expect(file.engagements[0]).toMatchObject({ numero: 1, thematique: 'sante', debut: '2027-01', fin: '2028-06', partenaires: [{ nom: 'FCPE 87', statut: 'present' }, { nom: 'Mutualité française Nouvelle-Aquitaine', statut: 'a-solliciter' }] });
    expect(file.engagements[1]?.indicateurs.auto_evaluation).toBeNull();
    expect(file.engagements[1]?.actions[0]?.moyens).toBeNull();
  });

  it('writes one CSV row per commitment that a spreadsheet reads back', () => {
    const file = engagementsFile(input);
    const rows = parse(engagementsCsv(file), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ academie: 'limoges', numero: '1', titre: file.engagements[0]?.titre, valeurs: 'transparence, redevabilite', critere_societe_civile: 'a-approfondir' });
    expect(rows[0]?.jalons).toBe('2027-06 : carte des postes publiée en données ouvertes\n2028-01 : horaires de présence affichés dans chaque établissement');
  });

  it('turns each commitment into a Decidim proposal with a readable French body', () => {
    const proposals = decidimProposals(input);
    expect(proposals.map((p) => p.title.fr)).toEqual((input.restitution.engagements ?? []).map((c) => c.titre));
    const body = proposals[0]?.body.fr ?? '';
    expect(body).toMatch(/^Problème\u202f: Les familles/);
    expect(body).toContain('Actions\u202f:\n– Recenser les postes de santé scolaire pourvus et vacants (échéance\u202f: mars 2027)');
    expect(body.replace(/\u00a0/g, ' ')).toMatch(/atelier du Partenariat pour un Gouvernement Ouvert \(PGO\) de l’Académie de Limoges du jeudi 10 décembre 2026\.$/);
    expect(proposalBody({ thematique: 'sante', titre: 'Un titre suffisamment long' }, { academie: 'Académie de Lille', date: null })).toBe('Proposition issue de l’atelier du Partenariat pour un Gouvernement Ouvert (PGO) de l’Académie de Lille.');
  });
});

describe('bar chart', () => {
  it('draws one bar per theme, proportional, labels escaped and typeset, no script', () => {
    const svg = barChartSvg([
      { label: 'Santé & <bien-être>', value: 10, highlighted: true },
      { label: 'Droit à l\'information', value: 5, highlighted: false },
      { label: 'Rien', value: 0, highlighted: false },
    ], { title: 'Gommettes', unit: ['gommette', 'gommettes'] });
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[0]).toBeCloseTo(2 * (widths[1] ?? 0), 5);
    expect(svg).toContain('Santé &amp; &lt;bien-être&gt;');
    expect(svg).toContain('Droit à l’information');
    expect(svg).toContain('10\u00a0gommettes');
    expect(svg).toContain('0\u00a0gommette<');
    expect(svg).not.toMatch(/<script|href=|url\(/);
  });

  it.each([
    ['Santé', 34, ['Santé']],
    ['Données et codes sources ouverts dans l’Éducation', 34, ['Données et codes sources ouverts', 'dans l’Éducation']],
    ['un deux trois quatre cinq six', 9, ['un deux', 'trois…']],
  ] as [string, number, string[]][])('wraps %j', (text, width, lines) => {
    expect(wrapWords(text, width)).toEqual(lines);
  });
});

describe('restitution init', () => {
  it('writes a file that validates as written, with every offered theme and a block per retained theme', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-init-'));
    mkdirSync(path.join(root, 'restitutions'));
    const workspace = createWorkspace(root);
    const loader = createLoader(workspace);
    const academy = loader.load('creteil');
    const text = restitutionScaffold({
      slug: 'creteil',
      academie: academy.academy.academie,
      date: academy.academy.session.date ?? null,
      themes: academy.themes.map((t) => ({ id: t.id, titre: t.titre })),
      retained: 2,
      schemaUrl: '../schemas/restitution.schema.json',
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/restitution.schema.json');
    const file = path.join(root, 'restitutions', 'creteil.yaml');
    writeFileSync(file, text);
    const model = loadRestitution(workspace, file, (slug) => loader.load(slug));
    expect(Object.keys(model.restitution.idees ?? {})).toEqual(academy.themes.map((t) => t.id));
    expect(model.restitution.themes_retenus).toEqual(['ecole-inclusive', 'engagement-citoyen']);
    expect(model.restitution.engagements?.map((c) => [c.thematique, c.criteres])).toEqual([
      ['ecole-inclusive', { inedit: 'a-approfondir', valeurs: 'a-approfondir', societe_civile: 'a-approfondir', mesurable: 'a-approfondir' }],
      ['engagement-citoyen', { inedit: 'a-approfondir', valeurs: 'a-approfondir', societe_civile: 'a-approfondir', mesurable: 'a-approfondir' }],
    ]);
    // What is left to fill is said, not refused.
    expect(model.warnings.every((w) => w.severity === 'warning')).toBe(true);
    expect(model.warnings.map((w) => w.message)).toContain('aucun jalon daté : un engagement vérifiable a des livrables datés');
    // Every key of a commitment is in the file, explained by a comment just above or beside it.
    for (const key of ['probleme', 'engagement', 'resultats_attendus', 'valeurs', 'partenaires', 'pilote', 'debut', 'fin', 'jalons', 'indicateurs', 'criteres', 'points_en_debat', 'actions']) {
      expect(text).toMatch(new RegExp(`#[^\\n]*\\n(?:\\s*#[^\\n]*\\n)*\\s+${key}:`));
    }
  });
});
