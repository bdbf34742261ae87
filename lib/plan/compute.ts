import { TamnaError, type Problem } from "../errors";
import { effectiveBackupPolicy } from "../spec/backup";
import { replicatesData } from "../spec/dr";
import { durationMinutes, type SystemSpec, type WorkloadSpec } from "../spec/system";
import { flavorGpus } from "../spec/catalogue";
import { gpuZones } from "../spec/gpu";
import { planContainers } from "./containers";
import type { DrDecision } from "./dr";
import { fixedIpsAt } from "./fixed-ips";
import { servesAt, standbySizing } from "./standby";
import { placeInstances, serverGroupPolicy } from "./placement";
import { lockedPlacement, workloadPlacementKey } from "../spec/placement-lock";
import { planLoadBalancer } from "./load-balancer";
import {
  checkSystemOptOut,
  replicatedTypes,
  systemProtection,
  withVolumeProtection,
} from "./protection";
import {
  bootVolumeName,
  dataVolumeName,
  instanceKey,
  instanceName,
  keyPairName,
  workloadName,
} from "../names";
import { MANAGED_BY_TAG } from "./tags";
import type { ComputeContext } from "./compute-context";
import type {
  ComputePlan,
  ContainerPlan,
  ImagePlan,
  InstancePlan,
  KeyPairPlan,
  ServerGroupPolicy,
  SystemPlan,
  VolumePlan,
  WorkloadPlan,
  WorkloadRole,
} from "./compute-types";

/**
 * The compute side of an agency at one site, as plain data: instances spread over the site's
 * availability zones in server groups, their ports, boot and data volumes, and the load
 * balancers of exposed workloads.
 */

// The shapes live in modules of their own, so that the planners this module calls need not
// import it back; the rest of the codebase finds them here.
export type {
  ComputeContext,
  ComputePlan,
  ContainerPlan,
  ImagePlan,
  InstancePlan,
  KeyPairPlan,
  ServerGroupPolicy,
  SystemPlan,
  VolumePlan,
  WorkloadPlan,
  WorkloadRole,
};

/**
 * The systems at `site`: those that run here with their full workloads, and those whose DR copy
 * is here, sized by their mode (see standbySizing).
 */
export function planCompute(context: ComputeContext): ComputePlan {
  const { agency, site } = context;
  const problems: Problem[] = [];
  const systems: SystemPlan[] = [];
  agency.spec.systems.forEach((system, index) => {
    const decision = context.decisions.get(system.name);
    if (!decision) return;
    if (decision.homeSite === site) {
      systems.push(planSystem(context, system, index, decision, "primary", problems));
    } else if (decision.drSite === site && replicatesData(decision.mode)) {
      systems.push(
        planSystem(context, system, index, decision, "standby", problems, (workload) =>
          standbySizing(decision, site, workload),
        ),
      );
    }
  });
  if (problems.length > 0) throw new TamnaError(problems);
  return finishCompute(context, systems);
}

/** Adds the key pairs and images that the planned workloads use. */
export function finishCompute(context: ComputeContext, systems: SystemPlan[]): ComputePlan {
  const region = context.input.region.spec;
  const slug = context.agency.spec.slug;
  const workloads = systems.flatMap((system) => system.workloads);
  const usedKeys = new Set(workloads.flatMap((w) => (w.keyPair ? [w.keyPair] : [])));
  const usedImages = new Set(workloads.map((workload) => workload.image));
  return {
    systems,
    keyPairs: Object.keys(context.agency.spec.keyPairs)
      .sort()
      .filter((key) => usedKeys.has(keyPairName(slug, key)))
      .map((key) => ({
        key,
        name: keyPairName(slug, key),
        publicKey: context.agency.spec.keyPairs[key]!.publicKey,
      })),
    images: [...usedImages].sort().map((key) => ({ key, name: region.images[key]!.name })),
  };
}

export function planSystem(
  context: ComputeContext,
  system: SystemSpec,
  index: number,
  decision: DrDecision,
  role: WorkloadRole,
  problems: Problem[],
  sizing: (workload: WorkloadSpec) => { count: number; flavor: string } = (workload) => ({
    count: workload.count,
    flavor: workload.flavor,
  }),
): SystemPlan {
  const region = context.input.region.spec;
  const slug = context.agency.spec.slug;
  const backup = effectiveBackupPolicy(region, system);
  const backupPolicy = backup.name;
  // A standby's volumes hold a copy while the home site serves; once the system is served from
  // here they hold the live data and are protected. So a failback can scale the standby down.
  const serves = servesAt(decision, context.site);
  const standbyCopy = role === "standby" && !serves;
  const replicated = replicatedTypes(region.volumeTypes);
  if (role === "primary") {
    checkSystemOptOut(context.agency, system, index, decision, replicated, problems);
  }
  const protection = systemProtection(system, standbyCopy);
  const labels = {
    agency: slug,
    system: system.name,
    grade: String(system.grade),
    backup_policy: backupPolicy,
    rto: system.rto,
    rpo: system.rpo,
    dr_mode: decision.mode,
    managed_by: MANAGED_BY_TAG.split("=")[1]!,
  };
  return withVolumeProtection(system, standbyCopy, {
    name: system.name,
    displayName: system.displayName,
    grade: system.grade,
    rtoMinutes: durationMinutes(system.rto),
    rpoMinutes: durationMinutes(system.rpo),
    backupPolicy,
    backupPolicySource: backup.source,
    ...(backup.intervalMinutes !== undefined
      ? { backupIntervalMinutes: backup.intervalMinutes }
      : {}),
    ...protection,
    role,
    dr: decision,
    servesHere: serves,
    containers: planContainers(context.agency.spec.slug, system, decision, role, labels),
    workloads: system.workloads.flatMap((workload, w) => {
      const { count, flavor } = sizing(workload);
      if (count === 0) return [];
      const path = ["systems", index, "workloads", w];
      return [
        planWorkload(
          context,
          system,
          decision,
          workload,
          path,
          { ...labels, role },
          role,
          count,
          flavor,
          problems,
        ),
      ];
    }),
  });
}

function planWorkload(
  context: ComputeContext,
  system: SystemSpec,
  decision: DrDecision,
  workload: WorkloadSpec,
  path: PropertyKey[],
  labels: Readonly<Record<string, string>>,
  role: WorkloadRole,
  count: number,
  flavor: string,
  problems: Problem[],
): WorkloadPlan {
  const { input, agency, site, network: tenant } = context;
  const region = input.region.spec;
  const slug = agency.spec.slug;
  // A GPU workload goes only to the zones with GPU hosts; its flavor lands on nothing else.
  const siteZones = region.sites[site]!.availabilityZones.map((zone) => zone.name);
  const gpu = flavorGpus(region.flavors[flavor]!) > 0;
  let zones = gpu ? gpuZones(region.sites[site]!) : siteZones;
  if (zones.length === 0) {
    problems.push({
      location: context.agency.source.locate([...path, "flavor"]),
      message: `workload "${system.name}/${workload.name}" (${role}) needs GPU flavor "${flavor}" at site ${site}, which has no availability zone with GPU hosts`,
      received: flavor,
      allowed: `a site with gpuHosts in an availability zone (${Object.keys(region.sites)
        .filter((name) => gpuZones(region.sites[name]!).length > 0)
        .join(", ")})`,
      hint:
        role === "standby"
          ? "give the DR site GPU hosts, set standby.flavor to a general flavor, or choose a DR mode without a running standby"
          : "run the system at a site with GPU hosts, or list the GPU hosts under gpuHosts of the site's zones",
    });
    zones = siteZones; // the plan fails on the problem; a failover estimate still sizes it
  }
  const subnet = tenant.zones.find((zone) => zone.zone === workload.zone)!;
  const home = context.zoneCidrsBySite.get(decision.homeSite)?.[workload.zone] ?? subnet.cidr;
  const fixedIps = fixedIpsAt(context.agency, workload, home, subnet.cidr, path, problems);
  const metadata = { ...labels, workload: workload.name, zone: workload.zone };
  const placementKey = workloadPlacementKey(system.name, workload.name);
  const locked = lockedPlacement(context.placements, site, placementKey);
  const placed = placeInstances(zones, placementKey, count, locked);

  const instances = Array.from({ length: count }, (_, i): InstancePlan => {
    const name = instanceName(slug, system.name, workload.name, i + 1);
    const availabilityZone = placed.get(instanceKey(i + 1))!;
    const volumeMetadata = { ...metadata, instance: name };
    return {
      key: instanceKey(i + 1),
      name,
      availabilityZone,
      ...(fixedIps?.[i] !== undefined ? { fixedIp: fixedIps[i] } : {}),
      ...(workload.bootVolume
        ? {
            bootVolume: {
              key: "boot",
              name: bootVolumeName(name),
              sizeGiB: workload.bootVolume.sizeGiB,
              volumeType: workload.bootVolume.volumeType,
              availabilityZone,
              metadata: { ...volumeMetadata, volume: "boot" },
            },
          }
        : {}),
      dataVolumes: workload.volumes.map((volume) => ({
        key: volume.name,
        name: dataVolumeName(name, volume.name),
        sizeGiB: volume.sizeGiB,
        volumeType: volume.volumeType,
        availabilityZone,
        metadata: { ...volumeMetadata, volume: volume.name },
      })),
      metadata: { ...metadata, instance: name },
    };
  });

  const policy = serverGroupPolicy(workload, zones.length, locked);
  const name = workloadName(slug, system.name, workload.name);
  return {
    system: system.name,
    name: workload.name,
    role,
    zone: workload.zone,
    flavor,
    image: workload.image,
    ...(workload.keyPair ? { keyPair: keyPairName(slug, workload.keyPair) } : {}),
    ...(workload.userData !== undefined ? { userData: workload.userData } : {}),
    serverGroup: { name, policy },
    instances,
    ...(workload.expose
      ? {
          loadBalancer: planLoadBalancer(context, {
            name,
            system: system.name,
            workload,
            subnetCidr: subnet.cidr,
            path: [...path, "expose"],
            problems,
          }),
        }
      : {}),
  };
}
