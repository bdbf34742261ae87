import { describe, expect, it } from "vitest";
import { adminPortsFromManagement } from "../../../lib/policy/rules/admin-ports-from-management";
import { agencyStack, check, groupRef, secgroupRule } from "./fixtures";

const RULE = "openstack_networking_secgroup_rule_v2";

describe("TAMNA-NET-002 administrative ports only from management", () => {
  describe("Compliance", () => {
    it("GIVEN SSH from the mgmt group, a bastion range and the mgmt subnet THEN nothing is found", () => {
      const stack = agencyStack({
        [RULE]: {
          "app-rdp-mgmt": secgroupRule("app", {
            port_range_min: 3389,
            port_range_max: 3389,
            remote_group_id: groupRef("mgmt"),
          }),
          "app-ssh-bastion-host": secgroupRule("app", {
            port_range_min: 22,
            port_range_max: 22,
            remote_ip_prefix: "172.16.100.4/32",
          }),
          "app-vnc-mgmt-subnet": secgroupRule("app", {
            port_range_min: 5900,
            port_range_max: 5999,
            remote_ip_prefix: "10.0.3.0/25",
          }),
          "app-ssh-egress": secgroupRule("app", {
            direction: "egress",
            port_range_min: 22,
            port_range_max: 22,
            remote_ip_prefix: "0.0.0.0/0",
          }),
        },
      });
      expect(check(adminPortsFromManagement, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: SSH from another zone's group", () => {
    it("THEN the finding points at remote_group_id", () => {
      const findings = check(
        adminPortsFromManagement,
        agencyStack({
          [RULE]: {
            "db-ssh-app": secgroupRule("db", {
              port_range_min: 22,
              port_range_max: 22,
              remote_group_id: groupRef("app"),
            }),
          },
        }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-NET-002",
          address: `${RULE}.db-ssh-app`,
          attribute: "remote_group_id",
          message: expect.stringMatching(/tcp port 22 .* open to the app zone's group/),
          hint: expect.stringMatching(/mgmt zone's group or a range in management.bastionRanges/),
        }),
      ]);
    });
  });

  describe("Noncompliance 2: RDP from the intranet at large", () => {
    it("THEN the range is named", () => {
      const findings = check(
        adminPortsFromManagement,
        agencyStack({
          [RULE]: {
            "app-rdp-intranet": secgroupRule("app", {
              port_range_min: 3389,
              port_range_max: 3389,
              remote_ip_prefix: "172.16.0.0/12",
            }),
          },
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/open to 172\.16\.0\.0\/12/),
      ]);
    });
  });

  describe("Noncompliance 3: every port and protocol from an intranet range", () => {
    it("THEN a rule without protocol or ports counts as opening the admin ports", () => {
      const findings = check(
        adminPortsFromManagement,
        agencyStack({
          [RULE]: {
            "app-any": {
              direction: "ingress",
              ethertype: "IPv4",
              security_group_id: groupRef("app"),
              remote_ip_prefix: "172.16.5.0/24",
            },
          },
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/every protocol and port includes administrative ports/),
      ]);
    });
  });
});
