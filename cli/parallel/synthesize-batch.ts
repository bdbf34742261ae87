import type { StackPlan } from "../../lib/plan/region-plan";
import {
  appStacks,
  buildApp,
  countElements,
  manifestEntries,
  type StackCounts,
  type StackManifestEntry,
} from "../../stacks/app";

/** What synthesizing some stacks produced, besides their files. */
export interface SynthTally {
  /** manifest.json entries of the synthesized stacks, by stack name. */
  readonly manifest: Readonly<Record<string, StackManifestEntry>>;
  /** Resources and data sources of each synthesized stack, by stack name. */
  readonly counts: Readonly<Record<string, StackCounts>>;
  readonly resources: number;
  readonly dataSources: number;
}

export const EMPTY_TALLY: SynthTally = { manifest: {}, counts: {}, resources: 0, dataSources: 0 };

export function addTallies(a: SynthTally, b: SynthTally): SynthTally {
  return {
    manifest: { ...a.manifest, ...b.manifest },
    counts: { ...a.counts, ...b.counts },
    resources: a.resources + b.resources,
    dataSources: a.dataSources + b.dataSources,
  };
}

/**
 * Builds `stacks` into a cdktf App of their own and synthesizes it into `outdir`, which then
 * holds `stacks/<name>/cdk.tf.json` for each (and a manifest.json of this batch only, which the
 * caller replaces). A stack's output does not depend on the other stacks of its App, so any
 * split into batches gives the same bytes; one App per batch keeps memory bounded by the batch.
 */
export function synthesizeBatch(
  stacks: readonly StackPlan[],
  outdir: string,
  onStack: (name: string) => void = () => {},
): SynthTally {
  const app = buildApp({ stacks }, { outdir, onStack: (stack) => onStack(stack.name) });
  app.synth();
  let resources = 0;
  let dataSources = 0;
  const counts: Record<string, StackCounts> = {};
  for (const stack of appStacks(app)) {
    const stackCounts = countElements(stack);
    counts[stack.node.id] = stackCounts;
    resources += stackCounts.resources;
    dataSources += stackCounts.dataSources;
  }
  return { manifest: manifestEntries(app), counts, resources, dataSources };
}
