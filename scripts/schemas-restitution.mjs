// Writes schemas/restitution.schema.json and schemas/engagements.schema.json
// from the compiled zod schemas: run `npm run build` first.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULT_JSON_SCHEMAS, jsonSchemaText } from '../dist/model/result-json-schemas.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
mkdirSync(path.join(root, 'schemas'), { recursive: true });
for (const entry of RESULT_JSON_SCHEMAS) {
  writeFileSync(path.join(root, 'schemas', entry.file), jsonSchemaText(entry));
  console.log(`schemas/${entry.file}`);
}
