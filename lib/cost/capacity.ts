import type { Location } from "../errors";
import type { AgencyStackPlan, RegionPlan } from "../plan/region-plan";
import type { Sourced } from "../spec/sourced";
import type { HostProfile, RegionSpec } from "../spec/region";

/**
 * Whether the sites hold what is planned: per availability zone, the vCPUs and RAM its instances
 * take against what its hosts offer Nova (cores and RAM times the allocation ratios). And the
 * fire-compartment question: if a site loses its largest zone, can the grade 1-2 instances that
 * ran there restart in the zones left, beside what already runs there, with their hard
 * anti-affinity kept (no two members of a server group on one host)?
 *
 * Nova's placement on hosts is not known before apply, so a zone's use is taken as spread evenly
 * over its hosts; a restarted instance goes to the host with the most free RAM that fits it and
 * holds no member of its server group (the members that survive each take a host of their zone).
 */

/** Systems of these grades must restart after the loss of a zone. */
export const CRITICAL_GRADES = 2;

export interface Amounts {
  readonly vcpus: number;
  readonly ramGiB: number;
}

export interface ZoneCapacity {
  readonly site: string;
  readonly zone: string;
  /** Instances placed in the zone, standbys included. */
  readonly instances: number;
  readonly used: Amounts;
  /** Absent when the zone states no host profile: its use is not checked. */
  readonly capacity?: Amounts & { readonly hosts: number };
  readonly over: boolean;
}

export interface Unrestarted {
  readonly agency: string;
  readonly system: string;
  readonly grade: number;
  readonly workload: string;
  readonly instances: readonly string[];
}

export interface ZoneLoss {
  readonly site: string;
  /** The zone lost: the largest of the site, by vCPUs then RAM. */
  readonly zone: string;
  /** Grade 1-2 instances that ran in it. */
  readonly toRestart: number;
  readonly restarted: number;
  readonly unrestarted: readonly Unrestarted[];
}

export interface CapacityProblem {
  readonly level: "error" | "warning";
  readonly site: string;
  readonly zone?: string;
  readonly message: string;
  readonly location: Location;
  readonly hint: string;
}

export interface CapacityReport {
  /** Sorted by site, then zone as the region lists them. */
  readonly zones: readonly ZoneCapacity[];
  /** One per site with two or more zones, all with a host profile. */
  readonly zoneLoss: readonly ZoneLoss[];
  readonly problems: readonly CapacityProblem[];
}

interface PlacedInstance {
  readonly agency: string;
  readonly system: string;
  readonly grade: number;
  readonly workload: string;
  /** Server group identity within the site. */
  readonly group: string;
  readonly hardAntiAffinity: boolean;
  readonly key: string;
  readonly zone: string;
  readonly size: Amounts;
}

export function capacityReport(region: Sourced<RegionSpec>, plan: RegionPlan): CapacityReport {
  const spec = region.spec;
  const zones: ZoneCapacity[] = [];
  const zoneLoss: ZoneLoss[] = [];
  const problems: CapacityProblem[] = [];
  for (const site of Object.keys(spec.sites).sort()) {
    const instances = placedInstances(spec, plan, site);
    const siteZones = spec.sites[site]!.availabilityZones;
    siteZones.forEach((zone, index) => {
      const here = instances.filter((instance) => instance.zone === zone.name);
      const used = total(here.map((instance) => instance.size));
      const capacity = zone.capacity ? zoneCapacity(zone.capacity, zone.hosts) : undefined;
      const over =
        capacity !== undefined && (used.vcpus > capacity.vcpus || used.ramGiB > capacity.ramGiB);
      zones.push({
        site,
        zone: zone.name,
        instances: here.length,
        used,
        ...(capacity ? { capacity } : {}),
        over,
      });
      if (over) {
        problems.push({
          level: "error",
          site,
          zone: zone.name,
          message: `availability zone ${zone.name} of ${site} is over capacity: its instances take ${used.vcpus} vCPUs and ${used.ramGiB} GiB of RAM, its hosts offer ${capacity!.vcpus} vCPUs and ${capacity!.ramGiB} GiB`,
          location: region.source.locate(["sites", site, "availabilityZones", index, "capacity"]),
          hint: "add hosts to the zone (capacity.hostCount or hosts), raise an allocation ratio, or move workloads to other zones",
        });
      }
    });
    const profiled = siteZones.filter((zone) => zone.capacity !== undefined);
    if (siteZones.length >= 2 && profiled.length === siteZones.length) {
      const loss = loseLargestZone(spec, site, instances);
      zoneLoss.push(loss);
      if (loss.unrestarted.length > 0) {
        const systems = [
          ...new Set(loss.unrestarted.map((entry) => `${entry.agency}/${entry.system}`)),
        ];
        const count = loss.unrestarted.reduce((n, entry) => n + entry.instances.length, 0);
        problems.push({
          level: "warning",
          site,
          zone: loss.zone,
          message: `if ${site} loses ${loss.zone}, its largest availability zone, ${count} of ${loss.toRestart} grade 1-2 instances cannot restart in the zones left: ${systems.join(", ")} would not restart`,
          location: region.source.locate(["sites", site, "availabilityZones"]),
          hint: "add hosts to the other zones, or spread these systems' instances over more zones",
        });
      }
    }
  }
  return { zones, zoneLoss, problems };
}

function zoneCapacity(
  profile: HostProfile,
  hosts: readonly string[] | undefined,
): Amounts & { hosts: number } {
  const count = profile.hostCount ?? hosts!.length;
  const host = hostSize(profile);
  return {
    hosts: count,
    vcpus: Math.floor(count * host.vcpus),
    ramGiB: Math.floor(count * host.ramGiB),
  };
}

/** What one host offers Nova. */
function hostSize(profile: HostProfile): Amounts {
  return {
    vcpus: profile.coresPerHost * profile.cpuAllocationRatio,
    ramGiB: profile.ramGiBPerHost * profile.ramAllocationRatio,
  };
}

function placedInstances(spec: RegionSpec, plan: RegionPlan, site: string): PlacedInstance[] {
  return plan.stacks
    .filter((stack): stack is AgencyStackPlan => stack.layer === "agency" && stack.site === site)
    .flatMap((stack) =>
      stack.compute.systems.flatMap((system) =>
        system.workloads.flatMap((workload) => {
          const flavor = spec.flavors[workload.flavor]!;
          return workload.instances.map((instance) => ({
            agency: stack.agency,
            system: system.name,
            grade: system.grade,
            workload: workload.name,
            group: `${stack.agency}/${workload.serverGroup.name}`,
            hardAntiAffinity: workload.serverGroup.policy === "anti-affinity",
            key: instance.key,
            zone: instance.availabilityZone,
            size: { vcpus: flavor.vcpus, ramGiB: flavor.ramGiB },
          }));
        }),
      ),
    );
}

interface Host {
  readonly zone: string;
  free: Amounts;
  readonly groups: Set<string>;
}

function loseLargestZone(
  spec: RegionSpec,
  site: string,
  instances: readonly PlacedInstance[],
): ZoneLoss {
  const zones = spec.sites[site]!.availabilityZones;
  const sized = zones.map((zone) => ({ zone, capacity: zoneCapacity(zone.capacity!, zone.hosts) }));
  const lost = [...sized].sort(
    (a, b) =>
      b.capacity.vcpus - a.capacity.vcpus ||
      b.capacity.ramGiB - a.capacity.ramGiB ||
      (a.zone.name < b.zone.name ? -1 : 1),
  )[0]!.zone.name;

  // The hosts left, each with its share of its zone's use, and the groups its survivors hold.
  const hosts: Host[] = [];
  for (const { zone, capacity } of sized) {
    if (zone.name === lost) continue;
    const here = instances.filter((instance) => instance.zone === zone.name);
    const used = total(here.map((instance) => instance.size));
    const host = hostSize(zone.capacity!);
    const zoneHosts: Host[] = Array.from({ length: capacity.hosts }, () => ({
      zone: zone.name,
      free: {
        vcpus: host.vcpus - used.vcpus / capacity.hosts,
        ramGiB: host.ramGiB - used.ramGiB / capacity.hosts,
      },
      groups: new Set<string>(),
    }));
    const survivors = new Map<string, number>();
    for (const instance of here) {
      if (instance.hardAntiAffinity)
        survivors.set(instance.group, (survivors.get(instance.group) ?? 0) + 1);
    }
    for (const [group, count] of survivors) {
      for (const zoneHost of zoneHosts.slice(0, count)) zoneHost.groups.add(group);
    }
    hosts.push(...zoneHosts);
  }

  const toRestart = instances
    .filter((instance) => instance.zone === lost && instance.grade <= CRITICAL_GRADES)
    .sort(
      (a, b) =>
        a.grade - b.grade ||
        b.size.ramGiB - a.size.ramGiB ||
        b.size.vcpus - a.size.vcpus ||
        compare(a.group, b.group) ||
        compare(a.key, b.key),
    );
  const failed: PlacedInstance[] = [];
  for (const instance of toRestart) {
    const fits = hosts.filter(
      (host) =>
        host.free.vcpus >= instance.size.vcpus &&
        host.free.ramGiB >= instance.size.ramGiB &&
        !(instance.hardAntiAffinity && host.groups.has(instance.group)),
    );
    const best = fits.sort(
      (a, b) => b.free.ramGiB - a.free.ramGiB || b.free.vcpus - a.free.vcpus,
    )[0];
    if (!best) {
      failed.push(instance);
      continue;
    }
    best.free = {
      vcpus: best.free.vcpus - instance.size.vcpus,
      ramGiB: best.free.ramGiB - instance.size.ramGiB,
    };
    best.groups.add(instance.group);
  }

  const unrestarted = new Map<string, Unrestarted>();
  for (const instance of failed) {
    const key = `${instance.agency}\u0000${instance.system}\u0000${instance.workload}`;
    const entry = unrestarted.get(key);
    unrestarted.set(key, {
      agency: instance.agency,
      system: instance.system,
      grade: instance.grade,
      workload: instance.workload,
      instances: [...(entry?.instances ?? []), instance.key].sort(),
    });
  }
  return {
    site,
    zone: lost,
    toRestart: toRestart.length,
    restarted: toRestart.length - failed.length,
    unrestarted: [...unrestarted.entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([, entry]) => entry),
  };
}

function total(sizes: readonly Amounts[]): Amounts {
  return {
    vcpus: sizes.reduce((sum, size) => sum + size.vcpus, 0),
    ramGiB: sizes.reduce((sum, size) => sum + size.ramGiB, 0),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
