/**
 * End-to-end: `tamna synth` as a user runs it, on a copy of the example region in a temp dir.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  EXAMPLE_AGENCIES,
  EXAMPLE_SITES,
  Workspaces,
  exampleStackNames,
  expectExit,
  expectIdenticalTrees,
  expectNoStackTrace,
  readStack,
  readTree,
  runTamna,
  stackDirs,
  stagingLeftovers,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();

/** One full synth of the example, shared by the tests that only read its output. */
let base: string;
let baseOut: string;
let baseRun: CliResult;
let baseTree: Map<string, Buffer | null>;

beforeAll(async () => {
  base = workspaces.withRegion("synth-base");
  baseOut = path.join(base, "cdktf.out");
  baseRun = await runTamna(base, ["synth", "--region", "jeju"]);
  expectExit(baseRun, 0);
  baseTree = readTree(baseOut);
});

afterAll(() => workspaces.removeAll());

describe("tamna synth", () => {
  describe("GIVEN the example region", () => {
    describe("WHEN synthesized with defaults", () => {
      it("THEN it exits 0 and writes nothing to stdout", () => {
        expectExit(baseRun, 0);
        expect(baseRun.stdout).toBe("");
      });

      it("THEN stderr has a summary line with the stack count and the output path", () => {
        const total = exampleStackNames().length;
        expect(baseRun.stderr).toMatch(
          new RegExp(
            `^tamna: wrote ${total} stacks \\(\\d+ resources, \\d+ data sources\\) to cdktf\\.out/stacks in [\\d.]+s, 0 from the cache$`,
            "m",
          ),
        );
        expect(baseRun.stderr).toMatch(/region jeju: 2 sites, 6 agencies/);
        expectNoStackTrace(baseRun.stderr);
      });

      it("THEN cdktf.out/stacks holds one cdk.tf.json per stack of every layer, site and agency", () => {
        const expected = exampleStackNames();
        expect(stackDirs(baseOut)).toEqual(expected);
        for (const stack of expected) {
          expect(fs.readdirSync(path.join(baseOut, "stacks", stack))).toContain("cdk.tf.json");
          expect(readStack(baseOut, stack)).toHaveProperty("terraform");
        }
      });

      it("THEN there are platform stacks for both sites", () => {
        for (const site of EXAMPLE_SITES) expect(stackDirs(baseOut)).toContain(`platform-${site}`);
      });

      it("THEN jeju-tourism has stacks at jeju-cdc only, every other agency at both sites", () => {
        const dirs = stackDirs(baseOut);
        expect(dirs).toContain("tenancy-jeju-tourism-jeju-cdc");
        expect(dirs).toContain("jeju-tourism-jeju-cdc");
        expect(dirs).not.toContain("tenancy-jeju-tourism-mainland-drc");
        expect(dirs).not.toContain("jeju-tourism-mainland-drc");
        for (const agency of Object.keys(EXAMPLE_AGENCIES).filter((a) => a !== "jeju-tourism")) {
          for (const site of EXAMPLE_SITES) {
            expect(dirs).toContain(`tenancy-${agency}-${site}`);
            expect(dirs).toContain(`${agency}-${site}`);
          }
        }
      });

      it("THEN manifest.json names exactly the synthesized stacks", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(baseOut, "manifest.json"), "utf8"));
        expect(Object.keys(manifest.stacks).sort()).toEqual(stackDirs(baseOut));
      });

      it("THEN the stack directories are exactly the stacks `tamna list --json` names", async () => {
        const listed = await runTamna(base, ["list", "--region", "jeju", "--json"]);
        expectExit(listed, 0);
        const names = JSON.parse(listed.stdout).stacks.map((s: { name: string }) => s.name);
        expect([...names].sort()).toEqual(stackDirs(baseOut));
      });

      it("THEN no staging directory is left beside the output", () => {
        expect(stagingLeftovers(baseOut)).toEqual([]);
      });
    });

    describe("WHEN synthesized a second time", () => {
      it("THEN the output tree is byte-identical to the first", async () => {
        // --no-cache: synthesized again, not copied from the first run's cache.
        const again = await runTamna(base, [
          "synth",
          "--region",
          "jeju",
          "--out",
          "again",
          "-q",
          "--no-cache",
        ]);
        expectExit(again, 0);
        expectIdenticalTrees(readTree(path.join(base, "again")), baseTree);
      });

      it("THEN re-synthesizing into the same directory replaces it with identical bytes", async () => {
        const ws = workspaces.withRegion("synth-twice");
        const out = path.join(ws, "cdktf.out");
        expectExit(await runTamna(ws, ["synth", "--region", "jeju", "-q"]), 0);
        const first = readTree(out);
        expectExit(await runTamna(ws, ["synth", "--region", "jeju", "-q"]), 0);
        expectIdenticalTrees(readTree(out), first);
        expectIdenticalTrees(first, baseTree);
        expect(stagingLeftovers(out)).toEqual([]);
      });
    });
  });

  describe("GIVEN a copy of the region whose agency files have other names", () => {
    describe("WHEN synthesized", () => {
      it("THEN the output is byte-identical to the original's (order comes from slugs, not files)", async () => {
        const ws = workspaces.withRegion("synth-renamed");
        const agencies = path.join(ws, "jeju", "agencies");
        const renames: Record<string, string> = {
          "jeju-city.yaml": "z-jeju-city.yaml",
          "seogwipo-city.yaml": "a-seogwipo-city.yaml",
          "jeju-tourism.yaml": "0-tourism.yml",
          "jeju-fire.yaml": "m-119.yaml",
        };
        for (const [from, to] of Object.entries(renames)) {
          fs.renameSync(path.join(agencies, from), path.join(agencies, to));
        }
        const result = await runTamna(ws, ["synth", "--region", "jeju", "-q"]);
        expectExit(result, 0);
        expectIdenticalTrees(readTree(path.join(ws, "cdktf.out")), baseTree);
      });
    });
  });

  describe("GIVEN --out with a nested, non-existent parent", () => {
    describe("WHEN synthesized", () => {
      it("THEN it creates the parents and writes every stack there", async () => {
        const result = await runTamna(base, [
          "synth",
          "--region",
          "jeju",
          "--out",
          "build/deep/er/out",
        ]);
        expectExit(result, 0);
        expect(result.stderr).toMatch(/to build\/deep\/er\/out\/stacks in/);
        const out = path.join(base, "build", "deep", "er", "out");
        expectIdenticalTrees(readTree(out), baseTree);
        expect(stagingLeftovers(out)).toEqual([]);
      });
    });
  });

  describe("GIVEN a selection", () => {
    describe("WHEN --agency jeju-city", () => {
      it("THEN only that agency's 4 stacks are written, identical to the full synth's", async () => {
        const result = await runTamna(base, [
          "synth",
          "--region",
          "jeju",
          "--agency",
          "jeju-city",
          "--out",
          "sel-agency",
        ]);
        expectExit(result, 0);
        // Only the selected agency is planned: one agency costs little in a large region.
        expect(result.stderr).toMatch(/synthesizing 4 stacks of jeju-city/);
        expect(result.stderr).toMatch(/wrote 4 stacks/);
        const out = path.join(base, "sel-agency");
        const stacks = [
          "jeju-city-jeju-cdc",
          "jeju-city-mainland-drc",
          "tenancy-jeju-city-jeju-cdc",
          "tenancy-jeju-city-mainland-drc",
        ];
        expect(stackDirs(out)).toEqual(stacks);
        for (const stack of stacks) {
          const file = `stacks/${stack}/cdk.tf.json`;
          expect(readTree(out).get(file)?.equals(baseTree.get(file)!), file).toBe(true);
        }
      });
    });

    describe("WHEN --stack platform-jeju-cdc", () => {
      it("THEN only that stack is written", async () => {
        const result = await runTamna(base, [
          "synth",
          "--region",
          "jeju",
          "-s",
          "platform-jeju-cdc",
          "-o",
          "sel-stack",
        ]);
        expectExit(result, 0);
        const out = path.join(base, "sel-stack");
        expect(stackDirs(out)).toEqual(["platform-jeju-cdc"]);
        const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
        expect(Object.keys(manifest.stacks)).toEqual(["platform-jeju-cdc"]);
      });
    });

    describe("WHEN --agency and --stack are combined", () => {
      it("THEN the union is written", async () => {
        const result = await runTamna(base, [
          "synth",
          "--region",
          "jeju",
          "--agency",
          "jeju-tourism",
          "--stack",
          "platform-jeju-cdc",
          "--out",
          "sel-union",
          "-q",
        ]);
        expectExit(result, 0);
        expect(stackDirs(path.join(base, "sel-union"))).toEqual([
          "jeju-tourism-jeju-cdc",
          "platform-jeju-cdc",
          "tenancy-jeju-tourism-jeju-cdc",
        ]);
      });
    });

    describe("WHEN the selection is synthesized into an existing full output", () => {
      it("THEN the output then holds exactly the selected stacks", async () => {
        const ws = workspaces.withRegion("synth-narrow");
        expectExit(await runTamna(ws, ["synth", "--region", "jeju", "-q"]), 0);
        expectExit(
          await runTamna(ws, ["synth", "--region", "jeju", "-q", "--agency", "jeju-fire"]),
          0,
        );
        expect(stackDirs(path.join(ws, "cdktf.out"))).toEqual([
          "jeju-fire-jeju-cdc",
          "jeju-fire-mainland-drc",
          "tenancy-jeju-fire-jeju-cdc",
          "tenancy-jeju-fire-mainland-drc",
        ]);
      });
    });

    describe("WHEN --agency names an unknown agency", () => {
      const known = Object.keys(EXAMPLE_AGENCIES);

      it("THEN it exits 2 listing the known agencies, and writes nothing", async () => {
        const ws = workspaces.withRegion("synth-unknown-agency");
        const result = await runTamna(ws, ["synth", "--region", "jeju", "--agency", "nope"]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/--agency nope: no such agency/);
        for (const agency of known) expect(result.stderr).toContain(agency);
        expect(result.stderr).toMatch(/nothing was written/);
        expectNoStackTrace(result.stderr);
        expect(fs.existsSync(path.join(ws, "cdktf.out"))).toBe(false);
      });

      it("THEN a near miss gets a did-you-mean", async () => {
        const result = await runTamna(base, ["synth", "--region", "jeju", "--agency", "jeju-ctiy"]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/did you mean "jeju-city"\?/);
      });
    });

    describe("WHEN --stack names an unknown stack", () => {
      it("THEN it exits 2 with a did-you-mean", async () => {
        const result = await runTamna(base, [
          "synth",
          "--region",
          "jeju",
          "--stack",
          "platform-jeju-cd",
        ]);
        expectExit(result, 2);
        expect(result.stderr).toMatch(/--stack platform-jeju-cd: no such stack/);
        expect(result.stderr).toMatch(/did you mean "platform-jeju-cdc"\?/);
        expectNoStackTrace(result.stderr);
      });
    });
  });

  describe("GIVEN --quiet", () => {
    describe("WHEN the synth succeeds", () => {
      it("THEN it prints nothing at all and still writes the output", async () => {
        const result = await runTamna(base, [
          "synth",
          "--region",
          "jeju",
          "--quiet",
          "--out",
          "quiet",
        ]);
        expectExit(result, 0);
        expect(result.stdout).toBe("");
        expect(result.stderr).toBe("");
        expect(stackDirs(path.join(base, "quiet"))).toEqual(exampleStackNames());
      });
    });
  });

  describe("GIVEN the synthesized output", () => {
    const credentialLike =
      /password|secret|token|access_key|secret_key|conn_str|BEGIN [A-Z ]*PRIVATE KEY|AKIA[0-9A-Z]{16}/i;

    describe("WHEN every file under cdktf.out is scanned", () => {
      it("THEN no file contains a credential-like key or value", () => {
        const offenders: string[] = [];
        for (const [name, bytes] of baseTree) {
          if (bytes === null) continue;
          const text = bytes.toString("utf8");
          text.split("\n").forEach((line, index) => {
            if (credentialLike.test(line)) offenders.push(`${name}:${index + 1}: ${line.trim()}`);
          });
        }
        expect(offenders).toEqual([]);
      });
    });

    describe("WHEN the provider blocks are read", () => {
      it("THEN they hold cloud and region only, plus the project scope for agency stacks", () => {
        for (const stack of exampleStackNames()) {
          const providers = readStack(baseOut, stack).provider.openstack;
          const keys = Object.keys(providers[0]).sort();
          if (stack.startsWith("platform-") || stack.startsWith("tenancy-")) {
            expect(providers, stack).toHaveLength(1);
            expect(keys, stack).toEqual(["cloud", "region"]);
          } else {
            expect(keys, stack).toEqual(["cloud", "project_domain_name", "region", "tenant_name"]);
            // Container sync reads the agency's account at the DR site: an aliased provider
            // scoped to the same project there, configured the same way.
            for (const alias of providers.slice(1)) {
              expect(Object.keys(alias).sort(), stack).toEqual([
                "alias",
                "cloud",
                "project_domain_name",
                "region",
                "tenant_name",
              ]);
              expect(alias.tenant_name, stack).toBe(providers[0].tenant_name);
            }
          }
        }
      });
    });

    describe("WHEN the s3 backends are read", () => {
      it("THEN they have no access_key or secret_key, and one state key per stack", () => {
        const keys = new Set<string>();
        for (const stack of exampleStackNames()) {
          const backend = readStack(baseOut, stack).terraform.backend;
          expect(Object.keys(backend), stack).toEqual(["s3"]);
          expect(backend.s3).not.toHaveProperty("access_key");
          expect(backend.s3).not.toHaveProperty("secret_key");
          expect(backend.s3.key).toBe(`jeju/${stack}.tfstate`);
          expect(backend.s3.bucket).toBe(
            stack.endsWith("-mainland-drc") ? "jeju-tfstate-drc" : "jeju-tfstate",
          );
          keys.add(backend.s3.key);
        }
        expect(keys.size).toBe(exampleStackNames().length);
      });
    });
  });
});
