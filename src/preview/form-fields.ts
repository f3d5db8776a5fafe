/**
 * The fields of the « Préparer » and « Résultats » forms, generated from the
 * JSON Schemas of the zod schemas (z.toJSONSchema): a key added to a schema
 * appears in the form with its French label, help and allowed values, with
 * no change here. Only the keys that need a widget of their own (the themes
 * offered, the durations by phase, the ideas by theme) are named. Pure.
 */
import { z } from 'zod';
import { AcademySchema, NOT_BLANK_PATTERN } from '../model/schemas.js';
import {
  LEGACY_VALUE,
  OGP_VALUE_LABELS,
  PARTNER_STATUS_LABELS,
  RestitutionSchema,
  VALUE_LABELS,
  VERDICT_LABELS,
} from '../model/restitution-schema.js';

export interface Choice {
  valeur: string;
  libelle: string;
}

interface Common {
  cle: string;
  libelle: string;
  /** The schema's description, when it says more than the label. */
  aide?: string;
  requis?: boolean;
  /** Shown greyed in the empty field: the schema's default or first example. */
  exemple?: string;
}

export type FormField = Common &
  (
    | { genre: 'texte'; long?: boolean; motif?: string; format?: string }
    | { genre: 'nombre'; entier: boolean; min?: number; max?: number }
    | { genre: 'choix'; choix: Choice[] }
    | { genre: 'case' }
    /** A list of texts, one per line. */
    | { genre: 'textes' }
    /** A list of values taken from a set: one checkbox each. */
    | { genre: 'cases'; choix: Choice[] }
    | { genre: 'groupe'; champs: FormField[] }
    /** A list of tables; `element` names one item (« Action 2 »). */
    | { genre: 'groupes'; champs: FormField[]; element: string }
    /** A widget of the page's own, fed by the session (themes, phases). */
    | { genre: 'special'; widget: 'deroule' | 'themes' | 'durees' | 'idees' | 'retenus' | 'thematique' | 'fixe' }
  );

type JsonSchema = Record<string, unknown>;

/** Readable names of values, where the schema's modules give them. */
const VALUE_NAMES: Record<string, string> = {
  ...OGP_VALUE_LABELS,
  ...VALUE_LABELS,
  ...VERDICT_LABELS,
  ...PARTNER_STATUS_LABELS,
};

/** What a file may still hold but a form no longer offers: a value or a key kept for older files, read and warned about. */
const LEGACY_VALUES = new Set<string>([LEGACY_VALUE]);
const isLegacyKey = (description: string | undefined) => /^Ancienne clé/.test(description ?? '');

/** `anyOf: [X, {type: null}]` and `type: [X, null]` (a key the lab may leave empty) read as X. */
/** « Not only spaces » is a check of every text, not a format: a form box goes without that pattern. */
function withoutBlankCheck(schema: JsonSchema): JsonSchema {
  if (schema.pattern !== NOT_BLANK_PATTERN) return schema;
  const copy = { ...schema };
  delete copy.pattern;
  delete copy.patternErrorMessage;
  return copy;
}

function unwrap(schema: JsonSchema): JsonSchema {
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(anyOf)) {
    const rest = anyOf.filter((option) => option.type !== 'null');
    if (rest.length === 1 && rest[0]) return { ...schema, ...unwrap(rest[0]), anyOf: undefined };
  }
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((type) => type !== 'null');
    if (types.length === 1) return { ...schema, type: types[0] };
  }
  return schema;
}

const humanized = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');

/**
 * The label: the description's first words, before a colon, a parenthesis,
 * or a comma that introduces a format (« Date de la session, AAAA-MM-JJ »);
 * the key itself when the description starts with values (« present : … »).
 */
export function labelOf(key: string, description: string | undefined): string {
  if (!description) return humanized(key);
  const format = /,\s(?=[^,]*(AAAA|HH:MM|par exemple|chemin|entre guillemets))/.exec(description)?.index ?? -1;
  const cuts = [description.search(/ : | ; | \(|\. /), format].filter((at) => at > 0);
  const label = (cuts.length > 0 ? description.slice(0, Math.min(...cuts)) : description).replace(/\.$/, '');
  return /^\p{Ll}/u.test(label) ? humanized(key) : label;
}

export interface FieldOptions {
  /** Which form, for the widgets of its own keys. */
  form: 'preparer' | 'resultats';
}

const SPECIAL: Record<FieldOptions['form'], Record<string, (FormField & { genre: 'special' })['widget'] | 'cache'>> = {
  // `modifications` (fields of shipped themes replaced) stays in the file, edited in a text editor.
  preparer: { deroule: 'deroule', thematiques: 'themes', durees: 'durees', modifications: 'cache' },
  resultats: { academie: 'fixe', idees: 'idees', themes_retenus: 'retenus', 'engagements.thematique': 'thematique' },
};

/** What one item of a list is called, in the buttons and headings of the form. */
const ITEM_NAMES: Record<string, string> = {
  animation: 'Personne',
  themes_locaux: 'Thématique locale',
  suites: 'Étape',
  engagements: 'Engagement',
  partenaires: 'Partenaire',
  jalons: 'Jalon',
  actions: 'Action',
};

/** Free texts of the results that hold sentences: written in a box that grows. */
const SHORT_TEXTS = /^(titre|nom|fonction|courriel|thematique|pilote|porteur|partenaires|livrable)$/;

function field(
  key: string,
  raw: JsonSchema,
  path: string[],
  required: boolean,
  options: FieldOptions,
): FormField | undefined {
  const schema = withoutBlankCheck(unwrap(raw));
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  const dotted = [...path, key].join('.');
  const special = SPECIAL[options.form][dotted] ?? (path.length === 0 ? SPECIAL[options.form][key] : undefined);
  const libelle = labelOf(key, description);
  const example = schema.default ?? (Array.isArray(schema.examples) ? schema.examples[0] : undefined);
  const common: Common = {
    cle: key,
    libelle,
    // What is said for a text editor (« entre guillemets ») does not apply to a form.
    ...(description && description !== libelle ? { aide: description.replace(/,? entre guillemets/g, '') } : {}),
    ...(required ? { requis: true } : {}),
    ...(example !== undefined && (typeof example === 'string' || typeof example === 'number')
      ? { exemple: String(example) }
      : {}),
  };
  if (special === 'cache' || isLegacyKey(description)) return undefined;
  if (special) return { ...common, genre: 'special', widget: special };
  const enumValues = schema.enum as string[] | undefined;
  if (Array.isArray(enumValues))
    return {
      ...common,
      genre: 'choix',
      choix: enumValues.map((value) => ({ valeur: value, libelle: VALUE_NAMES[value] ?? value })),
    };
  switch (schema.type) {
    case 'string': {
      const free = !schema.pattern && !schema.format && !/AAAA|HH:MM/.test(description ?? '');
      const long =
        free && (key === 'description' || (options.form === 'resultats' && path.length > 0 && !SHORT_TEXTS.test(key)));
      return {
        ...common,
        genre: 'texte',
        ...(long ? { long: true } : {}),
        ...(typeof schema.pattern === 'string' ? { motif: schema.pattern } : {}),
        ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
      };
    }
    case 'integer':
    case 'number':
      return {
        ...common,
        genre: 'nombre',
        entier: schema.type === 'integer',
        ...(typeof schema.minimum === 'number' ? { min: schema.minimum } : {}),
        ...(typeof schema.maximum === 'number' ? { max: schema.maximum } : {}),
      };
    case 'boolean':
      return { ...common, genre: 'case' };
    case 'array': {
      const items = unwrap((schema.items ?? {}) as JsonSchema);
      if (Array.isArray(items.enum))
        return {
          ...common,
          genre: 'cases',
          choix: (items.enum as string[])
            .filter((value) => !LEGACY_VALUES.has(value))
            .map((value) => ({ valeur: value, libelle: VALUE_NAMES[value] ?? value })),
        };
      if (items.type === 'object')
        return {
          ...common,
          genre: 'groupes',
          champs: fields(items, [...path, key], options),
          element: ITEM_NAMES[key] ?? 'Élément',
        };
      return { ...common, genre: 'textes' };
    }
    case 'object':
      if (schema.properties) return { ...common, genre: 'groupe', champs: fields(schema, [...path, key], options) };
      return undefined;
    default:
      return undefined;
  }
}

function fields(schema: JsonSchema, path: string[], options: FieldOptions): FormField[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const list = Object.entries(properties).flatMap(
    ([key, child]) => field(key, child, path, required.has(key), options) ?? [],
  );
  // Siblings whose first words are the same (« Nombre de présents : élèves », « … : parents ») keep their whole description.
  const labels = list.map((item) => item.libelle);
  return list.map((item) => {
    if (labels.indexOf(item.libelle) === labels.lastIndexOf(item.libelle) || !item.aide) return item;
    const { aide, ...rest } = item;
    // « Nombre de présents : élèves » → « Élèves », the group's legend saying the rest.
    const after = aide.includes(' : ') ? aide.slice(aide.indexOf(' : ') + 3).replace(/\s*\(.*$/, '') : '';
    return {
      ...rest,
      libelle: after ? after.charAt(0).toUpperCase() + after.slice(1) : aide.replace(/\s*\(.*$/, ''),
      aide,
    };
  });
}

/** The fields of a form, in the schema's order. */
export function formFields(schema: z.ZodType, options: FieldOptions): FormField[] {
  return fields(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, [], options);
}

export const academyFields = (): FormField[] => formFields(AcademySchema, { form: 'preparer' });
export const restitutionFields = (): FormField[] => formFields(RestitutionSchema, { form: 'resultats' });
