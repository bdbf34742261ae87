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
 * The topology as a Graphviz digraph (also what svg.ts renders): a cluster per site and per
 * system, shapes by kind, zones coloured by classification, DR pairings dashed, and the systems'
 * serving site outlined in green.
 */

const SHAPES: Readonly<Record<NodeKind, string>> = {
  "external-network": "ellipse",
  router: "hexagon",
  transit: "parallelogram",
  zone: "box",
  "dns-zone": "folder",
  system: "box",
  workload: "box3d",
  "load-balancer": "component",
};

const FILLS: Readonly<Record<NodeKind, string>> = {
  "external-network": "#eaeef2",
  router: "#ddf4ff",
  transit: "#f6f8fa",
  zone: "#f6f8fa",
  "dns-zone": "#f6f8fa",
  system: "#fbefff",
  workload: "#ffffff",
  "load-balancer": "#ffffff",
};

/** N²SF classes: open green, sensitive amber, classified red. */
const CLASSIFICATION_FILLS = { O: "#dafbe1", S: "#fff8c5", C: "#ffebe9" } as const;

const SERVING = "#1a7f37";
const DR_EDGE = "#8250df";

export function topologyDot(graph: TopologyGraph): string {
  const lines = [
    "digraph topology {",
    `  graph [${attributes({ label: graph.title, labelloc: "t", rankdir: "LR", fontname: "Helvetica", fontsize: "16", newrank: "true", nodesep: "0.3", ranksep: "0.6" })}];`,
    `  node [${attributes({ fontname: "Helvetica", fontsize: "10", style: "filled", penwidth: "1" })}];`,
    `  edge [${attributes({ fontname: "Helvetica", fontsize: "9", color: "#57606a" })}];`,
  ];
  for (const cluster of graph.clusters.filter((c) => c.parent === undefined)) {
    lines.push(...subgraph(graph, cluster, "  "));
  }
  if (graph.notes.length > 0) {
    const label = ["DR notes", ...graph.notes].map((line) => `${quote(line)}\\l`).join("");
    // A left-justified label (\l) is written raw: each line is escaped on its own above.
    lines.push(`  ${NOTES_ID} [shape="note", fillcolor="#fff8c5", label="${label}"];`);
  }
  lines.push(...graph.edges.map((edge) => `  ${link(edge)}`));
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function subgraph(graph: TopologyGraph, cluster: TopologyCluster, indent: string): string[] {
  const inner = `${indent}  `;
  const style: Readonly<Record<string, string>> = cluster.serving
    ? { style: "rounded,bold", color: SERVING, penwidth: "3" }
    : { style: "rounded", color: cluster.kind === "site" ? "#57606a" : "#8c959f" };
  return [
    `${indent}subgraph cluster_${cluster.id} {`,
    `${inner}graph [${attributes({ label: cluster.lines.join("\n"), ...style })}];`,
    ...graph.nodes.filter((node) => node.cluster === cluster.id).map((n) => inner + declaration(n)),
    ...graph.clusters
      .filter((child) => child.parent === cluster.id)
      .flatMap((child) => subgraph(graph, child, inner)),
    `${indent}}`,
  ];
}

function declaration(node: TopologyNode): string {
  const fill = node.classification ? CLASSIFICATION_FILLS[node.classification] : FILLS[node.kind];
  return `${node.id} [${attributes({
    label: node.lines.join("\n"),
    shape: SHAPES[node.kind],
    fillcolor: fill,
    ...(node.kind === "system" ? { style: "rounded,filled" } : {}),
    ...(node.serving ? { color: SERVING, penwidth: "3" } : {}),
  })}];`;
}

const EDGE_STYLES: Partial<Record<EdgeKind, Readonly<Record<string, string>>>> = {
  // Ranked like the others, pairings put each DR copy to the right of its home system.
  dr: { style: "dashed", color: DR_EDGE, fontcolor: DR_EDGE, penwidth: "2" },
  "part-of": { style: "invis" },
  "floating-ip": { color: "#0969da" },
};

function link(edge: TopologyEdge): string {
  const attrs = {
    ...(edge.label !== undefined ? { label: edge.label } : {}),
    ...EDGE_STYLES[edge.kind],
  };
  const list = Object.keys(attrs).length > 0 ? ` [${attributes(attrs)}]` : "";
  return `${edge.from} -> ${edge.to}${list};`;
}

function attributes(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${quote(value)}"`)
    .join(", ");
}

/**
 * Text for a double-quoted DOT string: backslashes and quotes escaped (so that `\N` and the like
 * stay literal), line breaks as `\n`.
 */
export function quote(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
