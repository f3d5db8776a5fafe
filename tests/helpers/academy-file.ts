/**
 * A fixture builder for academy (and theme) files that tests write into a
 * lab's folder: give the keys that matter to the case, get the YAML text.
 *
 *   makeWorkspace({ 'academies/test.yaml': academyYaml({ thematiques: ['sante'], session: { participants: 10 } }) })
 *
 * Keys come out in the order given (`academie` first, « Test » unless
 * given), one per line, nested maps indented by two spaces, lists of plain
 * words in flow style (`[sante, probite]`), other lists as block lists;
 * scalars are quoted only where YAML needs it. Raw lines (a comment, a key
 * the schema refuses, a deliberate mistake) go after the keys with `extra`.
 * When a case asserts a line:column, keep that file written out in full in
 * the test: its layout is then the point. Files under tests/fixtures/ stay
 * byte for byte as they are.
 */
import { stringify } from 'yaml';

export type YamlValue = string | number | boolean | readonly YamlValue[] | YamlMap;
export interface YamlMap {
  readonly [key: string]: YamlValue | undefined;
}

export interface LocalTheme extends YamlMap {
  id: string;
  titre: string;
  theme_pgo?: string;
  couleur?: string;
  description?: string;
  questions: string[];
}

export interface AcademyFields extends YamlMap {
  academie?: string;
  region_academique?: string;
  lab?: string;
  deroule?: string;
  session?: YamlMap;
  thematiques?: string[];
  themes_locaux?: LocalTheme[];
  modifications?: YamlMap;
  durees?: YamlMap;
}

/** An academy file's text: `academie: Test` and the given keys, then the `extra` raw lines. */
export function academyYaml(fields: AcademyFields = {}, extra: string[] = []): string {
  const { academie = 'Test', ...rest } = fields;
  return [...mapLines({ academie, ...rest }, ''), ...extra, ''].join('\n');
}

/** A theme file's text (themes/<id>.yaml). */
export function themeYaml(theme: LocalTheme, extra: string[] = []): string {
  return [...mapLines(theme, ''), ...extra, ''].join('\n');
}

/** A local theme with the fields a valid one needs, the given ones winning. */
export function localTheme(id: string, fields: Partial<LocalTheme> = {}): LocalTheme {
  return {
    id,
    titre: `Thème ${id}`,
    theme_pgo: 'Suites de la Convention citoyenne pour le climat',
    description: `Ce que le thème ${id} interroge à l’école.`,
    questions: [`Que changeriez-vous pour ${id} ?`],
    ...fields,
  };
}

const PLAIN_WORD = /^[\p{L}\p{N}_-]+$/u;

function scalar(value: string | number | boolean): string {
  // Times quoted, as the shipped files write them (`debut: "09:30"`).
  if (typeof value === 'string' && /^\d{1,2}:\d{2}$/.test(value)) return `"${value}"`;
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function isMap(value: YamlValue): value is YamlMap {
  return typeof value === 'object' && !Array.isArray(value);
}

function mapLines(map: YamlMap, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const list = value as readonly YamlValue[];
      if (list.every((item) => typeof item !== 'object' && PLAIN_WORD.test(String(item))))
        lines.push(`${indent}${key}: [${list.map((item) => String(item)).join(', ')}]`);
      else lines.push(`${indent}${key}:`, ...listLines(list, `${indent}  `));
    } else if (isMap(value)) {
      lines.push(`${indent}${key}:`, ...mapLines(value, `${indent}  `));
    } else lines.push(`${indent}${key}: ${scalar(value as string | number | boolean)}`);
  }
  return lines;
}

function listLines(list: readonly YamlValue[], indent: string): string[] {
  return list.flatMap((item) => {
    if (Array.isArray(item)) throw new Error('academyYaml: a list inside a list is not supported');
    if (!isMap(item)) return [`${indent}- ${scalar(item as string | number | boolean)}`];
    // The map's first line after the dash, the others under it.
    const [first = '', ...others] = mapLines(item, `${indent}  `);
    return [`${indent}- ${first.slice(indent.length + 2)}`, ...others];
  });
}
