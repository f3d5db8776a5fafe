import { describe, expect, it } from 'vitest';
import {
  BLANK_AUTHORISATIONS,
  defaultInvites,
  familyPlan,
  jobOf,
  largePrintMaterial,
  largePrintPlan,
  materialList,
  printJobFile,
  printJobs,
  printPlan,
  quantity,
  SUPPORTS,
} from '../../../src/core/print-plan.js';

const size = (participants: number, themes = 4, retainedThemeCount = 2) => ({
  participants,
  themes,
  retainedThemeCount,
});
const copies = (participants: number, themes = 4) =>
  Object.fromEntries(
    printPlan(size(participants, themes))
      .filter((line) => line.fichier === 'supports.pdf')
      .map((line) => [line.id, line.exemplaires]),
  );

describe('print plan', () => {
  // Small groups of six at most: 12 → 2, 16 → 3 (2 + 1 on the two commitments), 24 → 4, 1 → 1 (taking both commitments in turn).
  it.each([
    [
      12,
      7,
      {
        'affiche-deroule': 1,
        'affiche-theme': 7,
        'mes-3-idees': 12,
        vote: 1,
        'canevas-engagement': 3,
        'canevas-actions': 3,
        'rappel-criteres': 1,
        synthese: 3,
        'pgo-en-bref': 12,
        avis: 12,
        emargement: 2,
        'affiche-engagement': 3,
      },
    ],
    [
      16,
      4,
      {
        'affiche-deroule': 1,
        'affiche-theme': 4,
        'mes-3-idees': 16,
        vote: 1,
        'canevas-engagement': 3,
        'canevas-actions': 4,
        'rappel-criteres': 1,
        synthese: 4,
        'pgo-en-bref': 16,
        avis: 16,
        emargement: 2,
        'affiche-engagement': 3,
      },
    ],
    [
      24,
      5,
      {
        'affiche-deroule': 1,
        'affiche-theme': 5,
        'mes-3-idees': 24,
        vote: 1,
        'canevas-engagement': 3,
        'canevas-actions': 5,
        'rappel-criteres': 1,
        synthese: 5,
        'pgo-en-bref': 24,
        avis: 24,
        emargement: 3,
        'affiche-engagement': 3,
      },
    ],
    [
      1,
      1,
      {
        'affiche-deroule': 1,
        'affiche-theme': 1,
        'mes-3-idees': 1,
        vote: 1,
        'canevas-engagement': 3,
        'canevas-actions': 3,
        'rappel-criteres': 1,
        synthese: 2,
        'pgo-en-bref': 1,
        avis: 1,
        emargement: 2,
        'affiche-engagement': 3,
      },
    ],
  ])('%i participants, %i themes', (participants, themes, expected) => {
    expect(copies(participants, themes)).toEqual(expected);
  });

  it.each([
    [24, 'un par sous-groupe et par engagement traité (4\u00a0sous-groupes), plus un de réserve'],
    [16, 'un par sous-groupe et par engagement traité (3\u00a0sous-groupes), plus un de réserve'],
    [6, 'un par sous-groupe et par engagement traité (1\u00a0sous-groupe), plus un de réserve'],
  ])('says why with the session’s numbers (%i participants)', (participants, usage) => {
    expect(printPlan(size(participants)).find((line) => line.id === 'canevas-actions')?.usage).toBe(usage);
  });

  it.each([
    [4, ['1–4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15']],
    [1, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']],
  ])('numbers the pages of supports.pdf with %i themes', (themes, pages) => {
    expect(
      printPlan(size(12, themes))
        .filter((line) => line.fichier === 'supports.pdf')
        .map((line) => line.pages),
    ).toEqual(pages);
  });

  it('keeps what goes to families out of supports.pdf', () => {
    const supports = printPlan(size(16))
      .filter((line) => line.fichier === 'supports.pdf')
      .map((line) => line.id);
    expect(supports).not.toContain('invitation');
    expect(supports).not.toContain('autorisation-image');
  });

  it.each([
    [16, undefined, 23],
    [24, undefined, 34],
    [10, undefined, 14],
    [1, undefined, 2],
    [20, 30, 30],
  ])(
    'sends invitations and authorisations for %i participants (invites: %s) to %i people, from envoi.pdf',
    (participants, invites, expected) => {
      const plan = familyPlan({ ...size(participants), invites });
      expect(plan.map((line) => [line.id, line.fichier, line.pages, line.exemplaires])).toEqual([
        ['invitation', 'envoi.pdf', '1', expected],
        ['autorisation-image', 'envoi.pdf', '2', expected],
      ]);
    },
  );

  it.each([
    [1, 2],
    [5, 7],
    [16, 23],
    [24, 34],
    [200, 280],
  ])('invites %i × 1.4 rounded up: %i', (participants, expected) => {
    expect(defaultInvites(participants)).toBe(expected);
  });

  it('keeps blank authorisations for the day, printed from envoi.pdf', () => {
    const blank = printPlan(size(16)).filter((line) => line.fichier === 'envoi.pdf');
    expect(blank.map((line) => [line.id, line.pages, line.exemplaires])).toEqual([
      ['autorisation-image', '2', BLANK_AUTHORISATIONS],
    ]);
    expect(BLANK_AUTHORISATIONS).toBe(2);
  });

  it('gives every support a paper size', () => {
    expect(SUPPORTS.map((s) => s.papier)).toEqual([
      'A3',
      'A4',
      'A3',
      'A3',
      'A3',
      'A3',
      'A4',
      'A4',
      'A4',
      'A3',
      'A4',
      'A3',
    ]);
  });

  it('prints the criteria reminder and the agenda poster on A3, for the wall', () => {
    const line = (id: string) => printPlan(size(24)).find((entry) => entry.id === id);
    expect(line('rappel-criteres')).toMatchObject({ papier: 'A3', exemplaires: 1 });
    expect(line('affiche-deroule')).toMatchObject({ papier: 'A3', exemplaires: 1 });
    expect(line('avis')).toMatchObject({ papier: 'A4', exemplaires: 24, titre: 'Fiche « Votre avis sur l’atelier »' });
    // What the group writes in plenary, read from the room: one per kept theme and a spare.
    expect(line('affiche-engagement')).toMatchObject({ papier: 'A3', orientation: 'paysage', exemplaires: 3 });
  });

  it.each([
    [{ vote: true }, true],
    [{ vote: false }, false],
    [{}, true],
  ])('prints the tally poster only with a vote (%j)', (extra, printed) => {
    const plan = printPlan({ ...size(12, 2), ...extra }).filter((line) => line.fichier === 'supports.pdf');
    expect(plan.some((line) => line.id === 'vote')).toBe(printed);
    // Pages stay consecutive whatever is left out.
    expect(plan.map((line) => line.pages)).toEqual(plan.map((_, index) => (index === 0 ? '1–2' : String(index + 2))));
  });

  it.each([
    [5, 5, 'en tête d’une feuille de paperboard'],
    [2, 4, 'en tête de 2\u00a0feuilles de paperboard'],
  ])('says the theme posters head flip-chart sheets (%i themes, %i sheets)', (themes, ideaSheets, text) => {
    expect(printPlan({ ...size(24, themes), ideaSheets }).find((line) => line.id === 'affiche-theme')?.usage).toContain(
      text,
    );
  });

  it.each([
    [{ par_participant: 3 }, 24, 72],
    [{ par_participant: 3 }, 16, 48],
    [{ fixe: 2, par_participant: 0.5 }, 15, 10],
    [{ fixe: 4, par_theme: 1 }, 10, 8],
    [{ par_participant: 0.1 }, 30, 3],
    [{}, 50, 0],
    [{ par_sous_groupe: 1 }, 24, 4],
    [{ par_sous_groupe: 1, fixe: 1 }, 16, 4],
    [{ perActionCanvas: 1 }, 16, 3],
    [{ fixe: 4, par_feuille_sous_affiche: 1 }, 16, 8],
  ])('quantity %j for %i participants is %i', (rule, participants, expected) => {
    expect(quantity(rule, size(participants))).toBe(expected);
  });

  it('computes the materials of a catalogue', () => {
    const list = materialList([{ id: 'gommettes', libelle: 'Gommettes', par_participant: 3 }], size(24));
    expect(list).toEqual([{ id: 'gommettes', libelle: 'Gommettes', par_participant: 3, quantite: 72 }]);
  });
});

describe('print jobs (impression/)', () => {
  const SIZES = [
    { participants: 24, themes: 5, retainedThemeCount: 2 },
    { participants: 16, themes: 7, retainedThemeCount: 2 },
    { participants: 12, themes: 8, retainedThemeCount: 3, invites: 2 },
    { participants: 6, themes: 2, retainedThemeCount: 2, vote: false },
  ];

  it.each(SIZES)('puts every page to print in exactly one job of one paper and one number of copies (%o)', (size) => {
    const plan = printPlan(size);
    const family = familyPlan(size);
    const jobs = printJobs(plan, family);
    const expected = [...family, ...plan].flatMap((line) =>
      Array.from({ length: line.nombrePages }, (_, index) => ({
        fichier: line.fichier,
        page: line.premierePage + index,
        papier: line.papier,
        copies: Math.ceil(line.exemplaires / line.nombrePages),
        envoi: family.includes(line),
      })),
    );
    const placed = jobs.flatMap((job) => job.pages.map((page) => ({ ...page, job })));
    // The day's run takes envoi.pdf's authorisation page too (the blank ones): a page may be in two jobs only that way.
    expect(placed).toHaveLength(expected.length);
    for (const page of expected) {
      const holders = placed.filter(
        (entry) => entry.fichier === page.fichier && entry.page === page.page && entry.job.envoi === page.envoi,
      );
      expect(holders, `${page.fichier} p. ${page.page}`).toHaveLength(1);
      expect(holders[0]!.job).toMatchObject({
        papier: page.papier,
        exemplaires: page.copies,
        fichier: printJobFile(page.papier, page.copies, page.envoi),
      });
    }
    expect(new Set(jobs.map((job) => job.fichier)).size).toBe(jobs.length);
  });

  it('names the jobs with their paper and copies, the families’ pack apart even with the copies of another job', () => {
    const jobs = printJobs(printPlan(SIZES[2]!), familyPlan(SIZES[2]!));
    expect(jobs.map((job) => [job.fichier, job.pages.length])).toEqual([
      ['impression/envoi-A4-2-exemplaires.pdf', 2],
      ['impression/A3-1-exemplaire.pdf', 11],
      // Commitment canvases, action canvases (3 + 1) and commitment posters.
      ['impression/A3-4-exemplaires.pdf', 3],
      // Attendance sheets and the blank authorisations: two copies each.
      ['impression/A4-2-exemplaires.pdf', 2],
      ['impression/A4-3-exemplaires.pdf', 1],
      ['impression/A4-12-exemplaires.pdf', 3],
    ]);
    expect(jobs.find((job) => job.nom === 'A4-12-exemplaires.pdf')?.contenu).toEqual([
      'Fiche « Mes 3 idées »',
      'Le PGO en bref',
      'Fiche « Votre avis sur l’atelier »',
    ]);
  });

  it.each([
    ['A3', 1, false, 'impression/A3-1-exemplaire.pdf'],
    ['A4', 24, false, 'impression/A4-24-exemplaires.pdf'],
    ['A4', 34, true, 'impression/envoi-A4-34-exemplaires.pdf'],
  ] as const)('%s, %i copies, envoi %s → %s', (papier, copies, envoi, file) => {
    expect(printJobFile(papier, copies, envoi)).toBe(file);
  });

  it('gives each line of the plan the job it is printed in', () => {
    const size = SIZES[0]!;
    const jobs = printJobs(printPlan(size), familyPlan(size));
    for (const line of printPlan(size))
      expect(jobs.find((job) => job.fichier === jobOf(line))?.contenu).toContain(line.titre);
    for (const line of familyPlan(size)) expect(jobOf(line, true)).toBe('impression/envoi-A4-34-exemplaires.pdf');
  });
});

describe('large print, on request', () => {
  it.each([
    [undefined, []],
    [0, []],
    [1, [1]],
    [3, [3]],
  ])('copies %s: print lines %j', (largePrint, expected) => {
    expect(largePrintPlan({ largePrint }).map((line) => line.exemplaires)).toEqual(expected);
    expect(largePrintMaterial({ largePrint }).map((item) => item.quantite)).toEqual(expected);
  });

  it('plans the whole of gros-caracteres.pdf on A4, after the day’s supports', () => {
    const plan = printPlan({ ...size(16), largePrint: 2 });
    expect(plan.at(-1)).toMatchObject({
      id: 'gros-caracteres',
      fichier: 'gros-caracteres.pdf',
      papier: 'A4',
      exemplaires: 2,
      pages: 'toutes',
    });
    expect(printPlan(size(16)).some((line) => line.fichier === 'gros-caracteres.pdf')).toBe(false);
    expect(largePrintMaterial({ largePrint: 2 })[0]?.libelle).toMatch(/^Feutres noirs épais/);
  });

  it('prints gros-caracteres.pdf from its own file, in no job of impression/', () => {
    const size16 = { ...size(16), largePrint: 2 };
    const jobs = printJobs(printPlan(size16), familyPlan(size16));
    expect(jobs).toEqual(printJobs(printPlan(size(16)), familyPlan(size(16))));
  });
});
