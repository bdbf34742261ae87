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
