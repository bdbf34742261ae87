/**
 * `tamna dr report` as a user runs it (a real process on a copy of the example region), plus the
 * option combinations in process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  expectExit,
  expectNoStackTrace,
  readTree,
  runTamna,
  Workspaces,
} from "../helpers/tamna-cli";
import { tamnaInProcess as tamna } from "../helpers/tamna-in-process";

const workspaces = new Workspaces();
let ws: string;
let text: CliResult;
let json: CliResult;
let before: ReturnType<typeof readTree>;

beforeAll(async () => {
  ws = workspaces.withRegion("dr-report");
  before = readTree(ws);
  text = await runTamna(ws, ["dr", "report", "--region", "jeju"]);
  json = await runTamna(ws, ["dr", "report", "--region", "jeju", "--json"]);
});

afterAll(() => workspaces.removeAll());

const region = () => path.join(ws, "jeju");

describe("tamna dr report", () => {
  describe("GIVEN the example region", () => {
    it("THEN the text report exits 0, prints to stdout only and covers every agency", () => {
      expectExit(text, 0);
      expect(text.stderr).toBe("");
      expect(text.stdout).toMatch(/^DR report: region jeju, 7 agencies, 12 systems\n/);
      for (const agency of [
        "jeju-city",
        "jeju-fire",
        "jeju-medical-center",
        "jeju-province",
        "jeju-tourism",
        "seogwipo-city",
      ]) {
        expect(text.stdout).toMatch(new RegExp(`^${agency} \\(sites: `, "m"));
      }
    });

    it("THEN the failover commands it prints name the region directory given", () => {
      expect(text.stdout).toContain(
        "tamna failover --region jeju --agency jeju-province --system saeol --to mainland-drc",
      );
    });

    it("THEN --json prints the versioned report as JSON", () => {
      expectExit(json, 0);
      const report = JSON.parse(json.stdout);
      expect(report.version).toBe(1);
      expect(report.summary.systems).toBe(12);
      expect(report.summary.withoutLiveCopy.map((r: { system: string }) => r.system)).toEqual([
        "parking",
        "visit-jeju",
      ]);
    });

    it("THEN it writes nothing: the workspace is as it was", () => {
      expect([...readTree(ws).keys()]).toEqual([...before.keys()]);
    });
  });

  describe("GIVEN the formats", () => {
    it("WHEN --format json is given THEN it is the same report as --json's", async () => {
      const run = await tamna("dr", "report", "--region", region(), "--format", "json");
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      // In process the region is named by its full path, which the printed commands carry.
      expect(report.summary).toEqual(JSON.parse(json.stdout).summary);
      expect(report.agencies.length).toBe(7);
    });

    it("WHEN --format markdown is given THEN it prints Markdown", async () => {
      const run = await tamna("dr", "report", "--region", region(), "--format", "markdown");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^# DR report: region `jeju`\n/);
      expect(run.stdout).toMatch(/^## Manual steps outside Terraform$/m);
    });

    it("WHEN --json and --format markdown are both given THEN it is bad usage", async () => {
      const run = await tamna(
        "dr",
        "report",
        "--region",
        region(),
        "--json",
        "--format",
        "markdown",
      );
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/--json and --format markdown ask for two formats/);
    });

    it("WHEN an unknown format is given THEN it is bad usage naming the choices", async () => {
      const run = await tamna("dr", "report", "--region", region(), "--format", "pdf");
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Allowed choices are text, markdown, json/);
    });
  });

  describe("GIVEN --agency", () => {
    it("WHEN repeated THEN only those agencies are reported, and summarized", async () => {
      const run = await tamna(
        "dr",
        "report",
        "--region",
        region(),
        "--agency",
        "jeju-fire",
        "--agency",
        "jeju-city",
        "--json",
      );
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.agencies.map((a: { agency: string }) => a.agency)).toEqual([
        "jeju-city",
        "jeju-fire",
      ]);
      expect(report.summary.systems).toBe(3);
    });

    it("WHEN the agency is unknown THEN it exits 2 with a suggestion, as a real process, without a stack trace", async () => {
      const result = await runTamna(ws, [
        "dr",
        "report",
        "--region",
        "jeju",
        "--agency",
        "jeju-fyre",
      ]);
      expectExit(result, 2);
      expectNoStackTrace(result.stderr);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/--agency jeju-fyre: no such agency in the region/);
      expect(result.stderr).toMatch(/did you mean "jeju-fire"\?/);
    });
  });

  describe("GIVEN a region whose agency file is invalid", () => {
    it("THEN it exits 2 with the located problem", async () => {
      const broken = workspaces.withRegion("dr-report-broken");
      const file = path.join(broken, "jeju", "agencies", "jeju-city.yaml");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("grade: 3", "grade: 7"));
      const result = await runTamna(broken, ["dr", "report", "--region", "jeju"]);
      expectExit(result, 2);
      expectNoStackTrace(result.stderr);
      expect(result.stderr).toMatch(/jeju-city\.yaml:\d+:\d+ systems\[1\]\.grade/);
    });
  });
});
