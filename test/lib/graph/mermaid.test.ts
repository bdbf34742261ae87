import { describe, expect, it } from "vitest";
import { escapeLabel, topologyMermaid } from "../../../lib/graph/mermaid";
import { agencyTopology, type TopologyGraph } from "../../../lib/graph/topology";
import { planRegion } from "../../../lib/plan/region-plan";
import { loadRegionDir } from "../../../lib/spec/load";
import { EXAMPLE_REGION_DIR, exampleRegion } from "../../helpers/example-region";

const { input, plan } = exampleRegion();
const both = topologyMermaid(agencyTopology(input, plan, { agency: "jeju-province" }));
const oneSite = topologyMermaid(
  agencyTopology(input, plan, { agency: "jeju-province", site: "jeju-cdc" }),
);

const ID = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const LABEL = String.raw`"[^"]*"`;
const DECLARATION = new RegExp(
  String.raw`^\s*(${ID})(?:\(\[${LABEL}\]\)|\{\{${LABEL}\}\}|\[/${LABEL}/\]|\[\[${LABEL}\]\]|\(${LABEL}\)|>${LABEL}\]|\[${LABEL}\]):::(\w+)$`,
);
const SUBGRAPH = new RegExp(String.raw`^\s*subgraph (${ID})\[${LABEL}\]$`);
const EDGE = new RegExp(String.raw`^\s*(${ID}) (-->|-\.->|~~~)(?:\|${LABEL}\|)? (${ID})$`);
const CLASS_DEF = /^\s*classDef (\w+) \S+$/;
const STYLE = new RegExp(String.raw`^\s*style (${ID}) \S+$`);

/** Reads the flowchart line by line; throws on any line that is none of the known shapes. */
function parse(text: string) {
  const [front, body] = [text.split("\n").slice(0, 4), text.split("\n").slice(4)];
  const nodes = new Map<string, string>();
  const subgraphs: string[] = [];
  const edges: { from: string; arrow: string; to: string }[] = [];
  const classDefs: string[] = [];
  const styled: string[] = [];
  let depth = 0;
  for (const line of body.filter((l) => l !== "")) {
    let match: RegExpMatchArray | null;
    if ((match = line.match(SUBGRAPH))) {
      subgraphs.push(match[1]!);
      depth++;
    } else if (line.trim() === "end") {
      depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    } else if ((match = line.match(DECLARATION))) nodes.set(match[1]!, match[2]!);
    else if ((match = line.match(EDGE)))
      edges.push({ from: match[1]!, arrow: match[2]!, to: match[3]! });
    else if ((match = line.match(CLASS_DEF))) classDefs.push(match[1]!);
    else if ((match = line.match(STYLE))) styled.push(match[1]!);
    else throw new Error(`unexpected line: ${line}`);
  }
  return { front, nodes, subgraphs, edges, classDefs, styled, depth };
}

describe("topologyMermaid", () => {
  describe("GIVEN jeju-province at both sites", () => {
    const chart = parse(both);

    it("THEN it is a left-to-right flowchart titled with the agency", () => {
      expect(chart.front).toEqual([
        "---",
        'title: "jeju-province · 제주특별자치도청"',
        "---",
        "flowchart LR",
      ]);
      expect(both.endsWith("\n")).toBe(true);
    });

    it("THEN every line is a subgraph, node, edge, class or style, and subgraphs close", () => {
      expect(chart.depth).toBe(0);
      expect(chart.subgraphs).toContain("site_jeju_cdc");
      expect(chart.subgraphs).toContain("system_mainland_drc_saeol");
    });

    it("THEN every edge joins declared nodes, and identifiers are never Mermaid keywords", () => {
      expect(chart.edges.length).toBeGreaterThan(0);
      for (const { from, to } of chart.edges) {
        expect(chart.nodes.has(from), from).toBe(true);
        expect(chart.nodes.has(to), to).toBe(true);
      }
      for (const id of [...chart.nodes.keys(), ...chart.subgraphs]) {
        expect(id).not.toMatch(/^(end|graph|subgraph|flowchart|style|classDef|class|click)$/);
      }
      const all = [...chart.nodes.keys(), ...chart.subgraphs];
      expect(new Set(all).size).toBe(all.length);
    });

    it("THEN every class used is defined, and only those", () => {
      expect(new Set(chart.classDefs)).toEqual(new Set(chart.nodes.values()));
    });

    it("THEN DR pairings are dashed and labelled with the mode", () => {
      expect(both).toContain('sys_jeju_cdc_saeol -.->|"warm-standby"| sys_mainland_drc_saeol');
      expect(chart.edges.filter((edge) => edge.arrow === "-.->")).toHaveLength(3);
    });

    it("THEN the serving site's system subgraphs are outlined", () => {
      expect(chart.styled).toEqual([
        "system_jeju_cdc_civil_portal",
        "system_jeju_cdc_hr_payroll",
        "system_jeju_cdc_saeol",
      ]);
      for (const id of chart.styled) expect(chart.subgraphs).toContain(id);
    });

    it("THEN zones are coloured by classification", () => {
      expect(chart.nodes.get("zone_jeju_cdc_dmz")).toBe("zoneO");
      expect(chart.nodes.get("zone_jeju_cdc_db")).toBe("zoneS");
    });

    it("THEN the same input gives the same text, loaded afresh", () => {
      const again = loadRegionDir(EXAMPLE_REGION_DIR);
      const graph = agencyTopology(again, planRegion(again), { agency: "jeju-province" });
      expect(topologyMermaid(graph)).toBe(both);
    });
  });

  describe("GIVEN one site", () => {
    it("THEN the DR pairings are a notes box, not edges", () => {
      const chart = parse(oneSite);
      expect(chart.nodes.get("notes")).toBe("note");
      expect(chart.edges.filter((edge) => edge.arrow === "-.->")).toEqual([]);
      expect(oneSite).toContain("saeol: DR warm-standby from jeju-cdc to mainland-drc");
    });
  });

  describe("GIVEN labels with characters Mermaid reads as markup", () => {
    const graph: TopologyGraph = {
      title: 'a "quoted" title',
      clusters: [{ id: "site_x", kind: "site", lines: ["x"], serving: false }],
      nodes: [
        { id: "a", kind: "zone", cluster: "site_x", lines: ['say "hi" <b>#1</b> | `x`'] },
        { id: "b", kind: "workload", cluster: "site_x", lines: ["b"] },
      ],
      edges: [{ from: "a", to: "b", kind: "member", label: 'pipe | and "quote"' }],
      notes: [],
    };

    it("THEN they become entity codes, and the text still parses", () => {
      expect(escapeLabel('say "hi" <b>#1</b> | `x`')).toBe(
        "say #34;hi#34; #60;b#62;#35;1#60;/b#62; #124; #96;x#96;",
      );
      const text = topologyMermaid(graph);
      expect(text).toContain('a -->|"pipe #124; and #34;quote#34;"| b');
      expect(text).toContain('title: "a \\"quoted\\" title"');
      expect(() => parse(text)).not.toThrow();
    });
  });
});
