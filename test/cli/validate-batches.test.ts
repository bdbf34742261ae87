/**
 * `tamna validate` synthesizes in the synth command's batches and indexes the output lines only
 * of the stacks a finding points into: over a region of more stacks than one batch holds, every
 * stack still reaches the later layers, and a finding in the last batch still gets its line.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate } from "../../cli/commands/validate";
import { MAX_BATCH_SIZE } from "../../cli/parallel/batches";
import type { Finding } from "../../lib/finding";
import type { JsonReport } from "../../lib/validate/format-json";
import type { PolicyLayer, SynthesizedStackJson } from "../../lib/validate/layers";
import { writeSyntheticRegion } from "../../scripts/bench/synthetic-region";

describe("tamna validate over more stacks than one synthesis batch", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-validate-batches-"));
    writeSyntheticRegion(30, path.join(dir, "region"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("THEN the policy layer sees every stack, and a finding in the last stack gets its line in cdk.tf.json", async () => {
    let seen: readonly SynthesizedStackJson[] = [];
    const policy: PolicyLayer = {
      run: ({ stacks }) => {
        seen = stacks;
        const last = stacks[stacks.length - 1]!;
        const resources = last.json.resource as Record<string, Record<string, unknown>>;
        const type = Object.keys(resources).sort()[0]!;
        const name = Object.keys(resources[type]!).sort()[0]!;
        const finding: Finding = {
          ruleId: "TEST-001",
          level: "error",
          layer: "policy",
          message: "an error in the last batch",
          stack: last.plan.name,
          address: `${type}.${name}`,
        };
        return [finding];
      },
    };
    let out = "";
    const code = await validate(
      { region: path.join(dir, "region"), format: "json", terraform: false },
      (text) => (out += text),
      { policy },
    );
    const report = JSON.parse(out) as JsonReport;

    expect(report.stacks.length).toBeGreaterThan(MAX_BATCH_SIZE);
    expect(seen.map((stack) => stack.plan.name)).toEqual(report.stacks);
    expect(seen.every((stack) => "terraform" in stack.json)).toBe(true);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: "TEST-001",
        stack: report.stacks[report.stacks.length - 1],
        outputLine: expect.any(Number),
      }),
    ]);
  });
});
