/**
 * `tamna graph`, in process through main(): what a user gets on stdout, in a file, and when the
 * agency or site does not exist.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT } from "../../cli/main";
import { topologyMermaid } from "../../lib/graph/mermaid";
import { agencyTopology } from "../../lib/graph/topology";
import { EXAMPLE_REGION_DIR, exampleRegion } from "../helpers/example-region";
import { tamnaInProcess } from "../helpers/tamna-in-process";

const tamna = (...args: string[]) =>
  tamnaInProcess("graph", "--region", EXAMPLE_REGION_DIR, ...args);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-graph-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("tamna graph", () => {
  describe("GIVEN --agency jeju-province", () => {
    it("THEN it prints the Mermaid flowchart of both sites and exits 0", async () => {
      const run = await tamna("--agency", "jeju-province");
      expect(run.code).toBe(EXIT.ok);
      expect(run.stderr).toBe("");
      const { input, plan } = exampleRegion();
      expect(run.stdout).toBe(
        topologyMermaid(agencyTopology(input, plan, { agency: "jeju-province" })),
      );
      expect(run.stdout).toMatch(
        /^---\ntitle: "jeju-province · 제주특별자치도청"\n---\nflowchart LR\n/,
      );
      expect(run.stdout).toContain("subgraph site_jeju_cdc[");
      expect(run.stdout).toContain("subgraph site_mainland_drc[");
      expect(run.stdout).toContain(
        'sys_jeju_cdc_saeol -.->|"warm-standby"| sys_mainland_drc_saeol',
      );
    });
  });

  describe("GIVEN --format svg", () => {
    it("THEN it prints an SVG document rendered offline", async () => {
      const run = await tamna("--agency", "jeju-province", "--format", "svg");
      expect(run.code).toBe(EXIT.ok);
      expect(run.stdout).toMatch(/^<\?xml/);
      expect(run.stdout).toContain("<svg ");
      expect(run.stdout.trimEnd().endsWith("</svg>")).toBe(true);
      expect(run.stdout).toContain("<title>cluster_legend</title>");
      expect(run.stdout).toMatch(/font-family="Noto Sans CJK KR, /);
      expect(run.stdout).not.toMatch(/Helvetica|Times/);
    });
  });

  describe("GIVEN --format dot --site jeju-cdc --out FILE", () => {
    it("THEN it writes the DOT of that site to the file, DR pairings as notes, and nothing to stdout", async () => {
      const out = path.join(scratch, "nested", "province.dot");
      const run = await tamna(
        "--agency",
        "jeju-province",
        "--site",
        "jeju-cdc",
        "--format",
        "dot",
        "--out",
        out,
      );
      expect(run.code).toBe(EXIT.ok);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(`graph of jeju-province written to ${out}\n`);
      const dot = fs.readFileSync(out, "utf8");
      expect(dot).toMatch(/^digraph topology \{\n/);
      expect(dot).not.toContain("mainland_drc");
      expect(dot).toContain('shape="note"');
    });
  });

  describe("GIVEN bad input", () => {
    it("THEN an unknown agency exits 2 and names the agencies", async () => {
      const run = await tamna("--agency", "jeju-provinse");
      expect(run.code).toBe(EXIT.badInput);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/agency "jeju-provinse" is not in the region/);
      expect(run.stderr).toMatch(/allowed: jeju-city, .*jeju-province.*seogwipo-city/);
      expect(run.stderr).toMatch(/did you mean "jeju-province"\?/);
    });

    it("THEN a site without the agency's tenant exits 2 and names its sites", async () => {
      const run = await tamna("--agency", "jeju-tourism", "--site", "mainland-drc");
      expect(run.code).toBe(EXIT.badInput);
      expect(run.stderr).toMatch(/no tenant at site "mainland-drc".*allowed: jeju-cdc/);
    });

    it("THEN a missing --agency or an unknown format exits 2", async () => {
      expect((await tamna()).code).toBe(EXIT.badInput);
      expect((await tamna("--agency", "jeju-province", "--format", "png")).code).toBe(
        EXIT.badInput,
      );
    });
  });
});
