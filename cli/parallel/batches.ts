import * as os from "node:os";

/**
 * How synthesis is split: how many worker threads, and which stacks each App builds. Pure, so
 * that the split is tested on its own; the output never depends on it.
 */

/**
 * When --jobs is left to its default: fewer stacks than this per worker, and starting the worker
 * (loading cdktf and the bindings, about a quarter of a second) costs more than it saves.
 */
export const AUTO_MIN_STACKS_PER_WORKER = 32;

/** The most stacks one cdktf App holds at a time: bounds memory whatever the region's size. */
export const MAX_BATCH_SIZE = 48;

/** Batches per worker: enough that a worker that drew large stacks does not finish last alone. */
const BATCHES_PER_WORKER = 4;

/**
 * Worker threads for `stacks` stacks: as many as `jobs` asks for when given (one per stack at
 * most), else one per core for regions large enough to gain from them; 1 means in-process.
 */
export function workerCount(
  stacks: number,
  jobs: number | undefined,
  cores: number = os.availableParallelism(),
): number {
  const wanted = jobs ?? Math.min(cores, Math.floor(stacks / AUTO_MIN_STACKS_PER_WORKER));
  return Math.max(1, Math.min(wanted, stacks));
}

/** Splits `items` into consecutive batches, in order, sized for `workers` workers. */
export function splitIntoBatches<T>(items: readonly T[], workers: number): T[][] {
  const size = Math.min(
    MAX_BATCH_SIZE,
    Math.max(1, Math.ceil(items.length / (workers * BATCHES_PER_WORKER))),
  );
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    batches.push(items.slice(start, start + size));
  }
  return batches;
}
