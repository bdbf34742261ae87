import {
  NOTES_ID,
  type EdgeKind,
  type NodeKind,
  type TopologyCluster,
  type TopologyEdge,
  type TopologyGraph,
  type TopologyNode,
} from "./topology";

/**
 * The topology as a Mermaid flowchart, which GitHub, GitLab and most wikis render: a subgraph
 * per site and per system, shapes by kind, zones coloured by classification, DR pairings dashed,
 * and the systems' serving site outlined.
 */

/** Opening and closing brackets of each kind's shape. */
const SHAPES: Readonly<Record<NodeKind, readonly [string, string]>> = {
  "external-network": ["([", "])"],
  router: ["{{", "}}"],
  transit: ["[/", "/]"],
  zone: ["[", "]"],
  "dns-zone": [">", "]"],
  system: ["(", ")"],
  workload: ["[", "]"],
  "load-balancer": ["[[", "]]"],
};

const CLASSES: Readonly<Record<string, string>> = {
  external: "fill:#eaeef2,stroke:#57606a,color:#1f2328",
  router: "fill:#ddf4ff,stroke:#0969da,color:#1f2328",
  network: "fill:#f6f8fa,stroke:#8c959f,color:#1f2328",
  zoneO: "fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
  zoneS: "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
  zoneC: "fill:#ffebe9,stroke:#cf222e,color:#1f2328",
  system: "fill:#fbefff,stroke:#8250df,color:#1f2328",
  serving: "fill:#fbefff,stroke:#1a7f37,stroke-width:3px,color:#1f2328",
  workload: "fill:#ffffff,stroke:#57606a,color:#1f2328",
  balancer: "fill:#ffffff,stroke:#0969da,color:#1f2328",
  note: "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
};

const SERVING_CLUSTER = "stroke:#1a7f37,stroke-width:3px";

export function topologyMermaid(graph: TopologyGraph): string {
  const lines = ["---", `title: ${JSON.stringify(graph.title)}`, "---", "flowchart LR"];
  const roots = graph.clusters.filter((cluster) => cluster.parent === undefined);
  for (const cluster of roots) lines.push(...subgraph(graph, cluster, "  "));
  if (graph.notes.length > 0) {
    lines.push(`  ${NOTES_ID}${label(["DR notes", ...graph.notes], ["[", "]"])}:::note`);
  }
  lines.push(...graph.edges.map((edge) => `  ${link(edge)}`));
  const used = new Set([...graph.nodes.map(classOf), ...(graph.notes.length > 0 ? ["note"] : [])]);
  for (const [name, style] of Object.entries(CLASSES)) {
    if (used.has(name)) lines.push(`  classDef ${name} ${style}`);
  }
  for (const cluster of graph.clusters.filter((c) => c.serving)) {
    lines.push(`  style ${cluster.id} ${SERVING_CLUSTER}`);
  }
  return `${lines.join("\n")}\n`;
}

function subgraph(graph: TopologyGraph, cluster: TopologyCluster, indent: string): string[] {
  const inner = `${indent}  `;
  return [
    `${indent}subgraph ${cluster.id}${label(cluster.lines, ["[", "]"])}`,
    ...graph.nodes.filter((node) => node.cluster === cluster.id).map((n) => inner + declaration(n)),
    ...graph.clusters
      .filter((child) => child.parent === cluster.id)
      .flatMap((child) => subgraph(graph, child, inner)),
    `${indent}end`,
  ];
}

function declaration(node: TopologyNode): string {
  return `${node.id}${label(node.lines, SHAPES[node.kind])}:::${classOf(node)}`;
}

function classOf(node: TopologyNode): string {
  switch (node.kind) {
    case "external-network":
      return "external";
    case "router":
      return "router";
    case "zone":
      return node.classification ? `zone${node.classification}` : "network";
    case "system":
      return node.serving ? "serving" : "system";
    case "workload":
      return "workload";
    case "load-balancer":
      return "balancer";
    case "transit":
    case "dns-zone":
      return "network";
  }
}

const ARROWS: Partial<Record<EdgeKind, string>> = { dr: "-.->", "part-of": "~~~" };

function link(edge: TopologyEdge): string {
  const arrow = ARROWS[edge.kind] ?? "-->";
  const text = edge.label !== undefined ? `|"${escapeLabel(edge.label)}"|` : "";
  return `${edge.from} ${arrow}${text} ${edge.to}`;
}

function label(lines: readonly string[], [open, close]: readonly [string, string]): string {
  return `${open}"${lines.map(escapeLabel).join("<br/>")}"${close}`;
}

/**
 * Characters that end a quoted label or start markup become Mermaid entity codes (`#35;`),
 * `#` included so that text never reads as an entity.
 */
export function escapeLabel(text: string): string {
  return text.replace(/[#"<>|`]/g, (char) => `#${char.charCodeAt(0)};`);
}
