/**
 * The example region synthesized in process with the real App (validations on), read back as
 * Terraform JSON by stack name. Synthesized once per test file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildApp } from "../../../../stacks/app";
import { exampleRegion } from "../../../helpers/example-region";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackJson = Record<string, any>;

let cached: ReadonlyMap<string, StackJson> | undefined;

export function synthesizedExample(): ReadonlyMap<string, StackJson> {
  if (cached) return cached;
  const { plan } = exampleRegion();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-validate-"));
  try {
    buildApp(plan, { outdir: dir }).synth();
    const stacks = new Map<string, StackJson>();
    for (const stack of plan.stacks) {
      const file = path.join(dir, "stacks", stack.name, "cdk.tf.json");
      stacks.set(stack.name, JSON.parse(fs.readFileSync(file, "utf8")) as StackJson);
    }
    cached = stacks;
    return stacks;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A deep copy of one example stack, to break in a test. */
export function exampleStackJson(name: string): StackJson {
  const stack = synthesizedExample().get(name);
  if (!stack) throw new Error(`no stack ${name} in the example`);
  return structuredClone(stack);
}

/** The logical ID of the first element of a type, e.g. the first subnet of a stack. */
export function firstName(
  stack: StackJson,
  type: string,
  kind: "resource" | "data" = "resource",
): string {
  const names = Object.keys(stack[kind]?.[type] ?? {});
  if (names.length === 0) throw new Error(`no ${kind} ${type} in the stack`);
  return names[0]!;
}
