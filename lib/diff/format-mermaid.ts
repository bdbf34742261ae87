/**
 * A Mermaid `flowchart` of the changed topology (GitHub and GitLab render it in comments): one
 * subgraph per stack, nodes coloured by what happens to them.
 */
import type { TopologyGraph, TopologyNode } from "./model";

/** Beyond this many nodes a picture stops helping; the comment says so instead. */
export const MAX_NODES = 80;

const STATE_WORDS: Record<TopologyNode["state"], string> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  destroy: "destroyed",
  move: "moved",
  touched: "attachments change",
  context: "unchanged",
};

const CLASSES: Record<TopologyNode["state"], string> = {
  create: "fill:#dafbe1,stroke:#1a7f37,color:#0d1117",
  update: "fill:#fff8c5,stroke:#9a6700,color:#0d1117",
  replace: "fill:#ffe2cc,stroke:#bc4c00,color:#0d1117",
  destroy: "fill:#ffebe9,stroke:#cf222e,color:#0d1117",
  move: "fill:#ddf4ff,stroke:#0969da,color:#0d1117",
  touched: "fill:#fff8c5,stroke:#9a6700,stroke-dasharray:4 3,color:#0d1117",
  context: "fill:#f6f8fa,stroke:#8c959f,color:#57606a",
};

/** The flowchart source, or undefined when there is nothing (or too much) to draw. */
export function formatMermaid(graph: TopologyGraph): string | undefined {
  if (graph.nodes.length === 0 || graph.nodes.length > MAX_NODES) return undefined;
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = ["flowchart LR"];
  const stacks = [...new Set(graph.nodes.map((node) => node.stack))];
  stacks.forEach((stack, index) => {
    lines.push(`  subgraph s${index}["${escape(stack)}"]`);
    for (const node of graph.nodes.filter((n) => n.stack === stack)) {
      lines.push(
        `    ${ids.get(node.id)}["${escape(`${node.kind}: ${node.label}`)}<br/>${STATE_WORDS[node.state]}"]:::${node.state}`,
      );
    }
    lines.push("  end");
  });
  for (const edge of graph.edges) {
    lines.push(`  ${ids.get(edge.from)} ${edge.changed ? "===" : "---"} ${ids.get(edge.to)}`);
  }
  const used = new Set(graph.nodes.map((node) => node.state));
  for (const [state, style] of Object.entries(CLASSES)) {
    if (used.has(state as TopologyNode["state"])) lines.push(`  classDef ${state} ${style}`);
  }
  return lines.join("\n");
}

/** Mermaid labels are quoted; quotes and angle brackets become entities. */
function escape(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
