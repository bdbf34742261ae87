/**
 * The cost section of `tamna diff --base`, as real processes in a git repository of region files
 * (no tamna checkout, so this tamna synthesizes the base): the delta per agency is the difference
 * of `tamna cost` run on the base and on the head, and a rise past the region's threshold is a
 * danger.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectExit, runTamna, Workspaces } from "../helpers/tamna-cli";

const workspaces = new Workspaces();
let ws: string;
const DATE = ["--date", "2026-12-06"];

function git(...args: string[]): void {
  const result = spawnSync("git", args, { cwd: ws, encoding: "utf8" });
  expect(result.status, result.stderr).toBe(0);
}

function edit(file: string, from: string | RegExp, to: string): void {
  const target = path.join(ws, "jeju", file);
  const text = fs.readFileSync(target, "utf8");
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  fs.writeFileSync(target, changed);
}

const costOf = async () => {
  const run = await runTamna(ws, ["cost", "--region", "jeju", ...DATE, "-f", "json"]);
  expectExit(run, 0);
  return JSON.parse(run.stdout) as {
    total: number;
    agencies: { agency: string; monthly: number }[];
  };
};

/** `tamna diff --base HEAD` of the working tree, in one format. */
const diffAgainstHead = (format: "json" | "markdown") =>
  runTamna(ws, ["diff", "--base", "HEAD", "--region", "jeju", ...DATE, "-f", format]);

const diffJson = async () => {
  const run = await diffAgainstHead("json");
  expectExit(run, 0);
  return JSON.parse(run.stdout);
};

beforeAll(() => {
  ws = workspaces.withRegion("diff-cost");
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.email=ci@example.go.kr", "-c", "user.name=ci", "commit", "-qm", "base");
});

afterAll(() => workspaces.removeAll());

describe("tamna diff --base: cost", () => {
  it("GIVEN jeju-fire's was tier scaled from 4 to 6 THEN the delta is the difference of the two cost reports, and a danger", async () => {
    const before = await costOf();
    edit(
      "agencies/jeju-fire.yaml",
      /count: 4\n(\s+)flavor: c1\.xlarge/,
      "count: 6\n$1flavor: c1.xlarge",
    );
    const after = await costOf();
    const report = await diffJson();
    git("checkout", "-q", "--", ".");

    const monthly = (cost: typeof before, agency: string) =>
      cost.agencies.find((entry) => entry.agency === agency)!.monthly;
    expect(report.cost.delta).toBe(after.total - before.total);
    expect(report.cost.agencies).toEqual([
      {
        agency: "jeju-fire",
        before: monthly(before, "jeju-fire"),
        after: monthly(after, "jeju-fire"),
        delta: monthly(after, "jeju-fire") - monthly(before, "jeju-fire"),
        percent: 12.9,
        danger: true,
      },
    ]);
    // Two more c1.xlarge (224,000 each) at home, two more at the DR site at half price, and
    // their 40 GiB replicated boot volumes (250 a GiB) at both sites.
    expect(report.cost.agencies[0].delta).toBe(2 * 224_000 + 224_000 + 2 * 2 * 40 * 250);
    expect(report.dangers).toContainEqual({
      kind: "cost-increase",
      stack: "jeju-fire",
      address: "monthly cost",
      message: expect.stringMatching(
        /rises 12\.9% \(5,524,000 -> 6,236,000 KRW\), more than the region's 10%/,
      ),
    });
  });

  it("GIVEN a price rise in the head's book THEN every agency's delta shows it, in the markdown table at the top", async () => {
    edit("region.yaml", "costIncreaseDangerPercent: 10", "costIncreaseDangerPercent: 50");
    edit(
      "region.yaml",
      "loadBalancer: 45000\n      floatingIp: 9000\n      # Standby",
      "loadBalancer: 55000\n      floatingIp: 9000\n      # Standby",
    );
    const run = await diffAgainstHead("markdown");
    git("checkout", "-q", "--", ".");
    expectExit(run, 0);
    const [heading, , summary, , cost, , header] = run.stdout.split("\n");
    expect([heading, header]).toEqual([
      "## tamna diff",
      "| agency | before | after | delta | change |",
    ]);
    expect(summary).toMatch(/^Base `HEAD \([0-9a-f]{7}\)`, head `working tree`\. No changes/);
    expect(cost).toMatch(/^\*\*Cost\*\*: Monthly usage fees in KRW/);
    // jeju-fire has two load balancers (home and standby): +20,000.
    expect(run.stdout).toMatch(
      /^\| `jeju-fire` \| 5,524,000 \| 5,544,000 \| \+20,000 \| \+0\.4% \|$/m,
    );
    // The PaaS-TA foundation's routers' load balancer, at home and at the standby site.
    expect(run.stdout).toMatch(/^\| `paasta` \| 108,000 \| 128,000 \| \+20,000 \| \+18\.5% \|$/m);
    expect(run.stdout).not.toMatch(/cost-increase/);
  });

  it("GIVEN a base without a price book THEN both sides are priced with the head's, and it says so", async () => {
    const file = path.join(ws, "jeju", "region.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.slice(0, text.indexOf("\nprices:") + 1));
    git("-c", "user.email=ci@example.go.kr", "-c", "user.name=ci", "commit", "-qam", "no prices");
    fs.writeFileSync(file, text);
    const report = await diffJson();
    expect(report.cost).toMatchObject({
      delta: 0,
      agencies: [],
      note: expect.stringMatching(/base region has no price book/),
    });
  });

  it("GIVEN a head without a price book THEN the cost is not compared, and the diff goes on", async () => {
    const file = path.join(ws, "jeju", "region.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.slice(0, text.indexOf("\nprices:") + 1));
    const report = await diffJson();
    fs.writeFileSync(file, text);
    expect(report.cost).toEqual({ unavailable: "the head region has no price book (prices)" });
    expect(report.changes).toBe(false);
  });
});
