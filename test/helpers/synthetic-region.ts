import { planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import { regionInputFromObjects } from "../../lib/spec/load";
import { syntheticRegion } from "../../scripts/bench/synthetic-region";
import { EXAMPLE_REGION_DIR } from "./example-region";

/**
 * A region of `count` agencies made in memory from the test fixture's agency files in turn
 * (`agency-0000`, `agency-0001`, ...), as the benchmark makes them from the example, for tests
 * of scale.
 */
export function syntheticRegionPlan(count: number): RegionPlan {
  const { region, agencies } = syntheticRegion(count, EXAMPLE_REGION_DIR);
  return planRegion(regionInputFromObjects(region, agencies));
}
