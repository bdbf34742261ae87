import { describe, expect, it } from "vitest";
import { dataZoneIngressFromFlows } from "../../../lib/policy/rules/data-zone-ingress-from-flows";
import { agencyStack, check, groupRef, secgroupRule } from "./fixtures";

const RULE = "openstack_networking_secgroup_rule_v2";

describe("TAMNA-NET-003 data zones accept only declared flows", () => {
  describe("Compliance", () => {
    it("GIVEN the app-to-db flow, metrics from mgmt and consoles from a bastion THEN nothing is found", () => {
      const stack = agencyStack({
        [RULE]: {
          "db-vnc-bastion": secgroupRule("db", {
            port_range_min: 5900,
            port_range_max: 5999,
            remote_ip_prefix: "172.16.100.0/28",
          }),
          "app-in-from-db": secgroupRule("app", {
            port_range_min: 9000,
            port_range_max: 9000,
            remote_group_id: groupRef("db"),
          }),
        },
      });
      expect(check(dataZoneIngressFromFlows, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: the dmz straight into the database", () => {
    it("THEN the finding names the zone, ports and peer", () => {
      const findings = check(
        dataZoneIngressFromFlows,
        agencyStack({
          [RULE]: {
            "db-from-dmz": secgroupRule("db", {
              port_range_min: 5432,
              port_range_max: 5432,
              remote_group_id: groupRef("dmz"),
            }),
          },
        }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-NET-003",
          address: `${RULE}.db-from-dmz`,
          attribute: "remote_group_id",
          message:
            "data zone db accepts tcp port 5432 from the dmz zone's group, which no flow declares",
          hint: expect.stringMatching(/declare a flow to db/),
        }),
      ]);
    });
  });

  describe("Noncompliance 2: a port beyond the declared flow", () => {
    it("THEN it is found although the source zone has a flow", () => {
      const findings = check(
        dataZoneIngressFromFlows,
        agencyStack({
          [RULE]: {
            "db-5432-5433": secgroupRule("db", {
              port_range_min: 5432,
              port_range_max: 5433,
              remote_group_id: groupRef("app"),
            }),
          },
        }),
      );
      expect(findings.map((f) => f.address)).toEqual([`${RULE}.db-5432-5433`]);
    });
  });

  describe("Noncompliance 3: the flow's source zone written as an address range", () => {
    it("THEN only the zone's group counts, not its CIDR", () => {
      const findings = check(
        dataZoneIngressFromFlows,
        agencyStack({
          [RULE]: {
            "db-from-app-cidr": secgroupRule("db", {
              port_range_min: 5432,
              port_range_max: 5432,
              remote_ip_prefix: "10.0.1.0/24",
            }),
          },
        }),
      );
      expect(findings.map((f) => f.attribute)).toEqual(["remote_ip_prefix"]);
    });
  });
});
