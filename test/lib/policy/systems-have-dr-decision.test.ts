import { describe, expect, it } from "vitest";
import { systemsHaveDrDecision } from "../../../lib/policy/rules/systems-have-dr-decision";
import { agencyStack, check, testRegion } from "./fixtures";

const systems = [
  { name: "tax", grade: 1 },
  { name: "parking", grade: 3 },
];
const region = testRegion({ systems });
const withOutput = (value: unknown) => agencyStack({}, { output: { tamna_systems: { value } } });

describe("TAMNA-DR-001 every system has a grade and a DR decision", () => {
  describe("Compliance", () => {
    it("GIVEN every system with its grade and a DR mode THEN nothing is found", () => {
      const stack = withOutput({
        tax: { grade: 1, drMode: "hot-standby", activeSite: "cdc" },
        parking: { grade: 3, drMode: "none", activeSite: "cdc" },
      });
      expect(check(systemsHaveDrDecision, stack, { region })).toEqual([]);
    });

    it("GIVEN the output as JSON text (jsonencode) THEN it is read the same", () => {
      const stack = withOutput(
        JSON.stringify({
          tax: { grade: 1, drMode: "warm-standby" },
          parking: { grade: 3, drMode: "backup-only" },
        }),
      );
      expect(check(systemsHaveDrDecision, stack, { region })).toEqual([]);
    });

    it("GIVEN an agency without systems at the site THEN no output is needed", () => {
      const stack = agencyStack({}, { output: {} });
      expect(check(systemsHaveDrDecision, stack, { region: testRegion({ systems: [] }) })).toEqual(
        [],
      );
    });
  });

  describe("Noncompliance 1: no tamna_systems output", () => {
    it("THEN the missing output is reported", () => {
      const findings = check(systemsHaveDrDecision, agencyStack({}, { output: {} }), { region });
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-DR-001",
          stack: "city-cdc",
          address: "output.tamna_systems",
          message:
            "agency city runs 2 system(s) at site cdc but the stack has no tamna_systems output",
        }),
      ]);
    });
  });

  describe("Noncompliance 2: a system missing, one without a DR mode, one with another grade", () => {
    it("THEN each problem is reported at its attribute", () => {
      const findings = check(
        systemsHaveDrDecision,
        withOutput({ tax: { grade: 2, drMode: "cold" } }),
        { region },
      );
      expect(findings.map((f) => [f.attribute, f.message])).toEqual([
        ["value.parking", "system parking is missing from tamna_systems"],
        ["value.tax.drMode", 'system tax has no known DR mode (received "cold")'],
        ["value.tax.grade", "system tax states grade 2 but the plan gives 1"],
      ]);
    });
  });

  describe("Noncompliance 3: an output that is not a literal map", () => {
    it("THEN it is reported as not checkable", () => {
      const findings = check(systemsHaveDrDecision, withOutput("${local.systems}"), { region });
      expect(findings.map((f) => f.message)).toEqual([
        "output tamna_systems is not a literal map of systems, so it cannot be checked offline",
      ]);
    });
  });
});
