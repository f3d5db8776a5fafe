/**
 * The throw-away browser profiles a pgo-kit process has open, looked for
 * where pgo-kit makes them: the temporary folder, or /tmp when the
 * temporary folder's path is too long for Chromium's socket (profileParent).
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import os from 'node:os';
import { profileParent, profilePrefix } from '../../src/pdf/local-browser.js';

const writable = (folder: string) => {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

export function browserProfiles(pid: number | undefined): string[] {
  if (pid === undefined) return [];
  const parent = profileParent(os.tmpdir(), process.platform, pid, writable);
  return readdirSync(parent).filter((name) => name.startsWith(profilePrefix(pid)));
}
