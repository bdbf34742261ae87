import { TamnaError, type Problem } from "../errors";
import type { AgencySpec } from "../spec/agency";
import type { RegionInput, Sourced } from "../spec/load";
import { effectiveBackupPolicy } from "../spec/backup";
import { replicatesData } from "../spec/dr";
import { durationMinutes, type SystemSpec, type WorkloadSpec } from "../spec/system";
import { planContainers, type ContainerPlan } from "./containers";
import type { DrDecision } from "./dr";
import { fixedIpsAt } from "./fixed-ips";
import { servesAt, standbySizing } from "./standby";
import { placeInstances, serverGroupPolicy, type ServerGroupPolicy } from "./placement";
import { lockedPlacement, workloadPlacementKey, type PlacementLock } from "../spec/placement-lock";
import { planLoadBalancer, type LoadBalancerPlan } from "./load-balancer";
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
} from "./names";
import { MANAGED_BY_TAG } from "./tags";
import type { TenantNetworkPlan } from "./tenant-network";

/**
 * The compute side of an agency at one site, as plain data: instances spread over the site's
 * availability zones in server groups, their ports, boot and data volumes, and the load
 * balancers of exposed workloads.
 */

/** What a workload is at a site: the running system, or its DR standby. */
export type WorkloadRole = "primary" | "standby";

export interface VolumePlan {
  /** Stable construct ID within the instance: boot, or the data volume's name. */
  readonly key: string;
  readonly name: string;
  readonly sizeGiB: number;
  readonly volumeType: string;
  readonly availabilityZone: string;
  /** Cinder metadata for backup tooling: agency, system, grade, backup policy. */
  readonly metadata: Readonly<Record<string, string>>;
  /**
   * The volume refuses to be destroyed (see protection.ts).
   * @default the workload construct's protect prop
   */
  readonly protect?: boolean;
  /** Why protection is off, for reviewers; set when protect is false. */
  readonly protectionOptOut?: string;
}

export interface InstancePlan {
  /** Stable construct ID within the workload: 01, 02, ... */
  readonly key: string;
  readonly name: string;
  readonly availabilityZone: string;
  /** Declared fixed address; otherwise Neutron picks one from the pool. */
  readonly fixedIp?: string;
  readonly bootVolume?: VolumePlan;
  readonly dataVolumes: readonly VolumePlan[];
  readonly metadata: Readonly<Record<string, string>>;
}

export type { ServerGroupPolicy };
export type { ContainerPlan };

export interface WorkloadPlan {
  readonly system: string;
  readonly name: string;
  readonly role: WorkloadRole;
  readonly zone: string;
  readonly flavor: string;
  /** Image catalogue key: boot volumes are created from it, or the server boots from it. */
  readonly image: string;
  readonly keyPair?: string;
  readonly userData?: string;
  readonly serverGroup: { readonly name: string; readonly policy: ServerGroupPolicy };
  readonly instances: readonly InstancePlan[];
  readonly loadBalancer?: LoadBalancerPlan;
}

export interface SystemPlan {
  readonly name: string;
  readonly displayName: string;
  readonly grade: number;
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
  readonly backupPolicy: string;
  /** system: the system's own backupPolicy; grade: the region's policy for its grade. */
  readonly backupPolicySource: "system" | "grade";
  /** How often that policy backs up; absent only when the region does not declare it. */
  readonly backupIntervalMinutes?: number;
  /**
   * The system's containers refuse to be destroyed unless the system opts out; volumes carry
   * their own decision (VolumePlan.protect).
   */
  readonly protect: boolean;
  /** Why protection is off, for reviewers; set when protect is false. */
  readonly protectionOptOut?: string;
  /** primary: the system's own site; standby: its DR copy. */
  readonly role: WorkloadRole;
  readonly dr: DrDecision;
  /** Clients are sent here: DNS records for its services live in this site's stack. */
  readonly servesHere: boolean;
  readonly containers: readonly ContainerPlan[];
  readonly workloads: readonly WorkloadPlan[];
}

export interface KeyPairPlan {
  readonly key: string;
  readonly name: string;
  readonly publicKey: string;
}

export interface ImagePlan {
  readonly key: string;
  /** Glance name looked up at the site. */
  readonly name: string;
}

export interface ComputePlan {
  readonly systems: readonly SystemPlan[];
  readonly keyPairs: readonly KeyPairPlan[];
  /** Images the boot volumes are created from, sorted by key. */
  readonly images: readonly ImagePlan[];
}

export interface ComputeContext {
  readonly input: RegionInput;
  readonly agency: Sourced<AgencySpec>;
  readonly site: string;
  readonly network: TenantNetworkPlan;
  /** Name of the site's internet external network, for floating IPs. */
  readonly internetNetwork?: string;
  /** Each system's DR decision, by system name (see dr.ts). */
  readonly decisions: ReadonlyMap<string, DrDecision>;
  /**
   * The agency's zone subnets by site. A standby's declared fixed IPs are checked against the
   * home site's subnet and mirrored by host number into this site's.
   */
  readonly zoneCidrsBySite: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /**
   * The agency's placement lock: instances and server groups it holds keep their zone and policy.
   * @default - every instance placed afresh
   */
  readonly placements?: PlacementLock;
}

/** The site a system runs at: its own choice, else the region's primary site. */
export function systemSite(
  input: RegionInput,
  agency: AgencySpec,
  system: SystemSpec,
): string | undefined {
  if (system.site) return system.site;
  const sites = Object.entries(input.region.spec.sites)
    .filter(([name]) => !agency.sites || agency.sites.includes(name))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return (sites.find(([, site]) => site.role === "primary") ?? sites[0])?.[0];
}

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
  const zones = region.sites[site]!.availabilityZones.map((zone) => zone.name);
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
