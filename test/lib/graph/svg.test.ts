import { instance } from "@viz-js/viz";
import { describe, expect, it } from "vitest";
import { topologyDot } from "../../../lib/graph/dot";
import { renderSvg } from "../../../lib/graph/svg";
import { agencyTopology } from "../../../lib/graph/topology";
import { exampleRegion } from "../../helpers/example-region";

const { input, plan } = exampleRegion();
const dot = topologyDot(agencyTopology(input, plan, { agency: "jeju-province" }));

describe("renderSvg", () => {
  describe("GIVEN the DOT of jeju-province", () => {
    it("THEN Graphviz (WebAssembly) renders an SVG document with every node", async () => {
      const svg = await renderSvg(dot);
      expect(svg).toMatch(/^<\?xml [^>]*\?>\n<!DOCTYPE svg/);
      expect(svg).toContain("<svg ");
      expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
      expect(svg).toContain("<title>sys_jeju_cdc_saeol</title>");
      expect(svg).toContain("새올행정시스템");
    });

    it("THEN Graphviz keeps the width given to a node with Korean text", async () => {
      const viz = await instance();
      const layout = JSON.parse(viz.renderString(dot, { format: "json" })) as {
        objects: { name: string; width?: string }[];
      };
      const saeol = layout.objects.find((o) => o.name === "sys_jeju_cdc_saeol")!;
      const given = Number(/sys_jeju_cdc_saeol \[[^\n]*width="([\d.]+)"/.exec(dot)![1]);
      expect(Number(saeol.width)).toBeGreaterThanOrEqual(given);
      // Graphviz alone measures 새올행정시스템 at 0.75 em a syllable (each UTF-8 byte a space).
      const bare = JSON.parse(
        viz.renderString('digraph { a [shape=box, fontsize=10, label="새올행정시스템"] }', {
          format: "json",
        }),
      ) as { objects: { width: string }[] };
      expect(Number(bare.objects[0]!.width) * 72).toBeLessThan(70 + 2 * 0.11 * 72);
    });

    it("THEN the SVG has the legend and asks for a Korean font first", async () => {
      const svg = await renderSvg(dot);
      expect(svg).toContain("<title>cluster_legend</title>");
      expect(svg).toContain(">DR copy, labelled with the mode</text>");
      expect(svg).toMatch(/font-family="Noto Sans CJK KR, Noto Sans KR, /);
    });

    it("THEN the same DOT gives the same SVG", async () => {
      expect(await renderSvg(dot)).toBe(await renderSvg(dot));
    });
  });

  describe("GIVEN DOT that Graphviz cannot parse", () => {
    it("THEN it throws instead of returning a partial picture", async () => {
      await expect(renderSvg("digraph {")).rejects.toThrow();
    });
  });
});
