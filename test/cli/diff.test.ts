/**
 * `tamna diff` as a user runs it: in-process through main() for exit codes and messages, one run
 * of bin/tamna.js as a real process, and one --base HEAD run through a temporary git worktree.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Outputs, putResource } from "../lib/diff/fixtures";
import {
  exampleStackNames,
  expectExit,
  expectNoStackTrace,
  REPO_ROOT,
  runTamna,
  Workspaces,
} from "../helpers/tamna-cli";
import { tamnaInProcess as tamna, type InProcessRun as Run } from "../helpers/tamna-in-process";

const outputs = new Outputs();
let base: string;
let same: string;
/** The base plus a volume: diffing it against the base destroys the volume. */
let withVolume: string;

beforeAll(() => {
  base = outputs.synth("cli-base");
  same = outputs.copy(base, "cli-same");
  withVolume = outputs.copy(base, "cli-volume", {
    "jeju-city-jeju-cdc": (json) =>
      putResource(json, "openstack_blockstorage_volume_v3", "Archive", { name: "a", size: 10 }),
  });
});
const workspaces = new Workspaces();
afterAll(() => {
  outputs.removeAll();
  workspaces.removeAll();
});
afterEach(() => vi.restoreAllMocks());

describe("tamna diff", () => {
  describe("GIVEN two identical outputs", () => {
    it("THEN it exits 0, with or without --detailed-exitcode, and says there are no changes", async () => {
      const plain = await tamna("diff", base, same);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toContain("No changes: the head output matches the base.");
      expect((await tamna("diff", base, same, "--detailed-exitcode")).code).toBe(0);
    });
  });

  describe("GIVEN outputs that differ", () => {
    it("THEN it exits 0 by default and 2 with --detailed-exitcode", async () => {
      const plain = await tamna("diff", withVolume, base);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/^ {2}- {3}openstack_blockstorage_volume_v3\.Archive$/m);
      expect((await tamna("diff", withVolume, base, "--detailed-exitcode")).code).toBe(2);
    });

    it("THEN --format json prints the versioned document, --format markdown the comment", async () => {
      const json = await tamna("diff", withVolume, base, "--format", "json");
      expect(JSON.parse(json.stdout)).toMatchObject({ version: 1, changes: true });
      const markdown = await tamna("diff", withVolume, base, "--format", "markdown");
      expect(markdown.stdout).toMatch(/^## tamna diff\n/);
    });

    it("THEN --out writes the report to the file, nothing to stdout, and says where", async () => {
      const file = path.join(path.dirname(withVolume), "report.md");
      const run = await tamna("diff", withVolume, base, "--format", "markdown", "--out", file);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("");
      expect(fs.readFileSync(file, "utf8")).toMatch(/^## tamna diff\n/);
      expect(run.stderr).toContain(`wrote the markdown report to ${file}`);
    });
  });

  describe("GIVEN bad input or usage", () => {
    const cases: [string, string[], RegExp][] = [
      [
        "a missing BASE_DIR",
        ["/nonexistent/base", "HEAD"],
        /^tamna diff: BASE_DIR \/nonexistent\/base: no such directory\. Fix: pass a directory written by `tamna synth --out DIR`/,
      ],
      ["one directory", ["ONLY"], /expected BASE_DIR and HEAD_DIR, got 1 directory/],
      [
        "an unknown format",
        ["BASE", "HEAD", "--format", "yaml"],
        /--format yaml: no such format; received yaml; allowed: text, markdown, json/,
      ],
      [
        "--region without --base",
        ["BASE", "HEAD", "--region", "x"],
        /--region is only used with --base/,
      ],
    ];
    for (const [what, args, message] of cases) {
      it(`GIVEN ${what} THEN one clear line, exit 2; exit 1 under --detailed-exitcode`, async () => {
        const resolved = args.map((a) => (a === "BASE" ? base : a === "HEAD" ? same : a));
        const run = await tamna("diff", ...resolved);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr.trim().split("\n")).toHaveLength(1);
        expectNoStackTrace(run.stderr);
        expect((await tamna("diff", ...resolved, "--detailed-exitcode")).code).toBe(1);
      });
    }

    it("GIVEN a directory that is not a synth output THEN it says so", async () => {
      const run = await tamna("diff", os.tmpdir(), same);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /: BASE_DIR is not a synthesized output, it has no manifest\.json/,
      );
    });

    it("GIVEN an unknown option THEN commander's usage error exits 2, or 1 under --detailed-exitcode", async () => {
      expect((await tamna("diff", base, same, "--frobnicate")).code).toBe(2);
      expect((await tamna("diff", "--detailed-exitcode", base, same, "--frobnicate")).code).toBe(1);
    });
  });

  describe("GIVEN the built CLI as a real process", () => {
    it("THEN exit codes and output are the same", async () => {
      const result = await runTamna(REPO_ROOT, ["diff", withVolume, base, "--detailed-exitcode"]);
      expectExit(result, 2);
      expect(result.stdout).toContain("DANGER: 1 change to read before applying");
      expect(result.stdout).toContain("destroys a Cinder volume");
      const missing = await runTamna(REPO_ROOT, ["diff", "/nonexistent", base]);
      expectExit(missing, 2);
      expectNoStackTrace(missing.stderr);
    });
  });

  describe("GIVEN --base HEAD in this checkout", () => {
    it("THEN HEAD is synthesized in a temporary worktree, compared, and the worktree removed", async () => {
      const worktrees = () =>
        spawnSync("git", ["worktree", "list", "--porcelain"], { cwd: REPO_ROOT, encoding: "utf8" })
          .stdout.split("\n")
          .filter((line) => line.startsWith("worktree ") && line.includes("tamna-diff-"));
      const before = worktrees();
      const cwd = process.cwd();
      process.chdir(REPO_ROOT);
      let run: Run;
      try {
        run = await tamna(
          "diff",
          "--base",
          "HEAD",
          "--region",
          "test/fixtures/jeju",
          base,
          "--format",
          "json",
        );
      } finally {
        process.chdir(cwd);
      }
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.base).toMatch(/^HEAD \([0-9a-f]{7}\)$/);
      expect(report.head).toBe(base);
      expect(run.stderr).toMatch(/synthesizing HEAD \([0-9a-f]{7}\) in a temporary git worktree/);
      expect(worktrees()).toEqual(before);
    });
  });

  describe("GIVEN outputs of selective synths (--agency, --stack), as real processes", () => {
    let ws: string;
    const stacksOf = (stdout: string) =>
      [...stdout.matchAll(/^== (\S+) \((\w+)\)/gm)].map((m) => `${m[1]} ${m[2]}`);
    beforeAll(async () => {
      ws = workspaces.withRegion("selective");
      for (const args of [
        ["--out", "full"],
        ["--out", "tourism", "--agency", "jeju-tourism"],
        ["--out", "platform", "--stack", "platform-jeju-cdc"],
      ]) {
        expectExit(await runTamna(ws, ["synth", "--region", "jeju", "-q", ...args]), 0);
      }
    });

    it("WHEN the head selected one agency THEN the other stacks are not compared, not destroyed", async () => {
      const run = await runTamna(ws, ["diff", "full", "tourism", "--detailed-exitcode"]);
      expectExit(run, 0);
      expect(stacksOf(run.stdout)).toEqual([]);
      expect(run.stdout).toMatch(
        /^Not compared: \d+ stacks that the head output's synth did not select/m,
      );
      expect(run.stdout).toMatch(/^ {2}jeju-city-jeju-cdc$/m);
      expect(run.stdout).toMatch(
        /^No changes: the head output matches the base; \d+ stacks not compared/m,
      );
    });

    it("WHEN the base selected one stack THEN the others are not compared, not added", async () => {
      const run = await runTamna(ws, ["diff", "platform", "full", "--format", "json"]);
      expectExit(run, 0);
      const report = JSON.parse(run.stdout);
      expect(report.changes).toBe(false);
      expect(report.summary).toMatchObject({
        stacksAdded: 0,
        stacksNotCompared: exampleStackNames().length - 1,
      });
      expect(report.notCompared[0]).toEqual({
        stack: "platform-mainland-drc",
        notSelectedIn: "base",
      });
    });

    it("WHEN an agency left the region and the head selected another THEN its stacks are destroyed", async () => {
      fs.rmSync(path.join(ws, "jeju", "agencies", "jeju-tourism.yaml"));
      fs.rmSync(path.join(ws, "jeju", "placement", "jeju-tourism.lock.yaml"));
      const synth = ["synth", "--region", "jeju", "-q", "--out", "city", "--agency", "jeju-city"];
      expectExit(await runTamna(ws, synth), 0);
      const run = await runTamna(ws, ["diff", "full", "city"]);
      expectExit(run, 0);
      expect(stacksOf(run.stdout)).toEqual([
        "tenancy-jeju-tourism-jeju-cdc removed",
        "jeju-tourism-jeju-cdc removed",
      ]);
      expect(run.stdout).toMatch(/^2 stacks differ \(2 removed\): /m);
    });
  });
});
