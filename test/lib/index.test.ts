/**
 * The public API as a library user meets it: from the package's entry point alone, load a region,
 * plan it, price it and check its capacity, as `tamna cost` and `tamna capacity` do.
 */
import { describe, expect, it } from "vitest";
import {
  capacityReport,
  costModel,
  costReport,
  formatCostMarkdown,
  loadRegionDir,
  planRegion,
} from "../../lib";
import { JEJU_DIR } from "./spec/helpers";

describe("the public API (lib/index.ts)", () => {
  const input = loadRegionDir(JEJU_DIR);
  const plan = planRegion(input);

  it("GIVEN the fixture region THEN it prices the plan, the agencies summing to the total", () => {
    const report = costReport(costModel(input.region, plan, "2026-12-06"));
    expect(report.currency).toBe("KRW");
    expect(report.total).toBeGreaterThan(0);
    expect(report.agencies.reduce((sum, agency) => sum + agency.monthly, 0)).toBe(report.total);
    expect(formatCostMarkdown(report)).toContain("| `jeju-fire` |");
  });

  it("GIVEN the fixture region THEN it reports each zone's use against its hosts", () => {
    const report = capacityReport(input.region, plan);
    expect(report.zones.map((zone) => `${zone.site}/${zone.zone}`)).toContain("jeju-cdc/cdc-az1");
    expect(report.problems).toEqual([]);
  });
});
