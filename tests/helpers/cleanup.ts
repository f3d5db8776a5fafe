/**
 * Folders a test file makes and removes at its end:
 *
 *   afterAll(removeMadeFolders);
 *   const workspace = removedAtEnd(makeWorkspace({ … }));
 *
 * (copyKit's copies are registered here too.)
 */
import { rmSync } from 'node:fs';

const made = new Set<string>();

export function removedAtEnd(folder: string): string {
  made.add(folder);
  return folder;
}

export function removeMadeFolders(): void {
  for (const folder of made) rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  made.clear();
}
