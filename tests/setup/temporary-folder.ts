/**
 * Every test run gets a temporary folder of its own, removed at the end:
 * the tests' work folders (and the CLI processes they start, which inherit
 * TMPDIR) go there instead of piling up in the system's /tmp. Tests that
 * check that pgo-kit leaves nothing behind look in os.tmpdir(), which is
 * this folder during the run. Its name is short: Chromium's socket must fit
 * below a browser profile made in it (see profileParent in local-browser.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'pgo-'));
  process.env.TMPDIR = folder;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  };
}
