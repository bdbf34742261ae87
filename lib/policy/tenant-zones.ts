import type { Reach } from "../plan/tenant-routing";
import { literalString } from "./json";
import { paastaNetworkName } from "../names";
import { agencyPlanOf, paastaPlanOf, referencedElement, resourcesOfType } from "./references";
import type { PolicyContext } from "./rule";
import type { PolicyResource } from "./stack-view";

/**
 * Which security zone a network, subnet or security group of an agency stack belongs to. The
 * plan names them `<agency>-<zone>` (networks, security groups) and `<agency>-<zone>-subnet`;
 * workloads may add their own as `<agency>-<zone>-<anything>`. So the zone is the longest zone
 * name that, after the agency slug, forms the whole name or a prefix of it ending in a hyphen.
 */
export interface TenantZones {
  /** The agency's zones, from its plan, or the region's whole catalogue. */
  readonly zones: readonly string[];
  zoneOfName(name: unknown): string | undefined;
  /** Zone of a subnet, by its name or its network's name. */
  zoneOfSubnet(subnet: PolicyResource): string | undefined;
  /** Zone of a network resource or of the network a resource's `network_id` refers to. */
  zoneOfNetworkId(networkId: unknown): string | undefined;
  /** What the zone's declaration says it reaches. */
  reachOf(zone: string): Reach | undefined;
  /** Address ranges of the zone's subnets in this stack, else in the plan. */
  cidrsOf(zone: string): string[];
}

export function tenantZones(context: PolicyContext): TenantZones {
  const agency = context.stack.agency;
  const plan = agencyPlanOf(context);
  const foundation = paastaPlanOf(context)?.foundation;
  const zones = plan
    ? plan.network.zones.map((zone) => zone.zone)
    : foundation
      ? [foundation.loadBalancer.zone, foundation.management.zone]
      : Object.keys(context.region.spec.zones);

  const zoneOfName = (value: unknown): string | undefined => {
    const name = literalString(value);
    if (!agency || !name) return undefined;
    // A PaaS-TA foundation's Cloud Foundry network is exposed like its exposure zone, its
    // management network is the management zone's; its BOSH network belongs to no zone.
    if (foundation) {
      const named = (network: string) => {
        const full = paastaNetworkName(foundation.foundation, network);
        return name === full || name.startsWith(`${full}-`);
      };
      if (named("cf")) return foundation.loadBalancer.zone;
      return named(foundation.management.zone) ? foundation.management.zone : undefined;
    }
    const matches = zones.filter(
      (zone) => name === `${agency}-${zone}` || name.startsWith(`${agency}-${zone}-`),
    );
    return matches.sort((a, b) => b.length - a.length)[0];
  };
  const zoneOfNetworkId = (networkId: unknown): string | undefined => {
    const network = referencedElement(context, networkId);
    return network ? zoneOfName(network.attributes.name) : undefined;
  };
  const zoneOfSubnet = (subnet: PolicyResource): string | undefined =>
    zoneOfName(subnet.attributes.name) ?? zoneOfNetworkId(subnet.attributes.network_id);

  return {
    zones,
    zoneOfName,
    zoneOfSubnet,
    zoneOfNetworkId,
    reachOf: (zone) => context.region.spec.zones[zone]?.reaches,
    cidrsOf: (zone) => {
      const synthesized = resourcesOfType(context, "openstack_networking_subnet_v2")
        .filter((subnet) => zoneOfSubnet(subnet) === zone)
        .flatMap((subnet) => literalString(subnet.attributes.cidr) ?? []);
      if (synthesized.length > 0) return synthesized;
      return plan?.network.zones.filter((z) => z.zone === zone).map((z) => z.cidr) ?? [];
    },
  };
}
