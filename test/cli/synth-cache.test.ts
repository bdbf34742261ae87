/**
 * The synth cache as a user meets it (real CLI processes): unchanged stacks are copied from it,
 * byte-identical to a fresh synth; a changed input, a corrupted entry or --no-cache is never
 * served from it.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CliResult,
  editYaml,
  expectExit,
  expectIdenticalTrees,
  readTree,
  runTamna,
  Workspaces,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

/** The default cache location of a workspace that is a project root (it has a package.json). */
const CACHE = path.join("node_modules", ".cache", "tamna", "synth");
const STACKS = 28;

/** A workspace holding the fixture region as `jeju` and a package.json, so it is the project root. */
function project(label: string): string {
  const ws = workspaces.withRegion(label);
  fs.writeFileSync(path.join(ws, "package.json"), "{}\n");
  return ws;
}

async function synth(ws: string, out: string, ...flags: string[]): Promise<CliResult> {
  const result = await runTamna(ws, ["synth", "--region", "jeju", "--out", out, ...flags]);
  expectExit(result, 0);
  return result;
}

/** The "N from the cache" of a run's summary; undefined when it has none. */
function fromCache(run: CliResult): number | undefined {
  const match = /^tamna: wrote \d+ stacks .*, (\d+) from the cache/m.exec(run.stderr);
  return match ? Number(match[1]) : undefined;
}

/** The entry files of a cache, by the stack they hold. */
function entries(cacheDir: string): Map<string, string> {
  const byStack = new Map<string, string>();
  const root = path.join(cacheDir, "entries");
  for (const prefix of fs.readdirSync(root)) {
    for (const key of fs.readdirSync(path.join(root, prefix))) {
      const file = path.join(root, prefix, key);
      const { manifest } = readEntry(file).index as { manifest: { name: string } };
      byStack.set(manifest.name, file);
    }
  }
  return byStack;
}

/** An entry: a sha256 line, then a line of JSON, then the files' bytes. */
function readEntry(file: string): { index: Record<string, unknown>; files: Buffer } {
  const body = fs.readFileSync(file).subarray(65);
  const newline = body.indexOf("\n");
  return {
    index: JSON.parse(body.subarray(0, newline).toString()) as Record<string, unknown>,
    files: body.subarray(newline + 1),
  };
}

const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

/**
 * Replaces an entry's only file, cdk.tf.json, with `content` and makes its hash agree, as a
 * cache that someone wrote by hand would: sound by its own lights, but not what synth makes.
 */
function forgeEntry(file: string, content: string): void {
  const { index } = readEntry(file);
  expect(index.files).toEqual([{ path: "cdk.tf.json", size: expect.any(Number) }]);
  const forged = { ...index, files: [{ path: "cdk.tf.json", size: Buffer.byteLength(content) }] };
  const body = `${JSON.stringify(forged)}\n${content}`;
  fs.writeFileSync(file, `${sha256(body)}\n${body}`);
}

describe("tamna synth with the synth cache", () => {
  describe("GIVEN the fixture region synthesized once (an empty cache)", () => {
    let ws: string;
    let cold: CliResult;
    let warm: CliResult;
    let fresh: CliResult;

    beforeAll(async () => {
      ws = project("cache");
      cold = await synth(ws, "cold");
      warm = await synth(ws, "warm");
      fresh = await synth(ws, "fresh", "--no-cache");
    });

    it("THEN the first run misses every stack and stores each in node_modules/.cache/tamna/synth", () => {
      expect(fromCache(cold)).toBe(0);
      expect([...entries(path.join(ws, CACHE)).keys()].length).toBe(STACKS);
    });

    it("WHEN synthesized again THEN every stack comes from the cache", () => {
      expect(fromCache(warm)).toBe(STACKS);
    });

    it("THEN the cached output is byte-identical to the first and to a --no-cache run, manifest included", () => {
      const expected = readTree(path.join(ws, "fresh"));
      expect(expected.has("manifest.json")).toBe(true);
      expectIdenticalTrees(readTree(path.join(ws, "cold")), expected);
      expectIdenticalTrees(readTree(path.join(ws, "warm")), expected);
      const summary = (run: CliResult) => /wrote .*\)/.exec(run.stderr)?.[0];
      expect(summary(warm)).toBe(summary(fresh));
    });

    it("THEN the --no-cache run's summary says nothing of a cache", () => {
      expect(fromCache(fresh)).toBeUndefined();
      expect(fresh.stderr).not.toMatch(/cache/);
    });
  });

  describe("GIVEN --no-cache", () => {
    it("WHEN the cache directory is named by TAMNA_CACHE_DIR THEN nothing is written there", async () => {
      const ws = project("no-cache-write");
      const cacheDir = path.join(ws, "elsewhere");
      const run = await runTamna(
        ws,
        ["synth", "--region", "jeju", "--out", "out", "--no-cache"],
        undefined,
        { TAMNA_CACHE_DIR: cacheDir },
      );
      expectExit(run, 0);
      expect(fs.existsSync(cacheDir)).toBe(false);
      expect(fs.existsSync(path.join(ws, "node_modules"))).toBe(false);
    });

    it("WHEN the cache holds a forged entry THEN --no-cache does not read it, a cached run does", async () => {
      const ws = project("no-cache-read");
      await synth(ws, "first");
      const forged = '{"forged": true}\n';
      forgeEntry(entries(path.join(ws, CACHE)).get("platform-jeju-cdc")!, forged);

      await synth(ws, "fresh", "--no-cache");
      expectIdenticalTrees(readTree(path.join(ws, "fresh")), readTree(path.join(ws, "first")));
      // The forgery is well formed, so the cache serves it: proof that the run above read nothing.
      await synth(ws, "cached");
      const served = path.join(ws, "cached", "stacks", "platform-jeju-cdc", "cdk.tf.json");
      expect(fs.readFileSync(served, "utf8")).toBe(forged);
    });
  });

  describe("GIVEN a cache whose entries were corrupted", () => {
    it("THEN they are not served but synthesized again, and stored sound", async () => {
      const ws = project("corrupt");
      await synth(ws, "first");
      const byStack = entries(path.join(ws, CACHE));
      // One stack's Terraform JSON edited in its entry behind the cache's back, another's entry
      // cut short.
      const edited = byStack.get("jeju-city-jeju-cdc")!;
      const text = fs.readFileSync(edited, "latin1");
      const at = text.lastIndexOf("jeju-city");
      fs.writeFileSync(edited, `${text.slice(0, at)}jeju-kity${text.slice(at + 9)}`, "latin1");
      const cut = byStack.get("platform-mainland-drc")!;
      fs.writeFileSync(cut, fs.readFileSync(cut).subarray(0, 1000));

      const again = await synth(ws, "again");
      expect(fromCache(again)).toBe(STACKS - 2);
      expectIdenticalTrees(readTree(path.join(ws, "again")), readTree(path.join(ws, "first")));

      const third = await synth(ws, "third");
      expect(fromCache(third)).toBe(STACKS);
      expectIdenticalTrees(readTree(path.join(ws, "third")), readTree(path.join(ws, "first")));
    });
  });

  describe("GIVEN an agency file changed after a cached synth", () => {
    it("THEN that agency's stacks are synthesized again, the others come from the cache, and the output is a fresh synth's", async () => {
      const ws = project("changed");
      const before = await synth(ws, "before");
      expect(fromCache(before)).toBe(0);
      editYaml(path.join(ws, "jeju", "agencies", "jeju-city.yaml"), (doc) =>
        doc.set("englishName", "Jeju City Hall"),
      );

      const after = await synth(ws, "after");
      await synth(ws, "fresh", "--no-cache");
      // jeju-city has a tenancy and an agency stack at each of two sites.
      expect(fromCache(after)).toBe(STACKS - 4);
      const tree = readTree(path.join(ws, "after"));
      expectIdenticalTrees(tree, readTree(path.join(ws, "fresh")));
      const tenancy = "stacks/tenancy-jeju-city-jeju-cdc/cdk.tf.json";
      expect(tree.get(tenancy)!.toString()).toContain("Jeju City Hall");
      expect(readTree(path.join(ws, "before")).get(tenancy)!.toString()).not.toContain(
        "Jeju City Hall",
      );
    });
  });

  describe("GIVEN random edits to agency files, one after another, with one cache", () => {
    it("THEN after each, the cached output equals the --no-cache output", async () => {
      const ws = project("property");
      const agencies = ["jeju-city", "jeju-fire", "jeju-province", "seogwipo-city"];
      const edit = fc.oneof(
        fc.record({
          agency: fc.constantFrom(...agencies),
          englishName: fc.stringMatching(/^[A-Z][A-Za-z ]{0,20}[a-z]$/),
        }),
        fc.record({
          agency: fc.constantFrom(...agencies),
          sizeGiB: fc.integer({ min: 40, max: 200 }),
        }),
      );
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 2 }), async (edits) => {
          for (const change of edits) {
            editYaml(path.join(ws, "jeju", "agencies", `${change.agency}.yaml`), (doc) => {
              if ("englishName" in change) doc.set("englishName", change.englishName);
              else
                doc.setIn(["systems", 0, "workloads", 0, "bootVolume", "sizeGiB"], change.sizeGiB);
            });
          }
          run++;
          const cached = await synth(ws, `cached-${run}`);
          await synth(ws, `fresh-${run}`, "--no-cache");
          expect(fromCache(cached)).toBeDefined();
          expectIdenticalTrees(
            readTree(path.join(ws, `cached-${run}`)),
            readTree(path.join(ws, `fresh-${run}`)),
          );
        }),
        { numRuns: 3 },
      );
      expect(run).toBeGreaterThanOrEqual(3);
    });
  });
});
