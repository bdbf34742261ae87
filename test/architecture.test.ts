import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * cdktf is end-of-life: its imports stay in the construct and stack layers so that the domain
 * (spec, plan) can move to a fork or to plain HCL cheaply. Each arrow of the pipeline is one-way.
 */
const root = path.join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(dir, file));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  return [...text.matchAll(/from "([^"]+)"/g)].map((match) => match[1]!);
}

describe("architecture", () => {
  it("THEN spec and plan never import cdktf, constructs or generated bindings", () => {
    for (const file of [...sourceFiles("lib/spec"), ...sourceFiles("lib/plan")]) {
      const bad = imports(file).filter((i) =>
        /^cdktf|^constructs|\.gen|openstack$|constructs\//.test(i),
      );
      expect(bad, file).toEqual([]);
    }
  });

  it("THEN spec does not import from plan, constructs or stacks (forward-only pipeline)", () => {
    for (const file of sourceFiles("lib/spec")) {
      const bad = imports(file).filter((i) => /\.\.\/(constructs|stacks)|\.\.\/\.\.\//.test(i));
      expect(bad, file).toEqual([]);
    }
  });

  it("THEN lib never imports the stacks or the CLI", () => {
    for (const file of sourceFiles("lib")) {
      const bad = imports(file).filter((i) => /stacks\/|cli\//.test(i));
      expect(bad, file).toEqual([]);
    }
  });

  it("THEN cdktf is imported only by constructs, stacks and the bindings entry point", () => {
    const files = [...sourceFiles("lib"), ...sourceFiles("stacks"), ...sourceFiles("cli")];
    const importers = files.filter((file) => imports(file).some((i) => i === "cdktf"));
    for (const file of importers) expect(file).toMatch(/^(lib\/constructs|stacks)\//);
  });
});
