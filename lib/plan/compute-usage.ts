import type { Quota } from "../spec/common";
import { flavorGpus, type FlavorCatalogue } from "../spec/catalogue";
import type { SystemPlan } from "./compute";

/** What one system's workloads take of the agency's quota at one site. */
export type Usage = { -readonly [K in keyof Quota]?: number };

export function systemUsage(system: SystemPlan, flavors: FlavorCatalogue): Usage {
  const usage: Required<Pick<Usage, UsageField>> = {
    instances: 0,
    cores: 0,
    ramGiB: 0,
    volumes: 0,
    volumeGiB: 0,
    ports: 0,
    floatingIps: 0,
    securityGroupRules: 0,
    serverGroups: 0,
    serverGroupMembers: 0,
    loadBalancers: 0,
    objectStorageGiB: 0,
    gpus: 0,
  };
  for (const container of system.containers) usage.objectStorageGiB += container.sizeGiB ?? 0;
  for (const workload of system.workloads) {
    const flavor = flavors[workload.flavor]!;
    const count = workload.instances.length;
    usage.instances += count;
    usage.cores += count * flavor.vcpus;
    usage.ramGiB += count * flavor.ramGiB;
    usage.gpus += count * flavorGpus(flavor);
    usage.ports += count;
    usage.serverGroups += 1;
    usage.serverGroupMembers = Math.max(usage.serverGroupMembers, count);
    for (const instance of workload.instances) {
      const volumes = [
        ...(instance.bootVolume ? [instance.bootVolume] : []),
        ...instance.dataVolumes,
      ];
      usage.volumes += volumes.length;
      usage.volumeGiB += volumes.reduce((sum, volume) => sum + volume.sizeGiB, 0);
    }
    const lb = workload.loadBalancer;
    if (lb) {
      usage.loadBalancers += 1;
      usage.ports += 1; // the VIP port; the amphorae's ports belong to Octavia's project
      usage.floatingIps += lb.floatingIpNetwork ? 1 : 0;
    }
  }
  return usage;
}

type UsageField =
  | "instances"
  | "cores"
  | "ramGiB"
  | "volumes"
  | "volumeGiB"
  | "ports"
  | "floatingIps"
  | "securityGroupRules"
  | "serverGroups"
  | "serverGroupMembers"
  | "loadBalancers"
  | "objectStorageGiB"
  | "gpus";

/** Fields where usage adds up across systems; server group members is a per-group maximum. */
const MAXIMUM_FIELDS: ReadonlySet<keyof Quota> = new Set(["serverGroupMembers"]);

export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = { ...a };
  for (const [field, value] of Object.entries(b) as [keyof Quota, number][]) {
    sum[field] = MAXIMUM_FIELDS.has(field)
      ? Math.max(sum[field] ?? 0, value)
      : (sum[field] ?? 0) + value;
  }
  return sum;
}

/**
 * Security group rules that admit load balancers to their members: one per zone and member
 * port, however many load balancers share it (the constructs create each once).
 */
export function memberRuleUsage(systems: readonly SystemPlan[]): Usage {
  const rules = new Set(
    systems.flatMap((system) =>
      system.workloads.flatMap((workload) =>
        (workload.loadBalancer?.memberRules ?? []).map((rule) => `${workload.zone}/${rule.key}`),
      ),
    ),
  );
  return { securityGroupRules: rules.size };
}
