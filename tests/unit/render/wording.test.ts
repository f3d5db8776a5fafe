/**
 * One wording everywhere (DOMAIN.md, « Two lists of values, one rule »): read
 * on the rendered HTML of every shipped academy's kit, in-process (no PDF),
 * of kits whose counts are 0, 1 or 2, and of the restitution example.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKit } from '../../../src/core/kit.js';
import { participantsView, restitutionView } from '../../../src/core/restitution.js';
import { createLoader, loadRestitution } from '../../../src/load.js';
import { createWorkspace } from '../../../src/model/workspace.js';
import { renderDocuments, renderTemplate } from '../../../src/render/documents.js';
import { participantsJob, restitutionJob } from '../../../src/render/restitution-documents.js';
import { createTemplateEngine, type TemplateEngine } from '../../../src/render/engine.js';
import * as reference from '../../helpers/typography-reference.js';

const ROOT = path.resolve(__dirname, '../../..');
const workspace = createWorkspace(ROOT);
const loader = createLoader(workspace);
const engine = createTemplateEngine(workspace);

/** A lab's folder with extra academy files, for counts the shipped ones never reach. */
function lab(files: Record<string, string>) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pgo-kit-wording-'));
  mkdirSync(path.join(root, 'academies'));
  for (const [slug, text] of Object.entries(files)) writeFileSync(path.join(root, 'academies', `${slug}.yaml`), text);
  const space = createWorkspace(root);
  return { loader: createLoader(space), engine: createTemplateEngine(space) };
}

const small = lab({
  'un-seul': 'academie: Nice\nsession:\n  participants: 1\nthematiques: [sante]\n',
  deux: 'academie: Nice\nsession:\n  participants: 2\nthematiques: [sante, probite]\n',
  sept: 'academie: Nice\nsession:\n  participants: 7\nthematiques: [sante, probite, environnement]\n',
  court:
    'academie: Nice\nderoule: atelier-1h30\nsession:\n  participants: 13\nthematiques: [sante, probite, environnement]\n',
  huit: readFileSync(path.join(ROOT, 'tests/fixtures/room/huit-themes.yaml'), 'utf8'),
});

/** The text a reader sees, one line per block. */
const readable = (html: string) =>
  html
    .replace(/<(style|script|svg)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(p|li|dd|dt|h\d|td|th|tr|ul|ol|section|div)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/[\u00a0\u202f]/g, ' ');

/**
 * Every document of the shipped académies as the typography pass got it from the templates (`raw`) and gave it
 * (`html`, renderDocuments' typesetHtml(raw)): read by the equivalence case at the end, so that the 30 kits are
 * loaded and rendered once for both files' checks.
 */
const typeset: { file: string; raw: string; html: string }[] = [];

/** The text of every page of a kit, one string per document; `keep`: its documents go to `typeset` too. */
function pages(
  source: { loader: typeof loader; engine: typeof engine },
  slug: string,
  keep = false,
): { file: string; text: string }[] {
  const raws: string[] = [];
  const recording: TemplateEngine = {
    render: (name, context) => {
      const raw = source.engine.render(name, context);
      raws.push(raw);
      return raw;
    },
  };
  const documents = renderDocuments(recording, deriveKit(source.loader.load(slug), '<svg viewBox="0 0 1 1"></svg>'));
  expect(raws).toHaveLength(documents.length);
  return documents.map(({ definition, html }, index) => {
    if (keep) typeset.push({ file: `${slug}/${definition.file}`, raw: raws[index] ?? '', html });
    return { file: `${slug}/${definition.file}`, text: readable(html) };
  });
}

/** The restitution example (restitutions/limoges.yaml): the lab's document and the participants' one. */
function restitutionPages(): { file: string; text: string }[] {
  const model = loadRestitution(workspace, path.join(ROOT, 'restitutions', 'limoges.yaml'), (slug) =>
    loader.load(slug),
  );
  return [restitutionJob(restitutionView(model)), participantsJob(participantsView(model))].map((job) => ({
    file: `restitution limoges/${job.file}`,
    text: readable(renderTemplate(engine, job.template, job.context)),
  }));
}

/** French takes the singular for 0 and 1: « 1 actions », « 0 feuilles » are wrong; words that end in s in the singular are not counted. */
const SINGULAR_S = new Set(['fois', 'mois', 'pas', 'plus', 'temps', 'sous', 'dans']);
function pluralAfterOne(text: string): string[] {
  return [...text.matchAll(/(?<![\d,.–-])\b([01]) (\p{Ll}[\p{L}’\u2011-]*s)(?![\p{L}’\u2011-])/gu)]
    .map((match) => match[0])
    .filter((found) => !SINGULAR_S.has(found.split(' ')[1] ?? ''));
}

/** The seed's four values and the OGP's redevabilité in one list: a merged list of five. */
function mergedValues(text: string): string[] {
  return text
    .split('\n')
    .filter(
      (block) => /ouverture/i.test(block) && /collaboration/i.test(block) && /redevabilit|responsab/i.test(block),
    );
}

const shipped = workspace.list('academies', '.yaml');
const kits = [
  ...shipped.flatMap((slug) => pages({ loader, engine }, slug, true)),
  ...['un-seul', 'deux', 'sept', 'court', 'huit'].flatMap((slug) => pages(small, slug)),
  ...restitutionPages(),
];

describe('one wording on every page', () => {
  it('reads the 30 shipped académies and the small kits', () => {
    expect(shipped).toHaveLength(30);
    // Four documents a kit: deroule, supports, conseils, envoi.
    expect(kits.length).toBe((30 + 5) * 4 + 2);
  });

  it.each([
    ['1 actions', ['1 actions']],
    ['0 feuilles A3', ['0 feuilles']],
    ['2 actions, 1 action, 1 fois, 1 h 30', []],
    ['12 participants, 21 post-it', []],
    ['1 Des menus affichés', []],
  ])('the plural check finds « %s »', (text, found) => {
    expect(pluralAfterOne(text)).toEqual(found);
  });

  it.each(kits.map(({ file, text }) => [file, text]))('%s: no plural after 0 or 1', (_file, text) => {
    expect(pluralAfterOne(text)).toEqual([]);
  });

  it.each(kits.map(({ file, text }) => [file, text]))(
    '%s: an organisation « a participé à l’atelier », never « présent »',
    (_file, text) => {
      // A partner's status: « (présent) », « présente à l’atelier », « P (présent) », « statut : présent ».
      expect(text).not.toMatch(
        /\(présente?s?\)|présente?s? à l’atelier|P \(présent|statut\s*:\s*présent|présente?s?\s*\n\s*à solliciter/i,
      );
      if (!text.includes('Restitution') && !text.includes('construit ensemble'))
        expect(text).not.toMatch(/\bprésent(e|s|es)?\b(?! (le|son|ses|leur|leurs|l’|à voix|aussi|que))/);
    },
  );

  it.each(kits.map(({ file, text }) => [file, text]))('%s: never a merged list of five values', (_file, text) => {
    expect(mergedValues(text)).toEqual([]);
  });

  it.each(
    kits
      .filter(({ file }) => !file.startsWith('un-seul') && !file.startsWith('deux'))
      .map(({ file, text }) => [file, text]),
  )('%s: the seed’s four values, worded the same, wherever the criterion is quoted', (_file, text) => {
    if (/Valeurs du gouvernement ouvert/.test(text))
      expect(text).toMatch(/transparence, l’ouverture, la participation et la collaboration/);
  });

  it.each(kits.map(({ file, text }) => [file, text]))(
    '%s: one name for the ministry’s lab, and no lab name without its article after « avec »',
    (_file, text) => {
      expect(text).not.toMatch(/lab d’innovation des ministères/i);
      expect(text).not.toMatch(/avec Lab\b/);
    },
  );

  // Moved from typography-equivalence.test.ts, which rendered the same 30 kits again to check it.
  it('the fast typography pass gives what the reference gave, on every document of every shipped academy', () => {
    for (const { file, raw, html } of typeset) expect(html, file).toBe(reference.typesetHtml(raw));
    expect(typeset.length).toBeGreaterThanOrEqual(90);
  });

  it('the merged-list check finds a list of five', () => {
    expect(mergedValues('Transparence\nOuverture, participation, collaboration, redevabilité\n')).toHaveLength(1);
    expect(
      mergedValues(
        'la transparence, l’ouverture, la participation et la collaboration\nRedevabilité : rendre des comptes\n',
      ),
    ).toEqual([]);
  });
});
