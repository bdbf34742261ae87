/**
 * Selective synths (`tamna synth --agency A`, `--stack S`) record which stacks of the region they
 * left out; diffOutputs compares only what both sides selected and never reports a stack that was
 * merely not selected as added or destroyed. A stack gone from the region still is.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffOutputs, formatJson, formatMarkdown, formatText } from "../../../lib/diff";
import { readSelection, SELECTION_FILE, writeSelection } from "../../../lib/diff/selection";
import { describeReport } from "../../../lib/diff/summary";
import type { SynthOutput } from "../../../lib/diff/synth-output";
import type { TerraformJson } from "../../../lib/diff/terraform-json";
import { TamnaError } from "../../../lib/errors";

/** A stack holding one network named `name`. */
function stack(name: string): TerraformJson {
  return { resource: { openstack_networking_network_v2: { Net: { name } } } } as TerraformJson;
}

/** An output holding `held` (stack -> network name); `region` given: a selective synth's. */
function output(
  label: string,
  held: Record<string, string>,
  region?: readonly string[],
): SynthOutput {
  const stacks = new Map(Object.entries(held).map(([name, net]) => [name, stack(net)]));
  return region === undefined
    ? { label, stacks }
    : { label, stacks, selection: { agencies: ["a"], stacks: [], regionStacks: region } };
}

const REGION = ["platform-s", "tenancy-a-s", "a-s", "tenancy-b-s", "b-s"];
const FULL = Object.fromEntries(REGION.map((name) => [name, name]));

describe("diffOutputs with selective synths", () => {
  describe("GIVEN a full base and a head that selected agency a, which changed", () => {
    const head = output("head", { "tenancy-a-s": "tenancy-a-s", "a-s": "a-s-new" }, REGION);
    const report = diffOutputs(output("base", FULL), head);

    it("THEN only a's stacks are compared, and only the changed one is reported", () => {
      expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([["a-s", "changed"]]);
    });

    it("THEN the stacks the head did not select are listed as not compared, never as removed", () => {
      expect(report.notCompared).toEqual([
        { stack: "platform-s", notSelectedIn: "head" },
        { stack: "tenancy-b-s", notSelectedIn: "head" },
        { stack: "b-s", notSelectedIn: "head" },
      ]);
      expect(report.stacks.some((s) => s.status === "removed")).toBe(false);
    });

    it("THEN every format says so plainly", () => {
      expect(describeReport(report)).toBe(
        "1 stack differs (1 changed): 1 to update in place; no dangers; 3 stacks not compared (not selected when one side was synthesized).",
      );
      expect(formatText(report)).toContain(
        "Not compared: 3 stacks that the head output's synth did not select (synthesize every stack to compare them):\n  platform-s\n  tenancy-b-s\n  b-s\n",
      );
      expect(formatMarkdown(report)).toContain("`platform-s`, `tenancy-b-s`, `b-s`.");
      const json = JSON.parse(formatJson(report));
      expect(json.summary.stacksNotCompared).toBe(3);
      expect(json.notCompared).toHaveLength(3);
    });
  });

  describe("GIVEN a selective base and a full head", () => {
    it("THEN the stacks the base did not select are not compared, never added", () => {
      const base = output("base", { "a-s": "a-s" }, REGION);
      const report = diffOutputs(base, output("head", FULL));
      expect(report.stacks).toEqual([]);
      expect(report.notCompared.map((entry) => entry.notSelectedIn)).toEqual(Array(4).fill("base"));
      expect(describeReport(report)).toBe(
        "No changes: the head output matches the base; 4 stacks not compared (not selected when one side was synthesized).",
      );
    });
  });

  describe("GIVEN agency b removed from the region, and a head that selected agency a", () => {
    it("THEN b's stacks are destroyed: they are not in the head's region", () => {
      const region = ["platform-s", "tenancy-a-s", "a-s"];
      const head = output("head", { "tenancy-a-s": "tenancy-a-s", "a-s": "a-s" }, region);
      const report = diffOutputs(output("base", FULL), head);
      expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([
        ["tenancy-b-s", "removed"],
        ["b-s", "removed"],
      ]);
      expect(report.notCompared).toEqual([{ stack: "platform-s", notSelectedIn: "head" }]);
    });
  });

  describe("GIVEN outputs without a recorded selection (older synths, cdktf alone)", () => {
    it("THEN a stack one side lacks is added or removed, as before", () => {
      const report = diffOutputs(output("base", FULL), output("head", { "a-s": "a-s" }));
      expect(report.stacks.filter((s) => s.status === "removed")).toHaveLength(4);
      expect(report.notCompared).toEqual([]);
    });
  });

  describe("GIVEN several stacks of each status", () => {
    it("THEN the stack counts add up to the total", () => {
      const base = output("base", { "platform-s": "p", "a-s": "a", "b-s": "b" });
      const head = output("head", { "platform-s": "p2", "a-s": "a2", "c-s": "c", "d-s": "d" });
      expect(describeReport(diffOutputs(base, head))).toMatch(
        /^5 stacks differ \(2 added, 1 removed, 2 changed\): /,
      );
    });
  });
});

describe("the selection file", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const make = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-selection-"));
    dirs.push(dir);
    return dir;
  };

  it("GIVEN a written selection THEN it reads back the same", () => {
    const dir = make();
    const selection = { agencies: ["a"], stacks: ["platform-s"], regionStacks: REGION };
    writeSelection(dir, selection);
    expect(readSelection(dir, "HEAD_DIR")).toEqual(selection);
  });

  it("GIVEN no selection file THEN there is none (the output holds every stack)", () => {
    expect(readSelection(make(), "HEAD_DIR")).toBeUndefined();
  });

  it.each([
    ["not JSON", "{", /HEAD_DIR: tamna-selection\.json is invalid JSON/],
    ["another shape", '{"version":1}', /HEAD_DIR: tamna-selection\.json is not a version 1/],
  ])("GIVEN a file that is %s THEN a located error with a fix", (_what, text, message) => {
    const dir = make();
    fs.writeFileSync(path.join(dir, SELECTION_FILE), text);
    try {
      readSelection(dir, "HEAD_DIR");
      expect.unreachable("expected a TamnaError");
    } catch (error) {
      expect(error).toBeInstanceOf(TamnaError);
      const problem = (error as TamnaError).problems[0]!;
      expect(problem.location.file).toBe(path.join(dir, SELECTION_FILE));
      expect(problem.message).toMatch(message);
      expect(problem.hint).toMatch(/synthesize the output again/);
    }
  });
});
