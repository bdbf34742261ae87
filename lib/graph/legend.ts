import type { EdgeKind, NodeKind, TopologyGraph } from "./model";

/**
 * What the legend of the DOT and SVG pictures explains: each node shape, each zone fill, the
 * serving outline and each visible edge style, only for what the graph at hand shows. Kept apart
 * from dot.ts so that the words and the styles it explains are read side by side.
 */

export const NODE_WORDS: Readonly<Record<NodeKind, string>> = {
  "external-network": "external network",
  router: "router",
  transit: "transit network",
  zone: "zone network",
  "dns-zone": "DNS zone",
  system: "system",
  workload: "workload (instances)",
  "load-balancer": "load balancer",
};

export const CLASSIFICATION_WORDS = {
  O: "zone class O (open)",
  S: "zone class S (sensitive)",
  C: "zone class C (classified)",
} as const;

/** Edge kinds drawn alike share one entry; part-of is invisible and has none. */
export const EDGE_WORDS: readonly {
  readonly kinds: readonly EdgeKind[];
  readonly words: string;
}[] = [
  { kinds: ["gateway", "transit", "attachment", "vip"], words: "network link (port, VIP)" },
  { kinds: ["member"], words: "load balancer to members" },
  { kinds: ["floating-ip"], words: "floating IP (external)" },
  { kinds: ["record"], words: "DNS record" },
  { kinds: ["dr"], words: "DR copy, labelled with the mode" },
];

export interface LegendEntries {
  readonly nodeKinds: readonly NodeKind[];
  readonly classifications: readonly (keyof typeof CLASSIFICATION_WORDS)[];
  readonly serving: boolean;
  readonly edges: typeof EDGE_WORDS;
}

/** The entries the graph needs, in a fixed order (the order of the tables above). */
export function legendEntries(graph: TopologyGraph): LegendEntries {
  const kinds = new Set(graph.nodes.map((node) => node.kind));
  const classes = new Set(graph.nodes.flatMap((node) => node.classification ?? []));
  const unclassified = graph.nodes.some(
    (node) => node.kind === "zone" && node.classification === undefined,
  );
  const edgeKinds = new Set(graph.edges.map((edge) => edge.kind));
  return {
    nodeKinds: (Object.keys(NODE_WORDS) as NodeKind[]).filter(
      (kind) => kinds.has(kind) && (kind !== "zone" || unclassified),
    ),
    classifications: (
      Object.keys(CLASSIFICATION_WORDS) as (keyof typeof CLASSIFICATION_WORDS)[]
    ).filter((c) => classes.has(c)),
    serving: graph.nodes.some((node) => node.serving === true),
    edges: EDGE_WORDS.filter((entry) => entry.kinds.some((kind) => edgeKinds.has(kind))),
  };
}
