import { describe, expect, it } from "vitest";
import { quotasHoldWorkloads } from "../../../lib/policy/rules/quotas-hold-workloads";
import type { SynthesizedStack } from "../../../lib/policy/stack-view";
import { agencyStack, check, PLATFORM_INFO, TENANCY_INFO, testRegion } from "./fixtures";

/** The tenancy stack of city at cdc with Nova and Cinder quota sets. */
function tenancy(quota = { instances: 4, cores: 8, ram: 16384, volumes: 4, gigabytes: 100 }) {
  return {
    info: TENANCY_INFO,
    json: {
      resource: {
        openstack_compute_quotaset_v2: {
          compute: { instances: quota.instances, cores: quota.cores, ram: quota.ram },
        },
        openstack_blockstorage_quotaset_v3: {
          block: { volumes: quota.volumes, gigabytes: quota.gigabytes },
        },
      },
    },
  } satisfies SynthesizedStack;
}

const platform: SynthesizedStack = {
  info: PLATFORM_INFO,
  json: {
    resource: {
      openstack_compute_flavor_v2: {
        small: { name: "m1.small", flavor_id: "m1.small", vcpus: 1, ram: 2048 },
        large: { name: "m1.large", flavor_id: "m1.large", vcpus: 4, ram: 8192 },
      },
    },
  },
};

/** Instances of a flavor, each booting from a volume of `bootGiB`. */
function instances(count: number, flavor: string, bootGiB = 20) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `web-${i + 1}`,
      {
        name: `city-web-0${i + 1}`,
        flavor_name: flavor,
        block_device: [
          { source_type: "image", destination_type: "volume", volume_size: bootGiB, boot_index: 0 },
        ],
      },
    ]),
  );
}

describe("TAMNA-CAP-001 quotas hold the workloads", () => {
  describe("Compliance", () => {
    it("GIVEN two large instances with boot volumes and a data volume within quota THEN nothing is found", () => {
      const agency = agencyStack({
        openstack_compute_instance_v2: instances(2, "m1.large"),
        openstack_blockstorage_volume_v3: { data: { name: "city-data", size: 50 } },
      });
      expect(check(quotasHoldWorkloads, [platform, tenancy(), agency])).toEqual([]);
    });

    it("GIVEN a stack outside the agency layer THEN the rule does not apply", () => {
      expect(check(quotasHoldWorkloads, [platform, tenancy()])).toEqual([]);
    });
  });

  describe("Noncompliance 1: more vCPUs and RAM than the tenancy stack's Nova quota", () => {
    const findings = check(quotasHoldWorkloads, [
      platform,
      tenancy(),
      agencyStack({ openstack_compute_instance_v2: instances(3, "m1.large", 10) }),
    ]);

    it("THEN each exceeded quota is reported on the tenancy's quota set", () => {
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-CAP-001",
          stack: "tenancy-city-cdc",
          address: "openstack_compute_quotaset_v2.compute",
          attribute: "cores",
          message: "agency city needs 12 vCPUs at site cdc, but its quota (cores) is 8",
          hint: expect.stringMatching(/to at least cores: 12/),
        }),
        expect.objectContaining({
          address: "openstack_compute_quotaset_v2.compute",
          attribute: "ram",
          hint: expect.stringMatching(/to at least ramGiB: 24/),
        }),
      ]);
    });
  });

  describe("Noncompliance 2: volumes, boot volumes included, beyond the Cinder quota", () => {
    it("THEN volumes and gigabytes are reported", () => {
      const findings = check(quotasHoldWorkloads, [
        platform,
        tenancy(),
        agencyStack({
          openstack_compute_instance_v2: instances(2, "m1.small", 40),
          openstack_blockstorage_volume_v3: { data: { name: "city-data", size: 30, count: 3 } },
        }),
      ]);
      expect(findings.map((f) => [f.attribute, f.message])).toEqual([
        [
          "gigabytes",
          "agency city needs 170 GiB of volumes at site cdc, but its quota (gigabytes) is 100",
        ],
        ["volumes", "agency city needs 5 volumes at site cdc, but its quota (volumes) is 4"],
      ]);
    });
  });

  describe("Noncompliance 3: a flavor the site's catalogue does not have", () => {
    it("THEN the instance is reported, since its size cannot be counted", () => {
      const findings = check(quotasHoldWorkloads, [
        platform,
        tenancy(),
        agencyStack({ openstack_compute_instance_v2: instances(1, "x9.huge") }),
      ]);
      expect(findings).toEqual([
        expect.objectContaining({
          stack: "city-cdc",
          address: "openstack_compute_instance_v2.web-1",
          attribute: "flavor_name",
        }),
      ]);
    });
  });

  describe("Noncompliance 4: the agency stack checked alone", () => {
    it("THEN the plan's quota and flavors stand in for the other layers", () => {
      const findings = check(
        quotasHoldWorkloads,
        agencyStack({ openstack_compute_instance_v2: instances(5, "m1.small", 1) }),
        { region: testRegion({ quota: { volumes: 10 } }) },
      );
      expect(findings).toEqual([
        expect.objectContaining({
          stack: "tenancy-city-cdc",
          attribute: "instances",
          message: "agency city needs 5 instances at site cdc, but its quota (instances) is 4",
        }),
      ]);
      expect(findings[0]!.address).toBeUndefined();
    });
  });
});
