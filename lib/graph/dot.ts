import {
  NOTES_ID,
  type EdgeKind,
  type NodeKind,
  type TopologyCluster,
  type TopologyEdge,
  type TopologyGraph,
  type TopologyNode,
} from "./topology";
import { CLASSIFICATION_WORDS, legendEntries, NODE_WORDS } from "./legend";
import { nodeWidthInches } from "./text-width";

/**
 * The topology as a Graphviz digraph (also what svg.ts renders): a cluster per site and per
 * system, shapes by kind, zones coloured by classification, DR pairings dashed, the systems'
 * serving site outlined in green, and a legend of what the picture uses. Only DR pairings carry
 * an edge label (the mode); addresses and names are in the nodes.
 */

/**
 * Fonts with Hangul first: a viewer without the first uses the next. Graphviz measures text with
 * its own metrics whatever the font (see text-width.ts), so nodes get widths of their own.
 */
export const FONTS =
  "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, NanumGothic, sans-serif";

const NODE_FONT_SIZE = 10;
const LEGEND_FONT_SIZE = 9;

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
    `  graph [${attributes({ label: graph.title, labelloc: "t", rankdir: "LR", fontname: FONTS, fontsize: "16", newrank: "true", nodesep: "0.3", ranksep: "0.6" })}];`,
    `  node [${attributes({ fontname: FONTS, fontsize: String(NODE_FONT_SIZE), style: "filled", penwidth: "1" })}];`,
    `  edge [${attributes({ fontname: FONTS, fontsize: "9", color: "#57606a" })}];`,
  ];
  for (const cluster of graph.clusters.filter((c) => c.parent === undefined)) {
    lines.push(...subgraph(graph, cluster, "  "));
  }
  if (graph.notes.length > 0) {
    const notes = ["DR notes", ...graph.notes];
    const label = notes.map((line) => `${quote(line)}\\l`).join("");
    const width = inches(nodeWidthInches(notes, NODE_FONT_SIZE, "note"));
    // A left-justified label (\l) is written raw: each line is escaped on its own above.
    lines.push(
      `  ${NOTES_ID} [shape="note", fillcolor="#fff8c5", width="${width}", label="${label}"];`,
    );
  }
  lines.push(...graph.edges.map((edge) => `  ${link(edge)}`));
  lines.push(...legend(graph, "  "));
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
  return `${node.id} [${attributes(nodeStyle(node.kind, node.lines, NODE_FONT_SIZE, node))}];`;
}

function nodeStyle(
  kind: NodeKind,
  lines: readonly string[],
  fontSize: number,
  { classification, serving }: Pick<TopologyNode, "classification" | "serving"> = {},
): Record<string, string> {
  return {
    label: lines.join("\n"),
    shape: SHAPES[kind],
    fillcolor: classification ? CLASSIFICATION_FILLS[classification] : FILLS[kind],
    width: inches(nodeWidthInches(lines, fontSize, SHAPES[kind])),
    ...(kind === "system" ? { style: "rounded,filled" } : {}),
    ...(serving ? { color: SERVING, penwidth: "3" } : {}),
  };
}

/** Inches with two decimals, rounded up: a width is a minimum. */
function inches(value: number): string {
  return (Math.ceil(value * 100) / 100).toFixed(2);
}

const EDGE_STYLES: Partial<Record<EdgeKind, Readonly<Record<string, string>>>> = {
  // Ranked like the others, pairings put each DR copy to the right of its home system.
  dr: { style: "dashed", color: DR_EDGE, fontcolor: DR_EDGE, penwidth: "2" },
  "part-of": { style: "invis" },
  "floating-ip": { color: "#0969da", penwidth: "1.5" },
  member: { style: "bold" },
  record: { style: "dotted", color: "#9a6700" },
};

/** Samples per legend row: the picture runs left to right, so a row is a chain of samples. */
const LEGEND_NODES_PER_ROW = 4;
const LEGEND_EDGES_PER_ROW = 2;

/**
 * A cluster that shows each shape, fill, outline and edge style the graph uses, with its words
 * (legend.ts), in short rows held together by invisible edges. Its identifiers start with
 * `legend_`, which no node of the model does: theirs start with their kind.
 */
function legend(graph: TopologyGraph, indent: string): string[] {
  const entries = legendEntries(graph);
  const inner = `${indent}  `;
  const declare = (id: string, style: Record<string, string>) =>
    `${inner}${id} [${attributes(style)}];`;
  const join = (from: string, to: string, style: Readonly<Record<string, string>>) =>
    `${inner}${from} -> ${to}${styleList(style)};`;
  const invisible = { style: "invis" };
  const lines = [
    `${indent}subgraph cluster_legend {`,
    `${inner}graph [${attributes({ label: "Legend", style: "rounded", color: "#8c959f", fontsize: "10" })}];`,
    `${inner}node [${attributes({ fontsize: String(LEGEND_FONT_SIZE), height: "0.3" })}];`,
  ];

  const samples: [string, Record<string, string>][] = [
    ...entries.nodeKinds.map(
      (kind) =>
        [
          `legend_${kind.replace(/-/g, "_")}`,
          nodeStyle(kind, [NODE_WORDS[kind]], LEGEND_FONT_SIZE),
        ] as [string, Record<string, string>],
    ),
    ...entries.classifications.map(
      (classification) =>
        [
          `legend_zone_${classification}`,
          nodeStyle("zone", [CLASSIFICATION_WORDS[classification]], LEGEND_FONT_SIZE, {
            classification,
          }),
        ] as [string, Record<string, string>],
    ),
    ...(entries.serving
      ? [
          [
            "legend_serving",
            nodeStyle("system", ["system serving clients here"], LEGEND_FONT_SIZE, {
              serving: true,
            }),
          ] as [string, Record<string, string>],
        ]
      : []),
  ];
  samples.forEach(([id, style], index) => {
    lines.push(declare(id, style));
    if (index % LEGEND_NODES_PER_ROW !== 0) lines.push(join(samples[index - 1]![0], id, invisible));
  });

  entries.edges.forEach((entry, index) => {
    const from = `legend_edge_${index}_from`;
    const to = `legend_edge_${index}_to`;
    lines.push(
      declare(from, { label: "", shape: "point", width: "0.06" }),
      declare(to, {
        label: entry.words,
        shape: "plaintext",
        style: "solid",
        width: inches(nodeWidthInches([entry.words], LEGEND_FONT_SIZE, "plaintext")),
      }),
      join(from, to, EDGE_STYLES[entry.kinds[0]!] ?? {}),
    );
    if (index % LEGEND_EDGES_PER_ROW !== 0)
      lines.push(join(`legend_edge_${index - 1}_to`, from, invisible));
  });
  lines.push(`${indent}}`);
  return lines;
}

function styleList(attrs: Readonly<Record<string, string>>): string {
  return Object.keys(attrs).length > 0 ? ` [${attributes(attrs)}]` : "";
}

function link(edge: TopologyEdge): string {
  const attrs = {
    ...(edge.label !== undefined ? { label: edge.label } : {}),
    ...EDGE_STYLES[edge.kind],
  };
  return `${edge.from} -> ${edge.to}${styleList(attrs)};`;
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
