import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { readSources } from "./architecture/imports";
import { cycles, fileGraph, LAYERS, moduleGraph, violations } from "./architecture/layers";

/**
 * The arrows of the codebase point one way (see lib/README.md and test/architecture/layers.ts):
 * base < spec < plan < consumers < constructs < stacks, examples < cli.
 */
const root = path.join(__dirname, "..");
const sources = readSources(root, ["lib", "stacks", "cli", "examples"]);
const lib = sources.filter((file) => file.path.startsWith("lib/"));

describe("architecture", () => {
  describe("GIVEN the codebase's imports, each resolved to the file it names", () => {
    it("THEN they were read (a check over no files cannot fail)", () => {
      for (const layer of LAYERS) {
        const files = sources.filter((file) =>
          layer.paths.some((entry) => file.path === entry || file.path.startsWith(`${entry}/`)),
        );
        expect(files.length, layer.name).toBeGreaterThan(0);
      }
      expect(sources.find((file) => file.path === "lib/spec/checks.ts")?.imports).toContain(
        "../errors",
      );
    });

    it("THEN every file imports only its own layer and layers below it, cdktf only where allowed", () => {
      expect(violations(sources)).toEqual([]);
    });

    it("THEN lib has no import cycle between files", () => {
      expect(cycles(fileGraph(lib))).toEqual([]);
    });

    it("THEN lib has no import cycle between its modules (directories and top-level files)", () => {
      expect(cycles(moduleGraph(fileGraph(lib)))).toEqual([]);
    });

    it("THEN stacks, examples and the CLI have no import cycle between files", () => {
      expect(cycles(fileGraph(sources))).toEqual([]);
    });
  });
});
