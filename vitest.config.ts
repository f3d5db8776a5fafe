import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests start Chromium: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Processes, not threads: runCliInProcess changes the folder and variables (and puts both back
    // after each call). Files follow each other in a worker's process (isolate: false): a fresh
    // process per file spent more time importing src/ than testing (17 s of CPU for the e2e files
    // alone). No file sets a variable, a folder or a module mock it does not put back.
    // One pool for unit and e2e files alone: two projects with different pools ran one after the
    // other, where the unit files can use the CPU the e2e files leave while they wait.
    pool: 'forks',
    isolate: false,
    // Vitest's default on 2 cores is one worker: every file in turn. Much of an end-to-end file's
    // time is spent waiting (Chromium, child processes, timeouts), so three files run side by side.
    // No two files share a folder: each makes its own, and the temporary folders checked are
    // filtered by process id.
    maxWorkers: 3,
    // Once per run: one temporary folder, removed at the end (tests/setup/temporary-folder.ts); the
    // kits several files read, built once per run when first asked (tests/helpers/shared-kits.ts).
    globalSetup: ['tests/setup/temporary-folder.ts', 'tests/setup/shared-kits.ts'],
    experimental: {
      // The TypeScript of src/ and tests/, transformed once and kept in node_modules (emptied by npm ci),
      // keyed by each file's content: a second run transforms only what changed (measured: 7 s → 1 s
      // of transform, the run 77 s → 74 s). The default from vitest 5; no plugin here to make it stale.
      fsModuleCache: true,
    },
  },
});
