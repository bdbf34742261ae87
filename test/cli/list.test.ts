/**
 * End-to-end: `tamna list` as a user runs it, on a copy of the example region in a temp dir.
 */
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  EXAMPLE_AGENCIES,
  Workspaces,
  exampleStackNames,
  expectExit,
  expectNoStackTrace,
  runTamna,
} from "../helpers/tamna-cli";

interface ListedStack {
  name: string;
  layer: string;
  agency: string | null;
  site: string;
  dependsOn: string[];
  resources: number;
  dataSources: number;
}

const workspaces = new Workspaces();
let ws: string;
let table: CliResult;
let json: CliResult;
let listed: { region: string; stacks: ListedStack[] };

beforeAll(async () => {
  ws = workspaces.withRegion("list");
  table = await runTamna(ws, ["list", "--region", "jeju"]);
  json = await runTamna(ws, ["list", "--region", "jeju", "--json"]);
  expectExit(json, 0);
  listed = JSON.parse(json.stdout);
});

afterAll(() => workspaces.removeAll());

describe("tamna list", () => {
  describe("GIVEN the example region", () => {
    describe("WHEN listed as a table", () => {
      it("THEN it exits 0 with nothing on stderr", () => {
        expectExit(table, 0);
        expect(table.stderr).toBe("");
      });

      it("THEN the header is STACK LAYER AGENCY SITE RESOURCES", () => {
        const [header] = table.stdout.split("\n");
        expect(header).toMatch(/^STACK\s+LAYER\s+AGENCY\s+SITE\s+RESOURCES\b/);
      });

      it("THEN there is one row per stack, in the same order as --json, with its columns", () => {
        const rows = table.stdout.trimEnd().split("\n").slice(1);
        expect(rows).toHaveLength(listed.stacks.length);
        rows.forEach((row, index) => {
          const stack = listed.stacks[index]!;
          const cells = row.trim().split(/\s+/);
          expect(cells.slice(0, 5)).toEqual([
            stack.name,
            stack.layer,
            stack.agency ?? "-",
            stack.site,
            String(stack.resources),
          ]);
        });
      });

      it("THEN it writes no output directory", () => {
        expect(fs.readdirSync(ws)).toEqual(["jeju"]);
      });
    });

    describe("WHEN listed with --json", () => {
      it("THEN stdout is only JSON, for region jeju, and stderr is empty", () => {
        expect(listed.region).toBe("jeju");
        expect(json.stderr).toBe("");
      });

      it("THEN it lists every stack of the region", () => {
        expect(listed.stacks.map((s) => s.name).sort()).toEqual(exampleStackNames());
      });

      it("THEN each stack has name, layer, agency, site, dependsOn and resources", () => {
        const agencies = Object.keys(EXAMPLE_AGENCIES);
        for (const stack of listed.stacks) {
          expect(stack.name).toEqual(expect.any(String));
          expect(["platform", "tenancy", "agency", "paasta"]).toContain(stack.layer);
          expect(["jeju-cdc", "mainland-drc"]).toContain(stack.site);
          expect(Array.isArray(stack.dependsOn)).toBe(true);
          expect(Number.isInteger(stack.resources) && stack.resources >= 0).toBe(true);
          if (stack.layer === "platform") {
            expect(stack.agency).toBeNull();
            expect(stack.name).toBe(`platform-${stack.site}`);
          } else {
            expect([...agencies, "paasta"]).toContain(stack.agency);
            const prefix = stack.layer === "tenancy" ? "tenancy-" : "";
            expect(stack.name).toBe(`${prefix}${stack.agency}-${stack.site}`);
          }
        }
      });

      it("THEN platform and tenancy stacks declare resources", () => {
        for (const stack of listed.stacks.filter((s) => s.layer !== "agency")) {
          expect(stack.resources, stack.name).toBeGreaterThan(0);
        }
      });

      it("THEN stacks come in apply order: every dependency is listed before its dependent", () => {
        const seen = new Set<string>();
        for (const stack of listed.stacks) {
          for (const dependency of stack.dependsOn) {
            expect(seen.has(dependency), `${stack.name} depends on ${dependency}`).toBe(true);
          }
          seen.add(stack.name);
        }
      });

      it("THEN tenancy stacks depend on their site's platform, agency stacks on their tenancy", () => {
        for (const stack of listed.stacks) {
          if (stack.layer === "tenancy")
            expect(stack.dependsOn).toContain(`platform-${stack.site}`);
          if (stack.layer === "agency") expect(stack.dependsOn).toContain(`tenancy-${stack.name}`);
        }
      });
    });

    describe("WHEN listed with --agency", () => {
      it("THEN only that agency's stacks are listed", async () => {
        const result = await runTamna(ws, [
          "list",
          "--region",
          "jeju",
          "--json",
          "--agency",
          "jeju-tourism",
        ]);
        expectExit(result, 0);
        expect(JSON.parse(result.stdout).stacks.map((s: ListedStack) => s.name)).toEqual([
          "tenancy-jeju-tourism-jeju-cdc",
          "jeju-tourism-jeju-cdc",
        ]);
      });

      it("THEN an unknown agency exits 2 with a did-you-mean and no stdout", async () => {
        const result = await runTamna(ws, ["list", "--region", "jeju", "--agency", "jeju-fir"]);
        expectExit(result, 2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toMatch(/did you mean "jeju-fire"\?/);
        expectNoStackTrace(result.stderr);
      });
    });

    describe("WHEN listed with --format, as the other commands take it", () => {
      it("THEN --format json is what --json prints, and --format text the table", async () => {
        const asJson = await runTamna(ws, ["list", "--region", "jeju", "--format", "json"]);
        expectExit(asJson, 0);
        expect(asJson.stdout).toBe(json.stdout);
        const asText = await runTamna(ws, ["list", "--region", "jeju", "-f", "text"]);
        expect(asText.stdout).toBe(table.stdout);
      });

      it("THEN an unknown format, or --json with --format text, is bad usage", async () => {
        const unknown = await runTamna(ws, ["list", "--region", "jeju", "--format", "yaml"]);
        expectExit(unknown, 2);
        expect(unknown.stderr).toMatch(/Allowed choices are text, json/);
        const both = await runTamna(ws, ["list", "--region", "jeju", "--json", "-f", "text"]);
        expectExit(both, 2);
        expect(both.stderr).toMatch(/--json and --format text ask for two formats/);
        expect(both.stdout).toBe("");
      });
    });
  });
});
