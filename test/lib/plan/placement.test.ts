import { describe, expect, it } from "vitest";
import { placeInstances, serverGroupPolicy } from "../../../lib/plan/placement";
import type { WorkloadPlacement } from "../../../lib/spec/placement-lock";
import type { WorkloadSpec } from "../../../lib/spec/system";

const ZONES = ["az1", "az2", "az3"];

const zonesOf = (placed: ReadonlyMap<string, string>) => [...placed.values()];

function lockOf(placed: ReadonlyMap<string, string>, policy = "anti-affinity"): WorkloadPlacement {
  return {
    serverGroupPolicy: policy as WorkloadPlacement["serverGroupPolicy"],
    instances: Object.fromEntries(placed),
  };
}

const spec = (count: number, antiAffinity?: "strict" | "soft") =>
  ({ name: "was", count, ...(antiAffinity ? { antiAffinity } : {}) }) as unknown as WorkloadSpec;

describe("placeInstances", () => {
  describe("GIVEN no lock", () => {
    it("THEN instances go round robin over the sorted zones from a start of the workload's own", () => {
      const placed = zonesOf(placeInstances(ZONES, "tax/was", 5));
      const first = ZONES.indexOf(placed[0]!);
      expect(placed).toEqual([0, 1, 2, 3, 4].map((i) => ZONES[(first + i) % 3]));
    });

    it("THEN the region file's order of zones does not matter", () => {
      expect(placeInstances(["az3", "az1", "az2"], "tax/was", 4)).toEqual(
        placeInstances(ZONES, "tax/was", 4),
      );
    });

    it("THEN keys are 01..N", () => {
      expect([...placeInstances(ZONES, "tax/was", 3).keys()]).toEqual(["01", "02", "03"]);
    });
  });

  describe("GIVEN the lock of a first placement", () => {
    const first = placeInstances(ZONES, "tax/was", 3);

    it("WHEN a zone is added THEN every locked instance keeps its zone", () => {
      const again = placeInstances([...ZONES, "az4"], "tax/was", 3, lockOf(first));
      expect(again).toEqual(first);
    });

    it("WHEN a zone is added and the workload scaled up THEN the new instance goes to the empty zone", () => {
      const again = placeInstances([...ZONES, "az4"], "tax/was", 4, lockOf(first));
      expect(zonesOf(again).slice(0, 3)).toEqual(zonesOf(first));
      expect(again.get("04")).toBe("az4");
    });

    it("WHEN scaled down THEN the highest-numbered instances go and the rest stay", () => {
      const again = placeInstances(ZONES, "tax/was", 2, lockOf(first));
      expect([...again]).toEqual([...first].slice(0, 2));
    });

    it("WHEN scaled down and up again THEN the gap is filled where the workload has fewest", () => {
      const two = placeInstances(ZONES, "tax/was", 2, lockOf(first));
      const three = placeInstances(ZONES, "tax/was", 3, lockOf(two));
      expect(new Set(zonesOf(three)).size).toBe(3);
    });

    it("WHEN an instance's zone is removed from the site THEN only that instance is placed again", () => {
      const gone = first.get("02")!;
      const rest = ZONES.filter((zone) => zone !== gone);
      const again = placeInstances(rest, "tax/was", 3, lockOf(first));
      expect(again.get("01")).toBe(first.get("01"));
      expect(again.get("03")).toBe(first.get("03"));
      expect(rest).toContain(again.get("02"));
    });

    it("WHEN the lock holds a zone the site never had THEN it is ignored, not trusted", () => {
      const again = placeInstances(ZONES, "tax/was", 1, {
        serverGroupPolicy: "anti-affinity",
        instances: { "01": "elsewhere" },
      });
      expect(ZONES).toContain(again.get("01"));
    });
  });
});

describe("serverGroupPolicy", () => {
  it("GIVEN no lock WHEN the count fits the zones THEN strict, beyond THEN soft", () => {
    expect(serverGroupPolicy(spec(3), 3)).toBe("anti-affinity");
    expect(serverGroupPolicy(spec(4), 3)).toBe("soft-anti-affinity");
  });

  it("GIVEN a lock WHEN the workload scales past the zones THEN the locked policy stays", () => {
    const locked = lockOf(new Map(), "anti-affinity");
    expect(serverGroupPolicy(spec(4), 3, locked)).toBe("anti-affinity");
    expect(serverGroupPolicy(spec(1), 3, lockOf(new Map(), "soft-anti-affinity"))).toBe(
      "soft-anti-affinity",
    );
  });

  it("GIVEN a lock WHEN the workload declares antiAffinity THEN the declaration wins", () => {
    expect(serverGroupPolicy(spec(2, "soft"), 3, lockOf(new Map()))).toBe("soft-anti-affinity");
    expect(serverGroupPolicy(spec(9, "strict"), 3, lockOf(new Map(), "soft-anti-affinity"))).toBe(
      "anti-affinity",
    );
  });
});
