import type { ContainerPlan } from "../plan/compute-types";
import type { DataCopy } from "./dr-model";

/** A container goes to the DR site by container sync when the plan syncs it, else by backup. */
export function containerCopy(
  container: ContainerPlan,
  drSite: string | null,
  backupPolicy: string,
): DataCopy {
  return {
    kind: "container",
    workload: null,
    name: container.name,
    count: 1,
    method: container.syncToSite !== undefined ? "container-sync" : "backup",
    toSite: container.syncToSite ?? drSite,
    backupPolicy,
    ...(container.expireAfterSeconds !== undefined
      ? { expireAfterSeconds: container.expireAfterSeconds }
      : {}),
  };
}
