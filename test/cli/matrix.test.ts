/**
 * `tamna matrix`: the stacks as a CI fan-out matrix, as a CI job runs it.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatrixEntry } from "../../cli/commands/matrix";
import { matrixEntries } from "../../cli/commands/matrix";
import type { StackPlan } from "../../lib/plan/region-plan";
import { exampleRegion } from "../helpers/example-region";
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
  full = await runTamna(ws, ["matrix", "--region", "jeju"]);
  entries = JSON.parse(full.stdout).include;
});

afterAll(() => workspaces.removeAll());

const byName = () => new Map(entries.map((entry) => [entry.stack, entry]));

describe("tamna matrix", () => {
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

    it("THEN the layers are orders 1, 2 and 3", () => {
      for (const entry of entries) {
        expect(entry.order).toBe({ platform: 1, tenancy: 2, agency: 3 }[entry.layer]);
      }
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
        const result = await runTamna(ws, ["matrix", "--region", "jeju", "--layer", layer]);
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
      ]);
      expect(JSON.parse(agencyLayer.stdout).include).toHaveLength(2);
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
