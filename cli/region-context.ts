import * as fs from "node:fs";
import * as path from "node:path";
import { TamnaError } from "../lib/errors";
import { planRegion, type PlanOptions, type RegionPlan } from "../lib/plan/region-plan";
import { loadRegionDir, REGION_FILE, type RegionInput } from "../lib/spec/load";

export interface LoadedRegion {
  readonly input: RegionInput;
  readonly plan: RegionPlan;
}

/**
 * Loads and plans the region in `dir` (default: the working directory). With `onlyAgencies`,
 * only those agencies' stacks are planned, so one agency costs little in a large region; if one
 * of them does not exist, everything is planned so that the selection error lists them all.
 */
export function loadRegion(
  dir: string | undefined,
  onlyAgencies: readonly string[] = [],
): LoadedRegion {
  const regionDir = dir ?? ".";
  if (dir === undefined && !fs.existsSync(path.join(regionDir, REGION_FILE))) {
    throw new TamnaError({
      location: {},
      message: `no ${REGION_FILE} in the working directory`,
      hint: "pass --region DIR, the directory that holds region.yaml and agencies/",
    });
  }
  const input = loadRegionDir(regionDir);
  const known = new Set(input.agencies.map((agency) => agency.spec.slug));
  const options: PlanOptions =
    onlyAgencies.length > 0 && onlyAgencies.every((slug) => known.has(slug))
      ? { agencies: new Set(onlyAgencies) }
      : {};
  return { input, plan: planRegion(input, options) };
}
