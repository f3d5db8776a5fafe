import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { SCRATCH_ROOM, scratchParent, type ScratchFacts } from '../../setup/temporary-folder.js';

const linux: ScratchFacts = {
  platform: 'linux',
  tmpdirVariable: undefined,
  systemTemporary: '/tmp',
  sharedMemoryFree: 8 * SCRATCH_ROOM,
};

describe('where the run’s temporary folder is made', () => {
  it.each<[string, Partial<ScratchFacts>, string]>([
    ['Linux with a roomy tmpfs at /dev/shm', {}, '/dev/shm'],
    ['Linux with just enough room', { sharedMemoryFree: SCRATCH_ROOM }, '/dev/shm'],
    ['a small /dev/shm (a container’s 64 MB)', { sharedMemoryFree: 64 * 1024 ** 2 }, '/tmp'],
    ['no writable tmpfs at /dev/shm', { sharedMemoryFree: undefined }, '/tmp'],
    ['a TMPDIR the developer chose', { tmpdirVariable: '/scratch', systemTemporary: '/scratch' }, '/scratch'],
    ['macOS', { platform: 'darwin', systemTemporary: '/var/folders/x/T' }, '/var/folders/x/T'],
    ['Windows', { platform: 'win32', systemTemporary: 'C:\\Temp' }, 'C:\\Temp'],
  ])('%s', (_case, facts, expected) => {
    expect(scratchParent({ ...linux, ...facts })).toBe(expected);
  });

  it('is, during this run, the temporary folder every test and CLI process inherits', () => {
    // Set by the global setup before any file runs.
    expect(process.env.TMPDIR).toBe(os.tmpdir());
    expect(os.tmpdir()).toMatch(/[/\\]pgo-[A-Za-z0-9]{6}$/);
  });
});
