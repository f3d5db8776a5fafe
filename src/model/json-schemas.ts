/**
 * JSON Schemas for editors (autocompletion, hover help, red squiggles in VS
 * Code's YAML extension), generated from the zod schemas so that the editor
 * and pgo-kit never disagree. The package ships them in schemas/; `pgo-kit
 * schema` and `npm run schemas` write them again.
 *
 * Other file kinds append their entry to JSON_SCHEMAS.
 */
import { z } from 'zod';
import { EngagementsFileSchema, RestitutionSchema } from './restitution-schema.js';
import { AcademySchema, AgendaSchema, ThemeSchema } from './schemas.js';

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
  { file: 'academie.schema.json', schema: AcademySchema, title: 'Fichier d’académie pgo-kit', files: 'academies/*.yaml' },
  { file: 'theme.schema.json', schema: ThemeSchema, title: 'Thématique pgo-kit', files: 'themes/*.yaml' },
  { file: 'deroule.schema.json', schema: AgendaSchema, title: 'Déroulé d’atelier pgo-kit', files: 'agendas/*.yaml' },
  { file: 'restitution.schema.json', schema: RestitutionSchema, title: 'Restitution d’atelier pgo-kit', files: 'restitutions/*.yaml' },
  { file: 'engagements.schema.json', schema: EngagementsFileSchema, title: 'Engagements d’un atelier pgo-kit', files: 'engagements.json (écrit par pgo-kit restitution)' },
];

/**
 * The JSON Schema of one entry. `io: 'input'` describes what a lab writes
 * (keys with a default are optional), not what the loader returns.
 */
export function toJsonSchema(entry: JsonSchemaEntry): Record<string, unknown> {
  const generated = z.toJSONSchema(entry.schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: entry.title, ...rest };
}

/** Every schema as the text written to disk: stable, two-space indented, final newline. */
export function renderJsonSchemas(entries: readonly JsonSchemaEntry[] = JSON_SCHEMAS): { file: string; text: string }[] {
  return entries.map((entry) => ({ file: entry.file, text: `${JSON.stringify(toJsonSchema(entry), null, 2)}\n` }));
}
