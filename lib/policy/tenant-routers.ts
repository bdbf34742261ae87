import type { Reach } from "../plan/tenant-routing";
import { isRecord, literalString } from "./json";
import { platformPlanOf, referencedElement, resolvedName, resourcesOfType } from "./references";
import type { PolicyContext } from "./rule";
import type { PolicyResource } from "./stack-view";
import type { TenantZones } from "./tenant-zones";

/**
 * The routers of an agency stack as the synthesized JSON wires them: what each router's gateway
 * reaches (found through the external network's name), which zones are attached to it, and the
 * addresses it owns (subnet gateways and transit ports), so that a route's next hop can be
 * traced to the router behind it.
 */

/** What a gateway reaches; unknown when the external network cannot be identified offline. */
export type GatewayReach = Reach | "unknown";

export interface TenantRouter {
  readonly resource: PolicyResource;
  readonly reach: GatewayReach;
  /** Name of the external network of the gateway, when known. */
  readonly gateway?: string;
  /** Zones whose subnets are attached, with the interface that attaches each. */
  readonly zones: readonly { readonly zone: string; readonly interface: PolicyResource }[];
  /** Address ranges of the attached subnets. */
  readonly cidrs: readonly string[];
  /** Addresses of the router's own interfaces. */
  readonly addresses: readonly string[];
}

export function tenantRouters(context: PolicyContext, zones: TenantZones): TenantRouter[] {
  const interfaces = resourcesOfType(context, "openstack_networking_router_interface_v2");
  return resourcesOfType(context, "openstack_networking_router_v2").map((router) => {
    const attached = interfaces.filter(
      (link) => referencedElement(context, link.attributes.router_id) === router,
    );
    const zoneLinks: { zone: string; interface: PolicyResource }[] = [];
    const cidrs: string[] = [];
    const addresses: string[] = [];
    for (const link of attached) {
      const subnet = referencedElement(context, link.attributes.subnet_id);
      if (subnet) {
        const zone = zones.zoneOfSubnet(subnet);
        if (zone) zoneLinks.push({ zone, interface: link });
        const cidr = literalString(subnet.attributes.cidr);
        if (cidr) cidrs.push(cidr);
        const gateway = literalString(subnet.attributes.gateway_ip);
        if (gateway) addresses.push(gateway);
      }
      const port = referencedElement(context, link.attributes.port_id);
      if (port) addresses.push(...fixedIps(port));
    }
    const gateway = gatewayOf(context, router);
    return {
      resource: router,
      ...gateway,
      zones: zoneLinks,
      cidrs,
      addresses,
    };
  });
}

function gatewayOf(
  context: PolicyContext,
  router: PolicyResource,
): { reach: GatewayReach; gateway?: string } {
  const id = router.attributes.external_network_id;
  if (id === undefined || id === null) return { reach: "none" };
  const network = referencedElement(context, id);
  const name = network ? literalString(network.attributes.name) : undefined;
  const reach = name ? externalNetworkReach(context, name, network) : undefined;
  return { reach: reach ?? "unknown", ...(name ? { gateway: name } : {}) };
}

/**
 * What an external network reaches, by name: from the site's platform plan, or from the
 * `reaches=` tag the platform layer puts on the network when the resource itself is at hand.
 */
export function externalNetworkReach(
  context: PolicyContext,
  name: string,
  resource?: PolicyResource,
): Reach | undefined {
  const planned = platformPlanOf(context, context.stack.site)?.externalNetworks.find(
    (network) => network.name === name,
  );
  if (planned) return planned.reaches;
  const tags = resource?.attributes.tags;
  const tag = Array.isArray(tags)
    ? tags.find((t): t is string => typeof t === "string" && t.startsWith("reaches="))
    : undefined;
  const reach = tag?.slice("reaches=".length);
  return reach === "internet" || reach === "intranet" ? reach : undefined;
}

/** The external network a floating IP is allocated from, by its `pool` name. */
export function floatingIpPool(
  context: PolicyContext,
  floatingIp: PolicyResource,
): string | undefined {
  return resolvedName(context, floatingIp.attributes.pool);
}

/**
 * The zone a floating IP's address is forwarded into: the network of the port it is bound to,
 * or the VIP subnet or network of the load balancer whose VIP port it is bound to.
 */
export function floatingIpTargetZone(
  context: PolicyContext,
  zones: TenantZones,
  floatingIp: PolicyResource,
): string | undefined {
  const target = referencedElement(context, floatingIp.attributes.port_id);
  if (!target) return undefined;
  if (target.type === "openstack_networking_port_v2")
    return zones.zoneOfNetworkId(target.attributes.network_id);
  if (target.type === "openstack_lb_loadbalancer_v2") {
    const subnet = referencedElement(context, target.attributes.vip_subnet_id);
    return (
      (subnet ? zones.zoneOfSubnet(subnet) : undefined) ??
      zones.zoneOfNetworkId(target.attributes.vip_network_id)
    );
  }
  return undefined;
}

function fixedIps(port: PolicyResource): string[] {
  const list = port.attributes.fixed_ip;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) =>
    isRecord(entry) && literalString(entry.ip_address) ? [entry.ip_address as string] : [],
  );
}
