import * as fs from "node:fs";
import * as path from "node:path";
import { TamnaError } from "../lib/errors";
import { placementLocks } from "../lib/plan/placement-lock";
import type { RegionPlan } from "../lib/plan/region-plan";
import { formatPlacementLock, placementLockFile } from "../lib/spec/placement-lock";

/** A placement lock whose file does not hold what the plan implies. */
export interface PendingLock {
  /** Relative to the region directory, POSIX separators. */
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

/**
 * The placement locks of the agencies the plan covers whose files differ from what the plan
 * implies. Locks of agencies the plan does not cover are not looked at (a selective synth must
 * not forget them).
 */
export function pendingPlacementLocks(
  regionDir: string,
  plan: Pick<RegionPlan, "stacks">,
): PendingLock[] {
  return placementLocks(plan).flatMap((lock) => {
    const file = placementLockFile(regionDir, lock.agency);
    const text = formatPlacementLock(lock);
    if (readIfFile(file) === text) return [];
    const name = path.relative(regionDir, file).split(path.sep).join("/");
    return [{ name, file, text }];
  });
}

/** `--locked`: a lock that would change is an error, before anything is written. */
export function assertLocksCurrent(pending: readonly PendingLock[]): void {
  if (pending.length === 0) return;
  throw new TamnaError(
    pending.map((lock) => ({
      location: { file: lock.name },
      message: "placement lock is missing or out of date, and --locked forbids writing it",
      hint: "run tamna synth without --locked and commit the lock with the change that placed new instances",
    })),
  );
}

/**
 * Writes each lock through a temporary file renamed into place, so that a reader never sees
 * half a lock.
 */
export function writePlacementLocks(pending: readonly PendingLock[]): void {
  for (const lock of pending) {
    fs.mkdirSync(path.dirname(lock.file), { recursive: true });
    const temporary = `${lock.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, lock.text);
    fs.renameSync(temporary, lock.file);
  }
}

function readIfFile(file: string): string | undefined {
  try {
    return fs.statSync(file).isFile() ? fs.readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined;
  }
}
