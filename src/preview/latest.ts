/**
 * Runs one job at a time, the last one submitted winning: a job submitted
 * while another runs waits in the one free place, replacing any job already
 * waiting there. The preview prints its PDFs this way: a print starts at
 * once, a save made meanwhile is printed next, and a burst of saves made
 * during one print gives one more print, never one per save.
 */
export interface LatestRunner<T> {
  /** Starts `item` now if nothing runs; otherwise it runs next, in place of any item waiting. */
  submit(item: T): void;
  /** Resolves once nothing runs nor waits. */
  idle(): Promise<void>;
}

/**
 * `run(item, isCurrent)`: `isCurrent()` turns false as soon as a newer item
 * is submitted, so a job can drop a result that is already out of date.
 */
export function latestRunner<T>(run: (item: T, isCurrent: () => boolean) => Promise<void>): LatestRunner<T> {
  let generation = 0;
  let waiting: { item: T; generation: number } | undefined;
  let running: Promise<void> | undefined;

  const loop = async (first: { item: T; generation: number }) => {
    let next: { item: T; generation: number } | undefined = first;
    while (next) {
      const { item, generation: mine } = next;
      waiting = undefined;
      try {
        await run(item, () => mine === generation);
      } catch {
        // The job says its own failures; the next one still runs.
      }
      next = waiting;
    }
  };

  return {
    submit(item) {
      generation += 1;
      const entry = { item, generation };
      if (running) {
        waiting = entry;
        return;
      }
      running = loop(entry).finally(() => {
        running = undefined;
      });
    },
    async idle() {
      while (running) await running;
    },
  };
}
