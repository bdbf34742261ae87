import type { AgencyStackPlan, PaastaStackPlan, RegionPlan } from "../plan/region-plan";
import type { RegionInput } from "../spec/load";
import { addDrPairing } from "./dr-pairing";
import { GraphBuilder } from "./graph-builder";
import type { TopologyEdge, TopologyGraph } from "./model";
import { compareText } from "./order";
import { selectStacks, type TopologySelection } from "./select";
import { paastaTopology } from "./paasta-graph";
import { addSite } from "./site-graph";

/**
 * An agency's topology as a small graph, from the plan alone: per site a cluster with the
 * external networks, the agency's routers, transit network, zone networks and DNS zone, and per
 * system a cluster with its workloads and load balancers; DR pairing edges join a system's home
 * site to its copy. The renderers (mermaid.ts, dot.ts) only lay this out, so both show the same.
 */

export {
  NOTES_ID,
  type EdgeKind,
  type NodeKind,
  type TopologyCluster,
  type TopologyEdge,
  type TopologyGraph,
  type TopologyNode,
} from "./model";
export type { TopologySelection } from "./select";

export function agencyTopology(
  input: RegionInput,
  plan: RegionPlan,
  selection: TopologySelection,
): TopologyGraph {
  const selected = selectStacks(plan, selection);
  const foundation = selected.filter((stack): stack is PaastaStackPlan => stack.layer === "paasta");
  if (foundation.length > 0) return paastaTopology(input, foundation, selection.site);
  const stacks = selected.filter((stack): stack is AgencyStackPlan => stack.layer === "agency");
  const graph = new GraphBuilder();
  const systemNodes = new Map(
    stacks.map((stack) => [stack.site, addSite(graph, input, stack)] as const),
  );
  const notes = addDrPairing(graph, stacks, systemNodes);
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

function compareEdges(a: TopologyEdge, b: TopologyEdge): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.kind, b.kind);
}
