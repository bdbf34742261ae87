/**
 * The AI computing pool in the plan: GPU workloads placed in the zones with GPU hosts, GPUs
 * counted against the agency's quota, and the private GPU flavors granted to agencies with one.
 * The tests' fixture region has GPU hosts in cdc-az1 and cdc-az2 (none at mainland-drc) and the
 * GPU flavors g1.a100 (passthrough) and g1.vgpu.
 */
import { describe, expect, it } from "vitest";
import { systemUsage } from "../../../lib/plan/compute-usage";
import { planRegion, type TenancyStackPlan } from "../../../lib/plan/region-plan";
import { gpuFlavorNames, gpuZones, regionHasGpus } from "../../../lib/spec/gpu";
import { exampleRegionFile } from "../../helpers/example-region";
import { expectProblem, lineOf, problemsOf } from "../spec/helpers";
import {
  agency,
  agencyYaml,
  computeAt,
  system,
  withAgencies,
  workload,
  type SystemInput,
} from "./fixtures";

const FILE = "agencies/alpha.yaml";
const GPU_QUOTA = { quota: { gpus: 4 } };

function gpuSystem(count: number, fields: Partial<SystemInput> = {}): SystemInput {
  return system(
    "ai",
    [
      workload("inference", "app", {
        count,
        flavor: "g1.a100",
        bootVolume: { sizeGiB: 100, volumeType: "ssd" },
      }),
    ],
    fields,
  );
}

describe("GPU pool helpers", () => {
  const region = exampleRegionFile().spec;

  it("GIVEN the fixture region THEN its GPU flavors and the primary site's GPU zones are found", () => {
    expect(gpuFlavorNames(region)).toEqual(["g1.a100", "g1.vgpu"]);
    expect(gpuZones(region.sites["jeju-cdc"]!)).toEqual(["cdc-az1", "cdc-az2"]);
    expect(gpuZones(region.sites["mainland-drc"]!)).toEqual([]);
    expect(regionHasGpus(region)).toBe(true);
  });

  it("GIVEN a region with neither GPU flavors nor GPU hosts THEN it has no GPUs", () => {
    const flavors = { "m1.small": { vcpus: 1, ramGiB: 2, diskGiB: 0 } };
    const sites = { a: { availabilityZones: [{ name: "az1", hosts: ["h1"] }] } };
    expect(regionHasGpus({ flavors, sites } as never)).toBe(false);
  });
});

describe("planCompute with GPU workloads", () => {
  describe("GIVEN a GPU workload of three instances at jeju-cdc", () => {
    const input = withAgencies(agency("alpha", { systems: [gpuSystem(3)], more: GPU_QUOTA }));
    const [inference] = computeAt(input, "jeju-cdc").systems[0]!.workloads;

    it("THEN every instance is in a zone with GPU hosts, never cdc-az3", () => {
      const zones = inference!.instances.map((i) => i.availabilityZone);
      expect(new Set(zones)).toEqual(new Set(["cdc-az1", "cdc-az2"]));
    });

    it("THEN the server group is soft: three instances do not fit two GPU zones strictly", () => {
      expect(inference!.serverGroup.policy).toBe("soft-anti-affinity");
    });
  });

  it("GIVEN a general workload THEN it still spreads over all three zones", () => {
    const input = withAgencies(
      agency("alpha", { systems: [system("web", [workload("web", "dmz", { count: 3 })])] }),
    );
    const zones = computeAt(input, "jeju-cdc").systems[0]!.workloads[0]!.instances.map(
      (i) => i.availabilityZone,
    );
    expect(new Set(zones)).toEqual(new Set(["cdc-az1", "cdc-az2", "cdc-az3"]));
  });

  it("GIVEN a GPU system at a site without GPU hosts THEN the problem is at its flavor", () => {
    const text = agencyYaml("alpha", {
      systems: [gpuSystem(1, { site: "mainland-drc" })],
      more: GPU_QUOTA,
    });
    const input = withAgencies(
      agency("alpha", { systems: [gpuSystem(1, { site: "mainland-drc" })], more: GPU_QUOTA }),
    );
    expectProblem(
      problemsOf(() => computeAt(input, "mainland-drc")),
      {
        file: FILE,
        line: lineOf(text, "flavor: g1.a100"),
        path: "systems[0].workloads[0].flavor",
        message:
          /needs GPU flavor "g1\.a100" at site mainland-drc, which has no availability zone with GPU hosts/,
        allowed: /jeju-cdc/,
        hint: /run the system at a site with GPU hosts/,
      },
    );
  });

  it("GIVEN a warm standby of a GPU system at a DR site without GPU hosts THEN the problem says how to fix the standby", () => {
    const systems = [gpuSystem(2, { grade: 1, rto: "2h", rpo: "15m" })];
    const input = withAgencies(agency("alpha", { systems, more: GPU_QUOTA }));
    expectProblem(
      problemsOf(() => computeAt(input, "mainland-drc")),
      {
        path: "systems[0].workloads[0].flavor",
        message: /\(standby\) needs GPU flavor/,
        hint: /standby\.flavor to a general flavor/,
      },
    );
  });

  it("GIVEN a GPU workload with a general standby flavor THEN the DR site plans the standby on it", () => {
    const systems = [
      system(
        "ai",
        [
          workload("inference", "app", {
            count: 2,
            flavor: "g1.a100",
            standby: { count: 1, flavor: "m1.large" },
          }),
        ],
        { grade: 1, rto: "2h", rpo: "15m" },
      ),
    ];
    const input = withAgencies(agency("alpha", { systems, more: GPU_QUOTA }));
    const [standby] = computeAt(input, "mainland-drc").systems[0]!.workloads;
    expect(standby!.flavor).toBe("m1.large");
  });
});

describe("GPU quota", () => {
  it("GIVEN a GPU system THEN its usage counts GPUs per instance", () => {
    const input = withAgencies(agency("alpha", { systems: [gpuSystem(3)], more: GPU_QUOTA }));
    const plan = computeAt(input, "jeju-cdc").systems[0]!;
    expect(systemUsage(plan, exampleRegionFile().spec.flavors).gpus).toBe(3);
  });

  it("GIVEN more GPU instances than the agency's GPU quota THEN planning fails at quota.gpus, naming the system", () => {
    const more = { quota: { gpus: 2 } };
    const text = agencyYaml("alpha", { systems: [gpuSystem(3)], more });
    const input = withAgencies(agency("alpha", { systems: [gpuSystem(3)], more }));
    expectProblem(
      problemsOf(() => planRegion(input)),
      {
        file: FILE,
        line: lineOf(text, "gpus: 2"),
        path: "quota.gpus",
        message: /needs 3 gpus at site jeju-cdc \(ai: 3\), but its quota is 2/,
      },
    );
  });

  describe("GIVEN an agency with a GPU quota and one without", () => {
    const input = withAgencies(
      agency("alpha", { systems: [gpuSystem(2)], more: GPU_QUOTA }),
      agency("beta", {
        block: "{ index: 11 }",
        systems: [system("web", [workload("web", "dmz")])],
      }),
    );
    const tenancy = (name: string) =>
      planRegion(input).stacks.find((s): s is TenancyStackPlan => s.name === name)!;

    it("THEN the one with a quota is granted every GPU flavor at every site, and keeps its GPU quota", () => {
      for (const site of ["jeju-cdc", "mainland-drc"]) {
        expect(tenancy(`tenancy-alpha-${site}`).gpuFlavors).toEqual(["g1.a100", "g1.vgpu"]);
        expect(tenancy(`tenancy-alpha-${site}`).quota.gpus).toBe(4);
      }
    });

    it("THEN the one without is granted none and has no GPU quota", () => {
      expect(tenancy("tenancy-beta-jeju-cdc").gpuFlavors).toEqual([]);
      expect(tenancy("tenancy-beta-jeju-cdc").quota.gpus).toBeUndefined();
    });
  });
});
