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
  engagementExport,
  engagementsCsv,
  engagementsFile,
  participantsView,
  restitutionView,
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
  return loadRestitution(workspace, path.join(PACKAGE_ROOT, 'restitutions', 'limoges.yaml'), (slug) =>
    loader.load(slug),
  );
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
    expect(file.engagements[0]).toMatchObject({
      numero: 1,
      thematique: 'sante',
      debut: '2027-01',
      fin: '2028-06',
      partenaires: [
        { nom: 'FCPE 87', statut: 'present' },
        { nom: 'Mutualité française Nouvelle-Aquitaine', statut: 'a-solliciter' },
      ],
    });
    expect(file.engagements[1]?.indicateurs.auto_evaluation).toBeNull();
    expect(file.engagements[1]?.actions[0]?.moyens).toBeNull();
  });

  it('writes one CSV row per commitment that a spreadsheet reads back', () => {
    const file = engagementsFile(input);
    const rows = parse(engagementsCsv(file), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      academie: 'limoges',
      numero: '1',
      titre: file.engagements[0]?.titre,
      valeurs: 'transparence, ouverture',
      critere_societe_civile: 'a-approfondir',
    });
    expect(rows[0]?.jalons).toBe(
      '2027-01 → 2027-06 : carte des postes publiée en données ouvertes\n2027-09 → 2028-01 : horaires de présence affichés dans chaque établissement',
    );
    expect(rows[0]).toMatchObject({
      contact_nom: 'Claire Dumas',
      contact_courriel: 'sante-scolaire@example.org',
      autres_acteurs_publics: 'Agence régionale de santé Nouvelle-Aquitaine',
      pertinence_ogp_participation: '',
    });
    expect(rows[0]?.pertinence_ogp_transparence).toMatch(/^Les postes de santé pourvus/);
  });

  it("computes nothing when a spreadsheet reads engagements.csv with « , » (pilote: 'Rectorat,=2+2')", () => {
    const file = engagementsFile(input);
    const first = file.engagements[0];
    if (!first) throw new Error('a commitment expected');
    const hostile = { ...file, engagements: [{ ...first, pilote: 'Rectorat,=2+2' }, ...file.engagements.slice(1)] };
    const text = engagementsCsv(hostile);
    expect(text).toContain(`;"Rectorat,'=2+2";`);
    for (const delimiter of [',', ';']) {
      const cells = (
        parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true }) as string[][]
      ).flat();
      expect(cells.filter((cell) => /^=2\+2/.test(cell))).toEqual([]);
    }
  });

  it('puts the OGP template’s fields in its order, in the JSON and the CSV, then what the workshop adds', () => {
    const file = engagementsFile(input);
    const ogpOrder = [
      'titre',
      'debut',
      'fin',
      'pilote',
      'contact',
      'autres_acteurs_publics',
      'partenaires',
      'probleme',
      'engagement',
      'resultats_attendus',
      'solution',
      'pertinence_ogp',
      'jalons',
      'valeurs',
      'indicateurs',
      'criteres',
      'points_en_debat',
      'actions',
    ];
    const keys = Object.keys(file.engagements[0] ?? {});
    expect(keys.filter((key) => ogpOrder.includes(key))).toEqual(ogpOrder);
    const header =
      engagementsCsv(file)
        .replace(/^\ufeff/, '')
        .split('\r\n')[0]
        ?.split(';') ?? [];
    const csvOrder = [
      'titre',
      'debut',
      'fin',
      'pilote',
      'contact_nom',
      'autres_acteurs_publics',
      'partenaires',
      'probleme',
      'engagement',
      'resultats_attendus',
      'solution',
      'pertinence_ogp_transparence',
      'pertinence_ogp_participation',
      'pertinence_ogp_redevabilite',
      'jalons',
      'valeurs',
    ];
    expect(header.filter((column) => csvOrder.includes(column))).toEqual(csvOrder);
  });

  it('reads an older milestone’s « date » as its end, and keeps a fifth « redevabilite » out of the canvas values', () => {
    const older = {
      thematique: 'sante',
      titre: 'Publier l’offre de santé scolaire',
      valeurs: ['transparence', 'redevabilite'] as ('transparence' | 'redevabilite')[],
      jalons: [{ date: '2027-06', livrable: 'carte' }],
    };
    const exported = engagementExport(older, 0, 'Santé');
    expect(exported.jalons).toEqual([{ debut: null, fin: '2027-06', livrable: 'carte' }]);
    expect(exported.valeurs).toEqual(['transparence']);
    expect(exported.pertinence_ogp).toEqual({ transparence: null, participation: null, redevabilite: null });
  });

  it('turns each commitment into a Decidim proposal with a readable French body', () => {
    const proposals = decidimProposals(input);
    expect(proposals.map((p) => p.title.fr)).toEqual((input.restitution.engagements ?? []).map((c) => c.titre));
    const body = proposals[0]?.body.fr ?? '';
    expect(body).toMatch(/^<p><strong>Problème\u00a0:<\/strong> Les familles/);
    expect(body).toContain(
      '<p><strong>Actions\u00a0:</strong></p><ul><li>Recenser les postes de santé scolaire pourvus et vacants (échéance\u202f: mars 2027)</li><li>',
    );
    expect(body.replace(/\u00a0/g, ' ')).toMatch(
      /atelier du Partenariat pour un Gouvernement Ouvert \(PGO\) de l’Académie de Limoges du jeudi 10 décembre 2026\.<\/em><\/p>$/,
    );
    expect(
      proposalBody(
        { thematique: 'sante', titre: 'Un titre suffisamment long' },
        { academie: 'Académie de Lille', date: null },
      ),
    ).toBe(
      '<p><em>Proposition issue de l’atelier du Partenariat pour un Gouvernement Ouvert (PGO) de l’Académie de Lille.</em></p>',
    );
  });

  it('keeps two paragraphs and a list in the form Decidim renders an official proposal’s body (simple HTML, no line breaks to rely on)', () => {
    const commitment = {
      thematique: 'sante',
      titre: 'Publier l’offre de santé scolaire',
      probleme: 'Les familles ignorent les horaires.\n\nUn poste sur six est vacant & personne ne le sait.',
      engagement: 'Publier les postes <pourvus>.',
      actions: [{ action: 'Recenser les postes', echeance: '2027-03' }, { action: 'Publier la carte' }],
    };
    expect(proposalBody(commitment, { academie: 'Académie de Lille', date: null })).toBe(
      '<p><strong>Problème\u00a0:</strong> Les familles ignorent les horaires.</p>' +
        '<p>Un poste sur six est vacant &amp; personne ne le sait.</p>' +
        '<p><strong>Engagement\u00a0:</strong> Publier les postes &lt;pourvus&gt;.</p>' +
        '<p><strong>Actions\u00a0:</strong></p><ul><li>Recenser les postes (échéance\u202f: mars 2027)</li><li>Publier la carte</li></ul>' +
        '<p><em>Proposition issue de l’atelier du Partenariat pour un Gouvernement Ouvert (PGO) de l’Académie de Lille.</em></p>',
    );
  });

  it.each(['fr', 'en', 'ca'])('writes the proposals for an organisation whose default locale is %s', (locale) => {
    const proposals = decidimProposals(input, locale);
    expect(proposals.map((p) => [Object.keys(p.title), Object.keys(p.body)])).toEqual([
      [[locale], [locale]],
      [[locale], [locale]],
    ]);
  });
});

describe('the two documents of a restitution', () => {
  const input = example();

  it('restitution.pdf’s view keeps the OGP grid and the canvas’s four values apart, never one list of five', () => {
    const view = restitutionView(input);
    const sheet = view.engagements[0];
    expect(sheet?.valeurs).toEqual(['Transparence', 'Ouverture']);
    expect(sheet?.pertinenceOgp.map((row) => [row.libelle, row.texte !== null])).toEqual([
      ['Transparence', true],
      ['Participation civique', false],
      ['Redevabilité publique', true],
    ]);
    expect(sheet?.partenaires.map((p) => p.statut)).toEqual(['a participé à l’atelier', 'à solliciter']);
    expect(sheet?.contact).toMatchObject({ nom: 'Claire Dumas' });
    expect(view.brouillon).toBeNull();
    expect(restitutionView(input, undefined, ['ligne 3 : aucun présent noté']).brouillon).toEqual({
      raisons: ['ligne 3 : aucun présent noté'],
    });
  });

  it('the participants’ view says what was proposed and kept, with nothing of the lab’s to-do', () => {
    const view = participantsView(input);
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/compléter|aCompleter|manque|à désigner|à définir/i);
    expect(view.engagements.map((e) => e.titre)).toEqual((input.restitution.engagements ?? []).map((c) => c.titre));
    expect(view.themesRetenus).toHaveLength(2);
    expect(view.themes[0]?.exemples).toHaveLength(3);
    expect(view.presents.profils).toEqual([
      '5\u00a0élèves',
      '2\u00a0étudiants',
      '4\u00a0personnels',
      '3\u00a0parents',
      '2\u00a0associations',
    ]);
    expect(view.engagements[0]?.partenaires[0]?.statut).toBe('a participé à l’atelier');
  });
});

describe('bar chart', () => {
  it('draws one bar per theme, proportional, labels escaped and typeset, no script', () => {
    const svg = barChartSvg(
      [
        { label: 'Santé & <bien-être>', value: 10, highlighted: true },
        { label: "Droit à l'information", value: 5, highlighted: false },
        { label: 'Rien', value: 0, highlighted: false },
      ],
      { title: 'Gommettes', unit: ['gommette', 'gommettes'] },
    );
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
      retainedThemeCount: 2,
      schemaUrl: '../schemas/restitution.schema.json',
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/restitution.schema.json');
    const file = path.join(root, 'restitutions', 'creteil.yaml');
    writeFileSync(file, text);
    const model = loadRestitution(workspace, file, (slug) => loader.load(slug));
    expect(Object.keys(model.restitution.idees ?? {})).toEqual(academy.themes.map((t) => t.id));
    expect(model.restitution.themes_retenus).toEqual(['ecole-inclusive', 'engagement-citoyen']);
    expect(model.restitution.engagements?.map((c) => [c.thematique, c.criteres])).toEqual([
      [
        'ecole-inclusive',
        {
          inedit: 'a-approfondir',
          valeurs: 'a-approfondir',
          societe_civile: 'a-approfondir',
          mesurable: 'a-approfondir',
        },
      ],
      [
        'engagement-citoyen',
        {
          inedit: 'a-approfondir',
          valeurs: 'a-approfondir',
          societe_civile: 'a-approfondir',
          mesurable: 'a-approfondir',
        },
      ],
    ]);
    // What is left to fill is said, not refused.
    expect(model.warnings.every((w) => w.severity === 'warning')).toBe(true);
    expect(model.warnings.map((w) => w.message)).toContain(
      'aucun jalon daté : un engagement vérifiable a des livrables datés',
    );
    // Every key of a commitment is in the file, explained by a comment just above or beside it.
    // As written, it is a draft: the placeholder title, nobody present, no problem nor commitment text.
    expect(model.draft.map((issue) => issue.path)).toEqual([
      'engagements[0].titre',
      'engagements[1].titre',
      'presents',
      'engagements[0].probleme',
      'engagements[0].engagement',
      'engagements[1].probleme',
      'engagements[1].engagement',
    ]);
    expect(model.draft.every((issue) => (issue.line ?? 0) > 1)).toBe(true);
    for (const key of [
      'probleme',
      'engagement',
      'resultats_attendus',
      'solution',
      'valeurs',
      'pertinence_ogp',
      'partenaires',
      'autres_acteurs_publics',
      'pilote',
      'contact',
      'debut',
      'fin',
      'jalons',
      'indicateurs',
      'criteres',
      'points_en_debat',
      'actions',
    ]) {
      expect(text).toMatch(new RegExp(`#[^\\n]*\\n(?:\\s*#[^\\n]*\\n)*\\s+${key}:`));
    }
  });
});
