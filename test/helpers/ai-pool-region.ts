import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import { loadRegionDir, type RegionInput } from "../../lib/spec/load";
import { EXAMPLE_REGION_DIR } from "./example-region";

const AI_POOL_DIR = path.join(__dirname, "..", "fixtures", "ai-pool");

let cached: { input: RegionInput; plan: RegionPlan } | undefined;

/**
 * The Jeju fixture with jeju-province's AI analytics service (GPU pool) and data lake: a copy in
 * a temporary directory (removed once loaded), loaded and planned once per test file.
 */
export function aiPoolRegion(): { input: RegionInput; plan: RegionPlan } {
  if (!cached) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-ai-pool-"));
    fs.cpSync(EXAMPLE_REGION_DIR, dir, { recursive: true });
    fs.copyFileSync(
      path.join(AI_POOL_DIR, "jeju-province.yaml"),
      path.join(dir, "agencies", "jeju-province.yaml"),
    );
    fs.copyFileSync(
      path.join(AI_POOL_DIR, "jeju-province.lock.yaml"),
      path.join(dir, "placement", "jeju-province.lock.yaml"),
    );
    try {
      const input = loadRegionDir(dir);
      cached = { input, plan: planRegion(input) };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return cached;
}
