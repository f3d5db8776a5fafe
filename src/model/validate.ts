/**
 * Turns zod issues into located French issues (`file:line:col  path : message`).
 */
import type { z } from 'zod';
import type { Issue } from '../errors.js';
import { closest } from './suggest.js';
import { adviceFor } from './value-hints.js';
import { noSpaceMessage } from './yaml-hints.js';
import type { ParsedYaml, PathSegment } from './yaml-source.js';

type ZodIssue = z.core.$ZodIssue;

/** Dotted path as a lab member reads it: `session.participants`, `animation[0].nom`. */
export function dottedPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text ? `${text}.${segment}` : segment;
  }, '');
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'vide';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'object') return 'des lignes « clé: valeur »';
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'texte attendu',
  number: 'nombre attendu',
  int: 'nombre entier attendu',
  boolean: 'vrai ou faux attendu (true / false)',
  object: 'des lignes « clé: valeur » sont attendues ici, en dessous et en retrait',
  array: 'liste attendue : une ligne « - … » par élément, en dessous et en retrait (ou [a, b] sur la même ligne)',
};

/** Default French wording, used where a schema gives no message of its own. */
export function frenchErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return (
        (Object.hasOwn(TYPE_NAMES, issue.expected) ? TYPE_NAMES[issue.expected] : undefined) ??
        'type de valeur inattendu'
      );
    case 'too_small':
      return issue.origin === 'array'
        ? `au moins ${String(issue.minimum)} élément(s) attendu(s)`
        : `valeur trop petite (minimum : ${String(issue.minimum)})`;
    case 'too_big':
      return issue.origin === 'array'
        ? `au plus ${String(issue.maximum)} élément(s) attendu(s)`
        : `valeur trop grande (maximum : ${String(issue.maximum)})`;
    case 'invalid_value':
      return `valeur inconnue ; valeurs possibles : ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return 'format invalide';
    default:
      return 'valeur invalide';
  }
}

/** Keys a strict object accepts at `path`, to suggest the intended one for a typo. */
function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let current: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
      if (!def) return undefined;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
        current = def.innerType;
        continue;
      }
      if (def.type === 'pipe') {
        current = def.in;
        continue;
      }
      return def;
    }
  };
  for (const segment of path) {
    const def = unwrap();
    if (!def) return [];
    if (def.type === 'object')
      current = Object.hasOwn(def.shape as object, String(segment))
        ? (def.shape as Record<string, unknown>)[String(segment)]
        : undefined;
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return [];
  }
  const def = unwrap();
  return def?.type === 'object' ? Object.keys(def.shape as Record<string, unknown>) : [];
}

function issueAt(file: string, parsed: ParsedYaml, path: readonly PathSegment[], message: string, key = false): Issue {
  const position = parsed.locate(path, { key });
  return { file, ...(position ?? {}), path: dottedPath(path), message, severity: 'error' };
}

export function validateParsed<T extends z.ZodType>(
  schema: T,
  parsed: ParsedYaml,
  file: string,
): { value?: z.infer<T>; issues: Issue[] } {
  // zod drops a `__proto__` key of a record without a word: it is found here, wherever it is.
  const forbidden = protoKeys(parsed.data).map((path) =>
    issueAt(file, parsed, path, 'clé inconnue « __proto__ » : nom réservé, supprimez cette clé', true),
  );
  const result = schema.safeParse(parsed.data, { error: frenchErrorMap, reportInput: true });
  if (result.success) return forbidden.length > 0 ? { issues: forbidden } : { value: result.data, issues: [] };
  const issues = result.error.issues
    .map((issue) =>
      issue.code === 'unrecognized_keys' ? { ...issue, keys: issue.keys.filter((key) => key !== '__proto__') } : issue,
    )
    .filter((issue) => issue.code !== 'unrecognized_keys' || issue.keys.length > 0);
  return { issues: [...forbidden, ...issues.flatMap((issue) => locateIssue(schema, parsed, file, issue))] };
}

/** Paths of every own `__proto__` key in plain data. */
export function protoKeys(data: unknown, path: PathSegment[] = []): PathSegment[][] {
  if (Array.isArray(data)) return data.flatMap((item, index) => protoKeys(item, [...path, index]));
  if (!data || typeof data !== 'object') return [];
  return Object.keys(data).flatMap((key) => [
    ...(key === '__proto__' ? [[...path, key]] : []),
    ...protoKeys((data as Record<string, unknown>)[key], [...path, key]),
  ]);
}

function locateIssue(schema: z.ZodType, parsed: ParsedYaml, file: string, issue: ZodIssue): Issue[] {
  const path = issue.path.filter((s): s is PathSegment => typeof s === 'string' || typeof s === 'number');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) => {
      const suggestion = closest(key, known);
      const hint = suggestion
        ? ` — vouliez-vous dire « ${suggestion} » ?`
        : known.length > 0
          ? ` — clés possibles : ${known.join(', ')}`
          : '';
      return issueAt(file, parsed, [...path, key], `clé inconnue${hint}`, true);
    });
  }
  const input = 'input' in issue ? issue.input : undefined;
  if (issue.code === 'invalid_type' && input === undefined && !parsed.has(path)) {
    const key = path[path.length - 1];
    if (path.length === 0) return [issueAt(file, parsed, path, 'le fichier doit contenir des lignes « clé: valeur »')];
    return [
      {
        ...issueAt(file, parsed, path.slice(0, -1), `clé obligatoire manquante « ${String(key)} »`),
        path: dottedPath(path),
      },
    ];
  }
  // `academie:Limoges`: without a space, YAML reads one text where keys were expected.
  const glued =
    issue.code === 'invalid_type' && issue.expected === 'object' && typeof input === 'string'
      ? /^([A-Za-z_][\w-]*):(\S.*)$/.exec(input)
      : null;
  if (glued) return [issueAt(file, parsed, path, noSpaceMessage(glued[1] ?? '', glued[2] ?? ''))];
  if (issue.code === 'invalid_type' && issue.expected === 'object' && path.length === 0) {
    return [
      issueAt(
        file,
        parsed,
        path,
        `le fichier doit contenir des lignes « clé: valeur »${Array.isArray(input) ? ', sans « - » devant' : ''}`,
      ),
    ];
  }
  const received =
    input !== undefined && (typeof input !== 'object' || input === null) ? ` (reçu : ${describeValue(input)})` : '';
  const refused = {
    code: issue.code,
    input,
    message: issue.message,
    ...('expected' in issue ? { expected: String(issue.expected) } : {}),
    ...('values' in issue ? { values: issue.values as unknown[] } : {}),
  };
  // Only an advice whose value the schema accepts there: none leads to a new error.
  const advice = adviceFor(refused).find((candidate) => acceptsAt(schema, parsed.data, path, candidate.value));
  return [issueAt(file, parsed, path, `${issue.message}${received}${advice ? ` — ${advice.text}` : ''}`)];
}

/** Whether the schema would accept `value` at `path`, the rest of the file as it is. */
function acceptsAt(schema: z.ZodType, data: unknown, path: readonly PathSegment[], value: unknown): boolean {
  const copy = structuredClone(data) as unknown;
  let holder = copy as Record<string | number, unknown> | undefined;
  for (const segment of path.slice(0, -1)) holder = holder?.[segment] as Record<string | number, unknown> | undefined;
  const last = path[path.length - 1];
  if (!holder || typeof holder !== 'object' || last === undefined) return false;
  holder[last] = value;
  const result = schema.safeParse(copy);
  const at = dottedPath(path);
  return (
    result.success ||
    !result.error.issues.some(
      (other) => dottedPath(other.path.filter((s): s is PathSegment => typeof s !== 'symbol')) === at,
    )
  );
}
