import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AgencySpec } from "../../../lib/spec/agency";
import { checkGpuWorkloads } from "../../../lib/spec/gpu-checks";
import { parseSpec, type Sourced } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { expectProblem, JEJU_DIR, lineOf } from "./helpers";

const FILE = "agencies/ai-agency.yaml";
const JEJU: Sourced<RegionSpec> = parseSpec(
  "region.yaml",
  fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8"),
  RegionSpec,
);

/** An agency with one workload on `flavor` (and a standby on `standby`), with `quota` lines. */
function agencyText(flavor: string, quota = "", standby?: string): string {
  return `slug: ai-agency
name: AI 기관
csapTier: moderate
contacts: [{ role: owner, name: 담당자, email: owner@ai-agency.example }]
addressBlock: { index: 0 }
zones: [app]
${quota}systems:
  - name: ai
    displayName: AI
    grade: 1
    rto: 2h
    rpo: 15m
    workloads:
      - name: inference
        zone: app
        flavor: ${flavor}
        image: ubuntu-2404
        bootVolume: { sizeGiB: 100, volumeType: ssd }
${standby ? `        standby: { flavor: ${standby} }\n` : ""}`;
}

const check = (text: string) => checkGpuWorkloads(JEJU, parseSpec(FILE, text, AgencySpec));

describe("checkGpuWorkloads", () => {
  it("GIVEN a GPU flavor in an agency without a GPU quota THEN the problem is at the flavor and says how to get one", () => {
    const text = agencyText("g1.a100");
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expectProblem(problems, {
      file: FILE,
      line: lineOf(text, "flavor: g1.a100"),
      path: "systems[0].workloads[0].flavor",
      message: /uses GPU flavor "g1\.a100", but agency "ai-agency" has no GPU quota/,
      received: /^g1\.a100$/,
      allowed: /g1\.a100, g1\.vgpu/,
      hint: /quota: \{ gpus:/,
    });
  });

  it("GIVEN a GPU quota of 0 THEN it is no GPU quota", () => {
    expect(check(agencyText("g1.vgpu", "quota: { gpus: 0 }\n"))).toHaveLength(1);
  });

  it("GIVEN a GPU standby flavor without a GPU quota THEN the problem is at the standby's flavor", () => {
    const text = agencyText("m1.large", "", "g1.vgpu");
    expectProblem(check(text), {
      line: lineOf(text, "standby: { flavor: g1.vgpu }"),
      path: "systems[0].workloads[0].standby.flavor",
      message: /GPU flavor "g1\.vgpu"/,
    });
  });

  it("GIVEN a GPU quota THEN GPU flavors are allowed", () => {
    expect(check(agencyText("g1.a100", "quota: { gpus: 2 }\n", "g1.vgpu"))).toEqual([]);
  });

  it("GIVEN only general or unknown flavors THEN nothing is reported here", () => {
    expect(check(agencyText("m1.large"))).toEqual([]);
    expect(check(agencyText("no.such"))).toEqual([]);
  });
});
