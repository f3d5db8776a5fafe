/**
 * The preview's print queue: a print starts at once, the last save wins, and
 * saves made during a print give one more print, never one per save. Each
 * job is a promise the test settles by hand: no timer, no clock.
 */
import { describe, expect, it } from 'vitest';
import { latestRunner } from '../../../src/preview/latest.js';

/** A runner whose jobs end only when the test says so, recording what started and whether it was still current at its end. */
function harness() {
  const started: number[] = [];
  const finished: { item: number; current: boolean }[] = [];
  const ends: (() => void)[] = [];
  const runner = latestRunner<number>(async (item, isCurrent) => {
    started.push(item);
    await new Promise<void>((resolve) => ends.push(resolve));
    finished.push({ item, current: isCurrent() });
  });
  /** Ends the job running now and lets the next one start. */
  const endRunning = async () => {
    ends.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { runner, started, finished, endRunning };
}

describe('latestRunner', () => {
  it('starts a job at once when nothing runs', () => {
    const { runner, started } = harness();
    runner.submit(1);
    expect(started).toEqual([1]);
  });

  it.each([
    ['one save during a print', [2], [1, 2]],
    ['a fast typist: five saves during a print', [2, 3, 4, 5, 6], [1, 6]],
  ])('%s: the last save is printed next, the others never', async (_name, during, expected) => {
    const { runner, started, finished, endRunning } = harness();
    runner.submit(1);
    for (const item of during) runner.submit(item);
    // Nothing else starts while the first print runs: never two prints at once.
    expect(started).toEqual([1]);
    await endRunning();
    await endRunning();
    await runner.idle();
    expect(started).toEqual(expected);
    // The first print is out of date once a newer save arrived; the last one is current.
    expect(finished).toEqual([
      { item: 1, current: false },
      { item: expected.at(-1), current: true },
    ]);
  });

  it('keeps going after a job that failed', async () => {
    const seen: number[] = [];
    const runner = latestRunner<number>(async (item) => {
      seen.push(item);
      if (item === 1) throw new Error('navigateur arrêté');
    });
    runner.submit(1);
    runner.submit(2);
    await runner.idle();
    expect(seen).toEqual([1, 2]);
  });

  it('is idle once the last job ended, and starts the next save at once', async () => {
    const { runner, started, endRunning } = harness();
    runner.submit(1);
    await endRunning();
    await runner.idle();
    runner.submit(2);
    expect(started).toEqual([1, 2]);
  });
});
