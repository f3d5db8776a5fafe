import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// The project's own eslint.config.js; ignore: false so that the fixtures (ignored by `npm run lint`) are linted.
const eslint = new ESLint({ cwd: root, ignore: false });

async function ruleIds(code: string, file: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId);
}

describe('the lint', () => {
  it('fails on two files that import each other', async () => {
    const files = ['first.ts', 'second.ts'].map((name) => path.join(root, 'tests/fixtures/lint/cycle', name));
    const results = await eslint.lintFiles(files);
    expect(results.map((result) => path.basename(result.filePath))).toEqual(['first.ts', 'second.ts']);
    for (const result of results) {
      expect(result.messages.map((message) => message.ruleId)).toContain('import-x/no-cycle');
      expect(result.errorCount).toBeGreaterThan(0);
    }
  });

  // A file that does not exist, linted as if it stood at `file`: its import resolves to a real module.
  it.each([
    [
      'src/model/probe.ts',
      "import { plural } from '../core/french.js';\nexport const probe = plural;",
      'import-x/no-restricted-paths',
    ],
    [
      'src/core/probe.ts',
      "import { renderTemplate } from '../render/documents.js';\nexport const probe = renderTemplate;",
      'import-x/no-restricted-paths',
    ],
    [
      'src/render/probe.ts',
      "import type { PdfPrinter } from '../pdf/printer.js';\nexport type Probe = PdfPrinter;",
      'import-x/no-restricted-paths',
    ],
    [
      'src/pdf/probe.ts',
      "import { plural } from '../core/french.js';\nexport const probe = plural;",
      'import-x/no-restricted-paths',
    ],
    [
      'src/errors.ts',
      "import { plural } from './core/french.js';\nexport const probe = plural;",
      'import-x/no-restricted-paths',
    ],
    ['src/core/probe.ts', "import { closest } from '../model/suggest.js';\nexport const probe = closest;", undefined],
    [
      'src/render/probe.ts',
      "import { DOCUMENT_ORIGIN } from '../document-origin.js';\nexport const probe = DOCUMENT_ORIGIN;",
      undefined,
    ],
    ['src/cli/probe.ts', "import { deriveKit } from '../core/kit.js';\nexport const probe = deriveKit;", undefined],
  ])('%s: %j → %s', async (file, code, rule) => {
    const ids = await ruleIds(`${code}\n`, file);
    if (rule) expect(ids).toContain(rule);
    else expect(ids).toEqual([]);
  });
});
