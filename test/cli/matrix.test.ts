/**
 * `tamna matrix`: the stacks as a CI fan-out matrix, as a CI job runs it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatrixEntry, MatrixJob } from "../../cli/commands/matrix";
import { matrixEntries, matrixJobs } from "../../cli/commands/matrix";
import type { StackPlan } from "../../lib/plan/region-plan";
import { exampleRegion } from "../helpers/example-region";
import { syntheticRegionPlan } from "../helpers/synthetic-region";
import {
  type CliResult,
  exampleStackNames,
  expectExit,
  expectNoStackTrace,
  runTamna,
  Workspaces,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
let ws: string;
let full: CliResult;
let entries: MatrixEntry[];

beforeAll(async () => {
  ws = workspaces.withRegion("matrix");
  full = await runTamna(ws, ["matrix", "--region", "jeju", "--per-stack"]);
  entries = JSON.parse(full.stdout).include;
});

afterAll(() => workspaces.removeAll());

const byName = () => new Map(entries.map((entry) => [entry.stack, entry]));

describe("tamna matrix --per-stack", () => {
  describe("GIVEN the example region", () => {
    it("THEN it exits 0 and prints one line of JSON with an include list", () => {
      expectExit(full, 0);
      expect(full.stdout.trim().split("\n")).toHaveLength(1);
      expect(Object.keys(JSON.parse(full.stdout))).toEqual(["include"]);
      expect(full.stderr).toBe("");
    });

    it("THEN the matrix covers every stack exactly once", () => {
      const names = entries.map((entry) => entry.stack);
      expect(new Set(names).size).toBe(names.length);
      expect([...names].sort()).toEqual(exampleStackNames());
    });

    it("THEN every dependency is a stack of the matrix with a lower order", () => {
      const all = byName();
      for (const entry of entries) {
        for (const dependency of entry.dependsOn) {
          expect(all.get(dependency), `${entry.stack} -> ${dependency}`).toBeDefined();
          expect(all.get(dependency)!.order, `${entry.stack} -> ${dependency}`).toBeLessThan(
            entry.order,
          );
        }
      }
    });

    it("THEN the layers are orders 1, 2 and 3; a foundation's stacks share order 3 with the agencies'", () => {
      const orders: Record<string, number> = { platform: 1, tenancy: 2, agency: 3, paasta: 3 };
      for (const entry of entries) expect(entry.order, entry.stack).toBe(orders[entry.layer]);
      expect(new Set(entries.map((entry) => entry.layer))).toEqual(new Set(Object.keys(orders)));
    });

    it("THEN entries are sorted by order, then by stack name", () => {
      const sorted = [...entries].sort(
        (a, b) => a.order - b.order || (a.stack < b.stack ? -1 : a.stack > b.stack ? 1 : 0),
      );
      expect(entries.map((e) => e.stack)).toEqual(sorted.map((e) => e.stack));
    });

    it("THEN each entry has its agency, site and a state key of its own", () => {
      const keys = new Set(entries.map((entry) => entry.stateKey));
      expect(keys.size).toBe(entries.length);
      const city = byName().get("jeju-city-mainland-drc")!;
      expect(city).toEqual({
        stack: "jeju-city-mainland-drc",
        layer: "agency",
        order: 3,
        agency: "jeju-city",
        site: "mainland-drc",
        dependsOn: ["platform-mainland-drc", "tenancy-jeju-city-mainland-drc"],
        backend: "s3",
        stateKey: "jeju/jeju-city-mainland-drc.tfstate",
      });
      expect(byName().get("platform-jeju-cdc")!.agency).toBeNull();
    });

    it("THEN the state key is the one in the stack's synthesized backend", async () => {
      const synth = await runTamna(ws, [
        "synth",
        "--region",
        "jeju",
        "-q",
        "-s",
        "tenancy-jeju-fire-jeju-cdc",
      ]);
      expectExit(synth, 0);
      const stack = JSON.parse(
        fs.readFileSync(
          path.join(ws, "cdktf.out", "stacks", "tenancy-jeju-fire-jeju-cdc", "cdk.tf.json"),
          "utf8",
        ),
      );
      expect(stack.terraform.backend.s3.key).toBe(
        byName().get("tenancy-jeju-fire-jeju-cdc")!.stateKey,
      );
    });
  });

  describe("GIVEN --layer", () => {
    for (const [layer, order] of [
      ["platform", 1],
      ["tenancy", 2],
      ["agency", 3],
    ] as const) {
      it(`THEN --layer ${layer} gives exactly the ${layer} stacks, with their region-wide order`, async () => {
        const result = await runTamna(ws, [
          "matrix",
          "--region",
          "jeju",
          "--per-stack",
          "--layer",
          layer,
        ]);
        expectExit(result, 0);
        const only: MatrixEntry[] = JSON.parse(result.stdout).include;
        expect(only.map((e) => e.stack)).toEqual(
          entries.filter((e) => e.layer === layer).map((e) => e.stack),
        );
        expect(only.every((e) => e.order === order)).toBe(true);
      });
    }

    it("THEN an unknown layer is bad input with a did-you-mean", async () => {
      const result = await runTamna(ws, ["matrix", "--region", "jeju", "--layer", "tenant"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/--layer tenant: no such layer/);
      expect(result.stderr).toMatch(/did you mean "tenancy"\?/);
      expectNoStackTrace(result.stderr);
      expect(result.stdout).toBe("");
    });
  });

  describe("GIVEN --changed-since in a repository where one agency file changed", () => {
    it("THEN only that agency's stacks are in the matrix, layered", async () => {
      const repo = workspaces.withRegion("matrix-git");
      const git = (...args: string[]) =>
        spawnSync("git", args, {
          cwd: repo,
          encoding: "utf8",
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: "t",
            GIT_AUTHOR_EMAIL: "t@example.invalid",
            GIT_COMMITTER_NAME: "t",
            GIT_COMMITTER_EMAIL: "t@example.invalid",
          },
        });
      git("init", "-q");
      git("add", "-A");
      expect(git("commit", "-q", "-m", "region").status).toBe(0);
      const file = path.join(repo, "jeju", "agencies", "jeju-medical-center.yaml");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^name: (.*)$/m, "name: $1 2"));

      const result = await runTamna(repo, [
        "matrix",
        "--region",
        "jeju",
        "--changed-since",
        "HEAD",
        "--per-stack",
      ]);
      expectExit(result, 0);
      const changed: MatrixEntry[] = JSON.parse(result.stdout).include;
      expect(changed.map((e) => e.stack)).toEqual([
        "tenancy-jeju-medical-center-jeju-cdc",
        "tenancy-jeju-medical-center-mainland-drc",
        "jeju-medical-center-jeju-cdc",
        "jeju-medical-center-mainland-drc",
      ]);
      expect(changed.map((e) => e.order)).toEqual([2, 2, 3, 3]);

      const agencyLayer = await runTamna(repo, [
        "matrix",
        "--region",
        "jeju",
        "--changed-since",
        "HEAD",
        "--layer",
        "agency",
        "--per-stack",
      ]);
      expect(JSON.parse(agencyLayer.stdout).include).toHaveLength(2);
    });
  });
});

/**
 * Checks a job matrix against the stacks it was made from: every stack in exactly one job, at
 * most `maxJobs` jobs per layer and order, one layer and order per job, and every dependency
 * either in a job this job depends on (of a lower order) or outside the matrix.
 */
function expectJobsOver(
  jobs: readonly MatrixJob[],
  stacks: readonly MatrixEntry[],
  maxJobs: number,
) {
  const jobOf = new Map<string, MatrixJob>();
  for (const job of jobs) {
    expect(job.names).toBe(job.stacks.map((s) => s.stack).join(" "));
    for (const { stack } of job.stacks) {
      expect(jobOf.has(stack), `${stack} in two jobs`).toBe(false);
      jobOf.set(stack, job);
    }
  }
  expect([...jobOf.keys()].sort()).toEqual(stacks.map((s) => s.stack).sort());
  expect(new Set(jobs.map((job) => job.job)).size).toBe(jobs.length);

  const perStep = new Map<string, number>();
  for (const job of jobs) {
    const step = `${job.order}-${job.layer}`;
    perStep.set(step, (perStep.get(step) ?? 0) + 1);
    expect(job.job.startsWith(`${step}-`)).toBe(true);
  }
  for (const [step, count] of perStep) expect(count, step).toBeLessThanOrEqual(maxJobs);

  const byId = new Map(jobs.map((job) => [job.job, job]));
  for (const entry of stacks) {
    const job = jobOf.get(entry.stack)!;
    expect([
      job.layer,
      job.order,
      job.stacks.find((s) => s.stack === entry.stack)!.stateKey,
    ]).toEqual([entry.layer, entry.order, entry.stateKey]);
    for (const dependency of entry.dependsOn) {
      const holder = jobOf.get(dependency);
      if (holder === undefined) continue; // not selected: applied already
      expect(job.dependsOn, `${entry.stack} -> ${dependency}`).toContain(holder.job);
      expect(holder.order).toBeLessThan(job.order);
    }
  }
  for (const job of jobs) {
    for (const id of job.dependsOn) expect(byId.get(id)!.order).toBeLessThan(job.order);
  }
  // Jobs come in apply order, so a CI system may run them as listed.
  expect(jobs.map((job) => job.order)).toEqual(
    [...jobs.map((job) => job.order)].sort((a, b) => a - b),
  );
}

describe("tamna matrix (jobs)", () => {
  describe("GIVEN the example region and the default --max-jobs", () => {
    it("THEN each stack is a job of its own, in the per-stack order with layers of one order apart", async () => {
      const result = await runTamna(ws, ["matrix", "--region", "jeju"]);
      expectExit(result, 0);
      expect(result.stdout.trim().split("\n")).toHaveLength(1);
      const jobs: MatrixJob[] = JSON.parse(result.stdout).include;
      expectJobsOver(jobs, entries, 256);
      expect(jobs.every((job) => job.stacks.length === 1)).toBe(true);
      // Jobs go by order, then layer (agency before paasta at order 3), then name.
      const byLayer = [...entries].sort(
        (a, b) =>
          a.order - b.order ||
          (a.layer < b.layer ? -1 : a.layer > b.layer ? 1 : 0) ||
          (a.stack < b.stack ? -1 : 1),
      );
      expect(jobs.map((job) => job.names)).toEqual(byLayer.map((entry) => entry.stack));
      expect(jobs.at(-1)!.layer).toBe("paasta");
      expect(jobs[0]).toEqual({
        job: "1-platform-000",
        layer: "platform",
        order: 1,
        dependsOn: [],
        names: "platform-jeju-cdc",
        resources: expect.any(Number),
        stacks: [{ stack: "platform-jeju-cdc", stateKey: "jeju/platform-jeju-cdc.tfstate" }],
      });
    });
  });

  describe("GIVEN --max-jobs 3", () => {
    let jobs: MatrixJob[];
    beforeAll(async () => {
      const result = await runTamna(ws, ["matrix", "--region", "jeju", "--max-jobs", "3"]);
      expectExit(result, 0);
      jobs = JSON.parse(result.stdout).include;
    });

    it("THEN at most 3 jobs per layer cover every stack once and depend on the jobs before them", () => {
      expectJobsOver(jobs, entries, 3);
      expect(jobs.filter((job) => job.layer === "agency")).toHaveLength(3);
    });

    it("THEN --layer prints that layer's jobs, with the same ids", async () => {
      const result = await runTamna(ws, [
        "matrix",
        "--region",
        "jeju",
        "--max-jobs",
        "3",
        "--layer",
        "agency",
      ]);
      expectExit(result, 0);
      expect(JSON.parse(result.stdout).include).toEqual(
        jobs.filter((job) => job.layer === "agency"),
      );
    });
  });

  describe("GIVEN a bad --max-jobs", () => {
    it.each([["0"], ["many"], ["1.5"]])(
      "WHEN --max-jobs %s THEN exit 2 saying what is allowed",
      async (value) => {
        const result = await runTamna(ws, ["matrix", "--region", "jeju", "--max-jobs", value]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(
          /--max-jobs <n>' argument .* is invalid\. expected a whole number of 1 or more/,
        );
        expect(result.stdout).toBe("");
      },
    );

    it("THEN --max-jobs with --per-stack is refused", async () => {
      const result = await runTamna(ws, [
        "matrix",
        "--region",
        "jeju",
        "--max-jobs",
        "3",
        "--per-stack",
      ]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/cannot be used with/);
      expect(result.stdout).toBe("");
    });
  });
});

describe("matrixJobs", () => {
  describe("GIVEN a synthetic region of 1,000 agencies at two sites", () => {
    // 1,001 planned once: the 1,000-agency matrix leaves the last agency out of the selection.
    const plan = syntheticRegionPlan(1001);
    const without = plan.stacks.filter((stack) => !stack.name.includes("agency-1000"));
    const jobs = matrixJobs(plan.stacks, without, 256);

    it("THEN at most 256 jobs per layer and order cover every stack exactly once and respect dependencies", () => {
      expect(without.length).toBe(3670); // 2 platform, 1,834 tenancy and 1,834 agency stacks
      expectJobsOver(jobs, matrixEntries(plan.stacks, without), 256);
      for (const layer of ["tenancy", "agency"]) {
        expect(jobs.filter((job) => job.layer === layer)).toHaveLength(256);
      }
    });

    it("THEN the jobs of a layer carry about the same resources", () => {
      for (const layer of ["tenancy", "agency"]) {
        const loads = jobs.filter((job) => job.layer === layer).map((job) => job.resources);
        const average = loads.reduce((sum, load) => sum + load, 0) / loads.length;
        expect(Math.max(...loads), layer).toBeLessThanOrEqual(1.25 * average);
      }
    });

    it("WHEN one agency is added THEN few stacks change jobs", () => {
      const after = matrixJobs(plan.stacks, plan.stacks, 256);
      expectJobsOver(after, matrixEntries(plan.stacks, plan.stacks), 256);
      const jobOf = (list: MatrixJob[]) =>
        new Map(list.flatMap((job) => job.stacks.map((s) => [s.stack, job.job])));
      const before = jobOf(jobs);
      const now = jobOf(after);
      const moved = [...before].filter(([stack, job]) => now.get(stack) !== job);
      expect(moved.length).toBeLessThanOrEqual(20);
    });

    it("THEN the same stacks give the same jobs", () => {
      expect(matrixJobs(plan.stacks, [...without].reverse(), 256)).toEqual(jobs);
    });
  });
});

describe("matrixEntries", () => {
  describe("GIVEN stacks listed before their dependencies", () => {
    it("THEN orders still follow the dependencies", () => {
      const { plan } = exampleRegion();
      const reversed = [...plan.stacks].reverse();
      const orders = new Map(matrixEntries(reversed, reversed).map((e) => [e.stack, e.order]));
      for (const stack of plan.stacks) {
        for (const dependency of stack.dependsOn) {
          expect(orders.get(dependency)!).toBeLessThan(orders.get(stack.name)!);
        }
      }
    });
  });

  describe("GIVEN a local and a pg backend", () => {
    it("THEN the state key is the state file or the schema", () => {
      const [stack] = exampleRegion().plan.stacks;
      const local = {
        ...stack!,
        backend: { type: "local", directory: "state", file: "a.tfstate" },
      };
      const pg = { ...stack!, name: "zz", backend: { type: "pg", schemaName: "jeju_zz" } };
      const result = matrixEntries([local, pg] as StackPlan[], [local, pg] as StackPlan[]);
      expect(result.map((e) => [e.backend, e.stateKey])).toEqual([
        ["local", "state/a.tfstate"],
        ["pg", "jeju_zz"],
      ]);
    });
  });
});

describe("matrixJobs", () => {
  describe("GIVEN a foundation whose stack names sort before every agency's", () => {
    it("THEN the order's jobs still go by layer: agency jobs, then paasta jobs", () => {
      const { plan } = exampleRegion();
      const renamed = plan.stacks.map((stack) =>
        stack.layer === "paasta" ? { ...stack, name: `0-${stack.name}` } : stack,
      );
      const jobs = matrixJobs(renamed, renamed, 256);
      const atThree = jobs.filter((job) => job.order === 3).map((job) => job.layer);
      expect(atThree).toContain("paasta");
      expect(atThree).toEqual([...atThree].sort());
      expect(jobs.filter((job) => job.layer === "paasta").map((job) => job.job)).toEqual([
        "3-paasta-000",
        "3-paasta-001",
      ]);
    });
  });
});
