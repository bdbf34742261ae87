import type { StackPlan } from "../../lib/plan/region-plan";
import { splitIntoBatches, workerCount } from "./batches";
import { addTallies, EMPTY_TALLY, synthesizeBatch, type SynthTally } from "./synthesize-batch";
import { synthesizeInWorkers } from "./worker-pool";

export interface SynthesizeOptions {
  /**
   * Worker threads; 1 synthesizes in this thread.
   * @default - one per core, when there are enough stacks to gain from them
   */
  readonly jobs?: number;
  /** Called as each stack is built, with a running count. */
  readonly onStack?: (name: string, index: number, total: number) => void;
}

/**
 * Synthesizes `stacks` into `outdir/stacks/<name>/`, in this thread or in worker threads, in
 * batches either way; the files are the same whatever the split. Writes no manifest.json that
 * can be trusted: the caller writes one for the whole output from the returned tally.
 */
export async function synthesizeStacks(
  stacks: readonly StackPlan[],
  outdir: string,
  options: SynthesizeOptions,
): Promise<SynthTally> {
  const workers = workerCount(stacks.length, options.jobs);
  const batches = splitIntoBatches(stacks, workers);
  let built = 0;
  const onStack = (name: string) => options.onStack?.(name, built++, stacks.length);
  if (workers === 1) {
    return batches.reduce(
      (tally, batch) => addTallies(tally, synthesizeBatch(batch, outdir, onStack)),
      EMPTY_TALLY,
    );
  }
  return synthesizeInWorkers(batches, outdir, { workers, onStack });
}
