import type { WorkloadSpec } from "../spec/system";

/**
 * Where a workload's instances go: round robin over the site's availability zones, each
 * workload starting at a zone of its own, and the server group policy that keeps them apart.
 */

export type ServerGroupPolicy = "anti-affinity" | "soft-anti-affinity";

/**
 * The zone of instance `index` (0-based): instance n always lands in the same zone whatever the
 * count, and single servers of different workloads do not all pile into the first zone.
 */
export function availabilityZoneOf(
  zones: readonly string[],
  workloadKey: string,
  index: number,
): string {
  return zones[(index + stableIndex(workloadKey, zones.length)) % zones.length]!;
}

/**
 * Strict anti-affinity while the workload's full count fits the zones, soft beyond, unless the
 * workload says. From the full count, not a site's: a standby that scales up at failover keeps
 * its group (a changed policy replaces the group and its servers).
 */
export function serverGroupPolicy(workload: WorkloadSpec, zoneCount: number): ServerGroupPolicy {
  const strict =
    (workload.antiAffinity ?? (workload.count <= zoneCount ? "strict" : "soft")) === "strict";
  return strict ? "anti-affinity" : "soft-anti-affinity";
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
