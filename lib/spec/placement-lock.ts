import * as path from "node:path";
import { stringify } from "yaml";
import { z } from "zod";

/**
 * The placement lock of one agency: the availability zone of every instance and the policy of
 * every server group, as they were first placed. Both force Nova to replace a server when they
 * change, so they are pinned the way package managers pin versions: `tamna synth` writes
 * `placement/<agency>.lock.yaml` beside the agency files, the plan keeps what the lock says and
 * places only what it does not hold. Adding a zone, scaling a workload or reordering any list
 * then moves no running server. The file is committed with the agency files; it is data that
 * tamna writes, not a place for decisions (a workload's `antiAffinity` is).
 */

export const PLACEMENT_DIR = "placement";
export const PLACEMENT_LOCK_VERSION = 1;

const InstanceKey = z.string().regex(/^[0-9]{2,4}$/, {
  message: "must be an instance number such as 01",
});
const ZoneName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$/, {
  message: "must be an availability zone name",
});
const WorkloadKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/, { message: "must be <system>/<workload>" });

export const ServerGroupPolicy = z.enum(["anti-affinity", "soft-anti-affinity"]);
export type ServerGroupPolicy = z.infer<typeof ServerGroupPolicy>;

export const WorkloadPlacement = z.strictObject({
  serverGroupPolicy: ServerGroupPolicy,
  instances: z.record(InstanceKey, ZoneName),
});
export type WorkloadPlacement = z.infer<typeof WorkloadPlacement>;

export const PlacementLock = z
  .strictObject({
    version: z.literal(PLACEMENT_LOCK_VERSION),
    agency: z.string(),
    sites: z.record(z.string(), z.record(WorkloadKey, WorkloadPlacement)),
  })
  .meta({
    title: "tamna placement lock",
    description: "Where each instance of an agency runs; written by tamna synth.",
  });
export type PlacementLock = z.infer<typeof PlacementLock>;

export function placementLockFile(regionDir: string, agency: string): string {
  return path.join(regionDir, PLACEMENT_DIR, `${agency}.lock.yaml`);
}

/** The key of a workload in a lock's site: system and workload names are slugs, so unique. */
export function workloadPlacementKey(system: string, workload: string): string {
  return `${system}/${workload}`;
}

/** The lock's entry for a workload at a site, if it has one (lookups never reach prototypes). */
export function lockedPlacement(
  lock: PlacementLock | undefined,
  site: string,
  key: string,
): WorkloadPlacement | undefined {
  const sites = lock?.sites;
  if (!sites || !Object.hasOwn(sites, site)) return undefined;
  const workloads = sites[site]!;
  return Object.hasOwn(workloads, key) ? workloads[key] : undefined;
}

const HEADER = [
  "# Placement lock, written by tamna synth: the availability zone of each instance and the",
  "# policy of each server group, kept as first placed so that adding a zone or scaling a",
  "# workload never moves a running server. Commit it with the agency file; do not edit it.",
];

/** The lock file's text: sorted keys, so the same placements give the same bytes. */
export function formatPlacementLock(lock: PlacementLock): string {
  const sorted: PlacementLock = {
    version: lock.version,
    agency: lock.agency,
    sites: sortRecord(lock.sites, (workloads) =>
      sortRecord(workloads, (placement) => ({
        serverGroupPolicy: placement.serverGroupPolicy,
        instances: sortRecord(placement.instances, (zone) => zone),
      })),
    ),
  };
  return `${HEADER.join("\n")}\n${stringify(sorted, { lineWidth: 0 })}`;
}

function sortRecord<T, U>(
  record: Readonly<Record<string, T>>,
  map: (value: T) => U,
): Record<string, U> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, map(record[key]!)]),
  );
}
