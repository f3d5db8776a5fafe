import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ActionSchema, CommitmentSchema } from '../../../src/model/restitution-schema.js';
import { PACKAGE_ROOT } from '../../../src/model/workspace.js';

/*
 * Nothing written on a canvas is lost on its way to the restitution file,
 * and the file asks for nothing the canvas has no place for. The canvases'
 * boxes say which field they feed with `data-champ` (or, for a box that is
 * no data, why, with `data-hors-champ`); this test reads them from
 * templates/supports.hbs and compares them with the restitution schema.
 */

const SUPPORTS = readFileSync(path.join(PACKAGE_ROOT, 'templates', 'supports.hbs'), 'utf8');

/** A field of the file that has, on purpose, no box; and why. */
const NOT_ON_CANVAS: Record<string, string> = {
  'jalons.date': 'older key, read as « fin »',
};
/** Sub-keys written by a loop over the kit's own list, not one box each in the template. */
const FROM_A_LIST = ['criteres.'];

/** The schema inside optional, nullable and default wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType; element?: z.ZodType } } };
  while (['optional', 'nullable', 'default'].includes(current._zod.def.type) && current._zod.def.innerType) {
    current = current._zod.def.innerType as typeof current;
  }
  return current;
}

/** Every field a lab fills: `key`, and `key.sub` for an object or a list of objects. */
export function fieldPaths(shape: Record<string, z.ZodType>, prefix = ''): string[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const inner = unwrap(schema) as z.ZodType & { _zod: { def: { type: string; element?: z.ZodType } } };
    const element = inner._zod.def.type === 'array' && inner._zod.def.element ? unwrap(inner._zod.def.element) : inner;
    const children = (element as { shape?: Record<string, z.ZodType> }).shape;
    const own = `${prefix}${key}`;
    return children && (element as { _zod: { def: { type: string } } })._zod.def.type === 'object'
      ? [own, ...fieldPaths(children, `${own}.`)]
      : [own];
  });
}

interface Box {
  tag: string;
  text: string;
  champ: string | null;
  horsChamp: string | null;
}

/** One canvas of the template: from its `data-canevas` section to the next sheet. */
export function canvasSource(template: string, id: string): string {
  const start = template.search(new RegExp(`<section[^>]*data-canevas="${id}"`));
  if (start < 0) return '';
  const next = template.indexOf('<section class="feuille', start + 1);
  return template.slice(start, next < 0 ? undefined : next);
}

/**
 * The boxes of a canvas: every element that frames something to write — a
 * section below the sheet's own, a `champ`, a labelled sub-box
 * (`titre-champ`, `titre-sous`), a table column — and every element marked
 * `data-champ`.
 */
export function canvasBoxes(source: string): Box[] {
  return [...source.matchAll(/<([a-z0-9]+)\b([^>]*)>/g)].flatMap(([text, tag = '', attributes = ''], index) => {
    const classes = /\bclass="([^"]*)"/.exec(attributes)?.[1]?.split(/\s+/) ?? [];
    const champ = /\bdata-champ="([^"]*)"/.exec(attributes)?.[1] ?? null;
    const horsChamp = /\bdata-hors-champ="([^"]*)"/.exec(attributes)?.[1] ?? null;
    const framed =
      (tag === 'section' && index > 0) ||
      classes.some((name) => ['champ', 'titre-champ', 'titre-sous'].includes(name)) ||
      (tag === 'th' && /\bscope="col"/.test(attributes));
    return framed || champ !== null ? [{ tag, text, champ, horsChamp }] : [];
  });
}

/** What does not match, said in words: an empty list when canvas and file answer each other. */
export function parityProblems(template: string): string[] {
  const problems: string[] = [];
  const commitmentFields = fieldPaths(CommitmentSchema.shape as Record<string, z.ZodType>);
  const actionFields = fieldPaths(ActionSchema.shape as Record<string, z.ZodType>, 'actions.');
  const canvases = [
    // The commitment canvas feeds a commitment but its actions.
    {
      id: 'engagement',
      expected: commitmentFields.filter((f) => f !== 'actions' && !f.startsWith('actions.')),
      allowed: commitmentFields,
    },
    // The action canvas feeds the actions, and names the commitment they belong to.
    { id: 'actions', expected: actionFields, allowed: [...actionFields, 'titre', 'thematique'] },
    // The plenary poster (« Notre engagement ») holds a few of the commitment's boxes, copied onto the canvas.
    { id: 'pleniere', expected: [], allowed: commitmentFields },
  ];
  for (const { id, expected, allowed } of canvases) {
    const source = canvasSource(template, id);
    if (!source) {
      problems.push(`canevas « ${id} » introuvable (data-canevas="${id}")`);
      continue;
    }
    const boxes = canvasBoxes(source);
    for (const box of boxes) {
      if (box.champ === null && box.horsChamp === null)
        problems.push(`canevas « ${id} » : cadre sans champ (ni data-champ ni data-hors-champ) : ${box.text}`);
      if (box.champ !== null && !allowed.includes(box.champ))
        problems.push(`canevas « ${id} » : data-champ="${box.champ}" n’est pas un champ de la restitution`);
    }
    const marked = new Set(boxes.flatMap((box) => box.champ ?? []));
    for (const field of expected) {
      if (field in NOT_ON_CANVAS || FROM_A_LIST.some((prefix) => field.startsWith(prefix))) continue;
      if (!marked.has(field)) problems.push(`canevas « ${id} » : le champ « ${field} » n’a pas de cadre`);
    }
  }
  return problems;
}

describe('the commitment and action canvases and the restitution file answer each other', () => {
  it('every box of both canvases has a field, and every field a box', () => {
    expect(parityProblems(SUPPORTS)).toEqual([]);
  });

  it('reads the fields from the schema, nested ones included', () => {
    const fields = fieldPaths(CommitmentSchema.shape as Record<string, z.ZodType>);
    expect(fields).toEqual(
      expect.arrayContaining([
        'probleme',
        'solution',
        'pertinence_ogp',
        'pertinence_ogp.redevabilite',
        'contact.courriel',
        'jalons.debut',
        'jalons.fin',
        'partenaires.statut',
        'actions.echeance',
      ]),
    );
  });

  const engagement = canvasSource(SUPPORTS, 'engagement');
  const withEngagement = (changed: string) => SUPPORTS.replace(engagement, changed);

  it.each([
    [
      'a box added without a field',
      withEngagement(
        engagement.replace(
          '<section class="champ cote"',
          '<section class="champ" aria-label="Budget"><h2>Budget</h2></section>\n    <section class="champ cote"',
        ),
      ),
      /cadre sans champ.*Budget/,
    ],
    [
      'a box naming a field the file does not have',
      withEngagement(
        engagement.replace(
          '<section class="champ cote"',
          '<section class="champ" data-champ="budget"><h2>Budget</h2></section>\n    <section class="champ cote"',
        ),
      ),
      /data-champ="budget" n’est pas un champ/,
    ],
    [
      'a field whose box was removed',
      withEngagement(engagement.replace(/<div><span class="titre-sous" data-champ="solution">.*?<\/div>/, '')),
      /le champ « solution » n’a pas de cadre/,
    ],
    [
      'an action column added without a field',
      SUPPORTS.replace(
        '<th scope="col" data-champ="actions.moyens">',
        '<th scope="col">Coût</th><th scope="col" data-champ="actions.moyens">',
      ),
      /canevas « actions » : cadre sans champ.*<th scope="col">/,
    ],
    [
      'a field added to the file without a box',
      SUPPORTS.replace(/ data-champ="contact\.fonction"/, ''),
      /le champ « contact\.fonction » n’a pas de cadre/,
    ],
    [
      'a box added to the plenary poster without a field',
      SUPPORTS.replace(
        '<section class="zone-pleniere verifier"',
        '<section class="zone-pleniere" aria-label="Budget"><h2>Budget</h2></section><section class="zone-pleniere verifier"',
      ),
      /canevas « pleniere » : cadre sans champ.*Budget/,
    ],
  ] as [string, string, RegExp][])('fails on %s', (_what, template, problem) => {
    expect(template).not.toBe(SUPPORTS);
    expect(parityProblems(template).join('\n')).toMatch(problem);
  });
});
