/**
 * The example region as users keep it (`stacks/jeju`): they copy it and add, change or remove
 * agencies, so nothing here knows its agencies, counts or names. Every expectation is computed
 * from the files themselves. The other tests use their own copy, `test/fixtures/jeju`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import { loadRegionDir } from "../../lib/spec/load";
import { type CliResult, expectExit, REPO_ROOT, runTamna, Workspaces } from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

export const KEPT_EXAMPLE = path.join(REPO_ROOT, "stacks", "jeju");

describe("the example region as kept in stacks/jeju", () => {
  let ws: string;
  let plan: RegionPlan;
  let synth: CliResult;
  let validate: CliResult;

  beforeAll(async () => {
    ws = workspaces.make("kept-example");
    fs.cpSync(KEPT_EXAMPLE, path.join(ws, "jeju"), { recursive: true });
    plan = planRegion(loadRegionDir(path.join(ws, "jeju")));
    synth = await runTamna(ws, ["synth", "--region", "jeju", "-q"]);
    validate = await runTamna(ws, [
      "validate",
      "--region",
      "jeju",
      "--no-terraform",
      "--format",
      "json",
    ]);
  });

  it("THEN it synthesizes exactly the stacks its plan names", () => {
    expectExit(synth, 0);
    const written = fs.readdirSync(path.join(ws, "cdktf.out", "stacks")).sort();
    expect(written).toEqual(plan.stacks.map((s) => s.name).sort());
  });

  it("THEN every agency file yields a tenancy and an agency stack at each of its sites", () => {
    const agencies = fs
      .readdirSync(path.join(KEPT_EXAMPLE, "agencies"))
      .filter((name) => /\.ya?ml$/.test(name));
    expect(agencies.length).toBeGreaterThan(0);
    for (const stack of plan.stacks.filter((s) => s.layer !== "platform")) {
      expect(agencies.map((a) => a.replace(/\.ya?ml$/, ""))).toContain(stack.agency);
    }
    const bySlug = new Map(plan.stacks.map((s) => [s.name, s]));
    for (const stack of plan.stacks.filter((s) => s.layer === "agency")) {
      expect(bySlug.get(`tenancy-${stack.name}`)?.layer, stack.name).toBe("tenancy");
    }
  });

  it("THEN it validates clean: no error finding in any layer", () => {
    expectExit(validate, 0);
    const report = JSON.parse(validate.stdout) as {
      findings: readonly { level: string; ruleId: string; message: string }[];
    };
    const errors = report.findings.filter((f) => f.level === "error");
    expect(errors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});
