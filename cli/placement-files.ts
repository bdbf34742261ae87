import * as fs from "node:fs";
import * as path from "node:path";
import { placementLocks } from "../lib/plan/placement-lock";
import type { RegionPlan } from "../lib/plan/region-plan";
import { formatPlacementLock, placementLockFile } from "../lib/spec/placement-lock";

/**
 * Writes the placement lock of every agency the plan covers into the region directory, each
 * only when its content changed, each through a temporary file renamed into place so that a
 * reader never sees half a lock. Locks of agencies the plan does not cover are left as they are
 * (a selective synth must not forget them). Returns the files written, relative to `regionDir`.
 */
export function writePlacementLocks(regionDir: string, plan: Pick<RegionPlan, "stacks">): string[] {
  const written: string[] = [];
  for (const lock of placementLocks(plan)) {
    const file = placementLockFile(regionDir, lock.agency);
    const text = formatPlacementLock(lock);
    if (readIfFile(file) === text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
    written.push(path.relative(regionDir, file).split(path.sep).join("/"));
  }
  return written;
}

function readIfFile(file: string): string | undefined {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined;
  }
}
