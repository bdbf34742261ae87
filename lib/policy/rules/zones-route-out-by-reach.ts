import { literalString } from "../json";
import { referencedElement, resourcesOfType } from "../references";
import type { PolicyContext, PolicyRule, Violation } from "../rule";
import { insideAny } from "../security-group-rules";
import {
  floatingIpPool,
  floatingIpTargetZone,
  externalNetworkReach,
  tenantRouters,
  type TenantRouter,
} from "../tenant-routers";
import { tenantZones, type TenantZones } from "../tenant-zones";

/** (d) No business or data zone gets a way to the internet (nor an internet zone to the intranet). */
export const zonesRouteOutByReach: PolicyRule = {
  id: "TAMNA-NET-004",
  level: "error",
  title: "Zones route out only to the external network they are declared to reach",
  explanation:
    "Network separation (망분리) keeps business and data zones off the internet. A zone's " +
    "subnet may only be attached to a router whose gateway is on an external network of the " +
    "class the zone `reaches` (or to a router without a gateway); a static route may lead " +
    "through another of the agency's routers only to the zones behind it, never onward to its " +
    "external network; and a floating IP may forward into a zone only from that zone's own " +
    "class of network. So a business (`intranet`) or data (`none`) zone never has a route to " +
    "the internet, and an internet-facing zone never has one into the intranet.",
  check(context) {
    const zones = tenantZones(context);
    const routers = tenantRouters(context, zones);
    return [
      ...attachments(zones, routers),
      ...routes(context, zones, routers),
      ...floatingIps(context, zones),
    ];
  },
};

function attachments(zones: TenantZones, routers: readonly TenantRouter[]): Violation[] {
  return routers.flatMap((router) =>
    router.zones.flatMap(({ zone, interface: link }): Violation[] => {
      const reach = zones.reachOf(zone);
      if (!reach || router.reach === "none" || router.reach === reach) return [];
      return [
        {
          resource: link,
          attribute: "router_id",
          message: `zone ${zone} (reaches ${reach}) is attached to router ${routerName(router)}, whose gateway ${gatewayText(router)}`,
          hint: `attach the ${zone} subnet to the agency's ${reach === "none" ? "internal router (no gateway)" : `${reach} router`}`,
        },
      ];
    }),
  );
}

function routes(
  context: PolicyContext,
  zones: TenantZones,
  routers: readonly TenantRouter[],
): Violation[] {
  return resourcesOfType(context, "openstack_networking_router_route_v2").flatMap(
    (route): Violation[] => {
      const router = routers.find(
        (r) => r.resource === referencedElement(context, route.attributes.router_id),
      );
      const nextHop = literalString(route.attributes.next_hop);
      const destination = literalString(route.attributes.destination_cidr);
      const hop = routers.find((r) => r !== router && nextHop && r.addresses.includes(nextHop));
      if (!router || !hop || !destination || hop.reach === "none") return [];
      // Reaching the zones behind the other router is what the transit link is for.
      if (insideAny(destination, hop.cidrs)) return [];
      const exposed = router.zones
        .map(({ zone }) => zone)
        .filter((zone) => zones.reachOf(zone) !== hop.reach);
      if (exposed.length === 0) return [];
      return [
        {
          resource: route,
          attribute: "destination_cidr",
          message: `${exposed.length > 1 ? "zones" : "zone"} ${exposed.join(", ")} ${exposed.length > 1 ? "get" : "gets"} a route to ${destination} through router ${routerName(hop)}, whose gateway ${gatewayText(hop)}`,
          hint: "route only to the zone subnets behind the other router; traffic out of the tenant must leave through the zone's own router",
        },
      ];
    },
  );
}

function floatingIps(context: PolicyContext, zones: TenantZones): Violation[] {
  return resourcesOfType(context, "openstack_networking_floatingip_v2").flatMap(
    (floatingIp): Violation[] => {
      const pool = floatingIpPool(context, floatingIp);
      const reach = pool ? externalNetworkReach(context, pool) : undefined;
      const zone = floatingIpTargetZone(context, zones, floatingIp);
      const zoneReach = zone ? zones.reachOf(zone) : undefined;
      if (!reach || !zone || !zoneReach || zoneReach === reach) return [];
      return [
        {
          resource: floatingIp,
          attribute: "port_id",
          message: `a floating IP from ${pool} (the ${reach}) forwards into zone ${zone}, which reaches ${zoneReach}`,
          hint: `put the service behind a load balancer in a zone that reaches the ${reach}, or take the floating IP from a ${zoneReach} network`,
        },
      ];
    },
  );
}

function routerName(router: TenantRouter): string {
  return literalString(router.resource.attributes.name) ?? router.resource.address;
}

function gatewayText(router: TenantRouter): string {
  return router.reach === "unknown"
    ? "is on an external network that cannot be identified offline (refer to it through a data source by name)"
    : `is on ${router.gateway ?? "an external network"} (the ${router.reach})`;
}
