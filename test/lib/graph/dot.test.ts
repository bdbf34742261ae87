import { describe, expect, it } from "vitest";
import { quote, topologyDot } from "../../../lib/graph/dot";
import { agencyTopology } from "../../../lib/graph/topology";
import { exampleRegion } from "../../helpers/example-region";

const { input, plan } = exampleRegion();
const graph = agencyTopology(input, plan, { agency: "jeju-province" });
const dot = topologyDot(graph);
const oneSite = topologyDot(
  agencyTopology(input, plan, { agency: "jeju-province", site: "jeju-cdc" }),
);

const ID = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
/** A double-quoted DOT string: escaped characters or anything but a quote or backslash. */
const STRING = String.raw`"(?:\\.|[^"\\])*"`;
const ATTRIBUTES = String.raw`\[(?:\w+=${STRING})(?:, \w+=${STRING})*\]`;
const NODE = new RegExp(String.raw`^\s*(${ID}) ${ATTRIBUTES};$`);
const EDGE = new RegExp(String.raw`^\s*(${ID}) -> (${ID})(?: (${ATTRIBUTES}))?;$`);
const CLUSTER = new RegExp(String.raw`^\s*subgraph (cluster_${ID}) \{$`);
const DEFAULTS = new RegExp(String.raw`^\s*(graph|node|edge) ${ATTRIBUTES};$`);

function parse(text: string) {
  const lines = text.split("\n").filter((line) => line !== "");
  expect(lines[0]).toBe("digraph topology {");
  expect(lines[lines.length - 1]).toBe("}");
  const nodes = new Set<string>();
  const clusters: string[] = [];
  const edges: { from: string; to: string; attributes: string }[] = [];
  let depth = 0;
  for (const line of lines.slice(1, -1)) {
    let match: RegExpMatchArray | null;
    if ((match = line.match(CLUSTER))) {
      clusters.push(match[1]!);
      depth++;
    } else if (line.trim() === "}") depth--;
    else if ((match = line.match(DEFAULTS))) continue;
    else if ((match = line.match(EDGE)))
      edges.push({ from: match[1]!, to: match[2]!, attributes: match[3] ?? "" });
    else if ((match = line.match(NODE))) nodes.add(match[1]!);
    else throw new Error(`unexpected line: ${line}`);
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  return { nodes, clusters, edges, depth };
}

describe("topologyDot", () => {
  describe("GIVEN jeju-province at both sites", () => {
    const parsed = parse(dot);

    it("THEN it is one digraph whose clusters nest and close", () => {
      expect(parsed.depth).toBe(0);
      expect(parsed.clusters).toEqual(graph.clusters.map((cluster) => `cluster_${cluster.id}`));
    });

    it("THEN every node of the model is declared once and every edge joins declared nodes", () => {
      expect([...parsed.nodes]).toEqual(graph.nodes.map((node) => node.id));
      expect(parsed.edges).toHaveLength(graph.edges.length);
      for (const { from, to } of parsed.edges) {
        expect(parsed.nodes.has(from), from).toBe(true);
        expect(parsed.nodes.has(to), to).toBe(true);
      }
    });

    it("THEN DR pairings are dashed and labelled with the mode; part-of edges are invisible", () => {
      expect(dot).toContain(
        'sys_jeju_cdc_saeol -> sys_mainland_drc_saeol [label="warm-standby", style="dashed"',
      );
      const invisible = parsed.edges.filter((edge) => edge.attributes.includes('style="invis"'));
      expect(invisible).toHaveLength(graph.edges.filter((edge) => edge.kind === "part-of").length);
    });

    it("THEN the serving site's system clusters are outlined and zones filled by classification", () => {
      expect(dot).toMatch(
        /subgraph cluster_system_jeju_cdc_saeol \{\n\s+graph \[label="system saeol", style="rounded,bold", color="#1a7f37", penwidth="3"\];/,
      );
      expect(dot).toMatch(
        /subgraph cluster_system_mainland_drc_saeol \{\n\s+graph \[label="system saeol", style="rounded",/,
      );
      expect(dot).toMatch(/zone_jeju_cdc_dmz \[label="[^"]*", shape="box", fillcolor="#dafbe1"\];/);
      expect(dot).toMatch(/zone_jeju_cdc_db \[label="[^"]*", shape="box", fillcolor="#fff8c5"\];/);
    });

    it("THEN multi-line labels use \\n and keep Korean text as it is", () => {
      expect(dot).toContain('label="새올행정시스템\\ngrade 1 · DR warm-standby\\nhome site');
    });
  });

  describe("GIVEN one site", () => {
    it("THEN the DR pairings are a left-justified note, not edges", () => {
      const parsed = parse(oneSite);
      expect(parsed.nodes.has("notes")).toBe(true);
      expect(parsed.edges.filter((edge) => edge.attributes.includes("dashed"))).toEqual([]);
      expect(oneSite).toContain('shape="note"');
      expect(oneSite).toContain(
        "saeol: DR warm-standby from jeju-cdc to mainland-drc; active at jeju-cdc\\l",
      );
    });
  });

  describe("GIVEN text with quotes, backslashes and line breaks", () => {
    it("THEN quote escapes them so that Graphviz reads the text literally", () => {
      expect(quote('say "hi"\\N\nnext')).toBe('say \\"hi\\"\\\\N\\nnext');
    });
  });
});
