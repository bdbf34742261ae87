import * as path from "node:path";
import { planRegion, type RegionPlan, type StackPlan } from "../../lib/plan/region-plan";
import {
  loadFile,
  loadRegionDir,
  REGION_FILE,
  type RegionInput,
  type Sourced,
} from "../../lib/spec/load";
import { RegionSpec } from "../../lib/spec/region";

export const EXAMPLE_REGION_DIR = path.join(__dirname, "..", "fixtures", "jeju");

let cached: { input: RegionInput; plan: RegionPlan } | undefined;

/** The Jeju example region, loaded and planned once per test file. */
export function exampleRegion(): { input: RegionInput; plan: RegionPlan } {
  if (!cached) {
    const input = loadRegionDir(EXAMPLE_REGION_DIR);
    cached = { input, plan: planRegion(input) };
  }
  return cached;
}

export function exampleStack<L extends StackPlan["layer"]>(
  name: string,
  layer: L,
): Extract<StackPlan, { layer: L }> {
  const stack = exampleRegion().plan.stacks.find((s) => s.name === name);
  if (!stack || stack.layer !== layer) throw new Error(`no ${layer} stack ${name} in the example`);
  return stack as Extract<StackPlan, { layer: L }>;
}

let cachedRegionFile: Sourced<RegionSpec> | undefined;

/**
 * The example region file alone, without its agencies and without planning: for tests that
 * bring their own agencies and should not depend on the example's.
 */
export function exampleRegionFile(): Sourced<RegionSpec> {
  cachedRegionFile ??= loadFile(path.join(EXAMPLE_REGION_DIR, REGION_FILE), RegionSpec);
  return cachedRegionFile;
}
