import { describe, expect, it } from "vitest";
import { isBlocking, policyFindings, SUPPRESSION_CHECKS, TAMNA_RULES } from "../../../lib/policy";
import { agencyStack, AGENCY_INFO, groupRef, secgroupRule, testRegion } from "./fixtures";

describe("the tamna policy pack", () => {
  it("THEN it holds exactly these rule IDs, in this order (IDs are an API: never reuse one)", () => {
    expect(TAMNA_RULES.map((rule) => rule.id)).toEqual([
      "TAMNA-CAP-001",
      "TAMNA-DATA-001",
      "TAMNA-DR-001",
      "TAMNA-GPU-001",
      "TAMNA-NET-001",
      "TAMNA-NET-002",
      "TAMNA-NET-003",
      "TAMNA-NET-004",
      "TAMNA-SEC-001",
      "TAMNA-SEC-002",
      "TAMNA-TAG-001",
      "TAMNA-TAG-002",
    ]);
    expect(SUPPRESSION_CHECKS.map((check) => check.id)).toEqual(["TAMNA-POL-000", "TAMNA-POL-001"]);
  });

  it("THEN every rule has a level, a title and an explanation for RULES.md", () => {
    for (const rule of [...TAMNA_RULES, ...SUPPRESSION_CHECKS]) {
      expect(rule.id).toMatch(/^TAMNA-[A-Z]+-\d{3}$/);
      expect(["error", "warning"]).toContain(rule.level);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.explanation.length).toBeGreaterThan(80);
    }
  });

  describe("GIVEN a compliant agency stack", () => {
    it("THEN the whole pack finds nothing", () => {
      expect(policyFindings([agencyStack()], testRegion())).toEqual([]);
    });
  });

  describe("GIVEN a stack from cdktf with two violations", () => {
    const stack = agencyStack({
      openstack_networking_secgroup_rule_v2: {
        "db-ssh-world": {
          ...secgroupRule("db", {
            port_range_min: 22,
            port_range_max: 22,
            remote_ip_prefix: "0.0.0.0/0",
          }),
          "//": {
            metadata: { path: "city-cdc/Network/SecurityGroups/db/ssh-world", uniqueId: "x" },
          },
        },
        "app-ssh-dmz": secgroupRule("app", {
          port_range_min: 22,
          port_range_max: 22,
          remote_group_id: groupRef("dmz"),
        }),
      },
    });
    const findings = policyFindings([stack], testRegion());

    it("THEN each finding carries the construct path from the resource's // metadata", () => {
      const world = findings.filter((f) => f.address?.endsWith("db-ssh-world"));
      expect(world.map((f) => f.ruleId)).toEqual([
        "TAMNA-NET-001",
        "TAMNA-NET-002",
        "TAMNA-NET-003",
      ]);
      for (const finding of world) {
        expect(finding.location).toEqual({
          construct: "city-cdc/Network/SecurityGroups/db/ssh-world",
        });
        expect(finding.stack).toBe(AGENCY_INFO.name);
        expect(finding.layer).toBe("policy");
        // A fix of its own, not the message again.
        expect(finding.hint).toMatch(/^\S.{20,}$/);
        expect(finding.hint).not.toBe(finding.message);
      }
    });

    it("THEN findings are sorted by stack, rule and address, and all of them block", () => {
      expect(findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
        "TAMNA-NET-001 openstack_networking_secgroup_rule_v2.db-ssh-world",
        "TAMNA-NET-002 openstack_networking_secgroup_rule_v2.app-ssh-dmz",
        "TAMNA-NET-002 openstack_networking_secgroup_rule_v2.db-ssh-world",
        "TAMNA-NET-003 openstack_networking_secgroup_rule_v2.db-ssh-world",
      ]);
      expect(findings.every(isBlocking)).toBe(true);
    });

    it("THEN `check` limits the stacks whose rules run", () => {
      expect(policyFindings([stack], testRegion(), { check: [] })).toEqual([]);
    });
  });
});
