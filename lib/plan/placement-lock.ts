import {
  PLACEMENT_LOCK_VERSION,
  workloadPlacementKey,
  type PlacementLock,
  type WorkloadPlacement,
} from "../spec/placement-lock";
import type { AgencyStackPlan, RegionPlan } from "./region-plan";

/**
 * The placement locks a plan implies: per planned agency, the zone of every instance and the
 * policy of every server group it places, at every site. Writing them back makes the next plan
 * keep exactly these, whatever changes around them.
 */
export function placementLocks(plan: Pick<RegionPlan, "stacks">): PlacementLock[] {
  const locks = new Map<string, PlacementLock>();
  for (const stack of plan.stacks) {
    if (stack.layer !== "agency") continue;
    const lock = locks.get(stack.agency) ?? {
      version: PLACEMENT_LOCK_VERSION,
      agency: stack.agency,
      sites: {},
    };
    const workloads = sitePlacements(stack);
    // A site with no instance is left out, so that a lock only grows with what runs.
    if (Object.keys(workloads).length > 0) lock.sites[stack.site] = workloads;
    locks.set(stack.agency, lock);
  }
  return [...locks.values()].sort((a, b) => (a.agency < b.agency ? -1 : 1));
}

function sitePlacements(stack: AgencyStackPlan): Record<string, WorkloadPlacement> {
  const workloads: Record<string, WorkloadPlacement> = {};
  for (const system of stack.compute.systems) {
    for (const workload of system.workloads) {
      workloads[workloadPlacementKey(system.name, workload.name)] = {
        serverGroupPolicy: workload.serverGroup.policy,
        instances: Object.fromEntries(
          workload.instances.map((instance) => [instance.key, instance.availabilityZone]),
        ),
      };
    }
  }
  return workloads;
}
