import * as fs from "node:fs";
import * as path from "node:path";
import { TamnaError } from "../lib/errors";
import { planRegion, type RegionPlan } from "../lib/plan/region-plan";
import { loadRegionDir, REGION_FILE, type RegionInput } from "../lib/spec/load";

export interface LoadedRegion {
  readonly input: RegionInput;
  readonly plan: RegionPlan;
}

/** Loads and plans the region in `dir` (default: the working directory). */
export function loadRegion(dir: string | undefined): LoadedRegion {
  const regionDir = dir ?? ".";
  if (dir === undefined && !fs.existsSync(path.join(regionDir, REGION_FILE))) {
    throw new TamnaError({
      location: {},
      message: `no ${REGION_FILE} in the working directory`,
      hint: "pass --region DIR, the directory that holds region.yaml and agencies/",
    });
  }
  const input = loadRegionDir(regionDir);
  return { input, plan: planRegion(input) };
}
