import * as path from "node:path";
import type { StackPlan } from "../../lib/plan/region-plan";
import { addTallies, EMPTY_TALLY, type SynthTally } from "../parallel/synthesize-batch";
import { synthesizeStacks, type SynthesizeOptions } from "../parallel/synthesize-stacks";
import { currentToolchain, stackKey } from "./key";
import type { SynthCache } from "./store";

export interface CachedSynthesizeOptions extends SynthesizeOptions {
  /** @default - no cache: every stack is synthesized */
  readonly cache?: SynthCache;
  /**
   * The output directory the stacks end up in (`outdir` may be a staging directory beside it):
   * a stack's output depends on where it is written only through relative paths, the same from
   * both.
   */
  readonly outDir: string;
}

export interface CachedSynthTally extends SynthTally {
  /** Stacks copied from the cache rather than synthesized. */
  readonly fromCache: number;
  /** Why the cache could not be written, when it could not; the output is complete anyway. */
  readonly cacheWarning?: string;
}

/**
 * synthesizeStacks with a cache: each stack whose key (cli/synth-cache/key.ts) has a sound entry
 * is copied from it, the others are synthesized and then stored. The files are the same either
 * way. Storing happens once every stack is done, so a failed run stores nothing.
 */
export async function synthesizeCached(
  stacks: readonly StackPlan[],
  outdir: string,
  options: CachedSynthesizeOptions,
): Promise<CachedSynthTally> {
  const { cache } = options;
  if (cache === undefined) {
    return { ...(await synthesizeStacks(stacks, outdir, options)), fromCache: 0 };
  }
  const toolchain = currentToolchain();
  const keys = new Map(
    stacks.map((stack) => [stack.name, stackKey(stack, toolchain, options.outDir)]),
  );
  const stackDir = (name: string) => path.join(outdir, "stacks", name);
  let done = 0;
  const onStack = (name: string) => options.onStack?.(name, done++, stacks.length);

  let restored = EMPTY_TALLY;
  const misses: StackPlan[] = [];
  for (const stack of stacks) {
    const hit = cache.restore(keys.get(stack.name)!, stackDir(stack.name));
    if (hit === undefined) {
      misses.push(stack);
      continue;
    }
    const counts = { resources: hit.resources, dataSources: hit.dataSources };
    restored = addTallies(restored, {
      manifest: { [stack.name]: hit.manifest },
      counts: { [stack.name]: counts },
      ...counts,
    });
    onStack(stack.name);
  }

  const built =
    misses.length === 0
      ? EMPTY_TALLY
      : await synthesizeStacks(misses, outdir, { jobs: options.jobs, onStack });
  let cacheWarning: string | undefined;
  try {
    for (const stack of misses) {
      cache.store(keys.get(stack.name)!, stackDir(stack.name), {
        manifest: built.manifest[stack.name]!,
        ...built.counts[stack.name]!,
      });
    }
    cache.prune();
  } catch (error) {
    cacheWarning = `the synth cache in ${cache.dir} could not be written (${error instanceof Error ? error.message : String(error)}); the output is complete`;
  }
  return {
    ...addTallies(restored, built),
    fromCache: stacks.length - misses.length,
    ...(cacheWarning === undefined ? {} : { cacheWarning }),
  };
}
