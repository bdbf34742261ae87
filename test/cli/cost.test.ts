/**
 * `tamna cost` as a user runs it: a real process on a copy of the fixture region, plus its
 * options in process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "csv-parse/sync";
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
let json: CliResult;
let before: ReturnType<typeof readTree>;

beforeAll(async () => {
  ws = workspaces.withRegion("cost");
  before = readTree(ws);
  json = await runTamna(ws, ["cost", "--region", "jeju", "--date", "2026-12-06", "-f", "json"]);
});

afterAll(() => workspaces.removeAll());

const region = () => path.join(ws, "jeju");

describe("tamna cost", () => {
  it("GIVEN the fixture region THEN the JSON is versioned, the agencies sum to the total, and nothing is written", () => {
    expectExit(json, 0);
    expect(json.stderr).toBe("");
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      version: 1,
      currency: "KRW",
      period: "month",
      date: "2026-12-06",
      priceBook: "2026-01-01",
    });
    // Six agencies and the PaaS-TA foundation, which is priced like one.
    expect(report.agencies).toHaveLength(7);
    expect(report.notes.map((note: { agency: string }) => note.agency)).toEqual(["paasta"]);
    const sum = report.agencies.reduce((t: number, a: { monthly: number }) => t + a.monthly, 0);
    expect(sum).toBe(report.total);
    expect([...readTree(ws).keys()]).toEqual([...before.keys()]);
  });

  it("WHEN --agency and --site select THEN only those lines are priced", async () => {
    const run = await tamna(
      "cost",
      "--region",
      region(),
      "--date",
      "2026-12-06",
      "-a",
      "jeju-fire",
      "--site",
      "mainland-drc",
      "-f",
      "csv",
    );
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.agency, row.site, row.kind, row.monthly])).toEqual([
      ["jeju-fire", "mainland-drc", "compute", "1598000"],
      ["jeju-fire", "mainland-drc", "network", "45000"],
      ["jeju-fire", "mainland-drc", "storage", "320000"],
    ]);
  });

  it("WHEN --format markdown THEN it starts with the agency table", async () => {
    const run = await tamna("cost", "--region", region(), "--date", "2026-12-06", "-f", "markdown");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## Usage fees\n/);
    expect(run.stdout).toMatch(/^\| `jeju-fire` \| 5,524,000 \|/m);
  });

  it.each([
    [["--date", "2026-02-30"], /--date 2026-02-30: not a day/],
    [["--date", "2025-06-01"], /no price book is in effect on 2025-06-01/],
    [
      ["--site", "jeju"],
      /--site jeju: no such site; received jeju; allowed: jeju-cdc, mainland-drc/,
    ],
    [["--agency", "jeju-fir"], /jeju-fir/],
  ])("WHEN %j THEN it is bad usage, exit 2, located", async (args, message) => {
    const run = await tamna("cost", "--region", region(), ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expectNoStackTrace(run.stderr);
  });

  it("WHEN the region has no price book THEN it says how to add one", async () => {
    const file = path.join(region(), "region.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.slice(0, text.indexOf("\nprices:") + 1));
    try {
      const run = await tamna("cost", "--region", region());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/region\.yaml.*the region has no price book/);
    } finally {
      fs.writeFileSync(file, text);
    }
  });
});

describe("tamna capacity", () => {
  it("GIVEN the fixture region THEN every zone holds its load: exit 0, JSON versioned", async () => {
    const run = await tamna("capacity", "--region", region(), "-f", "json");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ version: 1, errors: 0, warnings: 0 });
    expect(report.zones).toHaveLength(5);
  });

  it("WHEN a zone is over capacity THEN it says where, as a real process, and exits 1", async () => {
    const file = path.join(region(), "region.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace("coresPerHost: 64\n", "coresPerHost: 1\n"));
    try {
      const run = await runTamna(ws, ["capacity", "--region", "jeju", "--site", "jeju-cdc"]);
      expectExit(run, 1);
      expect(run.stdout).toMatch(/^jeju-cdc +cdc-az1 +4 +\d+ +\d+ \/ 16 \(\d+%\) OVER/m);
      expect(run.stdout).toMatch(
        /^error: jeju\/region\.yaml:\d+:\d+ sites\.jeju-cdc\.availabilityZones\[0\]\.capacity: availability zone cdc-az1 of jeju-cdc is over capacity/m,
      );
      expect(run.stdout).not.toMatch(/mainland-drc/);
    } finally {
      fs.writeFileSync(file, text);
    }
  });
});
