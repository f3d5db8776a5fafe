/**
 * JSON Schemas for editors (autocompletion, hover help, red squiggles in VS
 * Code's YAML extension), generated from the zod schemas so that the editor
 * and pgo-kit never disagree. The package ships them in schemas/; `pgo-kit
 * schema` and `npm run schemas` write them again.
 *
 * Other file kinds append their entry to JSON_SCHEMAS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { EngagementsFileSchema, RestitutionSchema } from './restitution-schema.js';
import { AcademySchema, AgendaSchema, ThemeSchema } from './schemas.js';
import { PACKAGE_ROOT } from './workspace.js';

export interface JsonSchemaEntry {
  /** File name in schemas/ (and in `pgo-kit schema --out`). */
  file: string;
  schema: z.ZodType;
  /** Shown by editors as the schema's name. */
  title: string;
  /** The YAML files it describes, for the README and `pgo-kit schema`'s summary. */
  files: string;
}

export const JSON_SCHEMAS: JsonSchemaEntry[] = [
  {
    file: 'academie.schema.json',
    schema: AcademySchema,
    title: 'Fichier d’académie pgo-kit',
    files: 'academies/*.yaml',
  },
  { file: 'theme.schema.json', schema: ThemeSchema, title: 'Thématique pgo-kit', files: 'themes/*.yaml' },
  { file: 'deroule.schema.json', schema: AgendaSchema, title: 'Déroulé d’atelier pgo-kit', files: 'agendas/*.yaml' },
  {
    file: 'restitution.schema.json',
    schema: RestitutionSchema,
    title: 'Restitution d’atelier pgo-kit',
    files: 'restitutions/*.yaml',
  },
  {
    file: 'engagements.schema.json',
    schema: EngagementsFileSchema,
    title: 'Engagements d’un atelier pgo-kit',
    files: 'engagements.json (écrit par pgo-kit restitution)',
  },
];

/**
 * The JSON Schema of one entry. `io: 'input'` describes what a lab writes
 * (keys with a default are optional), not what the loader returns.
 */
export function toJsonSchema(entry: JsonSchemaEntry, shipped: ShippedIds = shippedIds()): Record<string, unknown> {
  const generated = z.toJSONSchema(entry.schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = { $schema, title: entry.title, ...rest };
  everyNode(schema, explainPatterns);
  if (entry.schema === AcademySchema) knownIds(schema, shipped);
  return schema;
}

/** The ids of the themes and agendas shipped with pgo-kit, with each agenda's phases. */
export interface ShippedIds {
  themes: string[];
  agendas: { id: string; phases: string[] }[];
}

/** Read from the package's own files (the data lives there, not in code). */
export function shippedIds(packageRoot: string = PACKAGE_ROOT): ShippedIds {
  const names = (folder: string) =>
    readdirSync(path.join(packageRoot, folder))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -5))
      .sort();
  const agendas = names('agendas').map((id) => {
    const data = parse(readFileSync(path.join(packageRoot, 'agendas', `${id}.yaml`), 'utf8'), {
      logLevel: 'error',
    }) as { phases?: { id?: unknown }[] } | null;
    return {
      id,
      phases: (data?.phases ?? [])
        .map((phase) => phase.id)
        .filter((phaseId): phaseId is string => typeof phaseId === 'string'),
    };
  });
  return { themes: names('themes'), agendas };
}

function everyNode(node: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((item) => everyNode(item, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const value of Object.values(node)) everyNode(value, visit);
  }
}

/**
 * Every pattern says in French what it wants (`patternErrorMessage`, which
 * yaml-language-server and VS Code show instead of the regular expression);
 * and no `format: uri`, which refuses accented addresses pgo-kit accepts.
 */
function explainPatterns(node: Record<string, unknown>): void {
  if (node.format === 'uri') delete node.format;
  if (typeof node.pattern === 'string' && typeof node.patternErrorMessage !== 'string') {
    const description =
      typeof node.description === 'string'
        ? ` : ${node.description.charAt(0).toLowerCase()}${node.description.slice(1)}`
        : '';
    node.patternErrorMessage = `valeur au format inattendu${description}`;
  }
}

/**
 * The shipped themes, agendas and phases offered by name in the editor:
 * ids anywhere else (a lab's own theme) are still accepted as ids, but the
 * phases of a shipped agenda are known, so an unknown one is refused as
 * pgo-kit refuses it.
 */
function knownIds(schema: Record<string, unknown>, shipped: ShippedIds): void {
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  const offer = (node: Record<string, unknown> | undefined, ids: string[], what: string) => {
    if (!node || ids.length === 0) return;
    const own = { ...node };
    for (const key of Object.keys(node)) delete node[key];
    node.anyOf = [
      { type: 'string', enum: ids, description: `${what} fourni${what.endsWith('e') ? 'e' : ''} avec pgo-kit` },
      own,
    ];
  };
  const themes = properties.thematiques;
  if (themes) offer(themes.items as Record<string, unknown>, shipped.themes, 'thématique');
  offer(properties.modifications?.propertyNames as Record<string, unknown> | undefined, shipped.themes, 'thématique');
  const deroule = properties.deroule;
  if (deroule) deroule.examples = shipped.agendas.map((agenda) => agenda.id);
  schema.allOf = shipped.agendas
    .filter((agenda) => agenda.phases.length > 0)
    .map((agenda) => ({
      if: {
        type: 'object',
        properties: { deroule: { const: agenda.id, description: `Le déroulé « ${agenda.id} »` } },
        // The default agenda: a file without `deroule` uses it too.
        ...(agenda.id === 'atelier-2h' ? {} : { required: ['deroule'] }),
      },
      then: {
        type: 'object',
        properties: {
          durees: {
            type: 'object',
            description: `Durées des phases du déroulé « ${agenda.id} » : ${agenda.phases.join(', ')}`,
            propertyNames: { enum: agenda.phases },
          },
        },
      },
    }));
}

/** Every schema as the text written to disk: stable, two-space indented, final newline. */
export function renderJsonSchemas(
  entries: readonly JsonSchemaEntry[] = JSON_SCHEMAS,
): { file: string; text: string }[] {
  const shipped = shippedIds();
  return entries.map((entry) => ({
    file: entry.file,
    text: `${JSON.stringify(toJsonSchema(entry, shipped), null, 2)}\n`,
  }));
}
