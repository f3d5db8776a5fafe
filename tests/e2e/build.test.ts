import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removedAtEnd, removeMadeFolders } from '../helpers/cleanup.js';
import { academyYaml, localTheme, themeYaml } from '../helpers/academy-file.js';
import {
  makeWorkspace,
  pageSizes as readPageSizes,
  pdfFonts,
  pdfInfo,
  pdfPages as readPages,
  pdfText as readText,
  ROOT,
  runCliInProcess,
  squash,
  type CliResult,
} from '../helpers/cli.js';
import { sharedKit, type SharedKit, SHARED_KIT_TIMEOUT } from '../helpers/shared-kits.js';
import { workerBrowser } from '../helpers/worker-browser.js';
import { readOnce } from '../helpers/read-once.js';

// The kits read here do not change once built: each PDF read once.
const pdfText = readOnce(readText);
const pdfPages = readOnce(readPages);
const pageSizes = readOnce(readPageSizes);

const SHIPPED_THEME_TITLES: Record<string, string> = Object.fromEntries(
  readdirSync(path.join(ROOT, 'themes')).map((file) => {
    const match = /^titre: (.+)$/m.exec(readFileSync(path.join(ROOT, 'themes', file), 'utf8'));
    return [file.replace(/\.yaml$/, ''), (match?.[1] ?? '').replace(/'/g, '’')];
  }),
);

afterAll(removeMadeFolders);

describe('pgo-kit build --academie limoges --html', () => {
  let kit: SharedKit;
  const file = (name: string) => kit.file(name);

  beforeAll(async () => {
    kit = await sharedKit('limoges', { html: true });
  }, SHARED_KIT_TIMEOUT);

  it('writes the four PDFs and their HTML', () => {
    expect(kit.status, kit.stderr).toBe(0);
    for (const name of [
      'deroule.pdf',
      'supports.pdf',
      'conseils.pdf',
      'envoi.pdf',
      'deroule.html',
      'supports.html',
      'conseils.html',
      'envoi.html',
    ]) {
      expect(existsSync(file(name)), name).toBe(true);
    }
    expect(kit.stderr).toMatch(/Académie de Limoges : deroule\.pdf, supports\.pdf, conseils\.pdf, envoi\.pdf/);
  });

  it('writes one PDF per print job in impression/: its pages are the kit’s pages to print, at one paper and one number of copies', () => {
    const jobs = readdirSync(file('impression')).sort();
    const jobOf = (name: string) => /^(envoi-)?(A3|A4)-(\d+)-exemplaires?\.pdf$/.exec(name);
    expect(
      jobs.every((name) => jobOf(name)),
      jobs.join(', '),
    ).toBe(true);
    // One file per (paper, copies) pair of the day's run, and the families' pack apart.
    const pairs = jobs.filter((name) => !name.startsWith('envoi-')).map((name) => jobOf(name)!.slice(2, 4).join(' '));
    expect(new Set(pairs).size).toBe(pairs.length);
    // Every page of a job at the paper its name says.
    for (const name of jobs) {
      const papers = pageSizes(file(`impression/${name}`)).map((size) => size.split(' ')[0]);
      expect(new Set(papers), name).toEqual(new Set([jobOf(name)![2]]));
    }
    // Together: every page of supports.pdf, the blank authorisation, and envoi.pdf for the families.
    const pages = (name: string) => pdfPages(file(name)).map(squash).sort();
    const day = jobs
      .filter((name) => !name.startsWith('envoi-'))
      .flatMap((name) => pages(`impression/${name}`))
      .sort();
    // The page of envoi.pdf the print plan takes the blank authorisations from.
    const blank = Number(/envoi\.pdf, p\. (\d+)/.exec(pdfText(file('deroule.pdf')))?.[1]);
    const authorisation = [squash(pdfPages(file('envoi.pdf'))[blank - 1] ?? '')];
    expect(authorisation[0]).toMatch(/autorisation/i);
    expect(day).toEqual([...pages('supports.pdf'), ...authorisation].sort());
    expect(jobs.filter((name) => name.startsWith('envoi-')).flatMap((name) => pages(`impression/${name}`))).toEqual(
      pages('envoi.pdf'),
    );
    // The page counts weighed by the copies in the names give the sheets of the print plan.
    const sheets = (paper: string) =>
      jobs
        .filter((name) => !name.startsWith('envoi-') && jobOf(name)![2] === paper)
        .reduce((sum, name) => sum + pdfPages(file(`impression/${name}`)).length * Number(jobOf(name)![3]), 0);
    const total = /Total\s*(\d+) feuilles A3 et (\d+) feuilles A4/.exec(pdfText(file('deroule.pdf')));
    expect([sheets('A3'), sheets('A4')]).toEqual([Number(total?.[1]), Number(total?.[2])]);
  });

  it('names each print job’s file in the print plan', () => {
    const plan = squash(pdfText(file('deroule.pdf')));
    for (const name of readdirSync(file('impression'))) {
      expect(plan, name).toContain(squash(name.startsWith('envoi-') ? `impression/${name}` : name));
    }
  });

  it('prints the session and the computed clock times on the run sheet', () => {
    const text = pdfText(file('deroule.pdf'));
    expect(text).toContain('Académie de Limoges');
    expect(text).toContain('jeudi 10 décembre 2026');
    expect(text).toContain('Rectorat, salle du conseil');
    for (const range of [
      '14 h 00 – 14 h 15',
      '14 h 15 – 14 h 35',
      '14 h 35 – 14 h 55',
      '14 h 55 – 15 h 20',
      '15 h 20 – 15 h 45',
      '15 h 45 – 16 h 00',
    ]) {
      expect(text).toContain(range);
    }
    expect(pageSizes(file('deroule.pdf')).every((size) => size === 'A4 portrait')).toBe(true);
  });

  it('prints one A3 poster per offered theme and no other theme', () => {
    const pages = pdfPages(file('supports.pdf')).map(squash);
    const sizes = pageSizes(file('supports.pdf'));
    const offered = ['sante', 'droit-information', 'donnees-ouvertes'].map((id) => SHIPPED_THEME_TITLES[id]!);
    offered.push('Numérique responsable');
    offered.forEach((title, index) => {
      expect(pages[index]).toContain(squash(title));
      expect(sizes[index]).toBe('A3 paysage');
    });
    const text = pages.join('\n');
    for (const id of ['engagement-citoyen', 'ecole-inclusive', 'environnement', 'probite']) {
      expect(text).not.toContain(squash(SHIPPED_THEME_TITLES[id]!));
    }
    expect(pages).toHaveLength(15);
    expect(sizes.slice(4)).toEqual([
      'A4 portrait',
      'A3 paysage',
      'A3 paysage',
      'A3 paysage',
      'A3 portrait',
      'A4 portrait',
      'A4 portrait',
      'A4 portrait',
      'A3 portrait',
      'A4 portrait',
      'A3 paysage',
    ]);
  });

  it('works in 3 small groups of 16 and counts the canvases from them', () => {
    const text = pdfText(file('deroule.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('3 sous-groupes de 5 ou 6 personnes (2 sur l’engagement 1, 1 sur l’engagement 2)');
    expect(text).toMatch(/Canevas d’actions 8 A3 paysage 4 /);
    expect(text).toMatch(/Fiche de synthèse 10 A4 portrait 4 /);
    const supports = pdfText(file('supports.pdf'));
    expect(supports).not.toMatch(/ac-limoges\.fr/);
  });

  it('embeds only the shipped fonts, tags the PDFs and names the academy in their title', () => {
    for (const name of ['deroule.pdf', 'supports.pdf', 'conseils.pdf', 'envoi.pdf']) {
      const fonts = pdfFonts(file(name));
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.name).toMatch(/^[A-Z]{6}\+SourceSans3-/);
        expect(font.embedded).toBe(true);
      }
      const info = pdfInfo(file(name));
      expect(info.Tagged).toBe('yes');
      expect(info.Title).toMatch(/Académie de Limoges/);
      expect(info.Author).toBe('Lab’Lim');
    }
  });

  it('writes HTML in French with no placeholder address', () => {
    const html = readFileSync(file('deroule.html'), 'utf8');
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).not.toMatch(/https:\/\/pgo-kit\.invalid/);
  });
});

describe('an academy file written by a lab, in its folder with one theme of its own', () => {
  const academy = academyYaml({
    academie: 'Aix-Marseille',
    region_academique: 'Provence-Alpes-Côte d’Azur',
    lab: 'Lab Provence',
    session: {
      date: '2027-01-13',
      debut: '09:15',
      lieu: 'Lycée Thiers, salle <b>polyvalente</b> & CDI',
      participants: 24,
    },
    thematiques: ['environnement', 'mer-et-littoral', 'probite'],
    themes_locaux: [
      localTheme('mer-et-littoral', {
        titre: 'La mer et le littoral à l’école',
        description: 'Protéger le littoral avec les élèves et les associations de quartier.',
        questions: ['Que savez-vous de la qualité de l’eau des plages voisines ?'],
      }),
    ],
    modifications: { probite: { questions: ['Qui décide des achats de la cantine, et comment le savoir ?'] } },
    durees: { reflexion: 30, actions: 15 },
  });
  const workspace = removedAtEnd(
    makeWorkspace({
      'academies/aix-marseille.yaml': academy,
      // The lab's own version of a shipped theme: it wins over the package's file, the other themes stay the package's.
      'themes/environnement.yaml': themeYaml({
        id: 'environnement',
        titre: 'L’environnement vu par notre académie',
        theme_pgo: 'Suites de la Convention citoyenne pour le climat',
        description: 'Notre version locale de la thématique.',
        questions: ['Qu’attendez-vous du potager de l’école ?'],
      }),
    }),
  );
  const file = (name: string) => path.join(workspace, 'kits', 'aix-marseille', name);
  let result: CliResult;

  beforeAll(async () => {
    // Printed through the worker's browser (--navigateur-distant): its launch is not the point here.
    result = await runCliInProcess(['build', '--academie', 'aix-marseille', '--html', ...(await workerBrowser())], {
      cwd: workspace,
    });
  });

  it('escapes the lab’s data: markup in a field is printed as text', () => {
    const html = readFileSync(file('deroule.html'), 'utf8');
    expect(html).toContain('salle &lt;b&gt;polyvalente&lt;/b&gt; &amp; CDI');
    expect(html).not.toContain('<b>polyvalente');
    expect(pdfText(file('deroule.pdf')).replace(/\s+/g, ' ')).toContain('salle <b>polyvalente</b> & CDI');
  });

  it('builds into kits/ in the lab’s folder', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('kits/aix-marseille/deroule.pdf');
  });

  it('shows its start time, durations and French date', () => {
    const text = pdfText(file('deroule.pdf'));
    expect(text).toContain('Académie d’Aix-Marseille');
    expect(text).toContain('mercredi 13 janvier 2027');
    for (const range of [
      '9 h 15 – 9 h 30',
      '9 h 30 – 10 h 00',
      '10 h 00 – 10 h 20',
      '10 h 20 – 10 h 45',
      '10 h 45 – 11 h 00',
      '11 h 00 – 11 h 15',
    ]) {
      expect(text).toContain(range);
    }
  });

  it('prints copies and materials for 24 participants', () => {
    const text = pdfText(file('deroule.pdf')).replace(/\s+/g, ' ');
    expect(text).toMatch(/Fiche « Mes 3 idées » \d+ A4 portrait 24 /);
    expect(text).toMatch(/Gommettes rondes[^)]*\) 82/);
  });

  it('prints inside the instructions the minutes of its own durations', () => {
    // reflexion: 30 instead of 20 (a minute per poster, 5 to copy, the rest to think), actions: 15 instead of 25.
    const text = pdfText(file('deroule.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('Faites le tour des affiches thématiques en 3 minutes, une minute par affiche');
    expect(text).toContain('laissez 22 minutes de réflexion individuelle');
    expect(text).toContain('3 minutes avant la fin, la personne qui prend les notes remplit la fiche de synthèse');
    expect(text).not.toMatch(/laissez 8 minutes/);
  });

  it('prints exactly the offered themes, the local one included, with the modified questions', () => {
    const pages = pdfPages(file('supports.pdf')).map(squash);
    const sizes = pageSizes(file('supports.pdf'));
    expect(pages).toHaveLength(3 + 11);
    expect(sizes.slice(0, 3)).toEqual(['A3 paysage', 'A3 paysage', 'A3 paysage']);
    expect(pages[0]).toContain(squash('L’environnement vu par notre académie'));
    expect(pages[1]).toContain(squash('La mer et le littoral à l’école'));
    expect(pages[1]).toContain(squash('Que savez-vous de la qualité de l’eau des plages voisines ?'));
    expect(pages[2]).toContain(squash('Qui décide des achats de la cantine, et comment le savoir ?'));
    const all = pages.join('\n');
    for (const id of ['sante', 'engagement-citoyen', 'ecole-inclusive', 'droit-information', 'donnees-ouvertes']) {
      expect(all).not.toContain(squash(SHIPPED_THEME_TITLES[id]!));
    }
  });

  it('says nothing about durations that still add up to the nominal two hours', () => {
    // 15 + 30 + 15 + 30 + 15 + 15 = 120.
    expect(result.stderr).not.toMatch(/diffère/);
  });

  it('uses its own version of a theme, file by file, and keeps the package’s others', () => {
    const pages = pdfPages(file('supports.pdf')).map(squash);
    expect(pages[0]).toContain(squash('L’environnement vu par notre académie'));
    expect(pages[0]).toContain(squash('Qu’attendez-vous du potager de l’école ?'));
    expect(pages.join('\n')).not.toContain(squash(SHIPPED_THEME_TITLES.environnement!));
    expect(pages[2]).toContain(squash(SHIPPED_THEME_TITLES.probite!));
  });
});
