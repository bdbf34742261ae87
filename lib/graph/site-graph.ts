import type { AgencyStackPlan } from "../plan/region-plan";
import type { RegionInput } from "../spec/load";
import type { GraphBuilder } from "./graph-builder";
import type { TopologyNode } from "./model";
import { sortedBy } from "./order";
import { addSystems, loadBalancerKey } from "./system-graph";

/**
 * Draws one site: its cluster with the external networks, the agency's routers, transit network,
 * zone networks and DNS zone, then the systems (system-graph.ts) and the DNS records that point
 * at their load balancers. Returns the system nodes by system name, for the DR pairing.
 */
export function addSite(
  graph: GraphBuilder,
  input: RegionInput,
  stack: AgencyStackPlan,
): ReadonlyMap<string, string> {
  const region = input.region.spec;
  const { site, network } = stack;
  const siteSpec = region.sites[site]!;
  const cluster = graph.cluster(["site", site], {
    kind: "site",
    lines: [
      `${site} · ${siteSpec.role === "primary" ? "primary" : "DR"} site`,
      siteSpec.displayName,
    ],
    serving: false,
  });
  const node = (names: readonly string[], fields: Omit<TopologyNode, "id" | "cluster">) =>
    graph.node(names, { cluster, ...fields });

  const externalNetworks = new Map(
    sortedBy(stack.externalNetworks, (net) => net.name).map((net) => [
      net.name,
      node(["ext", site, net.name], {
        kind: "external-network",
        lines: [net.name, `external network: ${net.reaches}`],
      }),
    ]),
  );

  const transit = network.transit
    ? node(["transit", site, network.transit.networkName], {
        kind: "transit",
        lines: [network.transit.networkName, network.transit.cidr],
      })
    : undefined;

  const routers = new Map<string, string>(
    network.routers.map((router) => {
      const id = node(["router", site, router.name], {
        kind: "router",
        lines: [
          router.name,
          router.externalNetwork ? `gateway on ${router.externalNetwork}` : "no gateway",
          ...(transit && router.transitIp ? [`transit port ${router.transitIp}`] : []),
          ...router.routes.map((route) => `${route.destination} via ${route.nextHop}`),
        ],
      });
      if (router.externalNetwork) {
        graph.edge(externalNetworks.get(router.externalNetwork)!, id, "gateway");
      }
      // Addresses sit in the nodes they belong to; edges stay unlabelled (see the legend).
      if (transit && router.transitIp) graph.edge(id, transit, "transit");
      return [router.key, id] as const;
    }),
  );

  const zones = new Map(
    sortedBy(network.zones, (zone) => zone.zone).map((zone) => {
      const group = network.securityGroups.find((sg) => sg.zone === zone.zone);
      const classification = region.zones[zone.zone]!.classification;
      const id = node(["zone", site, zone.zone], {
        kind: "zone",
        classification,
        lines: [
          zone.networkName,
          `zone ${zone.zone} · class ${classification}`,
          `${zone.cidr} · gateway ${zone.gatewayIp}`,
          ...(group ? [`security group ${group.name} · ${group.rules.length} rules`] : []),
        ],
      });
      graph.edge(routers.get(zone.router)!, id, "attachment");
      return [zone.zone, id] as const;
    }),
  );

  const dns = stack.dns
    ? node(["dns", site, stack.dns.zoneName], {
        kind: "dns-zone",
        lines: [
          `DNS ${stack.dns.zoneName}`,
          stack.dns.records.length > 0
            ? `${stack.dns.records.length} records here`
            : "no records here: clients are served elsewhere",
        ],
      })
    : undefined;

  const { systems, loadBalancers } = addSystems(graph, stack, {
    cluster,
    zones,
    externalNetworks,
  });

  for (const record of stack.dns?.records ?? []) {
    const lb = loadBalancers.get(loadBalancerKey(record.system, record.workload));
    // The balancer's node says its DNS name: the edge needs no label.
    if (dns && lb) graph.edge(dns, lb, "record");
  }
  return systems;
}
