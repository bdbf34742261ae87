import type { PaastaStackPlan } from "../plan/region-plan";
import type { RegionInput } from "../spec/load";
import { replicatesData } from "../spec/dr";
import { GraphBuilder } from "./graph-builder";
import type { TopologyGraph } from "./model";
import { compareText } from "./order";

/**
 * A PaaS-TA foundation's topology, drawn like an agency's: per site its external network,
 * router, BOSH and Cloud Foundry networks, DNS zone, and a system cluster with the BOSH director,
 * the gorouters BOSH deploys and their load balancer; a DR edge pairs the two sites.
 */
export function paastaTopology(
  input: RegionInput,
  stacks: readonly PaastaStackPlan[],
  site: string | undefined,
): TopologyGraph {
  const region = input.region.spec;
  const graph = new GraphBuilder();
  const systems = new Map<string, string>();
  for (const stack of stacks) {
    const { foundation } = stack;
    const siteSpec = region.sites[stack.site]!;
    const cluster = graph.cluster(["site", stack.site], {
      kind: "site",
      lines: [
        `${stack.site} · ${siteSpec.role === "primary" ? "primary" : "DR"} site`,
        siteSpec.displayName,
      ],
      serving: false,
    });
    const external = foundation.router.externalNetwork;
    const externalId = graph.node(["ext", stack.site, external], {
      kind: "external-network",
      cluster,
      lines: [external, `external network: ${siteSpec.externalNetworks[external]!.reaches}`],
    });
    const router = graph.node(["router", stack.site, foundation.router.name], {
      kind: "router",
      cluster,
      lines: [foundation.router.name, `gateway on ${external}`],
    });
    graph.edge(externalId, router, "gateway");
    const mgmtZone = foundation.management.zone;
    const mgmtPlan = foundation.management.router;
    let mgmtRouter: string | undefined;
    if (mgmtPlan) {
      mgmtRouter = graph.node(["router", stack.site, mgmtPlan.name], {
        kind: "router",
        cluster,
        lines: [
          mgmtPlan.name,
          mgmtPlan.externalNetwork ? `gateway on ${mgmtPlan.externalNetwork}` : "no gateway",
        ],
      });
      const link = foundation.management.transit!;
      const transit = graph.node(["transit", stack.site, link.networkName], {
        kind: "transit",
        cluster,
        lines: [link.networkName, link.cidr],
      });
      graph.edge(router, transit, "transit");
      graph.edge(mgmtRouter, transit, "transit");
      if (mgmtPlan.externalNetwork) {
        const reach = siteSpec.externalNetworks[mgmtPlan.externalNetwork]!.reaches;
        const ext = graph.node(["ext", stack.site, mgmtPlan.externalNetwork], {
          kind: "external-network",
          cluster,
          lines: [mgmtPlan.externalNetwork, `external network: ${reach}`],
        });
        graph.edge(ext, mgmtRouter, "gateway");
      }
    }
    const zoneOf = (key: string) =>
      key === "cf" ? foundation.loadBalancer.zone : key === "mgmt" ? mgmtZone : undefined;
    const networks = new Map<string, string>();
    for (const network of foundation.networks) {
      const zone = zoneOf(network.key);
      const group = foundation.securityGroups.find(
        (sg) => sg.zone === (network.key === "mgmt" ? mgmtZone : network.key),
      );
      const id = graph.node(["zone", stack.site, network.name], {
        kind: "zone",
        ...(zone !== undefined ? { classification: region.zones[zone]!.classification } : {}),
        cluster,
        lines: [
          network.name,
          network.key === "bosh"
            ? "BOSH network"
            : network.key === "cf"
              ? `Cloud Foundry network · exposed like zone ${foundation.loadBalancer.zone}`
              : `management network (zone ${mgmtZone}) · operators' jumpboxes`,
          `${network.cidr} · gateway ${network.gatewayIp}`,
          ...(group ? [`security group ${group.name} · ${group.rules.length} rules`] : []),
        ],
      });
      graph.edge(
        mgmtRouter && mgmtPlan!.networks.includes(network.key) ? mgmtRouter : router,
        id,
        "attachment",
      );
      networks.set(network.key, id);
    }
    const dns = graph.node(["dns", stack.site, foundation.dns.zoneName], {
      kind: "dns-zone",
      cluster,
      lines: [
        `DNS ${foundation.dns.zoneName}`,
        foundation.dns.records.length > 0
          ? `${foundation.dns.records.length} records here`
          : "no records here: clients are served elsewhere",
      ],
    });
    const system = graph.cluster(["system", stack.site, foundation.foundation], {
      kind: "system",
      parent: cluster,
      lines: [`system ${foundation.foundation}`],
      serving: foundation.servesHere,
    });
    const systemId = graph.node(["sys", stack.site, foundation.foundation], {
      kind: "system",
      cluster: system,
      serving: foundation.servesHere,
      lines: [
        `${foundation.foundation} · PaaS-TA foundation`,
        `grade ${foundation.dr.grade} · DR ${foundation.dr.mode}`,
        foundation.role === "primary" ? "home site" : "standby site",
      ],
    });
    systems.set(stack.site, systemId);
    const director = graph.node(["workload", stack.site, foundation.foundation, "director"], {
      kind: "workload",
      cluster: system,
      lines: [
        "BOSH director",
        `bosh_ip ${foundation.addresses.directorIp}`,
        "created by bosh create-env",
      ],
    });
    graph.edge(director, systemId, "part-of");
    graph.edge(networks.get("bosh")!, director, "attachment");
    const routers = graph.node(["workload", stack.site, foundation.foundation, "gorouter"], {
      kind: "workload",
      cluster: system,
      lines: ["gorouters", "deployed by BOSH into the pools"],
    });
    graph.edge(routers, systemId, "part-of");
    const lb = foundation.loadBalancer;
    const lbId = graph.node(["lb", stack.site, lb.name], {
      kind: "load-balancer",
      cluster: system,
      lines: [
        lb.name,
        `TCP ${lb.listeners.map((listener) => listener.port).join(", ")}`,
        `*.${foundation.domains.system}, *.${foundation.domains.apps}`,
      ],
    });
    graph.edge(networks.get("cf")!, lbId, "vip");
    graph.edge(lbId, routers, "member");
    graph.edge(externalId, lbId, "floating-ip");
    if (foundation.dns.records.length > 0) graph.edge(dns, lbId, "record");
  }

  const { dr } = stacks[0]!.foundation;
  const notes: string[] = [];
  const home = systems.get(dr.homeSite);
  const copy = dr.drSite !== undefined ? systems.get(dr.drSite) : undefined;
  if (dr.drSite === undefined || !replicatesData(dr.mode)) {
    notes.push(`${stacks[0]!.agency}: DR ${dr.mode}; no standby copy, runs only at ${dr.homeSite}`);
  } else if (home !== undefined && copy !== undefined) {
    graph.edge(home, copy, "dr", dr.mode);
  } else {
    notes.push(
      `${stacks[0]!.agency}: DR ${dr.mode} from ${dr.homeSite} to ${dr.drSite}; active at ${dr.activeSite}`,
    );
  }
  const where = site !== undefined ? ` at ${site}` : "";
  return {
    title: `${stacks[0]!.agency} · ${stacks[0]!.foundation.displayName}${where}`,
    clusters: graph.clusters,
    nodes: graph.nodes,
    edges: [...graph.edges].sort(
      (a, b) =>
        compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.kind, b.kind),
    ),
    notes,
  };
}
