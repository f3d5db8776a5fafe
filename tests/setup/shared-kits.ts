/**
 * Names the folder where tests/helpers/shared-kits.ts builds the kits shared
 * by the whole run (lazily: nothing is built until a test asks), and removes
 * it at the end. It is in the project's kits/ folder (ignored by git, lint
 * and format) so that `--html` pages reach the CSS and fonts by relative paths.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export default function setup(): () => void {
  const parent = path.resolve(__dirname, '../../kits');
  mkdirSync(parent, { recursive: true });
  const folder = mkdtempSync(path.join(parent, '.shared-kits-'));
  process.env.PGO_KIT_TESTS_SHARED_KITS = folder;
  return () => {
    delete process.env.PGO_KIT_TESTS_SHARED_KITS;
    rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  };
}
