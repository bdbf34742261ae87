import { TamnaError } from "../errors";
import type { AgencySpec } from "../spec/agency";
import type { Quota } from "../spec/common";
import type { RegionInput } from "../spec/load";
import type { ExternalNetwork, RegionSpec, StateBackend } from "../spec/region";
import { AGENCY_GROUPS } from "../spec/groups";
import { gpuFlavorNames, regionHasGpus } from "../spec/gpu";
import { DEFAULT_GROUP_ROLES } from "../spec/region";
import {
  type AggregatePlan,
  type FlavorPlan,
  planAggregates,
  planFlavors,
  planVolumeTypes,
  type VolumeTypePlan,
} from "./catalogue";
import {
  agencyStackName,
  domainName,
  externalSubnetName,
  groupName,
  type Layer,
  paastaStackName,
  pgSchemaName,
  platformStackName,
  projectName,
  stateKey,
  tenancyStackName,
} from "../names";
import { planAddresses } from "./address-plan";
import { planCompute, type ComputePlan } from "./compute";
import { dnsSites, identityOwner, ownerOrder } from "./control-plane";
import { planDns, type DnsPlan } from "./dns";
import { planPaasta, type PaastaSitePlan } from "./paasta";
import { decideAllDr } from "./dr";
import { agencySiteQuota } from "./site-quota";
import { agencySites } from "./sites";
import { agencyTags, regionTags } from "./tags";
import { planTenantNetwork, type TenantNetworkPlan } from "./tenant-network";

export { agencySites };

/**
 * The resolved decisions for a region: which stacks exist, in which layer, and everything each
 * stack needs, as plain data. No cdktf here: the diff, graph and reports reuse this.
 */

/** How a stack's OpenStack provider authenticates: by clouds.yaml entry, never by secret. */
export interface ProviderPlan {
  readonly cloud: string;
  readonly openstackRegion: string;
  /** Scope the provider to this project instead of the cloud entry's own (admin) project. */
  readonly project?: { readonly name: string; readonly domain: string };
}

export type BackendPlan =
  | { readonly type: "local"; readonly directory: string; readonly file: string }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly endpoint: string;
      readonly region: string;
      readonly key: string;
    }
  | { readonly type: "pg"; readonly schemaName: string };

interface StackPlanBase {
  readonly name: string;
  readonly layer: Layer;
  readonly site: string;
  readonly provider: ProviderPlan;
  readonly backend: BackendPlan;
  /** Stacks that must be applied first. */
  readonly dependsOn: readonly string[];
}

export interface ExternalNetworkPlan extends ExternalNetwork {
  readonly name: string;
  readonly subnetName: string;
  readonly tags: readonly string[];
}

export interface PlatformStackPlan extends StackPlanBase {
  readonly layer: "platform";
  readonly domain: {
    readonly name: string;
    readonly description: string;
    readonly tags: readonly string[];
    /**
     * The platform stack that creates the domain when this site shares Keystone with it (same
     * cloud entry); this stack then leaves the domain alone. @default - this stack creates it
     */
    readonly createdBy?: string;
  };
  readonly externalNetworks: readonly ExternalNetworkPlan[];
  /** The region's flavors, identical at every site; sorted by name. */
  readonly flavors: readonly FlavorPlan[];
  /** The region's volume types, identical at every site; sorted by name. */
  readonly volumeTypes: readonly VolumeTypePlan[];
  /** Host aggregates of the site's availability zones that list hosts; sorted by name. */
  readonly aggregates: readonly AggregatePlan[];
}

export interface GroupPlan {
  /** Stable key of the group within the agency (admins, operators, auditors). */
  readonly key: string;
  /** Keystone group name: the created group's, or the existing group's it is bound to. */
  readonly name: string;
  readonly description: string;
  readonly roles: readonly string[];
  /**
   * Bound to a Keystone group that exists already (found by name, never created or changed),
   * in this domain when it is not the agency's.
   */
  readonly existing?: { readonly domain?: string };
}

export interface ProjectPlan {
  readonly name: string;
  readonly domain: string;
  readonly description: string;
  readonly tags: readonly string[];
}

export interface TenancyStackPlan extends StackPlanBase {
  readonly layer: "tenancy";
  readonly agency: string;
  readonly project: ProjectPlan;
  readonly groups: readonly GroupPlan[];
  readonly quota: Quota;
  /**
   * The site whose tenancy stack creates the project, groups and role assignments, when this
   * site shares Keystone with it (same cloud entry): this stack finds the project by name and
   * sets this region's quotas only. @default - this stack creates them
   */
  readonly sharedIdentity?: { readonly site: string; readonly stack: string };
  /** Private GPU flavors (by flavor ID) the project is granted: all of them with a GPU quota. */
  readonly gpuFlavors: readonly string[];
}

export interface AgencyStackPlan extends StackPlanBase {
  readonly layer: "agency";
  readonly agency: string;
  readonly project: ProjectPlan;
  /** External networks of the site, found by name from the platform layer. */
  readonly externalNetworks: readonly { readonly name: string; readonly reaches: string }[];
  /** The agency's zone networks, routers and security groups at this site. */
  readonly network: TenantNetworkPlan;
  /** The systems that run at this site: instances, volumes, load balancers. */
  readonly compute: ComputePlan;
  /** The agency's DNS zone and service records here, when it exposes services. */
  readonly dns?: DnsPlan;
  /** DR sites this stack's containers sync to: the stack reads their Swift account there. */
  readonly syncTargets: readonly SyncTargetPlan[];
  /** Tags put on the agency's network resources. */
  readonly tags: readonly string[];
}

export interface SyncTargetPlan {
  readonly site: string;
  /** Swift container-sync realm and cluster: //realm/cluster/AUTH_<project>/<container>. */
  readonly realm: string;
  readonly cluster: string;
  /** The agency's project at that site, for its Swift account. */
  readonly provider: ProviderPlan;
  readonly agency: string;
}

/**
 * Layer 3 for a PaaS-TA foundation, `<foundation>-<site>`: its networks, router, security groups,
 * key pair, routers' load balancer, DNS, blobstore and BOSH files, in its own project.
 */
export interface PaastaStackPlan extends StackPlanBase {
  readonly layer: "paasta";
  /** The foundation's name: the tenant of its project, like an agency's slug. */
  readonly agency: string;
  readonly project: ProjectPlan;
  readonly foundation: PaastaSitePlan;
  /** The DR site the blobstore syncs to, with a provider to find the project's account there. */
  readonly syncTargets: readonly SyncTargetPlan[];
}

export type StackPlan = PlatformStackPlan | TenancyStackPlan | AgencyStackPlan | PaastaStackPlan;

export interface RegionPlan {
  readonly region: string;
  /** In apply order: platform stacks, then per agency its tenancy and agency stacks. */
  readonly stacks: readonly StackPlan[];
}

export interface PlanOptions {
  /**
   * Plan the stacks of these agencies only (and every platform stack). The address plan still
   * covers every agency, so a selection never hides a clash; other agencies' DR decisions are
   * their own stacks' business and are left to a run without a selection (synth, validate).
   * @default every agency
   */
  readonly agencies?: ReadonlySet<string>;
}

export function planRegion(input: RegionInput, options: PlanOptions = {}): RegionPlan {
  const region = input.region.spec;
  const prefix = regionPrefix(region);
  const domain = region.identity.domain ?? domainName(prefix);
  const sites = Object.keys(region.sites).sort();
  const stacks: StackPlan[] = [];

  // Owners first: a site that shares Keystone (or Designate) with another comes after it.
  for (const site of ownerOrder(region, sites)) {
    stacks.push(planPlatform(region, site, domain, identityOwner(region, site, sites)));
  }
  // A foundation is planned like the platform, whatever the selection: its block is checked
  // against every agency's, and a selected synth still knows its stacks.
  const foundations = planPaasta(input, domain);
  const foundationSites = foundations.map((foundation) => foundation.site);
  for (const site of ownerOrder(region, foundationSites)) {
    const foundation = foundations.find((plan) => plan.site === site)!;
    stacks.push(...planPaastaStacks(region, foundation, foundationSites));
  }
  const addresses = planAddresses(input, options.agencies);
  const planned = options.agencies
    ? input.agencies.filter((agency) => options.agencies!.has(agency.spec.slug))
    : input.agencies;
  // DR decisions concern each agency's own stacks; addresses are checked across all agencies.
  const decisions = decideAllDr(input, planned);
  for (const agency of planned) {
    const agencyDecisions = decisions.get(agency.spec.slug)!;
    const agencyAddresses = addresses.get(agency.spec.slug)!;
    const zoneCidrsBySite = new Map(
      [...agencyAddresses].map(([site, plan]) => [site, plan.zones] as const),
    );
    const tenantSites = ownerOrder(region, agencySites(agency.spec, sites));
    const parts = new Map(
      tenantSites.map((site) => {
        const network = planTenantNetwork(input, agency, site, agencyAddresses.get(site)!);
        const context = {
          input,
          agency,
          site,
          network,
          internetNetwork: internetNetworkOf(region, site),
          decisions: agencyDecisions,
          zoneCidrsBySite,
          placements: input.placements?.get(agency.spec.slug)?.spec,
        };
        const compute = planCompute(context);
        const quota = agencySiteQuota(context, compute);
        const dns = planDns(region, agency.spec, compute);
        return [site, { network, compute, quota, dns }] as const;
      }),
    );
    for (const site of tenantSites) {
      const { network, compute, quota, dns } = parts.get(site)!;
      const owner = identityOwner(region, site, tenantSites);
      const tenancy = planTenancy(region, agency.spec, site, domain, quota, owner);
      stacks.push(tenancy);
      const zoneOwner = dnsSites(region, site).find(
        (name) => tenantSites.includes(name) && parts.get(name)!.dns !== undefined,
      );
      stacks.push(
        planAgency(region, agency.spec, site, tenancy, {
          network,
          compute,
          ...(dns ? { dns: withZoneOwner(dns, agency.spec.slug, site, zoneOwner) } : {}),
          syncTargets: syncTargets(region, agency.spec.slug, compute, tenancy.project),
        }),
      );
    }
  }
  assertUniqueStackNames(input, stacks);
  return { region: region.name, stacks };
}

/** With a shared Designate, the zone is created by the first site of the pair that has it. */
function withZoneOwner(
  dns: DnsPlan,
  agency: string,
  site: string,
  owner: string | undefined,
): DnsPlan {
  if (owner === undefined || owner === site) return dns;
  return { ...dns, zoneCreatedBy: { site: owner, stack: agencyStackName(agency, owner) } };
}

function internetNetworkOf(region: RegionSpec, site: string): string | undefined {
  const networks = region.sites[site]!.externalNetworks;
  return Object.keys(networks)
    .sort()
    .find((name) => networks[name]!.reaches === "internet");
}

/** Sites whose containers this stack's containers sync to, with a provider to find the account. */
function syncTargets(
  region: RegionSpec,
  agency: string,
  compute: ComputePlan,
  project: ProjectPlan,
): SyncTargetPlan[] {
  const sites = new Set(
    compute.systems.flatMap((system) =>
      system.containers.flatMap((container) =>
        container.syncToSite !== undefined ? [container.syncToSite] : [],
      ),
    ),
  );
  return [...sites].sort().map((site) => ({
    site,
    realm: region.containerSync?.realm ?? region.name,
    cluster: site,
    provider: {
      cloud: region.sites[site]!.cloud,
      openstackRegion: region.sites[site]!.openstackRegion,
      project: { name: project.name, domain: project.domain },
    },
    agency,
  }));
}

/** Agency and site slugs join with hyphens, so two pairs could give the same stack name. */
function assertUniqueStackNames(input: RegionInput, stacks: readonly StackPlan[]): void {
  const seen = new Map<string, StackPlan>();
  for (const stack of stacks) {
    const first = seen.get(stack.name);
    if (first) {
      const agency = input.agencies.find(
        (a) => a.spec.slug === ("agency" in stack ? stack.agency : ""),
      );
      throw new TamnaError({
        location: agency ? agency.source.locate(["slug"]) : input.region.source.locate(["sites"]),
        message: `stack name "${stack.name}" is produced twice (${describeStack(first)} and ${describeStack(stack)})`,
        hint: "rename the agency or the site so that agency-site pairs stay distinct",
      });
    }
    seen.set(stack.name, stack);
  }
}

function describeStack(stack: StackPlan): string {
  if (stack.layer === "paasta") return `PaaS-TA foundation ${stack.agency} at site ${stack.site}`;
  return "agency" in stack
    ? `agency ${stack.agency} at site ${stack.site}`
    : `platform of site ${stack.site}`;
}

/** The foundation's tenancy (its project and quota, no groups) and its own stack at a site. */
function planPaastaStacks(
  region: RegionSpec,
  planned: PaastaSitePlan,
  /** Every site of the foundation: which of them creates what a shared control plane holds. */
  sites: readonly string[],
): [TenancyStackPlan, PaastaStackPlan] {
  const { site } = planned;
  const spec = region.sites[site]!;
  const tenancyName = tenancyStackName(planned.foundation, site);
  const name = paastaStackName(planned.foundation, site);
  const project = planned.project;
  // With one Keystone for two sites, the owner site's tenancy creates the project; with one
  // Designate, the owner site's stack creates the zone (as for an agency).
  const identityOwnerSite = identityOwner(region, site, sites);
  const ownerTenancy = tenancyStackName(planned.foundation, identityOwnerSite);
  const zoneOwner = dnsSites(region, site).find((other) => sites.includes(other));
  const zoneStack =
    zoneOwner !== undefined && zoneOwner !== site
      ? { site: zoneOwner, stack: paastaStackName(planned.foundation, zoneOwner) }
      : undefined;
  const foundation: PaastaSitePlan = zoneStack
    ? { ...planned, dns: { ...planned.dns, zoneCreatedBy: zoneStack } }
    : planned;
  const tenancy: TenancyStackPlan = {
    name: tenancyName,
    layer: "tenancy",
    site,
    agency: foundation.foundation,
    provider: { cloud: spec.cloud, openstackRegion: spec.openstackRegion },
    backend: planBackend(region, site, tenancyName),
    dependsOn: [platformStackName(site), ...(ownerTenancy !== tenancyName ? [ownerTenancy] : [])],
    project,
    groups: [],
    quota: foundation.quota,
    // BOSH's VMs run general flavors: the foundation is granted no GPU flavor.
    gpuFlavors: [],
    ...(ownerTenancy !== tenancyName
      ? { sharedIdentity: { site: identityOwnerSite, stack: ownerTenancy } }
      : {}),
  };
  const drSite = foundation.dr.drSite;
  const syncs = foundation.containers.some((container) => container.syncToSite !== undefined);
  return [
    tenancy,
    {
      name,
      layer: "paasta",
      site,
      agency: foundation.foundation,
      provider: {
        cloud: spec.cloud,
        openstackRegion: spec.openstackRegion,
        project: { name: project.name, domain: project.domain },
      },
      backend: planBackend(region, site, name),
      dependsOn: [platformStackName(site), tenancyName, ...(zoneStack ? [zoneStack.stack] : [])],
      project,
      foundation,
      syncTargets:
        syncs && drSite !== undefined
          ? [
              {
                site: drSite,
                realm: region.containerSync?.realm ?? region.name,
                cluster: drSite,
                provider: {
                  cloud: region.sites[drSite]!.cloud,
                  openstackRegion: region.sites[drSite]!.openstackRegion,
                  project: { name: project.name, domain: project.domain },
                },
                agency: foundation.foundation,
              },
            ]
          : [],
    },
  ];
}

export function regionPrefix(region: RegionSpec): string {
  return region.prefix ?? region.name;
}

function planPlatform(
  region: RegionSpec,
  site: string,
  domain: string,
  identityOwnerSite: string,
): PlatformStackPlan {
  const spec = region.sites[site]!;
  const name = platformStackName(site);
  return {
    name,
    layer: "platform",
    site,
    provider: { cloud: spec.cloud, openstackRegion: spec.openstackRegion },
    backend: planBackend(region, site, name),
    dependsOn: [],
    domain: {
      name: domain,
      description: `${region.displayName}: agency projects`,
      tags: regionTags(region.name),
      ...(identityOwnerSite !== site ? { createdBy: platformStackName(identityOwnerSite) } : {}),
    },
    externalNetworks: Object.keys(spec.externalNetworks)
      .sort()
      .map((network) => ({
        ...spec.externalNetworks[network]!,
        name: network,
        subnetName: externalSubnetName(network),
        tags: [
          ...regionTags(region.name),
          `reaches=${spec.externalNetworks[network]!.reaches}`,
        ].sort(),
      })),
    flavors: planFlavors(region.flavors, regionHasGpus(region)),
    volumeTypes: planVolumeTypes(region.volumeTypes),
    aggregates: planAggregates(site, spec.availabilityZones, regionHasGpus(region)),
  };
}

function planProject(region: RegionSpec, agency: AgencySpec, domain: string): ProjectPlan {
  const english = agency.englishName ? ` (${agency.englishName})` : "";
  return {
    name: projectName(agency.slug),
    domain,
    description: `${agency.name}${english}, CSAP ${agency.csapTier}`,
    tags: agencyTags(region.name, agency),
  };
}

function planTenancy(
  region: RegionSpec,
  agency: AgencySpec,
  site: string,
  domain: string,
  quota: Quota,
  identityOwnerSite: string,
): TenancyStackPlan {
  const spec = region.sites[site]!;
  const name = tenancyStackName(agency.slug, site);
  const owner = tenancyStackName(agency.slug, identityOwnerSite);
  return {
    name,
    layer: "tenancy",
    site,
    agency: agency.slug,
    provider: { cloud: spec.cloud, openstackRegion: spec.openstackRegion },
    backend: planBackend(region, site, name),
    dependsOn: [platformStackName(site), ...(owner !== name ? [owner] : [])],
    project: planProject(region, agency, domain),
    groups: AGENCY_GROUPS.map((group) => {
      const existing = agency.identity.groups[group];
      return {
        key: group,
        name: existing ? existing.existing : groupName(agency.slug, group),
        description: `${agency.name}: ${group}`,
        roles: [...(region.identity.groupRoles[group] ?? DEFAULT_GROUP_ROLES[group])].sort(),
        ...(existing
          ? { existing: existing.domain !== undefined ? { domain: existing.domain } : {} }
          : {}),
      };
    }),
    quota,
    ...(owner !== name ? { sharedIdentity: { site: identityOwnerSite, stack: owner } } : {}),
    // Only an agency with a GPU quota sees the private GPU flavors (flavor IDs are the names).
    gpuFlavors: (quota.gpus ?? 0) > 0 ? gpuFlavorNames(region) : [],
  };
}

function planAgency(
  region: RegionSpec,
  agency: AgencySpec,
  site: string,
  tenancy: TenancyStackPlan,
  parts: Pick<AgencyStackPlan, "network" | "compute" | "dns" | "syncTargets">,
): AgencyStackPlan {
  const spec = region.sites[site]!;
  const name = agencyStackName(agency.slug, site);
  return {
    name,
    layer: "agency",
    site,
    agency: agency.slug,
    provider: {
      cloud: spec.cloud,
      openstackRegion: spec.openstackRegion,
      project: { name: tenancy.project.name, domain: tenancy.project.domain },
    },
    backend: planBackend(region, site, name),
    dependsOn: [
      platformStackName(site),
      tenancy.name,
      ...(parts.dns?.zoneCreatedBy ? [parts.dns.zoneCreatedBy.stack] : []),
    ],
    project: tenancy.project,
    externalNetworks: Object.keys(spec.externalNetworks)
      .sort()
      .map((network) => ({ name: network, reaches: spec.externalNetworks[network]!.reaches })),
    network: parts.network,
    compute: parts.compute,
    ...(parts.dns ? { dns: parts.dns } : {}),
    syncTargets: parts.syncTargets,
    tags: agencyTags(region.name, agency),
  };
}

function planBackend(region: RegionSpec, site: string, stack: string): BackendPlan {
  const state: StateBackend = region.sites[site]!.state ?? region.state;
  const prefix = regionPrefix(region);
  switch (state.type) {
    case "local":
      return { type: "local", directory: state.directory, file: `${stack}.tfstate` };
    case "s3":
      return {
        type: "s3",
        bucket: state.bucket,
        endpoint: state.endpoint,
        region: state.region,
        key: stateKey(state.keyPrefix ?? prefix, stack),
      };
    case "pg":
      return { type: "pg", schemaName: pgSchemaName(state.schemaPrefix ?? prefix, stack) };
  }
}
