/**
 * didYouMean: the known name a typo stands for, or nothing when none is close enough to be a
 * typo. A wrong suggestion costs more than none: it sends the user to the wrong field.
 */
import { describe, expect, it } from "vitest";
import { SystemSpec } from "../../../lib/spec/system";
import { didYouMean } from "../../../lib/spec/suggest";

const SYSTEM_FIELDS = Object.keys(SystemSpec.shape).sort();

describe("didYouMean", () => {
  describe("GIVEN a list that holds drMode", () => {
    const known = ["name", "grade", "rto", "rpo", "drMode", "site", "workloads"];

    it.each([
      ["drmode", "drMode"],
      ["dr_mode", "drMode"],
      ["dr-mode", "drMode"],
      ["DRMODE", "drMode"],
      ["drMod", "drMode"],
      ["drModes", "drMode"],
      ["drmdoe", "drMode"],
      ["grad", "grade"],
      ["gradee", "grade"],
      ["workload", "workloads"],
      ["rtp", "rto"],
      ["stie", "site"],
    ])("WHEN %s is typed THEN it suggests %s", (typed, expected) => {
      expect(didYouMean(typed, known)).toBe(expected);
    });

    it.each(["backupTime", "zzz", "x", "disasterRecovery", "replicas", "mode"])(
      "WHEN %s is typed THEN nothing is close enough to suggest",
      (typed) => {
        expect(didYouMean(typed, known)).toBeUndefined();
      },
    );
  });

  describe("GIVEN the fields of a system", () => {
    it.each([
      ["drMode", "dr"],
      ["dr_mode", "dr"],
      ["backup_policy", "backupPolicy"],
      ["backuppolicy", "backupPolicy"],
      ["backupPolcy", "backupPolicy"],
      ["displayname", "displayName"],
      ["activesite", "activeSite"],
      ["workload", "workloads"],
      ["container", "containers"],
      ["protect", "protection"],
      ["RTO", "rto"],
    ])("WHEN %s is typed THEN it suggests %s", (typed, expected) => {
      expect(didYouMean(typed, SYSTEM_FIELDS)).toBe(expected);
    });

    it.each(["drmode", "owner", "criticality", "tier", "disasterRecovery"])(
      "WHEN %s is typed THEN it suggests nothing rather than an unrelated field",
      (typed) => {
        expect(didYouMean(typed, SYSTEM_FIELDS)).toBeUndefined();
      },
    );
  });

  describe("GIVEN catalogue keys with dots and dashes", () => {
    const flavors = ["m1.small", "m1.medium", "m1.large", "c1.xlarge", "db1.2xlarge"];

    it.each([
      ["m1.meduim", "m1.medium"],
      ["m2.medium", "m1.medium"],
      ["m1-large", "m1.large"],
      ["db1.2xl", "db1.2xlarge"],
    ])("WHEN %s is typed THEN it suggests %s", (typed, expected) => {
      expect(didYouMean(typed, flavors)).toBe(expected);
    });

    it("WHEN the list is empty or the name is empty THEN nothing is suggested", () => {
      expect(didYouMean("m1.small", [])).toBeUndefined();
      expect(didYouMean("", flavors)).toBeUndefined();
      expect(didYouMean("-_", flavors)).toBeUndefined();
    });
  });

  describe("GIVEN two candidates equally close", () => {
    it("THEN the one listed first wins, whatever the run", () => {
      expect(didYouMean("rxo", ["rpo", "rto"])).toBe("rpo");
      expect(didYouMean("rxo", ["rto", "rpo"])).toBe("rto");
    });
  });
});
