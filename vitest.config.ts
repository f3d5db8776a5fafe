import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests start Chromium: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker: every file in turn. Much of an end-to-end file's
    // time is spent waiting (Chromium, child processes, timeouts), so three files run side by side
    // (measured: 385 s of wall time for 734 s of files, on a machine at load 13-17). No two files
    // share a folder: each makes its own, and the temporary folders checked are filtered by process id.
    maxWorkers: 3,
    // One temporary folder per run, removed at the end (tests/setup/temporary-folder.ts).
    globalSetup: ['tests/setup/temporary-folder.ts', 'tests/setup/shared-kits.ts'],
  },
});
