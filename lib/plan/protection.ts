import type { Problem } from "../errors";
import type { AgencySpec } from "../spec/agency";
import { replicatesData } from "../spec/dr";
import type { Sourced } from "../spec/load";
import type { DataVolume, Protection, SystemSpec, WorkloadSpec } from "../spec/system";
import type { z } from "zod";
import type { SystemPlan, VolumePlan } from "./compute-types";
import type { DrDecision } from "./dr";

/**
 * Destroy protection of a system's volumes, decided per volume. An opt-out
 * (`protection: {preventDestroy: false, reason}`) names what it covers: a data volume
 * (`workloads[].volumes[].protection`), a workload's boot and data volumes
 * (`workloads[].protection`), or the whole system (`protection`). The most specific one set
 * wins. A data volume that is the only copy of its data cannot be opted out by the system-wide
 * switch: that is an error naming the volume, so a reviewer never loses a database to a reason
 * written for its web servers.
 */

export interface ProtectionDecision {
  /** The resource carries `lifecycle.prevent_destroy`. */
  readonly protect: boolean;
  /** Why it does not, for reviewers and the policy pack; set when `protect` is false. */
  readonly protectionOptOut?: string;
}

/** Why a standby's volumes at the DR site are not protected while the home site serves. */
export const STANDBY_OPT_OUT_REASON =
  "standby copy at the DR site while the home site serves: the home site's volumes hold the data";

type ProtectionSpec = z.infer<typeof Protection>;
type DataVolumeSpec = z.infer<typeof DataVolume>;

/** Names of the region's volume types that the storage replicates to another site. */
export type ReplicatedTypes = ReadonlySet<string>;

/**
 * True when the volume holds the only copy of its data: the system's DR mode keeps no replica
 * at another site (none, backup-only: backups are restored, not failed over to), or the
 * volume's type is not one the storage replicates there.
 */
export function isOnlyCopy(
  decision: DrDecision,
  volumeType: string,
  replicated: ReplicatedTypes,
): boolean {
  return !(
    replicatesData(decision.mode) &&
    decision.drSite !== undefined &&
    replicated.has(volumeType)
  );
}

/** The opt-out that applies to a volume: the volume's own, else its workload's, else the system's. */
function settingFor(
  system: SystemSpec,
  workload: WorkloadSpec,
  volume: DataVolumeSpec | undefined,
): ProtectionSpec | undefined {
  return volume?.protection ?? workload.protection ?? system.protection;
}

/**
 * Protection of one volume of `workload`: its boot volume when `volume` is undefined. A
 * standby's volumes at the DR site hold a copy while the home site serves and are not
 * protected then, so that a failback can scale the standby down; once the system is served
 * from here they hold the live data and are protected like any other.
 */
export function volumeProtection(
  system: SystemSpec,
  workload: WorkloadSpec,
  volume: DataVolumeSpec | undefined,
  standbyCopy: boolean,
): ProtectionDecision {
  const setting = settingFor(system, workload, volume);
  if (setting?.preventDestroy === false) {
    return { protect: false, protectionOptOut: setting.reason };
  }
  if (standbyCopy) return { protect: false, protectionOptOut: STANDBY_OPT_OUT_REASON };
  return { protect: true };
}

/**
 * Protection of what the system-wide switch alone covers (its containers), with the same
 * standby rule as volumes.
 */
export function systemProtection(system: SystemSpec, standbyCopy: boolean): ProtectionDecision {
  if (system.protection?.preventDestroy === false) {
    return { protect: false, protectionOptOut: system.protection.reason };
  }
  if (standbyCopy) return { protect: false, protectionOptOut: STANDBY_OPT_OUT_REASON };
  return { protect: true };
}

/**
 * A system-wide opt-out may not reach a data volume that is the only copy of its data: one
 * problem per such volume (not overridden by its own or its workload's `protection`), located
 * at the system's switch and naming the volume.
 */
export function checkSystemOptOut(
  agency: Sourced<AgencySpec>,
  system: SystemSpec,
  index: number,
  decision: DrDecision,
  replicated: ReplicatedTypes,
  problems: Problem[],
): void {
  if (system.protection?.preventDestroy !== false) return;
  system.workloads.forEach((workload, w) => {
    if (workload.protection !== undefined) return;
    workload.volumes.forEach((volume, v) => {
      if (volume.protection !== undefined) return;
      if (!isOnlyCopy(decision, volume.volumeType, replicated)) return;
      const volumePath = `systems[${index}].workloads[${w}].volumes[${v}]`;
      problems.push({
        location: agency.source.locate(["systems", index, "protection", "preventDestroy"]),
        message:
          `system "${system.name}" opts out of destroy protection for all its volumes, but data volume ` +
          `"${volume.name}" of workload "${workload.name}" (${volumePath}) is the only copy of its data ` +
          `(DR mode ${decision.mode} keeps no replica at another site)`,
        received: "preventDestroy: false",
        allowed: "a system-wide opt-out only where every data volume has a replica",
        hint:
          `remove the system's protection and opt out where it is true: per workload ` +
          `(systems[${index}].workloads[${w}].protection) for volumes that hold nothing, or per volume ` +
          `(${volumePath}.protection: {preventDestroy: false, reason: ...}) with a reason that ` +
          `names this volume`,
      });
    });
  });
}

/** The region's volume types that the storage replicates to another site. */
export function replicatedTypes(
  volumeTypes: Readonly<Record<string, { readonly replicated: boolean }>>,
): ReplicatedTypes {
  return new Set(Object.keys(volumeTypes).filter((name) => volumeTypes[name]!.replicated));
}

/** The system's plan with each boot and data volume's protection decided. */
export function withVolumeProtection(
  system: SystemSpec,
  standbyCopy: boolean,
  plan: SystemPlan,
): SystemPlan {
  return {
    ...plan,
    workloads: plan.workloads.map((workloadPlan) => {
      const workload = system.workloads.find((spec) => spec.name === workloadPlan.name)!;
      const specs = new Map(workload.volumes.map((volume) => [volume.name, volume]));
      const decide = (volume: VolumePlan, spec: DataVolumeSpec | undefined): VolumePlan => {
        const decision = volumeProtection(system, workload, spec, standbyCopy);
        return { ...volume, ...decision };
      };
      return {
        ...workloadPlan,
        instances: workloadPlan.instances.map((instance) => ({
          ...instance,
          ...(instance.bootVolume ? { bootVolume: decide(instance.bootVolume, undefined) } : {}),
          dataVolumes: instance.dataVolumes.map((volume) => decide(volume, specs.get(volume.key))),
        })),
      };
    }),
  };
}
