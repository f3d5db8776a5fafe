/**
 * JSON Schemas of the files after the workshop, generated from the zod
 * schemas: `restitution.schema.json` for editors (autocompletion and
 * French help in restitutions/<slug>.yaml) and `engagements.schema.json`
 * for whoever reads engagements.json. Shipped in the package's schemas/;
 * tests check the shipped files are what the schemas generate.
 */
import { z } from 'zod';
import { EngagementsFileSchema, RestitutionSchema } from './restitution-schema.js';

export interface JsonSchemaEntry {
  file: string;
  schema: z.ZodType;
  title: string;
  /** What the schema describes: a file people write (input) or one pgo-kit writes (output). */
  io: 'input' | 'output';
}

export const RESULT_JSON_SCHEMAS: readonly JsonSchemaEntry[] = [
  { file: 'restitution.schema.json', schema: RestitutionSchema, title: 'Restitution d’un atelier PGO (restitutions/<slug>.yaml)', io: 'input' },
  { file: 'engagements.schema.json', schema: EngagementsFileSchema, title: 'Engagements d’un atelier PGO (engagements.json)', io: 'output' },
];

export function jsonSchemaText(entry: JsonSchemaEntry): string {
  const schema = z.toJSONSchema(entry.schema, { io: entry.io, target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: entry.title }, null, 2)}\n`;
}
