import { describe, expect, it } from "vitest";
import { importsOf, resolve, type SourceFile } from "./imports";
import { cycles, fileGraph, moduleGraph, violations } from "./layers";

/** The architecture test's own rules, shown failing on synthetic codebases. */
const file = (path: string, ...imports: string[]): SourceFile => ({ path, imports });

const clean = [
  file("lib/errors.ts"),
  file("lib/spec/load.ts", "../errors", "zod"),
  file("lib/plan/names.ts"),
  file("lib/plan/dns.ts", "./names", "../spec/load"),
  file("lib/constructs/zone.ts", "cdktf", "../plan/dns", "../openstack"),
  file("lib/openstack.ts", "../.gen/providers/openstack/provider"),
  file("cli/main.ts", "../lib/plan/dns", "node:fs"),
];

describe("architecture rules", () => {
  describe("GIVEN a codebase whose arrows point one way", () => {
    it("THEN no violation and no cycle is reported", () => {
      expect(violations(clean)).toEqual([]);
      expect(cycles(fileGraph(clean))).toEqual([]);
    });
  });

  describe("GIVEN spec importing plan", () => {
    it.each([
      ["../plan/names", "lib/spec/checks.ts"],
      ["../plan", "lib/spec/checks.ts"],
      ["../../lib/plan/names", "lib/spec/checks.ts"],
      ["../../plan/names", "lib/spec/deep/checks.ts"],
    ])("WHEN written as %s THEN it is reported", (specifier, from) => {
      expect(violations([...clean, file(from, specifier)])).toEqual([
        `${from} -> ${specifier}: spec (rank 1) imports plan (rank 2)`,
      ]);
    });
  });

  describe("GIVEN imports across other layers", () => {
    it("WHEN a consumer imports constructs, lib imports the CLI, examples import stacks THEN each is reported", () => {
      expect(
        violations([
          ...clean,
          file("lib/policy/rule.ts", "../constructs/zone"),
          file("lib/plan/x.ts", "../../cli/main"),
          file("examples/a/main.ts", "../../stacks/app"),
          file("stacks/app.ts"),
        ]),
      ).toEqual([
        "lib/policy/rule.ts -> ../constructs/zone: consumers (rank 3) imports constructs (rank 4)",
        "lib/plan/x.ts -> ../../cli/main: plan (rank 2) imports cli (rank 6)",
        "examples/a/main.ts -> ../../stacks/app: examples (rank 5) imports stacks (rank 5)",
      ]);
    });

    it("WHEN plan imports cdktf or constructs, or a construct imports the bindings directly THEN each is reported", () => {
      expect(
        violations([
          ...clean,
          file("lib/plan/x.ts", "cdktf", "constructs"),
          file("lib/constructs/y.ts", "../../.gen/providers/openstack/provider"),
        ]),
      ).toEqual([
        "lib/plan/x.ts -> cdktf: cdktf is imported only in constructs, stacks, examples",
        "lib/plan/x.ts -> constructs: constructs is imported only in constructs, stacks, examples",
        "lib/constructs/y.ts -> ../../.gen/providers/openstack/provider: the bindings are imported only by lib/openstack.ts",
      ]);
    });

    it("WHEN a file is in no layer THEN it is reported", () => {
      expect(violations([...clean, file("lib/extra/x.ts", "../errors")])).toEqual([
        "lib/extra/x.ts: in no layer; add its directory to LAYERS",
      ]);
    });
  });

  describe("GIVEN import cycles", () => {
    it("WHEN files import each other, even by type only THEN the cycle is listed", () => {
      const knot = [
        file("lib/plan/compute.ts", "./dr"),
        file("lib/plan/dr.ts", "./sites"),
        file("lib/plan/sites.ts", "./compute"),
        file("lib/plan/tags.ts"),
      ];
      expect(cycles(fileGraph(knot))).toEqual([
        "lib/plan/compute.ts -> lib/plan/dr.ts -> lib/plan/sites.ts -> lib/plan/compute.ts",
      ]);
      const shortcut = [...knot, file("lib/plan/containers.ts", "./compute")];
      shortcut[0] = file("lib/plan/compute.ts", "./dr", "./containers");
      expect(cycles(fileGraph(shortcut))).toEqual([
        "lib/plan/compute.ts -> lib/plan/containers.ts -> lib/plan/compute.ts (the knot also holds lib/plan/dr.ts, lib/plan/sites.ts)",
      ]);
    });

    it("WHEN two directories import each other through different files THEN the module cycle is listed", () => {
      const files = [
        file("lib/policy/rule.ts", "../validate/finding"),
        file("lib/validate/finding.ts"),
        file("lib/validate/layers.ts", "../policy"),
        file("lib/policy/index.ts", "./rule"),
      ];
      expect(cycles(fileGraph(files))).toEqual([]);
      expect(cycles(moduleGraph(fileGraph(files)))).toEqual([
        "lib/policy -> lib/validate -> lib/policy",
      ]);
    });
  });

  describe("GIVEN source text", () => {
    it("THEN imports, type imports, re-exports, dynamic imports and requires are all read", () => {
      const text = [
        'import { a } from "./a";',
        'import type { B } from "../b";',
        'export * from "./c";',
        'export { d } from "./d";',
        'const e = await import("./e");',
        'const f = require("f");',
        '// import { g } from "./g";',
      ].join("\n");
      expect(importsOf(text)).toEqual(["./a", "../b", "./c", "./d", "./e", "f"]);
    });

    it("THEN a relative specifier resolves to a file, an index file, or its path", () => {
      const known = new Set(["lib/plan/names.ts", "lib/policy/index.ts"]);
      expect(resolve("lib/spec/x.ts", "../plan/names", known)).toEqual({
        file: "lib/plan/names.ts",
      });
      expect(resolve("lib/spec/x.ts", "../policy", known)).toEqual({ file: "lib/policy/index.ts" });
      expect(resolve("lib/x.ts", "../.gen/p", known)).toEqual({ file: ".gen/p" });
      expect(resolve("lib/x.ts", "@cdktf/provider-generator/lib", known)).toEqual({
        package: "@cdktf/provider-generator",
      });
      expect(resolve("lib/x.ts", "cdktf/package.json", known)).toEqual({ package: "cdktf" });
    });
  });
});
