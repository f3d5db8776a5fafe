// ESLint, run by `npm run lint` and by `npm test`. No type-aware rules: they
// would cost more than the whole lint on a 2-core machine, and `tsc` already
// checks types (src and tests). Layout is Prettier's (eslint-config-prettier
// turns off the rules that would fight it). The layers and which way they
// point: docs/architecture.md.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The folders and files of each layer, from the bottom up. */
const LAYERS = {
  base: ['./src/errors.ts', './src/document-origin.ts', './src/config.ts'],
  model: ['./src/model'],
  core: ['./src/core'],
  output: ['./src/output'],
  pdf: ['./src/pdf'],
  render: ['./src/render'],
  load: ['./src/load.ts'],
  runners: ['./src/build.ts', './src/results.ts', './src/run'],
  preview: ['./src/preview'],
  cli: ['./src/cli'],
  api: ['./src/index.ts'],
};

/** What each layer must not import: everything above it, and its siblings where they must stay apart. */
const FORBIDDEN = {
  base: ['model', 'core', 'output', 'pdf', 'render', 'load', 'runners', 'preview', 'cli', 'api'],
  model: ['core', 'output', 'pdf', 'render', 'load', 'runners', 'preview', 'cli', 'api'],
  core: ['output', 'pdf', 'render', 'load', 'runners', 'preview', 'cli', 'api'],
  output: ['pdf', 'render', 'load', 'runners', 'preview', 'cli', 'api'],
  pdf: ['model', 'core', 'output', 'render', 'load', 'runners', 'preview', 'cli', 'api'],
  render: ['pdf', 'output', 'load', 'runners', 'preview', 'cli', 'api'],
  load: ['output', 'pdf', 'render', 'runners', 'preview', 'cli', 'api'],
  runners: ['preview', 'cli', 'api'],
  preview: ['cli', 'api'],
  cli: ['api'],
};

const zones = Object.entries(FORBIDDEN).flatMap(([layer, above]) =>
  LAYERS[layer].map((target) => ({
    target,
    from: above.flatMap((name) => LAYERS[name]),
    message: `${layer} must not import ${above.join(', ')}: the layers point one way (docs/architecture.md).`,
  })),
);

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'kits/', 'coverage/', 'apercu/', 'tests/fixtures/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses the files an import leads to (for no-cycle) with the TypeScript parser.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    // Cycles are looked for where they can harm, in the program (and in the fixture that shows
    // the rule at work: tests/unit/lint). Tests and scripts are leaves: nothing imports them.
    // Packages are not followed (ignoreExternal): a cycle inside zod is not ours, and parsing
    // their typings was four fifths of the lint's time.
    files: ['src/**/*.ts', 'tests/fixtures/lint/**/*.ts'],
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Long functions are a smell worth seeing, not a reason to stop the tests.
    files: ['src/**/*.ts', 'scripts/**/*.mjs'],
    rules: {
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  prettier,
);
