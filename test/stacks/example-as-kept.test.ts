/**
 * The example region as users keep it (`stacks/jeju`): they copy it and add, change or remove
 * agencies, so nothing here knows its agencies, counts or names. Every expectation is computed
 * from the files themselves. The other tests use their own copy, `test/fixtures/jeju`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import { loadFile, loadRegionDir, REGION_FILE, type RegionInput } from "../../lib/spec/load";
import { RegionSpec } from "../../lib/spec/region";
import { type CliResult, expectExit, REPO_ROOT, runTamna, Workspaces } from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

export const KEPT_EXAMPLE = path.join(REPO_ROOT, "stacks", "jeju");

describe("the example region as kept in stacks/jeju", () => {
  let ws: string;
  let plan: RegionPlan;
  let input: RegionInput;
  let synth: CliResult;
  let validate: CliResult;

  beforeAll(async () => {
    ws = workspaces.make("kept-example");
    fs.cpSync(KEPT_EXAMPLE, path.join(ws, "jeju"), { recursive: true });
    input = loadRegionDir(path.join(ws, "jeju"));
    plan = planRegion(input);
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
    // A PaaS-TA foundation is a tenant named in region.yaml, not by an agency file.
    const foundation = input.region.spec.platforms?.paasta?.name;
    for (const stack of plan.stacks.filter((s) => s.layer !== "platform")) {
      if (stack.agency === foundation) continue;
      expect(agencies.map((a) => a.replace(/\.ya?ml$/, ""))).toContain(stack.agency);
    }
    const bySlug = new Map(plan.stacks.map((s) => [s.name, s]));
    for (const stack of plan.stacks.filter((s) => s.layer === "agency" || s.layer === "paasta")) {
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

describe("GIVEN a copy of the kept example WHEN an agency is added with tamna agency new", () => {
  let ws: string;
  let slug: string;
  let sites: string[];
  let before: RegionPlan;
  let created: CliResult;
  let synth: CliResult;
  let validate: CliResult;
  let list: CliResult;

  beforeAll(async () => {
    ws = workspaces.make("kept-example-new-agency");
    const region = path.join(ws, "jeju");
    fs.cpSync(KEPT_EXAMPLE, region, { recursive: true });
    before = planRegion(loadRegionDir(region));
    sites = Object.keys(loadFile(path.join(region, REGION_FILE), RegionSpec).spec.sites).sort();
    // A slug no agency of the example has, whatever agencies users added.
    const taken = new Set(before.stacks.flatMap((s) => ("agency" in s ? [s.agency] : [])));
    slug = "onboarded";
    for (let n = 2; taken.has(slug); n++) slug = `onboarded-${n}`;

    created = await runTamna(ws, [
      "agency",
      "new",
      slug,
      "--region",
      "jeju",
      "--name",
      "새 기관",
      "--csap-tier",
      "moderate",
      "--owner-name",
      "정보화담당관",
      "--owner-email",
      "owner@new.example",
    ]);
    // The template's commented example system, uncommented as its comment says.
    const file = path.join(region, "agencies", `${slug}.yaml`);
    const [head, example] = fs.readFileSync(file, "utf8").split("systems: []\n");
    if (example !== undefined) fs.writeFileSync(file, head + example.replace(/^# ?/gm, ""));

    synth = await runTamna(ws, ["synth", "--region", "jeju", "-q"]);
    validate = await runTamna(ws, [
      "validate",
      "--region",
      "jeju",
      "--no-terraform",
      "--format",
      "json",
    ]);
    list = await runTamna(ws, ["list", "--region", "jeju", "--agency", slug, "--json"]);
  });

  it("THEN the file is written with a system", () => {
    expectExit(created, 0);
    const input = loadRegionDir(path.join(ws, "jeju"));
    const agency = input.agencies.find((each) => each.spec.slug === slug);
    expect(agency?.spec.systems.length).toBeGreaterThan(0);
    const plan = planRegion(input);
    const agencyStacks = plan.stacks.filter((s) => s.layer === "agency" && s.agency === slug);
    expect(agencyStacks.length).toBe(sites.length);
  });

  it("THEN synth writes the stacks of before plus the new agency's tenancy and agency stacks", () => {
    expectExit(synth, 0);
    const added = sites.flatMap((site) => [`tenancy-${slug}-${site}`, `${slug}-${site}`]);
    const written = fs.readdirSync(path.join(ws, "cdktf.out", "stacks")).sort();
    expect(written).toEqual([...before.stacks.map((s) => s.name), ...added].sort());
  });

  it("THEN the region still validates clean: no error finding in any layer", () => {
    expectExit(validate, 0);
    const report = JSON.parse(validate.stdout) as {
      findings: readonly { level: string; ruleId: string; message: string }[];
    };
    const errors = report.findings.filter((f) => f.level === "error");
    expect(errors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it("THEN list shows the new agency's stacks at every site, with resources", () => {
    expectExit(list, 0);
    const stacks = (
      JSON.parse(list.stdout) as {
        stacks: readonly { name: string; agency: string | null; resources: number }[];
      }
    ).stacks;
    expect(stacks.map((s) => s.name).sort()).toEqual(
      sites.flatMap((site) => [`tenancy-${slug}-${site}`, `${slug}-${site}`]).sort(),
    );
    for (const stack of stacks) {
      expect(stack.agency).toBe(slug);
      expect(stack.resources, stack.name).toBeGreaterThan(0);
    }
  });
});
