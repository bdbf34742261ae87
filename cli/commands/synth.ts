import { InvalidArgumentError } from "commander";
import * as path from "node:path";
import { TamnaError } from "../../lib/errors";
import { writeSelection } from "../../lib/diff/selection";
import type { RegionPlan, StackPlan } from "../../lib/plan/region-plan";
import type { RegionInput } from "../../lib/spec/load";
import { type StackManifestEntry, writeManifest } from "../../stacks/app";
import { changedSince, describeCauses } from "../changed-stacks";
import {
  assertReplaceableOutput,
  keepStacks,
  readPreviousOutput,
  replaceDirectory,
} from "../output-dir";
import { workerCount } from "../parallel/batches";
import { type CacheLocationOptions, synthCacheDir } from "../synth-cache/location";
import { SynthCache } from "../synth-cache/store";
import { synthesizeCached } from "../synth-cache/synthesize-cached";
import { assertLocksCurrent, pendingPlacementLocks, writePlacementLocks } from "../placement-files";
import { Progress } from "../progress";
import { loadRegion } from "../region-context";
import { regionStackNames, selectStacks, type Selection } from "../select";

export interface SynthOptions extends Selection, CacheLocationOptions {
  readonly region?: string;
  readonly out: string;
  readonly quiet: boolean;
  /**
   * Worker threads to synthesize in; 1 synthesizes in this thread.
   * @default - one per core, when there are enough stacks to gain from them
   */
  readonly jobs?: number;
  /**
   * A git ref: synthesize only the stacks whose inputs changed since, into the previous output.
   * @default - every selected stack, into a fresh output
   */
  readonly changedSince?: string;
  /**
   * Fail instead of writing a placement lock that is missing or out of date (for CI).
   * @default false
   */
  readonly locked?: boolean;
}

/** What one run writes: stacks to synthesize, and what it keeps of the previous output. */
interface SynthWork {
  readonly stacks: readonly StackPlan[];
  /** Manifest entries of the previous output's stacks that stay as they are. */
  readonly kept: Readonly<Record<string, StackManifestEntry>>;
  /** Stacks of the previous output that are no longer in the region. */
  readonly removed: readonly string[];
}

/**
 * Synthesizes the selected stacks into `out`/stacks/<stack>/cdk.tf.json. The output directory
 * is replaced whole once synthesis has succeeded: it then holds exactly the selected stacks, or
 * with --changed-since, the previous output with the changed stacks synthesized again.
 */
export async function synth(options: SynthOptions): Promise<void> {
  const started = process.hrtime.bigint();
  const progress = new Progress(options.quiet);
  // --agency alone needs only those agencies planned; --stack and --changed-since need them all.
  const onlyAgencies =
    (options.agencies?.length ?? 0) > 0 &&
    (options.stacks?.length ?? 0) === 0 &&
    options.changedSince === undefined;
  const {
    dir: regionDir,
    input,
    plan,
  } = loadRegion(
    options.region,
    onlyAgencies ? options.agencies : [],
    (phase) => progress.phase(phase),
    synthCacheDir(options),
  );
  assertReplaceableOutput(options.out, [regionDir]);
  const locks = pendingPlacementLocks(regionDir, plan);
  if (options.locked) assertLocksCurrent(locks);
  const work =
    options.changedSince === undefined
      ? { stacks: selectStacks(plan, options), kept: {}, removed: [] }
      : incrementalWork(options, options.changedSince, regionDir, input, plan, progress);
  if (work.stacks.length === 0 && work.removed.length === 0) {
    progress.info(`tamna: no stack is affected; ${options.out} is left as it was`);
    return;
  }

  const workers = workerCount(work.stacks.length, options.jobs);
  const cacheDir = synthCacheDir(options);
  progress.info(
    `tamna: region ${plan.region}: ${Object.keys(input.region.spec.sites).length} sites, ` +
      `${input.agencies.length} agencies; synthesizing ${work.stacks.length} ` +
      (onlyAgencies
        ? `stacks of ${options.agencies!.join(", ")}`
        : `of ${plan.stacks.length} stacks`) +
      (workers > 1 ? ` in ${workers} worker threads` : ""),
  );

  const totals = await replaceDirectory(options.out, async (staging) => {
    // The staging directory is a sibling of the final one, so relative paths written into the
    // output (local state files) stay right once it is renamed into place.
    keepStacks(options.out, staging, Object.keys(work.kept));
    progress.phase("synthesize");
    const tally = await synthesizeCached(work.stacks, staging, {
      jobs: options.jobs,
      cache: cacheDir === undefined ? undefined : new SynthCache(cacheDir),
      outDir: options.out,
      onStack: (name, index, total) => progress.step(index, total, name),
    });
    progress.phase("write");
    writeManifest(staging, { ...work.kept, ...tally.manifest });
    // A diff must read the stacks this run did not select as left out, not as removed.
    writeSelection(staging, {
      agencies: options.agencies ?? [],
      stacks: options.stacks ?? [],
      regionStacks: regionStackNames(input),
    });
    return tally;
  });

  // Only once the output is in place: a failed run leaves the locks as they were.
  writePlacementLocks(locks);
  if (locks.length > 0) {
    progress.info(
      `tamna: placement locks written (commit them with the change): ${locks.map((lock) => lock.name).join(", ")}`,
    );
  }

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kept = Object.keys(work.kept).length;
  if (totals.cacheWarning !== undefined) progress.info(`tamna: warning: ${totals.cacheWarning}`);
  progress.info(
    `tamna: wrote ${work.stacks.length} stacks (${totals.resources} resources, ${totals.dataSources} data sources) ` +
      `to ${path.join(options.out, "stacks")} in ${seconds.toFixed(1)}s` +
      (cacheDir === undefined ? "" : `, ${totals.fromCache} from the cache`) +
      (options.changedSince === undefined
        ? ""
        : `; kept ${kept} unchanged, removed ${work.removed.length}`),
  );
}

/**
 * The stacks whose inputs changed since `ref`, plus any the previous output lacks; the previous
 * output's other stacks are kept, and those no longer in the region removed. Without a previous
 * output, every stack.
 */
function incrementalWork(
  options: SynthOptions,
  ref: string,
  regionDir: string,
  input: RegionInput,
  plan: RegionPlan,
  progress: Progress,
): SynthWork {
  if ((options.agencies?.length ?? 0) > 0 || (options.stacks?.length ?? 0) > 0) {
    throw new TamnaError({
      location: {},
      message:
        "--changed-since chooses the stacks itself and cannot be combined with --agency or --stack",
      hint: "drop --agency and --stack, or drop --changed-since",
    });
  }
  const previous = readPreviousOutput(options.out);
  if (previous === undefined) {
    progress.info(`tamna: no previous output in ${options.out}; synthesizing every stack`);
    return { stacks: plan.stacks, kept: {}, removed: [] };
  }
  const changed = changedSince(ref, regionDir, input, plan);
  const missing = plan.stacks.filter((stack) => !(stack.name in previous));
  const again = new Set([...changed.stacks, ...missing].map((stack) => stack.name));
  const inPlan = new Set(plan.stacks.map((stack) => stack.name));
  const removed = Object.keys(previous).filter((name) => !inPlan.has(name));

  const lines = describeCauses(changed.causes, plan.stacks);
  if (missing.length > 0) {
    lines.push(`not in the previous output: ${missing.map((stack) => stack.name).join(", ")}`);
  }
  if (removed.length > 0) lines.push(`no longer in the region, removed: ${removed.join(", ")}`);
  progress.info(
    `tamna: changes since ${ref}${lines.length === 0 ? ": none that affect a stack" : ":"}`,
  );
  for (const line of lines) progress.info(`  ${line}`);

  return {
    stacks: plan.stacks.filter((stack) => again.has(stack.name)),
    kept: Object.fromEntries(
      Object.entries(previous).filter(([name]) => inPlan.has(name) && !again.has(name)),
    ),
    removed,
  };
}

/** Parses --jobs: a whole number of worker threads, 1 or more. */
export function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new InvalidArgumentError("expected a whole number of 1 or more");
  }
  return jobs;
}
