import { describe, expect, it } from "vitest";
import type { PlatformStackPlan } from "../../../lib/plan/region-plan";
import type { RegionModel } from "../../../lib/policy/rule";
import { gpuWorkloadsInGpuZones } from "../../../lib/policy/rules/gpu-workloads-in-gpu-zones";
import { agencyStack, check, testRegion } from "./fixtures";

/** The test region with a GPU flavor, and GPU hosts in az1 only (az2 has general hosts). */
function gpuRegion(gpuZones: readonly string[] = ["az1"]): RegionModel {
  const region = testRegion();
  const stacks = region.plan.stacks.map((stack) => {
    if (stack.layer !== "platform") return stack;
    const platform: PlatformStackPlan = {
      ...stack,
      flavors: [
        ...stack.flavors.map((f) => ({ ...f, gpus: 0, isPublic: true, extraSpecs: {} })),
        {
          name: "g1.a100",
          flavorId: "g1.a100",
          vcpus: 16,
          ramGiB: 128,
          diskGiB: 0,
          gpus: 1,
          isPublic: false,
          extraSpecs: { "pci_passthrough:alias": "a100:1" },
        },
      ],
      aggregates: [
        { name: "cdc-az1", zone: "az1", hosts: ["c1"], metadata: { gpu: "false" } },
        { name: "cdc-az2", zone: "az2", hosts: ["c2"], metadata: { gpu: "false" } },
        ...gpuZones.map((zone) => ({
          name: `cdc-${zone}-gpu`,
          zone,
          hosts: [`g-${zone}`],
          metadata: { gpu: "true" },
        })),
      ],
    };
    return platform;
  });
  return { ...region, plan: { ...region.plan, stacks } };
}

const server = (flavor: string, zone?: string) => ({
  name: "city-ai-inference-01",
  flavor_name: flavor,
  ...(zone !== undefined ? { availability_zone: zone } : {}),
});

describe("TAMNA-GPU-001 GPU workloads sit in availability zones that host GPUs", () => {
  describe("Compliance", () => {
    it("GIVEN a GPU server in a zone with GPU hosts and a general server anywhere THEN nothing is found", () => {
      const stack = agencyStack({
        openstack_compute_instance_v2: {
          ai: server("g1.a100", "az1"),
          web: server("m1.small", "az2"),
        },
      });
      expect(check(gpuWorkloadsInGpuZones, stack, { region: gpuRegion() })).toEqual([]);
    });

    it("GIVEN a region without GPU flavors THEN the rule does not apply", () => {
      const stack = agencyStack({ openstack_compute_instance_v2: { web: server("m1.small") } });
      expect(check(gpuWorkloadsInGpuZones, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: a GPU server in a zone without GPU hosts", () => {
    it("THEN the finding is at the server's availability_zone and lists the GPU zones", () => {
      const stack = agencyStack({
        openstack_compute_instance_v2: { ai: server("g1.a100", "az2") },
      });
      const findings = check(gpuWorkloadsInGpuZones, stack, { region: gpuRegion() });
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        ruleId: "TAMNA-GPU-001",
        level: "error",
        address: "openstack_compute_instance_v2.ai",
        attribute: "availability_zone",
        message: expect.stringMatching(
          /GPU flavor g1\.a100 is in availability zone az2, which hosts no GPUs \(GPU zones at site cdc: az1\)/,
        ),
      });
    });
  });

  describe("Noncompliance 2: a GPU server with no fixed zone, or at a site without GPU hosts", () => {
    it("THEN a server without availability_zone is flagged", () => {
      const stack = agencyStack({ openstack_compute_instance_v2: { ai: server("g1.a100") } });
      const [finding] = check(gpuWorkloadsInGpuZones, stack, { region: gpuRegion() });
      expect(finding?.message).toMatch(/in no fixed availability zone/);
    });

    it("THEN a site without GPU zones says so", () => {
      const stack = agencyStack({
        openstack_compute_instance_v2: { ai: server("g1.a100", "az1") },
      });
      const [finding] = check(gpuWorkloadsInGpuZones, stack, { region: gpuRegion([]) });
      expect(finding?.message).toMatch(/GPU zones at site cdc: none at this site/);
    });
  });
});
