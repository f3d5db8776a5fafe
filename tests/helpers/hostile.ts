/** What the hostile-case files share: clean failures, short temporary folders, the browser a pgo-kit process started. */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { profileParent } from '../../src/pdf/local-browser.js';
import { removedAtEnd } from './cleanup.js';
import { makeWorkspace } from './cli.js';

/** makeWorkspace(), the folder removed at the file's end (afterAll(removeMadeFolders), tests/helpers/cleanup.ts). */
export function madeWorkspace(files: Record<string, string | Uint8Array>): string {
  return removedAtEnd(makeWorkspace(files));
}

/**
 * A TMPDIR of a test's own, short enough for the browser's profile to go in
 * it (see profileParent): otherwise pgo-kit would use /tmp, and checking
 * that this folder is left empty would prove nothing. Removed at the file's end.
 */
export function shortTemporaryFolder(): string {
  let folder = removedAtEnd(mkdtempSync(path.join(os.tmpdir(), 't-')));
  if (profileParent(folder, 'linux', 4194304, () => true) !== folder) {
    // The run's temporary folder (tests/setup/temporary-folder.ts) is too deep here: one in /tmp, removed at the end too.
    folder = removedAtEnd(mkdtempSync('/tmp/t-'));
  }
  expect(profileParent(folder, 'linux', 4194304, () => true)).toBe(folder);
  return folder;
}

export const STACK = /^\s+at .+:\d+:\d+\)?$/m;

export function expectClean(result: { status: number | null; stderr: string; stdout: string }, status: number): void {
  expect(result.status, result.stderr).toBe(status);
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stdout).not.toMatch(STACK);
}

/** The pid of the browser a pgo-kit process started, once it is there (read from /proc every 50 ms, without starting ps). */
export async function browserOf(pid: number): Promise<number | undefined> {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  for (let i = 0; i < 600; i++) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = read(`/proc/${entry}/stat`);
      // « pid (name) state ppid … »: the name may hold spaces, the fields after it do not.
      const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (parent === String(pid) && read(`/proc/${entry}/cmdline`).includes(`pgo-kit-chrome-${pid}-`))
        return Number(entry);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/** Resolves once the stream's text so far matches (a progress line), or rejects when the process ends first. */
export function waitForText(child: ChildProcess, text: () => string, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(text())) {
        child.stderr?.off('data', check);
        resolve();
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', () => reject(new Error(`ended before ${pattern}: ${text()}`)));
    check();
  });
}
