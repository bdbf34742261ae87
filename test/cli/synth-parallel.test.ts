/**
 * `tamna synth --jobs N`: stacks synthesized in worker threads give the same bytes as in one
 * thread, and a worker's failure reaches the user as an in-process one would.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TamnaError } from "../../lib/errors";
import type { StackPlan } from "../../lib/plan/region-plan";
import { splitIntoBatches, workerCount } from "../../cli/parallel/batches";
import { fromFailure, toFailure } from "../../cli/parallel/messages";
import { synthesizeInWorkers } from "../../cli/parallel/worker-pool";
import { exampleRegion } from "../helpers/example-region";
import {
  type CliResult,
  exampleStackNames,
  expectExit,
  expectIdenticalTrees,
  expectNoStackTrace,
  readTree,
  REPO_ROOT,
  runTamna,
  stackDirs,
  stagingLeftovers,
  Workspaces,
} from "../helpers/tamna-cli";

// --no-cache throughout: runs after the first would copy their stacks from the synth cache,
// and these tests are about synthesizing them.
const workspaces = new Workspaces();

let ws: string;
let oneThread: CliResult;
let twoWorkers: CliResult;

beforeAll(async () => {
  ws = workspaces.withRegion("parallel");
  oneThread = await runTamna(ws, [
    "synth",
    "--no-cache",
    "--region",
    "jeju",
    "--jobs",
    "1",
    "--out",
    "one",
  ]);
  twoWorkers = await runTamna(ws, [
    "synth",
    "--no-cache",
    "--region",
    "jeju",
    "--jobs",
    "2",
    "--out",
    "two",
  ]);
});

afterAll(() => workspaces.removeAll());

describe("tamna synth --jobs", () => {
  describe("GIVEN the example region", () => {
    describe("WHEN synthesized with --jobs 1 and with --jobs 2", () => {
      it("THEN both exit 0; --jobs 2 uses two worker threads, --jobs 1 none", () => {
        expectExit(oneThread, 0);
        expectExit(twoWorkers, 0);
        expect(twoWorkers.stderr).toMatch(/synthesizing 28 of 28 stacks in 2 worker threads/);
        expect(oneThread.stderr).not.toMatch(/worker/);
      });

      it("THEN every file of the two outputs is byte-identical, manifest.json included", () => {
        const one = readTree(path.join(ws, "one"));
        const two = readTree(path.join(ws, "two"));
        expect(one.has("manifest.json")).toBe(true);
        expect(stackDirs(path.join(ws, "two"))).toEqual(exampleStackNames());
        expectIdenticalTrees(two, one);
      });

      it("THEN the counts in the summary are the same", () => {
        const summary = (run: CliResult) => /wrote .*\)/.exec(run.stderr)?.[0];
        expect(summary(twoWorkers)).toBeDefined();
        expect(summary(twoWorkers)).toBe(summary(oneThread));
      });

      it("THEN no staging or worker scratch directory is left beside the outputs", () => {
        expect(stagingLeftovers(path.join(ws, "one"))).toEqual([]);
        expect(stagingLeftovers(path.join(ws, "two"))).toEqual([]);
      });
    });

    describe("WHEN --jobs 2 replaces an existing output", () => {
      it("THEN the result is identical to a fresh one-thread synth", async () => {
        const again = await runTamna(ws, [
          "synth",
          "--no-cache",
          "--region",
          "jeju",
          "--jobs",
          "2",
          "--out",
          "one",
        ]);
        expectExit(again, 0);
        expectIdenticalTrees(readTree(path.join(ws, "one")), readTree(path.join(ws, "two")));
      });
    });

    describe("WHEN a single stack is selected with --jobs 4", () => {
      it("THEN it is synthesized in-process", async () => {
        const result = await runTamna(ws, [
          "synth",
          "--no-cache",
          "--region",
          "jeju",
          "--jobs",
          "4",
          "--stack",
          "platform-jeju-cdc",
          "--out",
          "single",
        ]);
        expectExit(result, 0);
        expect(result.stderr).not.toMatch(/worker/);
        expect(stackDirs(path.join(ws, "single"))).toEqual(["platform-jeju-cdc"]);
      });
    });

    describe("WHEN --jobs is not a whole number of 1 or more", () => {
      for (const jobs of ["0", "-1", "two", "1.5"]) {
        it(`THEN --jobs ${jobs} is bad usage: exit 2, nothing written`, async () => {
          const result = await runTamna(ws, [
            "synth",
            "--no-cache",
            "--region",
            "jeju",
            "--jobs",
            jobs,
            "-o",
            "bad",
          ]);
          expectExit(result, 2);
          expect(result.stderr).toMatch(/--jobs <n>' argument .* is invalid/);
          expect(fs.existsSync(path.join(ws, "bad"))).toBe(false);
        });
      }
    });
  });
});

describe("workerCount and splitIntoBatches", () => {
  it("THEN --jobs 1 or a single stack stays in-process", () => {
    expect(workerCount(24, 1)).toBe(1);
    expect(workerCount(1, 8)).toBe(1);
  });

  it("THEN an explicit --jobs is followed, at most one worker per stack", () => {
    expect(workerCount(24, 2)).toBe(2);
    expect(workerCount(3, 8)).toBe(3);
  });

  it("THEN by default, small regions stay in-process and large ones use every core", () => {
    expect(workerCount(24, undefined, 8)).toBe(1);
    expect(workerCount(4000, undefined, 8)).toBe(8);
    expect(workerCount(4000, undefined, 1)).toBe(1);
  });

  it("THEN batches keep every item once, in order, and stay bounded in size", () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    for (const workers of [1, 2, 7]) {
      const batches = splitIntoBatches(items, workers);
      expect(batches.flat()).toEqual(items);
      expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(48);
      expect(batches.length).toBeGreaterThanOrEqual(workers);
    }
    expect(splitIntoBatches([], 2)).toEqual([]);
  });
});

describe("a failing synth worker", () => {
  const stacks = exampleRegion().plan.stacks.slice(0, 4);
  const dir = () => fs.mkdtempSync(path.join(workspaces.make("worker-fail"), "out-"));

  /** A worker script that fails every batch the way the real worker reports `error`. */
  function failingWorker(error: string): string {
    const file = path.join(workspaces.make("worker-script"), "worker.js");
    const dist = (module: string) => JSON.stringify(path.join(REPO_ROOT, "dist", module));
    fs.writeFileSync(
      file,
      `const { parentPort } = require("node:worker_threads");
const { TamnaError } = require(${dist("lib/errors.js")});
const { toFailure } = require(${dist("cli/parallel/messages.js")});
parentPort.on("message", () => {
  let failure;
  try { ${error} } catch (error) { failure = toFailure(error); }
  parentPort.postMessage({ kind: "failed", failure });
});
`,
    );
    return file;
  }

  describe("GIVEN a worker whose input has problems (TamnaError)", () => {
    it("THEN the parent rejects with a TamnaError holding exactly the worker's problems", async () => {
      const problem = {
        location: { file: "agencies/x.yaml", line: 3, column: 5, path: "systems[0].grade" },
        message: "grade must be 1-4",
        received: "7",
        allowed: "1, 2, 3, 4",
        hint: "pick a grade",
      };
      const out = dir();
      const failure = synthesizeInWorkers([stacks.slice(0, 2), stacks.slice(2)], out, {
        workers: 2,
        onStack: () => {},
        workerScript: failingWorker(`throw new TamnaError(${JSON.stringify(problem)});`),
      });
      await expect(failure).rejects.toBeInstanceOf(TamnaError);
      await expect(failure).rejects.toMatchObject({ problems: [problem] });
      expect(stagingLeftovers(out)).toEqual([]);
    });
  });

  describe("GIVEN a worker that crashes (a bug)", () => {
    it("THEN the parent rejects with a plain Error that carries the worker's stack trace", async () => {
      const out = dir();
      const failure = synthesizeInWorkers([stacks], out, {
        workers: 1,
        onStack: () => {},
        workerScript: failingWorker(`null.boom;`),
      });
      await expect(failure).rejects.not.toBeInstanceOf(TamnaError);
      await expect(failure).rejects.toMatchObject({
        message: expect.stringMatching(/null/),
        stack: expect.stringMatching(/worker\.js[\s\S]*in a synth worker thread/),
      });
      expect(stagingLeftovers(out)).toEqual([]);
    });
  });

  describe("GIVEN a worker script that cannot start", () => {
    it("THEN the parent rejects instead of hanging", async () => {
      const out = dir();
      const script = path.join(workspaces.make("worker-missing"), "nope.js");
      await expect(
        synthesizeInWorkers([stacks], out, { workers: 1, onStack: () => {}, workerScript: script }),
      ).rejects.toThrow(/nope\.js|Cannot find module/);
      expect(stagingLeftovers(out)).toEqual([]);
    });
  });

  describe("GIVEN the real worker and a stack that cannot be built", () => {
    it("THEN it surfaces as a bug, with the worker's stack trace", async () => {
      const stack = exampleRegion().plan.stacks.find((s) => s.layer === "agency")!;
      const broken = { ...stack, network: undefined } as unknown as StackPlan;
      const out = dir();
      await expect(
        synthesizeInWorkers([[broken]], out, {
          workers: 1,
          onStack: () => {},
          workerScript: path.join(REPO_ROOT, "dist", "cli", "parallel", "worker.js"),
        }),
      ).rejects.toMatchObject({
        stack: expect.stringMatching(/TypeError[\s\S]*in a synth worker thread/),
      });
      expect(stagingLeftovers(out)).toEqual([]);
    });
  });

  describe("GIVEN failures carried across the thread boundary", () => {
    it("THEN problems stay problems and bugs stay bugs, after a structured clone", () => {
      const tamna = new TamnaError({ location: { file: "a.yaml", line: 1 }, message: "bad" });
      const back = fromFailure(structuredClone(toFailure(tamna)));
      expect(back).toBeInstanceOf(TamnaError);
      expect((back as TamnaError).problems).toEqual(tamna.problems);
      expect(back.message).toBe(tamna.message);

      const bug = fromFailure(structuredClone(toFailure(new RangeError("out of range"))));
      expect(bug).not.toBeInstanceOf(TamnaError);
      expect(bug.message).toBe("out of range");
      expect(bug.stack).toMatch(/RangeError: out of range/);
    });
  });
});

describe("tamna synth --jobs 2 on a region with a problem", () => {
  describe("GIVEN an agency file with an invalid field", () => {
    it("THEN the message, exit code and output are exactly those of --jobs 1", async () => {
      const broken = workspaces.withRegion("parallel-broken");
      const file = path.join(broken, "jeju", "agencies", "jeju-city.yaml");
      const text = fs.readFileSync(file, "utf8").replace(/^csapTier: .*$/m, "csapTier: x");
      fs.writeFileSync(file, text);
      const inProcess = await runTamna(broken, [
        "synth",
        "--no-cache",
        "--region",
        "jeju",
        "--jobs",
        "1",
      ]);
      const parallel = await runTamna(broken, [
        "synth",
        "--no-cache",
        "--region",
        "jeju",
        "--jobs",
        "2",
      ]);
      expectExit(parallel, 2);
      expect(parallel.stderr).toBe(inProcess.stderr);
      expect(parallel.stderr).toMatch(/jeju-city\.yaml:\d+:\d+ csapTier/);
      expectNoStackTrace(parallel.stderr);
      expect(fs.existsSync(path.join(broken, "cdktf.out"))).toBe(false);
    });
  });
});
