#!/usr/bin/env node
// Compiles the shipped templates (templates/**/*.hbs) into
// dist/render/templates.precompiled.cjs, after tsc (scripts/compile.mjs,
// npm run build, npm test): a build then loads them instead of compiling
// them (see src/render/precompiled.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { PRECOMPILED_FILE, precompiledModule } = await import('../dist/render/precompiled.js');
const templates = path.join(root, 'templates');
const sources = readdirSync(templates, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.hbs'))
  .sort()
  .map((file) => readFileSync(path.join(templates, file), 'utf8'));
writeFileSync(PRECOMPILED_FILE, precompiledModule(sources));
