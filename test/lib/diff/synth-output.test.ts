import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSynthOutput } from "../../../lib/diff/synth-output";
import { TamnaError } from "../../../lib/errors";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A synth-output-shaped directory with the given files. */
function output(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-diff-load-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const manifest = JSON.stringify({
  stacks: { a: { synthesizedStackPath: "stacks/a/cdk.tf.json" } },
});

const problemOf = (dir: string) => {
  try {
    loadSynthOutput(dir, "BASE_DIR");
  } catch (error) {
    if (error instanceof TamnaError) return error.problems[0]!;
    throw error;
  }
  throw new Error("expected a TamnaError");
};

describe("loadSynthOutput", () => {
  it("GIVEN a manifest and its stacks THEN every stack by name, labelled by the directory", () => {
    const dir = output({ "manifest.json": manifest, "stacks/a/cdk.tf.json": '{"resource":{}}' });
    const loaded = loadSynthOutput(dir, "BASE_DIR");
    expect(loaded.label).toBe(dir);
    expect([...loaded.stacks.keys()]).toEqual(["a"]);
  });

  it("GIVEN a stack file that is missing THEN the file is named", () => {
    const dir = output({ "manifest.json": manifest });
    expect(problemOf(dir)).toMatchObject({
      location: { file: path.join(dir, "stacks/a/cdk.tf.json") },
      message: "BASE_DIR: stack a is in manifest.json but this file is missing",
    });
  });

  it("GIVEN invalid JSON THEN the file and the parser's reason", () => {
    const dir = output({ "manifest.json": manifest, "stacks/a/cdk.tf.json": "{" });
    expect(problemOf(dir).message).toMatch(/^BASE_DIR: invalid JSON \(/);
  });

  it("GIVEN resources that are not objects THEN it is not Terraform JSON", () => {
    const dir = output({ "manifest.json": manifest, "stacks/a/cdk.tf.json": '{"resource":[1]}' });
    expect(problemOf(dir).message).toBe("BASE_DIR: stack a is not Terraform JSON");
  });
});
