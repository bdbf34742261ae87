/**
 * `tamna validate` runs `tamna capacity`'s checks in its spec layer when it validates the whole
 * region: a zone over capacity fails it, located at the zone's capacity; a selection skips it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate } from "../../cli/commands/validate";
import type { JsonReport } from "../../lib/validate/format-json";
import { lineOf, Workspaces } from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

let regionFile: string;
beforeAll(() => {
  const ws = workspaces.withRegion("validate-capacity");
  regionFile = path.join(ws, "jeju", "region.yaml");
  const text = fs.readFileSync(regionFile, "utf8");
  // cdc-az3's two hosts shrink to 4 cores each without overcommit: 8 vCPUs for 60 planned.
  const shrunk = text.replace(
    /(- name: cdc-az3\n(?:.*\n)*?) {8}capacity:\n(?: {10}.*\n)+/,
    "$1        capacity: { coresPerHost: 4, ramGiBPerHost: 512, cpuAllocationRatio: 1 }\n",
  );
  expect(shrunk).not.toBe(text);
  fs.writeFileSync(regionFile, shrunk);
});

async function validateJson(selection: { agencies?: string[] } = {}) {
  let out = "";
  const code = await validate(
    { region: path.dirname(regionFile), format: "json", terraform: false, ...selection },
    (text) => (out += text),
    { policy: undefined },
  );
  return { code, report: JSON.parse(out) as JsonReport };
}

describe("tamna validate: capacity", () => {
  it("GIVEN a zone over capacity WHEN the whole region is validated THEN exit 1, located at the zone's capacity", async () => {
    const { code, report } = await validateJson();
    expect(code).toBe(1);
    const capacity = report.findings.filter((finding) => finding.ruleId === "SPEC-CAPACITY");
    expect(capacity).toEqual([
      expect.objectContaining({
        level: "error",
        layer: "spec",
        message: expect.stringMatching(/availability zone cdc-az3 of jeju-cdc is over capacity/),
        location: expect.objectContaining({
          file: regionFile,
          line: lineOf(fs.readFileSync(regionFile, "utf8"), /capacity: { coresPerHost: 4/),
        }),
      }),
    ]);
  });

  it("GIVEN the same zone WHEN one agency is validated THEN capacity, a whole-region question, is not checked", async () => {
    const { code, report } = await validateJson({ agencies: ["jeju-tourism"] });
    expect(report.findings.filter((finding) => finding.ruleId === "SPEC-CAPACITY")).toEqual([]);
    expect(code).toBe(0);
  });
});
