/**
 * The synth cache key (cli/synth-cache/key.ts): it changes with every input of a stack's output
 * (its plan, the code, the bindings' sources, where a local state file lies relative to the
 * stack) and only with them; and a stack's output depends on nothing else.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { synthesizeBatch } from "../../cli/parallel/synthesize-batch";
import { canonicalJson, stackKey, toolchainIdentity } from "../../cli/synth-cache/key";
import type { StackPlan } from "../../lib/plan/region-plan";
import { exampleRegion } from "../helpers/example-region";
import { readTree } from "../helpers/tamna-cli";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-cache-key-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const TOOLCHAIN = "0".repeat(64);
const stacks = () => exampleRegion().plan.stacks;
const key = (plan: StackPlan, outDir = "cdktf.out", toolchain = TOOLCHAIN) =>
  stackKey(plan, toolchain, outDir);

/** `plan` with `edit` applied to a deep copy. */
function edited(plan: StackPlan, edit: (copy: Record<string, unknown>) => void): StackPlan {
  const copy = structuredClone(plan) as unknown as Record<string, unknown>;
  edit(copy);
  return copy as unknown as StackPlan;
}

describe("the synth cache key", () => {
  describe("GIVEN the fixture region's stack plans", () => {
    it("THEN every plan is plain data, and a copy of it has the same key", () => {
      for (const plan of stacks()) {
        expect(() => canonicalJson(plan)).not.toThrow();
        expect(key(structuredClone(plan))).toBe(key(plan));
      }
    });

    it("THEN no two stacks share a key", () => {
      const keys = new Set(stacks().map((plan) => key(plan)));
      expect(keys.size).toBe(stacks().length);
    });

    it("THEN a change deep in a plan, a new key order or an undefined field changes the key", () => {
      const plan = stacks().find((stack) => stack.layer === "agency")!;
      expect(
        key(edited(plan, (copy) => ((copy.project as { name: string }).name += "x"))),
      ).not.toBe(key(plan));
      const reordered = Object.fromEntries(Object.entries(plan).reverse()) as StackPlan;
      expect(Object.keys(reordered)[0]).not.toBe(Object.keys(plan)[0]);
      expect(key(reordered)).not.toBe(key(plan));
      expect(key(edited(plan, (copy) => (copy.extra = undefined)))).not.toBe(key(plan));
    });

    it("THEN a different toolchain changes every key", () => {
      for (const plan of stacks()) {
        expect(key(plan, "cdktf.out", "1".repeat(64))).not.toBe(key(plan));
      }
    });
  });

  describe("GIVEN a value that is not plain data", () => {
    it.each([
      ["a Map", new Map()],
      ["a Date", new Date(0)],
      ["a class instance", new (class Thing {})()],
      ["NaN", Number.NaN],
      ["a function", () => 1],
      ["a bigint", 1n],
    ])("WHEN it holds %s THEN it has no key", (_, value) => {
      expect(() => canonicalJson({ inside: [value] })).toThrow(/synth cache cannot key on/);
    });
  });

  describe("GIVEN a stack with a local state backend", () => {
    const plan = edited(stacks()[0]!, (copy) => {
      copy.backend = { type: "local", directory: "terraform-state", file: "x.tfstate" };
    });

    it("WHEN the output directory moves deeper THEN the key changes (its state path does)", () => {
      expect(key(plan, "out")).toBe(key(plan, "other"));
      expect(key(plan, path.join("a", "b", "out"))).not.toBe(key(plan, "out"));
    });

    it("WHEN the stack has an S3 backend THEN the output directory is not in the key", () => {
      const s3 = stacks().find((stack) => stack.backend.type === "s3")!;
      expect(key(s3, path.join("a", "b", "out"))).toBe(key(s3, "out"));
    });
  });

  describe("GIVEN a code root and a package root", () => {
    const codeRoot = path.join(scratch, "code");
    const packageRoot = path.join(scratch, "package");
    fs.mkdirSync(path.join(codeRoot, "lib", "plan"), { recursive: true });
    fs.mkdirSync(path.join(codeRoot, "stacks", "jeju"), { recursive: true });
    fs.mkdirSync(path.join(packageRoot, "vendor", "openstack"), { recursive: true });
    fs.writeFileSync(path.join(codeRoot, "lib", "plan", "a.js"), "exports.a = 1;\n");
    fs.writeFileSync(path.join(packageRoot, "package.json"), '{ "version": "1.0.0" }\n');
    fs.writeFileSync(path.join(packageRoot, "vendor", "openstack", "provider-schema.json"), "{}");
    const identity = () => toolchainIdentity(codeRoot, packageRoot);

    it("WHEN nothing changes THEN the identity is the same", () => {
      expect(identity()).toBe(identity());
      expect(identity()).toMatch(/^[0-9a-f]{64}$/);
    });

    it.each([
      ["a code file changes", path.join(codeRoot, "lib", "plan", "a.js"), "exports.a = 2;\n"],
      ["a code file is added", path.join(codeRoot, "stacks", "b.ts"), "export {};\n"],
      ["the bindings change", path.join(codeRoot, ".gen", "p.js"), "exports.p = 1;\n"],
      ["the version changes", path.join(packageRoot, "package.json"), '{ "version": "1.0.1" }'],
      [
        "the provider schema changes",
        path.join(packageRoot, "vendor", "openstack", "provider-schema.json"),
        '{"x":1}',
      ],
      ["the bindings list appears", path.join(packageRoot, "openstack-bindings.json"), "[]"],
    ])("WHEN %s THEN the identity changes", (_, file, content) => {
      const before = identity();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      expect(identity()).not.toBe(before);
    });

    it("WHEN a region file beside the code changes THEN the identity does not", () => {
      const before = identity();
      fs.writeFileSync(path.join(codeRoot, "stacks", "jeju", "region.yaml"), "region: x\n");
      expect(identity()).toBe(before);
    });
  });

  describe("GIVEN each stack synthesized alone from a JSON copy of its plan", () => {
    it("THEN its files are byte-identical to those of the whole region synthesized together", () => {
      const whole = path.join(scratch, "whole");
      synthesizeBatch(stacks(), whole);
      for (const plan of stacks()) {
        const alone = path.join(scratch, "alone", plan.name);
        fs.mkdirSync(alone, { recursive: true });
        synthesizeBatch([JSON.parse(JSON.stringify(plan)) as StackPlan], alone);
        expect(readTree(path.join(alone, "stacks", plan.name))).toEqual(
          readTree(path.join(whole, "stacks", plan.name)),
        );
      }
    });
  });
});
