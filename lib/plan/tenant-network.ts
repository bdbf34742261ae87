import { TamnaError } from "../errors";
import { hostAt } from "../net/cidr";
import type { AgencySpec } from "../spec/agency";
import type { RegionInput, Sourced } from "../spec/load";
import type { AgencyAddresses } from "./address-plan";
import { exposedPorts } from "./exposed-ports";
import { planSecurityGroups, type SecurityGroupPlan } from "./security-rules";
import { planRouting, type RoutingPlan } from "./tenant-routing";

/** Everything an agency's networks at one site consist of, as plain data. */
export interface ZoneNetworkPlan {
  readonly zone: string;
  readonly networkName: string;
  readonly subnetName: string;
  readonly cidr: string;
  readonly gatewayIp: string;
  /** Addresses 2-9 stay out of the pool for fixed IPs such as load balancer VIPs. */
  readonly allocationPool: { readonly start: string; readonly end: string };
  readonly dnsNameservers: readonly string[];
  /** Key of the router the zone's subnet is attached to. */
  readonly router: string;
}

export interface TenantNetworkPlan extends RoutingPlan {
  readonly zones: readonly ZoneNetworkPlan[];
  readonly securityGroups: readonly SecurityGroupPlan[];
}

export function planTenantNetwork(
  input: RegionInput,
  agency: Sourced<AgencySpec>,
  site: string,
  addresses: AgencyAddresses,
): TenantNetworkPlan {
  const region = input.region.spec;
  const siteSpec = region.sites[site]!;
  const slug = agency.spec.slug;
  const zones = agency.spec.zones;

  // Each reach a zone needs must exist at the site as an external network.
  const missing = zones.filter((zone) => {
    const reach = region.zones[zone]!.reaches;
    return (
      reach !== "none" && !Object.values(siteSpec.externalNetworks).some((n) => n.reaches === reach)
    );
  });
  if (missing.length > 0) {
    const zone = missing[0]!;
    const reach = region.zones[zone]!.reaches;
    throw new TamnaError({
      location: agency.source.locate(["zones", zones.indexOf(zone)]),
      message: `zone "${zone}" reaches the ${reach}, but site "${site}" has no external network that does`,
      hint: `declare an external network with reaches: ${reach} under sites.${site}.externalNetworks in the region file, or drop the zone`,
    });
  }

  const routing = planRouting(
    region,
    { name: site, spec: siteSpec },
    slug,
    addresses.zones,
    addresses.transit,
  );
  const routerOf = (zone: string) =>
    routing.routers.find((router) => router.zones.includes(zone))!.key;
  // The site resolvers sit on the intranet: zones routed there use them directly. Other zones
  // have no route to them and use the resolver of their own subnet's DHCP port (Neutron's
  // dnsmasq), which forwards upstream from the network node.
  const usesSiteResolvers = (zone: string) => region.zones[zone]!.reaches === "intranet";
  const dnsTargets = Object.fromEntries(
    zones.map((zone) => [
      zone,
      usesSiteResolvers(zone)
        ? siteSpec.dnsNameservers.map((resolver) => `${resolver}/32`)
        : [addresses.zones[zone]!],
    ]),
  );

  return {
    ...routing,
    zones: zones.map((zone) => {
      const cidr = addresses.zones[zone]!;
      return {
        zone,
        networkName: `${slug}-${zone}`,
        subnetName: `${slug}-${zone}-subnet`,
        cidr,
        gatewayIp: hostAt(cidr, 1),
        allocationPool: { start: hostAt(cidr, 10), end: hostAt(cidr, -2) },
        dnsNameservers: usesSiteResolvers(zone) ? siteSpec.dnsNameservers : [],
        router: routerOf(zone),
      };
    }),
    securityGroups: planSecurityGroups(region, slug, zones, dnsTargets, exposedPorts(agency.spec)),
  };
}
