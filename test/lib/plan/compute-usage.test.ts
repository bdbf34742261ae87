import { describe, expect, it } from "vitest";
import { addUsage, memberRuleUsage, systemUsage } from "../../../lib/plan/compute-usage";
import { exampleRegionFile } from "../../helpers/example-region";
import { computeOf, system, workload } from "./fixtures";

const FLAVORS = exampleRegionFile().spec.flavors;

describe("systemUsage", () => {
  describe("GIVEN a three-tier system", () => {
    const plan = computeOf([
      system("portal", [
        // m1.medium: 2 vCPUs, 4 GiB
        workload("web", "dmz", {
          count: 3,
          flavor: "m1.medium",
          bootVolume: { sizeGiB: 40, volumeType: "ssd" },
          expose: {
            public: true,
            listeners: [
              { protocol: "HTTPS", port: 443 },
              { protocol: "HTTP", port: 80 },
            ],
          },
        }),
        // m1.large: 4 vCPUs, 8 GiB
        workload("was", "app", {
          count: 2,
          flavor: "m1.large",
          expose: { listeners: [{ protocol: "TCP", port: 8443 }] },
        }),
        // db1.2xlarge: 16 vCPUs, 128 GiB
        workload("db", "db", {
          flavor: "db1.2xlarge",
          bootVolume: { sizeGiB: 60, volumeType: "ssd" },
          volumes: [
            { name: "data", sizeGiB: 500, volumeType: "replicated" },
            { name: "wal", sizeGiB: 100, volumeType: "replicated" },
          ],
        }),
      ]),
    ]);
    const usage = systemUsage(plan.systems[0]!, FLAVORS);

    it("THEN Nova usage is the instances times their flavors", () => {
      expect(usage).toMatchObject({
        instances: 6,
        cores: 3 * 2 + 2 * 4 + 16,
        ramGiB: 3 * 4 + 2 * 8 + 128,
      });
    });

    it("THEN Cinder usage counts boot and data volumes", () => {
      expect(usage).toMatchObject({
        volumes: 3 + 2 + 3,
        volumeGiB: 3 * 40 + 2 * 20 + 60 + 500 + 100,
      });
    });

    it("THEN ports are one per instance and one VIP per load balancer", () => {
      expect(usage.ports).toBe(6 + 2);
    });

    it("THEN Octavia and floating IP usage follow the exposed workloads", () => {
      expect(usage).toMatchObject({ loadBalancers: 2, floatingIps: 1 });
    });

    it("THEN member rules are counted per zone and port, not per system", () => {
      expect(usage.securityGroupRules).toBe(0);
      expect(memberRuleUsage(plan.systems)).toEqual({ securityGroupRules: 2 + 1 });
    });

    it("THEN two load balancers on the same zone and member port need one rule", () => {
      const twice = computeOf([
        system("portal", [
          workload("web", "dmz", { expose: { listeners: [{ protocol: "HTTPS", port: 443 }] } }),
        ]),
        system("minwon", [
          workload("web", "dmz", { expose: { listeners: [{ protocol: "HTTPS", port: 443 }] } }),
        ]),
      ]);
      expect(memberRuleUsage(twice.systems)).toEqual({ securityGroupRules: 1 });
    });

    it("THEN there is a server group per workload, and members are the largest group", () => {
      expect(usage).toMatchObject({ serverGroups: 3, serverGroupMembers: 3 });
    });

    it("THEN quotas it does not touch are left out", () => {
      expect(usage.networks).toBeUndefined();
      expect(usage.snapshots).toBeUndefined();
    });
  });
});

describe("addUsage", () => {
  it("GIVEN two usages THEN counts add up but server group members take the larger", () => {
    expect(
      addUsage(
        { instances: 2, cores: 4, serverGroupMembers: 3 },
        { instances: 1, ports: 5, serverGroupMembers: 2 },
      ),
    ).toEqual({ instances: 3, cores: 4, ports: 5, serverGroupMembers: 3 });
  });
});
