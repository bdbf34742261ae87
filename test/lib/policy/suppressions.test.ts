import { describe, expect, it } from "vitest";
import { isBlocking, policyFindings, type PolicySuppression } from "../../../lib/policy";
import { agencyStack, secgroupRule, testRegion } from "./fixtures";

const RULE = "openstack_networking_secgroup_rule_v2";
const openApp = (marker?: object) => ({
  ...secgroupRule("app", {
    port_range_min: 8443,
    port_range_max: 8443,
    remote_ip_prefix: "0.0.0.0/0",
  }),
  ...(marker ? { "//": { tamna: marker } } : {}),
});
const run = (
  stack = agencyStack({ [RULE]: { open: openApp() } }),
  suppressions: PolicySuppression[] = [],
) => policyFindings([stack], testRegion(), { suppressions });

describe("suppressions", () => {
  describe("GIVEN a spec suppression of the finding's rule at its address", () => {
    const findings = run(undefined, [
      {
        rule: "TAMNA-NET-001",
        reason: "partner API reachable from anywhere, see ADR 12",
        stack: "city-cdc",
        address: `${RULE}.open`,
      },
    ]);

    it("THEN the finding is still listed, marked with the reason, and no longer blocks", () => {
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-NET-001",
          address: `${RULE}.open`,
          suppressed: { reason: "partner API reachable from anywhere, see ADR 12" },
        }),
      ]);
      expect(findings.some(isBlocking)).toBe(false);
    });
  });

  describe("GIVEN a suppression written into the resource's // block", () => {
    const stack = agencyStack({
      [RULE]: {
        open: openApp({
          suppressions: [{ rule: "TAMNA-NET-001", reason: "load test window, removed by 2026-01" }],
        }),
        other: openApp(),
      },
    });
    const findings = run(stack);

    it("THEN it suppresses that resource only", () => {
      expect(findings.map((f) => [f.address, f.suppressed?.reason])).toEqual([
        [`${RULE}.open`, "load test window, removed by 2026-01"],
        [`${RULE}.other`, undefined],
      ]);
    });
  });

  describe("GIVEN a suppression whose reason is too short", () => {
    const findings = run(undefined, [
      { rule: "TAMNA-NET-001", reason: "ok", location: { file: "agencies/city.yaml", line: 30 } },
    ]);

    it("THEN TAMNA-POL-000 reports it where it is declared, and the finding stays unsuppressed", () => {
      expect(findings).toEqual([
        {
          ruleId: "TAMNA-POL-000",
          level: "error",
          layer: "policy",
          attribute: "reason",
          location: { file: "agencies/city.yaml", line: 30 },
          message:
            'the suppression of TAMNA-NET-001 gives the reason "ok", shorter than 10 characters',
          hint: "say in a sentence why the rule does not apply here, so a reviewer can check it",
        },
        expect.objectContaining({ ruleId: "TAMNA-NET-001", address: `${RULE}.open` }),
      ]);
      expect(findings[1]!.suppressed).toBeUndefined();
    });
  });

  describe("GIVEN a suppression of a rule the pack does not have", () => {
    it("THEN TAMNA-POL-001 reports it with the closest ID", () => {
      const findings = run(agencyStack(), [
        { rule: "TAMNA-NET-01", reason: "a typo in the rule ID here", stack: "city-cdc" },
      ]);
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-POL-001",
          stack: "city-cdc",
          message: 'a suppression names rule "TAMNA-NET-01", which the policy pack does not have',
          hint: "use one of the IDs in RULES.md (did you mean TAMNA-NET-001?)",
        }),
      ]);
    });
  });

  describe("GIVEN a suppression of a suppression check, in a resource's // block", () => {
    it("THEN it is refused as an unknown rule, at the resource", () => {
      const stack = agencyStack({
        [RULE]: { open: openApp({ suppressions: [{ rule: "TAMNA-POL-000", reason: "x" }] }) },
      });
      const findings = run(stack).filter((f) => f.ruleId.startsWith("TAMNA-POL"));
      expect(findings).toEqual([
        expect.objectContaining({ ruleId: "TAMNA-POL-001", address: `${RULE}.open` }),
      ]);
    });
  });

  describe("GIVEN a region-wide suppression without stack or address", () => {
    it("THEN it covers the rule everywhere", () => {
      const findings = run(undefined, [
        { rule: "TAMNA-NET-001", reason: "lab region without internet uplink at all" },
      ]);
      expect(findings.every((f) => f.suppressed)).toBe(true);
    });
  });
});
