import type { AgencySpec } from "../spec/agency";
import type { RegionSpec } from "../spec/region";
import type { ComputePlan } from "./compute";
import { agencyDnsZoneName } from "../names";

/**
 * The agency's Designate zone at a site and a record set per exposed service, pointing at the
 * service's floating IP when public, else at its load balancer's VIP.
 */

export interface DnsRecordPlan {
  /** Stable construct ID: the record's relative name. */
  readonly key: string;
  /** Fully qualified, with the trailing dot. */
  readonly name: string;
  readonly system: string;
  readonly workload: string;
  readonly ttl: number;
}

export interface DnsPlan {
  readonly zoneName: string;
  readonly email: string;
  readonly ttl: number;
  readonly description: string;
  readonly records: readonly DnsRecordPlan[];
  /**
   * The stack that creates the zone, when another site's Designate is this site's too
   * (`sharedControlPlane[].dns: shared`): this stack finds the zone by name and only adds its
   * records. @default - this stack creates the zone
   */
  readonly zoneCreatedBy?: { readonly site: string; readonly stack: string };
}

const DEFAULT_TTL = 300;

export function planDns(
  region: RegionSpec,
  agency: AgencySpec,
  compute: ComputePlan,
): DnsPlan | undefined {
  const zoneName =
    agency.dnsZone ?? (region.dns ? agencyDnsZoneName(agency.slug, region.dns.domain) : undefined);
  if (zoneName === undefined) return undefined;
  // Records live in the stack of the site that serves the system, so a failover moves them.
  const records = compute.systems
    .filter((system) => system.servesHere)
    .flatMap((system) => system.workloads)
    .flatMap((workload) => (workload.loadBalancer ? [{ workload, lb: workload.loadBalancer }] : []))
    .map(({ workload, lb }) => ({
      key: lb.dnsName,
      name: `${lb.dnsName}.${zoneName}`,
      system: workload.system,
      workload: workload.name,
      ttl: region.dns?.ttl ?? DEFAULT_TTL,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  // The zone exists wherever a system with services runs or keeps its copy, so that the DR
  // site's name servers already answer for it when the records move there.
  const exposes = new Set(
    agency.systems
      .filter((system) => system.workloads.some((workload) => workload.expose))
      .map((system) => system.name),
  );
  if (!compute.systems.some((system) => exposes.has(system.name))) return undefined;
  const technical = agency.contacts.find((contact) => contact.role === "technical");
  return {
    zoneName,
    email: region.dns?.email ?? (technical ?? agency.contacts[0]!).email,
    ttl: region.dns?.ttl ?? DEFAULT_TTL,
    description: `${agency.name}: services`,
    records,
  };
}
