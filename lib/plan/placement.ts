import type { ServerGroupPolicy, WorkloadPlacement } from "../spec/placement-lock";
import type { WorkloadSpec } from "../spec/system";
import { instanceKey } from "../names";

/**
 * Where a workload's instances go, and the server group policy that keeps them apart. An
 * instance's availability zone and its group's policy force Nova to replace the server when they
 * change, so both come from the placement lock when it holds them, and are decided here only
 * for what it does not hold: a new instance goes to the zone with the fewest of its workload's
 * instances. Adding a zone, scaling, adding or reordering anything therefore moves nothing that
 * runs; without a lock the result is a round robin over the zones.
 */

export type { ServerGroupPolicy };

/** Where each instance of a workload runs, by instance key (01, 02, ...). */
export type InstanceZones = ReadonlyMap<string, string>;

/**
 * The zones of instances 01..count. Locked instances keep their zone while the site still has
 * it; the others are placed one by one where the workload has the fewest instances, ties going
 * round the zones from a start that depends only on the workload's key, so that single servers
 * of different workloads do not all pile into the first zone.
 */
export function placeInstances(
  siteZones: readonly string[],
  workloadKey: string,
  count: number,
  locked?: WorkloadPlacement,
): InstanceZones {
  // Sorted, so that reordering the region file's zone list changes nothing.
  const zones = [...new Set(siteZones)].sort();
  const start = stableIndex(workloadKey, zones.length);
  const order = zones.map((_, i) => zones[(i + start) % zones.length]!);
  const load = new Map(zones.map((zone) => [zone, 0]));
  const placed = new Map<string, string>();
  const keys = Array.from({ length: count }, (_, i) => instanceKey(i + 1));

  for (const key of keys) {
    const zone = locked && Object.hasOwn(locked.instances, key) ? locked.instances[key] : undefined;
    if (zone !== undefined && load.has(zone)) {
      placed.set(key, zone);
      load.set(zone, load.get(zone)! + 1);
    }
  }
  for (const key of keys) {
    if (placed.has(key)) continue;
    let best = order[0]!;
    for (const zone of order) if (load.get(zone)! < load.get(best)!) best = zone;
    placed.set(key, best);
    load.set(best, load.get(best)! + 1);
  }
  return new Map(keys.map((key) => [key, placed.get(key)!]));
}

/**
 * The workload's own `antiAffinity` when it says; else the lock's, so that scaling never changes
 * a running group; else strict while the full count fits the zones and soft beyond. From the
 * full count, not a site's: a standby that scales up at failover keeps its group.
 */
export function serverGroupPolicy(
  workload: WorkloadSpec,
  zoneCount: number,
  locked?: WorkloadPlacement,
): ServerGroupPolicy {
  if (workload.antiAffinity !== undefined) {
    return workload.antiAffinity === "strict" ? "anti-affinity" : "soft-anti-affinity";
  }
  if (locked) return locked.serverGroupPolicy;
  return workload.count <= zoneCount ? "anti-affinity" : "soft-anti-affinity";
}

/** A number in [0, size) that depends only on `key` (FNV-1a), for spreading without randomness. */
function stableIndex(key: string, size: number): number {
  let hash = 0x811c9dc5;
  for (const char of key) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % size;
}
