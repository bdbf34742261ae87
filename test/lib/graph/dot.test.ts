import { describe, expect, it } from "vitest";
import { FONTS, quote, topologyDot } from "../../../lib/graph/dot";
import { nodeWidthInches } from "../../../lib/graph/text-width";
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
  // The legend's samples are not the model's: they are kept apart, by their prefix.
  const legend = { nodes: new Map<string, string>(), edges: [] as typeof edges };
  let depth = 0;
  for (const line of lines.slice(1, -1)) {
    let match: RegExpMatchArray | null;
    if ((match = line.match(CLUSTER))) {
      clusters.push(match[1]!);
      depth++;
    } else if (line.trim() === "}") depth--;
    else if ((match = line.match(DEFAULTS))) continue;
    else if ((match = line.match(EDGE))) {
      const edge = { from: match[1]!, to: match[2]!, attributes: match[3] ?? "" };
      (edge.from.startsWith("legend_") ? legend.edges : edges).push(edge);
    } else if ((match = line.match(NODE))) {
      if (match[1]!.startsWith("legend_")) legend.nodes.set(match[1]!, line);
      else nodes.add(match[1]!);
    } else throw new Error(`unexpected line: ${line}`);
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  return { nodes, clusters, edges, depth, legend };
}

describe("topologyDot", () => {
  describe("GIVEN jeju-province at both sites", () => {
    const parsed = parse(dot);

    it("THEN it is one digraph whose clusters nest and close", () => {
      expect(parsed.depth).toBe(0);
      expect(parsed.clusters).toEqual([
        ...graph.clusters.map((cluster) => `cluster_${cluster.id}`),
        "cluster_legend",
      ]);
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
      expect(dot).toMatch(
        /zone_jeju_cdc_dmz \[label="[^"]*", shape="box", fillcolor="#dafbe1", width="[\d.]+"\];/,
      );
      expect(dot).toMatch(
        /zone_jeju_cdc_db \[label="[^"]*", shape="box", fillcolor="#fff8c5", width="[\d.]+"\];/,
      );
    });

    it("THEN only the DR pairings carry an edge label, the mode", () => {
      const labelled = parsed.edges.filter((edge) => edge.attributes.includes("label="));
      const dr = graph.edges.filter((edge) => edge.kind === "dr");
      expect(dr).toHaveLength(3);
      expect(labelled.map((edge) => [edge.from, edge.to])).toEqual(dr.map((e) => [e.from, e.to]));
    });

    it("THEN every text asks for a font with Hangul first", () => {
      const fonts = [...dot.matchAll(/fontname="([^"]*)"/g)].map((match) => match[1]!);
      expect(fonts).toHaveLength(3);
      for (const font of fonts) {
        expect(font.split(", ")[0]).toBe("Noto Sans CJK KR");
        expect(font).not.toMatch(/Helvetica/);
        expect(font.endsWith("sans-serif")).toBe(true);
      }
      expect(FONTS.split(", ").slice(0, 3)).toEqual([
        "Noto Sans CJK KR",
        "Noto Sans KR",
        "Malgun Gothic",
      ]);
    });

    it("THEN a node with Korean text is given the width of its Hangul at one em each", () => {
      const line = dot.split("\n").find((l) => l.trimStart().startsWith("sys_jeju_cdc_saeol "))!;
      const width = Number(/width="([\d.]+)"/.exec(line)![1]);
      // 새올행정시스템: seven syllables at 10 pt, one em each, is 70 pt; the longest line is longer.
      expect(width).toBeGreaterThanOrEqual(70 / 72);
      expect(width).toBeGreaterThanOrEqual(
        nodeWidthInches(
          ["container jeju-province-saeol-documents syncs to mainland-drc"],
          10,
          "box",
        ),
      );
    });

    it("THEN a legend shows each node kind, zone class and edge style the graph uses", () => {
      const labels = [...parsed.legend.nodes.values()].map(
        (line) => /label="([^"]*)"/.exec(line)![1],
      );
      expect(labels).toEqual(
        expect.arrayContaining([
          "external network",
          "router",
          "transit network",
          "DNS zone",
          "system",
          "workload (instances)",
          "load balancer",
          "zone class O (open)",
          "zone class S (sensitive)",
          "system serving clients here",
          "network link (port, VIP)",
          "load balancer to members",
          "floating IP (external)",
          "DNS record",
          "DR copy, labelled with the mode",
        ]),
      );
      // Class C is not used by jeju-province: the legend leaves it out.
      expect(labels).not.toContain("zone class C (classified)");
      const styled = parsed.legend.edges.filter((edge) => !edge.attributes.includes("invis"));
      expect(styled).toHaveLength(5);
      expect(styled.map((edge) => edge.attributes)).toContainEqual(
        expect.stringContaining('style="dashed"'),
      );
      expect(dot.indexOf("subgraph cluster_legend {")).toBeGreaterThan(0);
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
