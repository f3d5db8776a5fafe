/**
 * Writes a file so that readers only ever see the old or the new content:
 * a temporary file in the same folder, renamed when complete. Temporary
 * files still pending when the process is interrupted are removed.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDirectories } from './replace-directory.js';

const pending = new Set<string>();

export function temporaryPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Writes every file, then renames them all: a kit is replaced as a whole or not at all. */
export async function writeFilesAtomically(
  files: readonly { target: string; data: Uint8Array | string }[],
): Promise<void> {
  const staged: { target: string; temporary: string }[] = [];
  try {
    for (const file of files) {
      // One level at a time: Node's recursive mkdir retries for ever under /proc.
      makeDirectories(path.dirname(file.target));
      const temporary = temporaryPathFor(file.target);
      pending.add(temporary);
      staged.push({ target: file.target, temporary });
      await writeFile(temporary, file.data);
    }
    for (const { target, temporary } of staged) {
      await rename(temporary, target);
      pending.delete(temporary);
    }
  } catch (error) {
    await Promise.all(
      staged.map(async ({ temporary }) => {
        await rm(temporary, { force: true });
        pending.delete(temporary);
      }),
    );
    throw error;
  }
}

/** Synchronous, for signal handlers. */
export function removePendingTemporaryFiles(): void {
  for (const temporary of pending) rmSync(temporary, { force: true });
  pending.clear();
}
