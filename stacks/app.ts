import {
  App,
  Manifest,
  type StackManifest,
  TerraformDataSource,
  TerraformResource,
  TerraformStack,
} from "cdktf";
import { version as CDKTF_VERSION } from "cdktf/package.json";
import type { RegionPlan, StackPlan } from "../lib/plan/region-plan";
import { AgencyStack } from "./agency-stack";
import { PaastaStack } from "./paasta-stack";
import { PlatformStack } from "./platform-stack";
import { TenancyStack } from "./tenancy-stack";

export interface BuildAppOptions {
  /** Directory the app synthesizes into. */
  readonly outdir: string;
  /** Only these stacks. @default - every stack of the plan */
  readonly stacks?: readonly StackPlan[];
  /** Called after each stack is built, for progress reporting. */
  readonly onStack?: (plan: StackPlan, index: number, total: number) => void;
}

/** Maps a region plan to a cdktf App with one stack per layer, agency and site. */
export function buildApp(plan: Pick<RegionPlan, "stacks">, options: BuildAppOptions): App {
  disableTokenStackTraces();
  // Stack traces are recorded for every annotation otherwise: slow, and useless in the output.
  const app = new App({ outdir: options.outdir, stackTraces: false });
  const stacks = options.stacks ?? plan.stacks;
  stacks.forEach((stack, index) => {
    buildStack(app, stack);
    options.onStack?.(stack, index, stacks.length);
  });
  return app;
}

export function buildStack(app: App, plan: StackPlan): TerraformStack {
  switch (plan.layer) {
    case "platform":
      return new PlatformStack(app, plan);
    case "tenancy":
      return new TenancyStack(app, plan);
    case "agency":
      return new AgencyStack(app, plan);
    case "paasta":
      return new PaastaStack(app, plan);
  }
}

/** The stacks of an app, in the order they were built. */
export function appStacks(app: App): TerraformStack[] {
  return app.node.children.filter((child): child is TerraformStack =>
    TerraformStack.isStack(child),
  );
}

export interface StackCounts {
  readonly resources: number;
  readonly dataSources: number;
}

/** Counts the Terraform resources and data sources a built stack declares. */
export function countElements(stack: TerraformStack): StackCounts {
  let resources = 0;
  let dataSources = 0;
  for (const child of stack.node.findAll()) {
    if (child instanceof TerraformResource) resources++;
    else if (child instanceof TerraformDataSource) dataSources++;
  }
  return { resources, dataSources };
}

/** What manifest.json records about one stack (cdktf's own shape), as plain data. */
export type StackManifestEntry = StackManifest;

/** The manifest entries of the stacks an app has synthesized, by stack name. */
export function manifestEntries(app: App): Record<string, StackManifestEntry> {
  return { ...app.manifest.stacks };
}

/**
 * Writes `<outdir>/manifest.json` for the given stacks, byte for byte as cdktf writes it for an
 * app holding exactly these stacks (its keys are sorted, so the order of `stacks` is irrelevant).
 * Lets stacks synthesized in batches, workers or earlier runs share one manifest.
 */
export function writeManifest(
  outdir: string,
  stacks: Readonly<Record<string, StackManifestEntry>>,
): void {
  const manifest = new Manifest(CDKTF_VERSION, outdir, false);
  Object.assign(manifest.stacks, stacks);
  manifest.writeToFile();
}

/**
 * cdktf records a complete stack trace (no depth limit) for every token it creates, whatever the
 * App's `stackTraces` option says: that option only covers annotations. The traces only decorate
 * errors about tokens that cannot be resolved, yet with them a 100-agency synth took 1.7 times as
 * long and 2.5 times the memory under node, more under a source-map-aware runner (tsx, vitest).
 * cdktf is pinned at 0.21.0 and archived, so its internal capture function cannot move.
 */
function disableTokenStackTraces(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stackTrace = require("cdktf/lib/tokens/private/stack-trace") as {
    captureStackTrace: () => string[];
  };
  stackTrace.captureStackTrace = () => [];
}
