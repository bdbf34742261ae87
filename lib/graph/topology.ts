import { closest } from "fastest-levenshtein";
import { TamnaError } from "../errors";
import type { InstancePlan, SystemPlan, WorkloadPlan } from "../plan/compute";
import type { LoadBalancerPlan } from "../plan/load-balancer";
import type { AgencyStackPlan, RegionPlan } from "../plan/region-plan";
import { replicatesData } from "../spec/dr";
import type { RegionInput } from "../spec/load";
import type { ZoneSpec } from "../spec/zones";

/**
 * An agency's topology as a small graph, from the plan alone: per site a cluster with the
 * external networks, the agency's routers, transit network, zone networks and DNS zone, and per
 * system a cluster with its workloads and load balancers; DR pairing edges join a system's home
 * site to its copy. The renderers (mermaid.ts, dot.ts) only lay this out, so both show the same.
 */

export type NodeKind =
  | "external-network"
  | "router"
  | "transit"
  | "zone"
  | "dns-zone"
  | "system"
  | "workload"
  | "load-balancer";

export interface TopologyNode {
  /** A valid Mermaid and DOT identifier, derived from names: stable across runs. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The first line names the node; the others describe it. */
  readonly lines: readonly string[];
  /** The innermost cluster holding the node. */
  readonly cluster: string;
  /** Zones only: the zone's N²SF data classification. */
  readonly classification?: ZoneSpec["classification"];
  /** Systems only: clients are sent here (the active site; both sites when active-active). */
  readonly serving?: boolean;
}

export type EdgeKind =
  | "gateway"
  | "transit"
  | "attachment"
  | "vip"
  | "member"
  | "floating-ip"
  | "record"
  | "part-of"
  | "dr";

/**
 * part-of joins a workload to its system's node; the system's cluster already shows that, so
 * renderers draw it invisibly, as a layout hint that keeps the system node beside its workloads.
 */
export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface TopologyCluster {
  readonly id: string;
  readonly kind: "site" | "system";
  readonly lines: readonly string[];
  /** The enclosing cluster; site clusters have none. */
  readonly parent?: string;
  /** A system's cluster at a site that serves it. */
  readonly serving: boolean;
}

export interface TopologyGraph {
  readonly title: string;
  /** Parents before their children. */
  readonly clusters: readonly TopologyCluster[];
  readonly nodes: readonly TopologyNode[];
  /** Sorted by source, target and kind. */
  readonly edges: readonly TopologyEdge[];
  /** What is not drawn as an edge: DR pairings with a site left out, systems without a copy. */
  readonly notes: readonly string[];
}

export interface TopologySelection {
  readonly agency: string;
  /** Only this site. @default - every site where the agency has a tenant */
  readonly site?: string;
}

/** Identifier the renderers give the notes box; never handed to a node or cluster. */
export const NOTES_ID = "notes";

export function agencyTopology(
  input: RegionInput,
  plan: RegionPlan,
  selection: TopologySelection,
): TopologyGraph {
  const stacks = selectStacks(plan, selection);
  const graph = new GraphBuilder();
  const systemNodes = new Map(
    stacks.map((stack) => [stack.site, addSite(graph, input, stack)] as const),
  );
  const notes = drPairing(graph, stacks, systemNodes);
  const agency = input.agencies.find((a) => a.spec.slug === selection.agency)!.spec;
  const where = selection.site !== undefined ? ` at ${selection.site}` : "";
  return {
    title: `${agency.slug} · ${agency.name}${where}`,
    clusters: graph.clusters,
    nodes: graph.nodes,
    edges: [...graph.edges].sort(compareEdges),
    notes,
  };
}

/** The agency's stacks, by site; an unknown agency or site names the valid ones. */
function selectStacks(plan: RegionPlan, selection: TopologySelection): AgencyStackPlan[] {
  const all = plan.stacks.filter((stack): stack is AgencyStackPlan => stack.layer === "agency");
  const agencies = [...new Set(all.map((stack) => stack.agency))].sort();
  if (!agencies.includes(selection.agency)) {
    throw unknown(`agency "${selection.agency}" is not in the region`, selection.agency, agencies);
  }
  const stacks = all
    .filter((stack) => stack.agency === selection.agency)
    .sort((a, b) => compareText(a.site, b.site));
  if (selection.site === undefined) return stacks;
  const sites = stacks.map((stack) => stack.site);
  if (!sites.includes(selection.site)) {
    throw unknown(
      `agency "${selection.agency}" has no tenant at site "${selection.site}"`,
      selection.site,
      sites,
    );
  }
  return stacks.filter((stack) => stack.site === selection.site);
}

function unknown(message: string, received: string, known: readonly string[]): TamnaError {
  return new TamnaError({
    location: {},
    message,
    received,
    allowed: known.join(", ") || "none: the region has no agency files",
    ...(known.length > 0 ? { hint: `did you mean "${closest(received, [...known])}"?` } : {}),
  });
}

/** Draws one site; returns the system nodes by system name, for the DR pairing. */
function addSite(
  graph: GraphBuilder,
  input: RegionInput,
  stack: AgencyStackPlan,
): Map<string, string> {
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

  const externals = new Map(
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
          ...router.routes.map((route) => `${route.destination} via ${route.nextHop}`),
        ],
      });
      if (router.externalNetwork) {
        graph.edge(externals.get(router.externalNetwork)!, id, "gateway");
      }
      if (transit && router.transitIp) graph.edge(id, transit, "transit", router.transitIp);
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
          zone.cidr,
          ...(group ? [`security group ${group.name} · ${group.rules.length} rules`] : []),
        ],
      });
      graph.edge(routers.get(zone.router)!, id, "attachment", zone.gatewayIp);
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

  const systems = new Map<string, string>();
  const loadBalancers = new Map<string, string>();
  for (const system of sortedBy(stack.compute.systems, (s) => s.name)) {
    const parent = graph.cluster(["system", site, system.name], {
      kind: "system",
      parent: cluster,
      lines: [`system ${system.name}`],
      serving: system.servesHere,
    });
    systems.set(
      system.name,
      graph.node(["sys", site, system.name], {
        kind: "system",
        cluster: parent,
        serving: system.servesHere,
        lines: systemLines(system),
      }),
    );
    for (const workload of sortedBy(system.workloads, (w) => w.name)) {
      const id = graph.node(["workload", site, system.name, workload.name], {
        kind: "workload",
        cluster: parent,
        lines: workloadLines(stack.agency, workload),
      });
      graph.edge(id, systems.get(system.name)!, "part-of");
      const zone = zones.get(workload.zone)!;
      const lb = workload.loadBalancer;
      // The VIP and the members share the zone's subnet: traffic goes zone -> VIP -> members.
      if (!lb) {
        graph.edge(zone, id, "attachment");
        continue;
      }
      const lbId = graph.node(["lb", site, lb.name], {
        kind: "load-balancer",
        cluster: parent,
        lines: loadBalancerLines(lb),
      });
      graph.edge(zone, lbId, "vip", "VIP");
      graph.edge(lbId, id, "member");
      if (lb.floatingIpNetwork) {
        graph.edge(externals.get(lb.floatingIpNetwork)!, lbId, "floating-ip", "floating IP");
      }
      loadBalancers.set(`${system.name}/${workload.name}`, lbId);
    }
  }

  for (const record of stack.dns?.records ?? []) {
    const lb = loadBalancers.get(`${record.system}/${record.workload}`);
    if (dns && lb) graph.edge(dns, lb, "record", record.key);
  }
  return systems;
}

function systemLines(system: SystemPlan): string[] {
  const { dr } = system;
  return [
    system.displayName,
    `grade ${system.grade} · DR ${dr.mode}`,
    system.role === "primary" ? "home site" : `DR copy of ${dr.homeSite}`,
    system.servesHere ? "active: serves clients here" : `standby: active at ${dr.activeSite}`,
    ...system.containers.map(
      (container) =>
        `container ${container.name}${container.syncToSite ? ` syncs to ${container.syncToSite}` : ""}`,
    ),
  ];
}

/** Instances by availability zone, named without the agency and system prefix they all share. */
function workloadLines(agency: string, workload: WorkloadPlan): string[] {
  const prefix = `${agency}-${workload.system}-`;
  const short = (instance: InstancePlan) =>
    (instance.name.startsWith(prefix) ? instance.name.slice(prefix.length) : instance.name) +
    (instance.fixedIp ? ` (${instance.fixedIp})` : "");
  const zones = [...new Set(workload.instances.map((i) => i.availabilityZone))].sort();
  return [
    `workload ${workload.name}`,
    `${workload.instances.length} × ${workload.flavor}`,
    ...zones.map(
      (zone) =>
        `${zone}: ${workload.instances
          .filter((i) => i.availabilityZone === zone)
          .map(short)
          .join(", ")}`,
    ),
  ];
}

function loadBalancerLines(lb: LoadBalancerPlan): string[] {
  const listeners = lb.listeners.map(
    (l) => `${l.protocol} ${l.port}${l.targetPort !== l.port ? `→${l.targetPort}` : ""}`,
  );
  return [
    `load balancer ${lb.name}`,
    listeners.join(", "),
    lb.floatingIpNetwork ? `floating IP on ${lb.floatingIpNetwork}` : "internal VIP only",
    `DNS name ${lb.dnsName}`,
  ];
}

/**
 * A dashed edge from each system's home-site node to its copy at the DR site, labelled with the
 * mode; a note instead when one of the two sites is not drawn, or the system has no copy.
 */
function drPairing(
  graph: GraphBuilder,
  stacks: readonly AgencyStackPlan[],
  systemNodes: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string[] {
  const decisions = new Map(
    stacks.flatMap((stack) => stack.compute.systems.map((s) => [s.name, s.dr] as const)),
  );
  const notes: string[] = [];
  for (const name of [...decisions.keys()].sort(compareText)) {
    const dr = decisions.get(name)!;
    if (dr.drSite === undefined || !replicatesData(dr.mode)) {
      const backups = dr.drSite !== undefined ? `, backups at ${dr.drSite}` : "";
      notes.push(`${name}: DR ${dr.mode}${backups}; no standby copy, runs only at ${dr.homeSite}`);
      continue;
    }
    const home = systemNodes.get(dr.homeSite)?.get(name);
    const copy = systemNodes.get(dr.drSite)?.get(name);
    if (home !== undefined && copy !== undefined) graph.edge(home, copy, "dr", dr.mode);
    else {
      notes.push(
        `${name}: DR ${dr.mode} from ${dr.homeSite} to ${dr.drSite}; active at ${dr.activeSite}`,
      );
    }
  }
  return notes;
}

/** Collects clusters, nodes and edges, handing out identifiers unique within the graph. */
class GraphBuilder {
  readonly clusters: TopologyCluster[] = [];
  readonly nodes: TopologyNode[] = [];
  readonly edges: TopologyEdge[] = [];
  private readonly taken = new Set<string>([NOTES_ID]);

  cluster(names: readonly string[], fields: Omit<TopologyCluster, "id">): string {
    const id = this.identifier(names);
    this.clusters.push({ id, ...fields });
    return id;
  }

  node(names: readonly string[], fields: Omit<TopologyNode, "id">): string {
    const id = this.identifier(names);
    this.nodes.push({ id, ...fields });
    return id;
  }

  edge(from: string, to: string, kind: EdgeKind, label?: string): void {
    this.edges.push({ from, to, kind, ...(label !== undefined ? { label } : {}) });
  }

  /**
   * Letters, digits and underscores only, so that neither Mermaid nor DOT needs quoting; the
   * first name is a kind prefix, so it never starts with a digit or is a keyword. Names that
   * sanitise alike get a suffix, in the (sorted) order they are drawn.
   */
  private identifier(names: readonly string[]): string {
    const base = names.join("_").replace(/[^A-Za-z0-9]+/g, "_");
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.taken.add(id);
    return id;
  }
}

function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareText(key(a), key(b)));
}

function compareEdges(a: TopologyEdge, b: TopologyEdge): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.kind, b.kind);
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
