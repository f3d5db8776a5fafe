#!/usr/bin/env node
// Plain Node entry point: the TypeScript sources are compiled to dist/ by `npm ci` (prepare script).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
