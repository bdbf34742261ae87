/**
 * Every OpenStack name and stack name the library gives, in one place. Names are built from the
 * region prefix and stable slugs, never from positions or random values, so that they survive
 * agencies and systems being added, removed or reordered.
 */

export type Layer = "platform" | "tenancy" | "agency" | "paasta";

/** Slugs that would make stack names ambiguous. */
export const RESERVED_AGENCY_SLUGS = ["platform", "tenancy"] as const;

export function platformStackName(site: string): string {
  return `platform-${site}`;
}

export function tenancyStackName(agency: string, site: string): string {
  return `tenancy-${agency}-${site}`;
}

export function agencyStackName(agency: string, site: string): string {
  return `${agency}-${site}`;
}

/**
 * The Terraform output through which an agency stack states each system's grade, DR mode and
 * active site; the policy pack and `tamna diff` read it.
 */
export const SYSTEMS_OUTPUT = "tamna_systems";

/** The Keystone domain of the region's agency projects (the same name at every site). */
export function domainName(prefix: string): string {
  return prefix;
}

/** An agency's project; the domain already scopes it to the region. */
export function projectName(agency: string): string {
  return agency;
}

export function groupName(agency: string, group: string): string {
  return `${agency}-${group}`;
}

export function externalSubnetName(network: string): string {
  return `${network}-subnet`;
}

/** Key of a stack's state inside a shared backend (S3 key or PostgreSQL schema). */
export function stateKey(prefix: string, stack: string): string {
  return `${prefix}/${stack}.tfstate`;
}

export function pgSchemaName(prefix: string, stack: string): string {
  return `${prefix}_${stack}`.replace(/-/g, "_");
}

/**
 * The host aggregate that puts an availability zone's compute hosts in the zone:
 * `<site>-<zone>`. Zone names are only unique within a site, so with the site the name is
 * unique across the region (monitoring and tickets see both sites) and says which data center
 * the hosts are in; and it does not clash with an aggregate named after the zone alone, which
 * deployment tools often create already.
 */
export function aggregateName(site: string, zone: string): string {
  return `${site}-${zone}`;
}

/** The aggregate of an availability zone's GPU hosts. */
export function gpuAggregateName(site: string, zone: string): string {
  return `${site}-${zone}-gpu`;
}

/** Two digits at least, so that instance names sort in order: web-01 .. web-12. */
function ordinal(index: number): string {
  return String(index).padStart(2, "0");
}

/** A workload of a system, e.g. `jeju-province-saeol-web`: its server group and load balancer. */
export function workloadName(agency: string, system: string, workload: string): string {
  return `${agency}-${system}-${workload}`;
}

/**
 * The `index`th (1-based) instance of a workload. Names hang on the system and workload names,
 * never on positions in the file, so adding or removing a workload renames nothing else.
 */
export function instanceName(
  agency: string,
  system: string,
  workload: string,
  index: number,
): string {
  return `${workloadName(agency, system, workload)}-${ordinal(index)}`;
}

export function instanceKey(index: number): string {
  return ordinal(index);
}

export function bootVolumeName(instance: string): string {
  return `${instance}-boot`;
}

export function dataVolumeName(instance: string, volume: string): string {
  return `${instance}-${volume}`;
}

export function keyPairName(agency: string, key: string): string {
  return `${agency}-${key}`;
}

/** An agency's Designate zone, under the region's DNS domain (which ends with a dot). */
export function agencyDnsZoneName(agency: string, domain: string): string {
  return `${agency}.${domain}`;
}

/** A system's Swift container; the same name at both sites, so container sync pairs them. */
export function containerName(agency: string, system: string, container: string): string {
  return `${agency}-${system}-${container}`;
}

/**
 * The stack of a PaaS-TA foundation at a site, `<foundation>-<site>` like an agency's: the
 * foundation is a tenant of the region (its project is `tenancy-<foundation>-<site>`).
 */
export function paastaStackName(foundation: string, site: string): string {
  return agencyStackName(foundation, site);
}

/** A foundation's Neutron network (and subnet): `<foundation>-bosh` or `<foundation>-cf`. */
export function paastaNetworkName(foundation: string, network: string): string {
  return `${foundation}-${network}`;
}

export function paastaRouterName(foundation: string): string {
  return `${foundation}-router`;
}

/** The Nova key pair BOSH puts on every VM (openstack-vars `default_key_name`). */
export function paastaKeyPairName(foundation: string): string {
  return `${foundation}-bosh`;
}

/** The foundation's Designate zone; the system and apps domains are `sys.` and `apps.` in it. */
export function paastaZoneName(foundation: string, domain: string): string {
  return `${foundation}.${domain}`;
}
