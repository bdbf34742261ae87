/**
 * The changed part of the network topology: networks, subnets, routers, security groups,
 * instances and load balancers that changed, what they are attached to, and the edges between
 * them, derived from the references in the Terraform JSON.
 *
 * Other resources (router interfaces, ports, routes, rules) are connectors: a router interface
 * that references a router and a subnet draws an edge router-subnet; a rule that references its
 * group and a remote group draws group-group; an instance that references a port draws edges to
 * the port's network, subnet and groups. A change to a connector marks its ends as touched.
 */
import { templateLiteral } from "../template";
import { compareText, type StackComparison } from "./compare-stack";
import type { ResourceAction, TopologyEdge, TopologyGraph, TopologyNode } from "./model";
import { knownReferencesIn, rewriteReferences } from "./references";
import { blocksOf, type Block, type Body } from "./terraform-json";
import { stringsIn } from "./values";

export const TOPOLOGY_KINDS: Readonly<Record<string, TopologyNode["kind"]>> = {
  openstack_networking_network_v2: "network",
  openstack_networking_subnet_v2: "subnet",
  openstack_networking_router_v2: "router",
  openstack_networking_secgroup_v2: "security group",
  openstack_compute_instance_v2: "instance",
  openstack_lb_loadbalancer_v2: "load balancer",
};

/** References that only order or protect; they are not links. */
const NOT_LINKS = new Set(["depends_on", "lifecycle"]);

export function topologyOf(comparisons: readonly StackComparison[]): TopologyGraph {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  for (const comparison of comparisons) {
    const graph = stackTopology(comparison);
    nodes.push(...graph.nodes);
    edges.push(...graph.edges);
  }
  return { nodes, edges };
}

function stackTopology(comparison: StackComparison): TopologyGraph {
  const stack = comparison.diff.stack;
  const actions = new Map<string, ResourceAction>(
    comparison.diff.resources.map((change) => [change.address, change.action]),
  );
  if (actions.size === 0) return { nodes: [], edges: [] };

  // Everything in the head, plus what the head destroys (with references followed through moves).
  const blocks = new Map<string, Block>(blocksOf(comparison.head, "resource"));
  for (const block of blocksOf(comparison.base, "resource").values()) {
    if (actions.get(block.address) === "destroy") {
      blocks.set(block.address, {
        ...block,
        body: rewriteReferences(block.body, comparison.moves) as Body,
      });
    }
  }
  const direct = new Map<string, Set<string>>();
  for (const block of blocks.values()) direct.set(block.address, linksOf(block, blocks));
  const isTopology = (address: string) => blocks.get(address)!.type in TOPOLOGY_KINDS;

  /** Topology ends of a block: its topology references, and those of the connectors it references. */
  const ends = (address: string) => {
    const result = new Set<string>();
    for (const target of direct.get(address)!) {
      if (isTopology(target)) result.add(target);
      else for (const next of direct.get(target)!) if (isTopology(next)) result.add(next);
    }
    result.delete(address);
    return result;
  };

  const edgeMap = new Map<string, TopologyEdge>();
  const touched = new Set<string>();
  const addEdge = (a: string, b: string, changed: boolean) => {
    const [from, to] = [a, b].sort(compareText) as [string, string];
    const key = `${from} ${to}`;
    const existing = edgeMap.get(key);
    edgeMap.set(key, { from, to, changed: changed || (existing?.changed ?? false) });
  };
  for (const address of [...blocks.keys()].sort(compareText)) {
    const changed = actions.has(address);
    const reached = [...ends(address)].sort(compareText);
    if (isTopology(address)) {
      for (const end of reached) addEdge(address, end, changed);
    } else {
      for (let i = 0; i < reached.length; i++) {
        for (let j = i + 1; j < reached.length; j++) addEdge(reached[i]!, reached[j]!, changed);
      }
      if (changed) for (const end of reached) touched.add(end);
    }
  }

  const shown = new Set<string>();
  for (const address of blocks.keys()) {
    if (isTopology(address) && (actions.has(address) || touched.has(address))) shown.add(address);
  }
  // Unchanged neighbours of what changed itself, so the picture says where a change sits.
  for (const edge of edgeMap.values()) {
    if (actions.has(edge.from) || actions.has(edge.to)) {
      shown.add(edge.from);
      shown.add(edge.to);
    }
  }
  const id = (address: string) => `${stack}/${address}`;
  const nodes = [...shown].sort(compareText).map((address): TopologyNode => {
    const block = blocks.get(address)!;
    const name = block.body.name;
    return {
      id: id(address),
      stack,
      address,
      kind: TOPOLOGY_KINDS[block.type]!,
      label: (typeof name === "string" ? templateLiteral(name) : undefined) ?? block.name,
      state: actions.get(address) ?? (touched.has(address) ? "touched" : "context"),
    };
  });
  const edges = [...edgeMap.values()]
    .filter((edge) => shown.has(edge.from) && shown.has(edge.to))
    .map((edge) => ({ ...edge, from: id(edge.from), to: id(edge.to) }));
  return { nodes, edges };
}

function linksOf(block: Block, blocks: ReadonlyMap<string, Block>): Set<string> {
  const links = new Set<string>();
  for (const { path, text } of stringsIn(block.body)) {
    if (NOT_LINKS.has(String(path[0]))) continue;
    for (const reference of knownReferencesIn(text, blocks)) links.add(reference.address);
  }
  links.delete(block.address);
  return links;
}
