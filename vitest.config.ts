import { defineConfig } from 'vitest/config';

// What both projects share. Not inherited with `extends: true`: that would run the root's
// globalSetup once more per project (three temporary folders, one inside the other).
const shared = {
  // End-to-end tests start Chromium: give them room on a 2-core machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker: every file in turn. Much of an end-to-end file's
    // time is spent waiting (Chromium, child processes, timeouts), so three files run side by side.
    // No two files share a folder: each makes its own, and the temporary folders checked are
    // filtered by process id.
    maxWorkers: 3,
    // Once per run: one temporary folder, removed at the end (tests/setup/temporary-folder.ts); the
    // kits several files read, built once per run when first asked (tests/helpers/shared-kits.ts).
    globalSetup: ['tests/setup/temporary-folder.ts', 'tests/setup/shared-kits.ts'],
    projects: [
      {
        // Pure functions and in-process modules: one worker imports src/ once for all its files
        // (isolate: false), where a fresh process per file spent more time importing than testing.
        // No unit file changes the process's folder, variables or modules for the next one.
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        // The CLI in-process (it changes the folder and variables, so a process, not a thread:
        // runCliInProcess puts both back after each call), processes and browsers. Files follow
        // each other in a worker's process (isolate: false): a fresh process per file cost 17 s
        // of CPU for the suite. No e2e file sets a variable or a folder it does not put back.
        test: {
          ...shared,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          pool: 'forks',
          isolate: false,
        },
      },
    ],
  },
});
