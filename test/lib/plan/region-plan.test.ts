import { describe, expect, it } from "vitest";
import { TamnaError } from "../../../lib/errors";
import { agencySites, planRegion } from "../../../lib/plan/region-plan";
import { parseSpec, type RegionInput } from "../../../lib/spec/load";
import { AgencySpec } from "../../../lib/spec/agency";
import { exampleRegion } from "../../helpers/example-region";

describe("planRegion", () => {
  describe("GIVEN the example region", () => {
    const { plan } = exampleRegion();

    it("THEN platform stacks come first, then each agency's tenancy before its agency stack", () => {
      const seen = new Set<string>();
      for (const stack of plan.stacks) {
        for (const dependency of stack.dependsOn) expect(seen.has(dependency)).toBe(true);
        seen.add(stack.name);
      }
      expect(plan.stacks.slice(0, 2).map((s) => s.layer)).toEqual(["platform", "platform"]);
    });

    it("THEN only agency stacks scope their provider to a project", () => {
      for (const stack of plan.stacks) {
        if (stack.layer === "agency" || stack.layer === "paasta") {
          expect(stack.provider.project).toEqual({ name: stack.agency, domain: "jeju" });
        } else {
          expect(stack.provider.project).toBeUndefined();
        }
      }
    });

    it("THEN every stack has its own state key", () => {
      const keys = plan.stacks.map((s) => JSON.stringify(s.backend));
      expect(new Set(keys).size).toBe(keys.length);
    });

    it("THEN an agency limited to one site gets stacks only there", () => {
      const tourism = plan.stacks.filter((s) => "agency" in s && s.agency === "jeju-tourism");
      expect(tourism.map((s) => s.name)).toEqual([
        "tenancy-jeju-tourism-jeju-cdc",
        "jeju-tourism-jeju-cdc",
      ]);
    });
  });

  describe("GIVEN two agency/site pairs that join to the same stack name", () => {
    it("THEN planning fails naming both", () => {
      const { input } = exampleRegion();
      const region = structuredClone(input.region.spec);
      const site = region.sites["jeju-cdc"]!;
      region.sites = { "b-c": site, c: site };
      region.addressPlan.supernets = { "b-c": "10.30.0.0/16", c: "10.40.0.0/16" };
      const agency = (slug: string, index: number) =>
        parseSpec(
          `${slug}.yaml`,
          `slug: ${slug}\nname: X\ncsapTier: low\ncontacts: [{role: owner, name: X, email: x@x.example}]\n` +
            `addressBlock: { index: ${index} }\nzones: [app]\n`,
          AgencySpec,
        );
      // Agency "xy-b" at site "c" and agency "xy" at site "b-c" both give "xy-b-c".
      const clash: RegionInput = {
        region: { spec: region, source: input.region.source },
        agencies: [agency("xy", 0), agency("xy-b", 1)],
      };
      expect(() => planRegion(clash)).toThrow(TamnaError);
      expect(() => planRegion(clash)).toThrow(
        /stack name "tenancy-xy-b-c" is produced twice \(agency xy at site b-c and agency xy-b at site c\)/,
      );
    });
  });
});

describe("group roles", () => {
  it("GIVEN roles for admins only THEN operators and auditors keep their default roles", () => {
    const { input } = exampleRegion();
    const region = structuredClone(input.region.spec);
    region.identity = { domain: "jeju", groupRoles: { admins: ["admin"] } };
    const plan = planRegion({ ...input, region: { spec: region, source: input.region.source } });
    const tenancy = plan.stacks.find((s) => s.layer === "tenancy" && s.groups.length > 0);
    expect(tenancy && "groups" in tenancy && tenancy.groups.map((g) => [g.key, g.roles])).toEqual([
      ["admins", ["admin"]],
      ["operators", ["member"]],
      ["auditors", ["reader"]],
    ]);
  });
});

describe("groups bound to existing Keystone groups", () => {
  it("GIVEN an agency binding admins THEN admins keeps its key and roles under the existing name, the others are created", () => {
    const { input } = exampleRegion();
    const first = input.agencies[0]!;
    const bound = structuredClone(first.spec);
    bound.identity = { groups: { admins: { existing: "edu-cloud-admins", domain: "education" } } };
    const plan = planRegion({
      ...input,
      agencies: [{ spec: bound, source: first.source }, ...input.agencies.slice(1)],
    });
    const tenancies = plan.stacks.filter(
      (s) => s.layer === "tenancy" && s.agency === first.spec.slug,
    );
    expect(tenancies.length).toBeGreaterThan(0);
    for (const tenancy of tenancies) {
      if (tenancy.layer !== "tenancy") continue;
      expect(tenancy.groups.map((g) => [g.key, g.name, g.existing])).toEqual([
        ["admins", "edu-cloud-admins", { domain: "education" }],
        ["operators", `${first.spec.slug}-operators`, undefined],
        ["auditors", `${first.spec.slug}-auditors`, undefined],
      ]);
      expect(tenancy.groups[0]!.roles).toEqual(["load-balancer_member", "member"]);
    }
  });
});

describe("agencySites", () => {
  it("GIVEN no sites THEN every region site, in region order", () => {
    expect(agencySites({ sites: undefined } as never, ["a", "b"])).toEqual(["a", "b"]);
  });
  it("GIVEN some sites THEN those, in region order", () => {
    expect(agencySites({ sites: ["b"] } as never, ["a", "b"])).toEqual(["b"]);
  });
});

describe("planRegion with a selection of agencies", () => {
  const { input, plan: full } = exampleRegion();
  const selected = planRegion(input, { agencies: new Set(["jeju-city"]) });

  it("THEN it plans every platform and foundation stack and exactly the selected agency's stacks", () => {
    expect(selected.stacks.map((stack) => stack.name)).toEqual(
      full.stacks
        .filter(
          (stack) =>
            stack.layer === "platform" || stack.agency === "paasta" || stack.agency === "jeju-city",
        )
        .map((stack) => stack.name),
    );
  });

  it("THEN those stacks are planned exactly as in the full plan", () => {
    for (const stack of selected.stacks)
      expect(stack).toEqual(full.stacks.find((other) => other.name === stack.name));
  });

  it("WHEN an unselected agency's block clashes with the selected one THEN it still fails", () => {
    const clashing = input.agencies.map((agency) =>
      agency.spec.slug === "jeju-fire"
        ? { ...agency, spec: { ...agency.spec, addressBlock: { index: 1 } } }
        : agency,
    );
    expect(() =>
      planRegion({ ...input, agencies: clashing }, { agencies: new Set(["jeju-city"]) }),
    ).toThrow(/block 10\.10\.4\.0\/22 at site jeju-cdc overlaps the block of agency "jeju-city"/);
  });
});
