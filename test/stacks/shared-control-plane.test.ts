import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planRegion, type RegionPlan } from "../../lib/plan/region-plan";
import { buildDrReport } from "../../lib/report/dr-report";
import { editActiveSite, inputWithAgencyText } from "../../lib/spec/failover-edit";
import { loadRegionDir } from "../../lib/spec/load";
import { buildApp } from "../../stacks/app";
import { exampleRegion } from "../helpers/example-region";

/**
 * The two layouts of a DR pair: two separate clouds (the fixture region) and one cloud with two
 * regions sharing Keystone and Designate (examples/shared-control-plane).
 */
const SHARED_DIR = path.join(__dirname, "..", "..", "examples", "shared-control-plane");
const IDENTITY_TYPES = [
  "openstack_identity_project_v3",
  "openstack_identity_group_v3",
  "openstack_identity_role_assignment_v3",
];

type TfJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function synthesize(plan: RegionPlan): Map<string, TfJson> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-shared-"));
  dirs.push(dir);
  buildApp(plan, { outdir: dir }).synth();
  return new Map(
    plan.stacks.map((stack) => [
      stack.name,
      JSON.parse(
        fs.readFileSync(path.join(dir, "stacks", stack.name, "cdk.tf.json"), "utf8"),
      ) as TfJson,
    ]),
  );
}

/** Every (type, name) of the identity objects created, over all stacks, with their stacks. */
function identityObjects(output: Map<string, TfJson>): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const [stack, json] of output) {
    for (const type of IDENTITY_TYPES) {
      for (const body of Object.values(json.resource?.[type] ?? {})) {
        const key =
          type === "openstack_identity_role_assignment_v3"
            ? `${type}:${String(body.group_id)}:${String(body.role_id)}:${String(body.project_id)}:${stack.replace(/-(jeju-cdc|mainland-drc)$/, "")}`
            : `${type}:${String(body.name)}`;
        seen.set(key, [...(seen.get(key) ?? []), stack]);
      }
    }
  }
  return seen;
}

function resourcesOfType(json: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource?.[type] ?? {});
}

describe("sites that share a control plane", () => {
  describe("GIVEN one cloud with two regions (examples/shared-control-plane)", () => {
    const input = loadRegionDir(SHARED_DIR);
    const plan = planRegion(input);
    const output = synthesize(plan);
    const agencies = input.agencies.map((agency) => agency.spec.slug).sort();

    it("THEN the Keystone domain, every project, group and role assignment is created once region-wide", () => {
      const domains = [...output].flatMap(([stack, json]) =>
        resourcesOfType(json, "openstack_identity_project_v3")
          .filter((body) => body.is_domain === true)
          .map(() => stack),
      );
      expect(domains).toEqual(["platform-jeju-cdc"]);
      const objects = identityObjects(output);
      expect(objects.size).toBeGreaterThan(agencies.length);
      for (const [object, stacks] of objects) {
        expect({ object, stacks }).toEqual({ object, stacks: [stacks[0]] });
        expect(stacks[0]).toMatch(/-jeju-cdc$/);
      }
      for (const agency of agencies) {
        expect(objects.get(`openstack_identity_project_v3:${agency}`)).toEqual([
          `tenancy-${agency}-jeju-cdc`,
        ]);
      }
    });

    it("THEN the DR site's tenancy stacks find the project by data source and set their own region's quotas", () => {
      for (const agency of agencies) {
        const json = output.get(`tenancy-${agency}-mainland-drc`)!;
        expect(json.resource?.openstack_identity_project_v3).toBeUndefined();
        const projects = Object.entries(json.data?.openstack_identity_project_v3 ?? {});
        const project = projects.find(([, body]) => body.name === agency);
        expect(project).toBeDefined();
        const ref = `\${data.openstack_identity_project_v3.${project![0]}.id}`;
        for (const type of [
          "openstack_compute_quotaset_v2",
          "openstack_blockstorage_quotaset_v3",
          "openstack_networking_quota_v2",
          "openstack_lb_quota_v2",
        ]) {
          expect(resourcesOfType(json, type).map((body) => body.project_id)).toEqual([ref]);
        }
        const provider = (json as { provider?: { openstack?: { region?: string }[] } }).provider;
        expect(provider?.openstack?.[0]?.region).toBe("MainlandDRC");
      }
    });

    it("THEN the apply order puts the DR site's stacks after the primary's that create what they find", () => {
      for (const agency of agencies) {
        const tenancy = plan.stacks.find((s) => s.name === `tenancy-${agency}-mainland-drc`)!;
        expect(tenancy.dependsOn).toContain(`tenancy-${agency}-jeju-cdc`);
        const names = plan.stacks.map((s) => s.name);
        expect(names.indexOf(`tenancy-${agency}-jeju-cdc`)).toBeLessThan(
          names.indexOf(`tenancy-${agency}-mainland-drc`),
        );
      }
    });

    it("THEN each agency zone is created once, and the other site adds records to it by data source", () => {
      for (const agency of agencies) {
        const zones = [...output].flatMap(([stack, json]) =>
          resourcesOfType(json, "openstack_dns_zone_v2").map(() => stack),
        );
        expect(zones.filter((stack) => stack.startsWith(`${agency}-`))).toEqual([
          `${agency}-jeju-cdc`,
        ]);
        const dr = output.get(`${agency}-mainland-drc`)!;
        const found = Object.keys(dr.data?.openstack_dns_zone_v2 ?? {});
        expect(found).toHaveLength(1);
        const drPlan = plan.stacks.find((s) => s.name === `${agency}-mainland-drc`)!;
        expect(drPlan.dependsOn).toContain(`${agency}-jeju-cdc`);
      }
    });

    it("THEN a failover moves the record from the primary's stack to the DR site's, into the same zone", () => {
      const agency = input.agencies.find((each) => each.spec.slug === "seogwipo-city")!;
      const text = fs.readFileSync(agency.source.file, "utf8");
      const edited = editActiveSite(agency.source.file, text, {
        system: "saeol",
        site: "mainland-drc",
      });
      const before = output;
      const after = synthesize(planRegion(inputWithAgencyText(input, agency, edited.text)));
      const records = (out: Map<string, TfJson>, stack: string) =>
        resourcesOfType(out.get(stack)!, "openstack_dns_recordset_v2").map((r) => r.name);
      const name = records(before, "seogwipo-city-jeju-cdc")[0];
      expect(name).toBeDefined();
      expect(records(before, "seogwipo-city-mainland-drc")).not.toContain(name);
      expect(records(after, "seogwipo-city-jeju-cdc")).not.toContain(name);
      expect(records(after, "seogwipo-city-mainland-drc")).toContain(name);
      const zoneRef = resourcesOfType(
        after.get("seogwipo-city-mainland-drc")!,
        "openstack_dns_recordset_v2",
      ).map((r) => r.zone_id);
      expect(zoneRef[0]).toMatch(/^\$\{data\.openstack_dns_zone_v2\./);
      // The zone itself stays where it was created: nothing to destroy or create.
      expect(
        resourcesOfType(after.get("seogwipo-city-jeju-cdc")!, "openstack_dns_zone_v2"),
      ).toHaveLength(1);
    });

    it("THEN the DR report says one zone, created at the primary, and that a failover leaves the delegation", () => {
      const report = buildDrReport(plan);
      expect(report.agencies.map((a) => a.agency)).toEqual(agencies);
      for (const agency of report.agencies) {
        expect(agency.dnsZone).toMatchObject({
          layout: "shared",
          createdAt: ["jeju-cdc"],
          delegatedTo: ["jeju-cdc", "mainland-drc"],
          onFailover: expect.stringMatching(/delegation stay/),
        });
      }
    });
  });

  describe("GIVEN two separate clouds (the fixture region)", () => {
    const { plan } = exampleRegion();

    it("THEN every site creates its own domain, projects and zones, and no stack depends on another site's", () => {
      for (const stack of plan.stacks) {
        if (stack.layer === "platform") expect(stack.domain.createdBy).toBeUndefined();
        if (stack.layer === "tenancy") expect(stack.sharedIdentity).toBeUndefined();
        if (stack.layer === "agency") expect(stack.dns?.zoneCreatedBy).toBeUndefined();
        for (const dependency of stack.dependsOn) {
          expect(dependency.endsWith(stack.site)).toBe(true);
        }
      }
    });

    it("THEN the DR report says each site holds a copy of the zone and where the delegation points", () => {
      const report = buildDrReport(plan);
      const city = report.agencies.find((a) => a.agency === "jeju-city")!;
      expect(city.dnsZone).toMatchObject({
        layout: "per-site",
        createdAt: ["jeju-cdc", "mainland-drc"],
        delegatedTo: ["jeju-cdc"],
        onFailover: expect.stringMatching(/delegation must then point at that site's name servers/),
      });
    });
  });
});
