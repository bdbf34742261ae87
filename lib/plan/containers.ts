import { replicatesData } from "../spec/dr";
import type { SystemSpec } from "../spec/system";
import type { ContainerPlan, WorkloadRole } from "./compute-types";
import type { DrDecision } from "./dr";
import { containerName } from "../names";

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
  return system.containers.map((container) => ({
    key: container.name,
    name: containerName(agency, system.name, container.name),
    ...(container.description !== undefined ? { description: container.description } : {}),
    ...(synced && role === "primary" ? { syncToSite: decision.drSite! } : {}),
    synced,
    metadata: { ...labels, container: container.name, role },
  }));
}
