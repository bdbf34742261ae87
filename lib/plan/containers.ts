import { replicatesData } from "../spec/dr";
import { durationMinutes, type SystemSpec } from "../spec/system";
import type { ContainerPlan, WorkloadRole } from "./compute-types";
import type { DrDecision } from "./dr";
import { containerName } from "../names";

const BYTES_PER_GIB = 1024 ** 3;

/**
 * A system's containers at a site. At the home site of a system with a live copy they sync to
 * the DR site; at the DR site they receive the sync. Both ends need the agency's sync key.
 */
export function planContainers(
  agency: string,
  system: SystemSpec,
  decision: DrDecision,
  role: WorkloadRole,
  labels: Readonly<Record<string, string>>,
): ContainerPlan[] {
  const synced = replicatesData(decision.mode) && decision.drSite !== undefined;
  return system.containers.map((container) => {
    const expireAfterSeconds =
      container.expireAfter !== undefined ? durationMinutes(container.expireAfter) * 60 : undefined;
    return {
      key: container.name,
      name: containerName(agency, system.name, container.name),
      ...(container.description !== undefined ? { description: container.description } : {}),
      ...(synced && role === "primary" ? { syncToSite: decision.drSite! } : {}),
      synced,
      // A replicated container holds its objects at both sites: sized, and limited, at both.
      ...(container.sizeGiB !== undefined ? { sizeGiB: container.sizeGiB } : {}),
      metadata: {
        ...labels,
        container: container.name,
        role,
        ...(container.quotaGiB !== undefined
          ? { "Quota-Bytes": String(container.quotaGiB * BYTES_PER_GIB) }
          : {}),
        // Swift has no container-wide expiry: loaders send X-Delete-After with this value.
        ...(expireAfterSeconds !== undefined ? { "Expire-After": String(expireAfterSeconds) } : {}),
      },
      versioning: container.versioning ?? false,
      ...(expireAfterSeconds !== undefined ? { expireAfterSeconds } : {}),
    };
  });
}
