import { describe, expect, it } from "vitest";
import { TamnaError } from "../../../lib/errors";
import { networkUsage, resolveQuota } from "../../../lib/plan/quota";
import { planRegion, type TenancyStackPlan } from "../../../lib/plan/region-plan";
import { AgencySpec } from "../../../lib/spec/agency";
import type { Quota } from "../../../lib/spec/common";
import { parseSpec, type RegionInput } from "../../../lib/spec/load";
import { exampleRegion } from "../../helpers/example-region";
import { expectProblem, lineOf, problemsOf, replaceOnce } from "../spec/helpers";
import * as fs from "node:fs";

const defaults: Quota = {
  instances: 10,
  cores: 20,
  ramGiB: 64,
  volumes: 10,
  volumeGiB: 1000,
  snapshots: 10,
  networks: 4,
  subnets: 4,
  ports: 50,
  routers: 1,
  floatingIps: 2,
  securityGroups: 10,
  securityGroupRules: 100,
  serverGroups: 10,
  serverGroupMembers: 10,
  loadBalancers: 4,
};

/** The example region with one agency file's text edited; the file keeps its name. */
function withEditedAgency(slug: string, from: string, to: string) {
  const { input } = exampleRegion();
  const original = input.agencies.find((a) => a.spec.slug === slug)!;
  const file = original.source.file;
  const text = replaceOnce(fs.readFileSync(file, "utf8"), from, to);
  const edited = parseSpec(file, text, AgencySpec);
  const changed: RegionInput = {
    ...input,
    agencies: input.agencies.map((a) => (a.spec.slug === slug ? edited : a)),
  };
  return { input: changed, file, text };
}

function tenancy(input: RegionInput, name: string): TenancyStackPlan {
  const stack = planRegion(input).stacks.find((s) => s.name === name);
  if (stack?.layer !== "tenancy") throw new Error(`no tenancy stack ${name}`);
  return stack;
}

describe("networkUsage", () => {
  const network = {
    zones: [{}, {}, {}],
    transit: {},
    routers: [{}, {}],
    securityGroups: [{ rules: [{}, {}] }, { rules: [{}] }, { rules: [] }],
  };

  it("GIVEN three zones linked by transit THEN usage counts the transit, the ports and Neutron's default group", () => {
    expect(networkUsage(network)).toEqual({
      networks: 4,
      subnets: 4,
      ports: 3 * 2 + 2, // DHCP and router interface per zone, one transit interface per router
      routers: 2,
      securityGroups: 4,
      securityGroupRules: 7,
    });
  });

  it("GIVEN one zone and no transit THEN there is no transit network or transit port", () => {
    expect(
      networkUsage({ zones: [{}], routers: [{}], securityGroups: [{ rules: [{}] }] }),
    ).toMatchObject({ networks: 1, subnets: 1, ports: 2, routers: 1 });
  });
});

describe("resolveQuota", () => {
  describe("GIVEN no declared quota", () => {
    it("WHEN nothing is used THEN the quota is the region defaults", () => {
      expect(resolveQuota(defaults, undefined, [], 20)).toEqual({
        quota: defaults,
        shortfalls: [],
      });
    });

    it("WHEN the use is above the default THEN the quota is the use plus headroom, rounded up", () => {
      const { quota, shortfalls } = resolveQuota(
        defaults,
        undefined,
        [
          ["networks", { ports: 10 }],
          ["saeol", { instances: 9, cores: 30, ports: 40 }],
        ],
        20,
      );
      expect(quota.instances).toBe(11); // 9 * 1.2 = 10.8
      expect(quota.cores).toBe(36);
      expect(quota.ports).toBe(60); // (10 + 40) * 1.2
      expect(shortfalls).toEqual([]);
    });

    it("WHEN the use plus headroom is below the default THEN the default is the floor", () => {
      const { quota } = resolveQuota(defaults, undefined, [["saeol", { instances: 2 }]], 100);
      expect(quota.instances).toBe(10);
    });

    it("WHEN the headroom is 0 THEN the quota is exactly the use", () => {
      const { quota } = resolveQuota(defaults, undefined, [["saeol", { cores: 33 }]], 0);
      expect(quota.cores).toBe(33);
    });

    it("WHEN two systems have server groups THEN members take the larger group, not the sum", () => {
      const { quota } = resolveQuota(
        { ...defaults, serverGroupMembers: 1 },
        undefined,
        [
          ["saeol", { serverGroupMembers: 6 }],
          ["portal", { serverGroupMembers: 4 }],
        ],
        0,
      );
      expect(quota.serverGroupMembers).toBe(6);
    });
  });

  describe("GIVEN a declared quota", () => {
    it("WHEN it holds the use THEN it is kept as declared, even below the default or at zero", () => {
      const { quota, shortfalls } = resolveQuota(
        defaults,
        { cores: 40, floatingIps: 0, instances: 3 },
        [["saeol", { cores: 40, instances: 3 }]],
        50,
      );
      expect(quota).toEqual({ ...defaults, cores: 40, floatingIps: 0, instances: 3 });
      expect(shortfalls).toEqual([]);
    });

    it("WHEN the use exceeds it THEN the shortfall names each part with its share", () => {
      const { quota, shortfalls } = resolveQuota(
        defaults,
        { instances: 5 },
        [
          ["networks", { ports: 8 }],
          ["saeol", { instances: 4 }],
          ["portal", { instances: 3 }],
        ],
        20,
      );
      expect(quota.instances).toBe(5);
      expect(shortfalls).toEqual([
        {
          field: "instances",
          needed: 7,
          quota: 5,
          parts: [
            ["saeol", 4],
            ["portal", 3],
          ],
        },
      ]);
    });

    it("WHEN the largest server group exceeds the declared members THEN that is the shortfall", () => {
      const { shortfalls } = resolveQuota(
        defaults,
        { serverGroupMembers: 3 },
        [
          ["saeol", { serverGroupMembers: 4 }],
          ["portal", { serverGroupMembers: 2 }],
        ],
        0,
      );
      expect(shortfalls).toEqual([
        expect.objectContaining({ field: "serverGroupMembers", needed: 4, quota: 3 }),
      ]);
    });
  });
});

describe("planRegion quotas", () => {
  describe("GIVEN the example region", () => {
    it("THEN an agency without a quota gets the use of its workloads plus 25%", () => {
      const quota = tenancy(exampleRegion().input, "tenancy-jeju-fire-jeju-cdc").quota;
      // dispatch-119: was 4 x c1.xlarge (16 GiB), db 2 x db1.2xlarge (128 GiB) = 320 GiB
      expect(quota.ramGiB).toBe(400);
      // and each field the workloads do not reach keeps the region default
      expect(quota.floatingIps).toBe(4);
    });

    it("THEN an agency whose workloads fit the defaults gets the defaults", () => {
      const quota = tenancy(exampleRegion().input, "tenancy-jeju-city-jeju-cdc").quota;
      // local-tax: web 2 x m1.medium (2), was 3 x c1.xlarge (8), db 2 x r1.xlarge (8);
      // parking: was m1.medium (2), db m1.large (4): 50 cores, * 1.25 = 62.5
      expect(quota.cores).toBe(80);
      // One server group per workload: 5, * 1.25 = 6.25, below the default of 10
      expect(quota.serverGroups).toBe(10);
    });

    it("THEN a declared quota field is kept as the agency wrote it", () => {
      const quota = tenancy(exampleRegion().input, "tenancy-jeju-province-jeju-cdc").quota;
      expect(quota).toMatchObject({ instances: 40, cores: 160, ramGiB: 640, volumeGiB: 12288 });
    });
  });

  describe("GIVEN region defaults below what the networks need", () => {
    it("THEN the quota is raised to the use plus headroom instead of failing", () => {
      const { input } = exampleRegion();
      const region = structuredClone(input.region.spec);
      region.quotaDefaults.routers = 2;
      const small = { ...input, region: { spec: region, source: input.region.source } };
      // jeju-city has dmz, app, db and mgmt: internet, intranet and internal routers.
      expect(tenancy(small, "tenancy-jeju-city-jeju-cdc").quota.routers).toBe(4); // 3 * 1.25
    });
  });

  describe("GIVEN an agency that declares a router quota too small for its zones", () => {
    it("THEN planning fails at the agency's quota line, with the numbers", () => {
      const { input, file, text } = withEditedAgency(
        "jeju-city",
        "zones: [dmz, app, db, mgmt]\n",
        "zones: [dmz, app, db, mgmt]\nquota:\n  routers: 2\n",
      );
      const problems = problemsOf(() => planRegion(input));
      expectProblem(problems, {
        file,
        line: lineOf(text, "routers: 2"),
        path: "quota.routers",
        message:
          /^agency "jeju-city" needs 3 routers at site jeju-cdc \(networks: 3\), but its quota is 2$/,
        received: /^2$/,
        allowed: /^at least 3$/,
        hint: /raise quota\.routers, remove it to derive it/,
      });
    });
  });

  describe("GIVEN containers with sizes (object storage)", () => {
    it("WHEN the agency declares an object-storage quota below its containers THEN planning fails at that line, naming the system", () => {
      const { input, file, text } = withEditedAgency(
        "jeju-medical-center",
        "objectStorageGiB: 3072",
        "objectStorageGiB: 1000",
      );
      expectProblem(
        problemsOf(() => planRegion(input)),
        {
          file,
          line: lineOf(text, "objectStorageGiB: 1000"),
          path: "quota.objectStorageGiB",
          message:
            /^agency "jeju-medical-center" needs 2048 objectStorageGiB at site jeju-cdc \(pacs: 2048\), but its quota is 1000$/,
        },
      );
    });

    it("WHEN neither the region nor the agency sets one THEN no object-storage quota is planned", () => {
      const { input } = exampleRegion();
      expect(
        tenancy(input, "tenancy-jeju-province-jeju-cdc").quota.objectStorageGiB,
      ).toBeUndefined();
    });

    it("WHEN the region's defaults set one THEN it is derived from the containers plus headroom, never below the default", () => {
      const { input } = exampleRegion();
      const region = structuredClone(input.region.spec);
      region.quotaDefaults.objectStorageGiB = 100;
      const withDefault = { ...input, region: { ...input.region, spec: region } };
      const headroom = 1 + region.quotaHeadroomPercent / 100;
      // jeju-province's documents container: 200 GiB.
      expect(tenancy(withDefault, "tenancy-jeju-province-jeju-cdc").quota.objectStorageGiB).toBe(
        Math.ceil(200 * headroom),
      );
      expect(tenancy(withDefault, "tenancy-jeju-fire-jeju-cdc").quota.objectStorageGiB).toBe(100);
    });
  });

  describe("GIVEN an agency that declares fewer cores than its systems use", () => {
    it("THEN planning fails at the quota line, naming each system and its share", () => {
      const { input, file, text } = withEditedAgency("jeju-province", "cores: 160", "cores: 50");
      expect(() => planRegion(input)).toThrow(TamnaError);
      const problems = problemsOf(() => planRegion(input));
      // saeol: 2 x m1.medium (2) + 2 x m1.large (4) + 2 x db1.2xlarge (16) = 44;
      // civil-portal: 2 x 2 + 2 x 4 = 12; hr-payroll: 2 x 4 + 16 = 24
      expectProblem(problems, {
        file,
        line: lineOf(text, "cores: 50"),
        path: "quota.cores",
        message:
          /^agency "jeju-province" needs 80 cores at site jeju-cdc \(saeol: 44, civil-portal: 12, hr-payroll: 24\), but its quota is 50$/,
        received: /^50$/,
        allowed: /^at least 80$/,
        hint: /shrink the systems named/,
      });
      expect(problems.map((p) => p.location.path)).toEqual(["quota.cores"]);
    });
  });
});
