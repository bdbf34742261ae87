import { describe, expect, it } from "vitest";
import type { Problem } from "../../../lib/errors";
import { decidePaastaDr } from "../../../lib/plan/paasta-dr";
import { expectProblem } from "../spec/helpers";
import { lineOf, paastaRegion, regionText } from "./paasta-fixtures";

function decide(fields: Record<string, string | undefined> = {}) {
  const region = paastaRegion(fields);
  const problems: Problem[] = [];
  const decision = decidePaastaDr(region, region.spec.platforms!.paasta!, problems);
  return { decision, problems };
}

describe("decidePaastaDr", () => {
  it("GIVEN grade 2, THEN pilot-light at both sites, served from the primary", () => {
    const { decision, problems } = decide();
    expect(problems).toEqual([]);
    expect(decision).toMatchObject({
      mode: "pilot-light",
      homeSite: "jeju-cdc",
      drSite: "mainland-drc",
      activeSite: "jeju-cdc",
      sites: ["jeju-cdc", "mainland-drc"],
    });
  });

  it("GIVEN grade 4, THEN no DR and the foundation only at home", () => {
    const { decision, problems } = decide({ grade: "4" });
    expect(problems).toEqual([]);
    expect(decision).toMatchObject({ mode: "none", sites: ["jeju-cdc"] });
    expect(decision.drSite).toBeUndefined();
  });

  it("GIVEN grade 3, THEN backups at the DR site but no foundation there", () => {
    const { decision } = decide({ grade: "3" });
    expect(decision).toMatchObject({
      mode: "backup-only",
      drSite: "mainland-drc",
      sites: ["jeju-cdc"],
    });
  });

  it("GIVEN an RTO of 1h, THEN the least mode that achieves it", () => {
    const { decision } = decide({ rto: "1h" });
    expect(decision.mode).toBe("hot-standby");
    expect(decision.declared).toEqual({ rtoMinutes: 60, rpoMinutes: 15 });
  });

  it("GIVEN the DR site as active site, THEN it serves from there", () => {
    expect(decide({ activeSite: "mainland-drc" }).decision.activeSite).toBe("mainland-drc");
  });

  it("GIVEN an active site without the foundation, THEN the problem is located there", () => {
    const { problems } = decide({ grade: "4", activeSite: "mainland-drc" });
    expectProblem(problems, {
      line: lineOf(regionText({ grade: "4", activeSite: "mainland-drc" }), "activeSite"),
      path: "platforms.paasta.activeSite",
      message: /cannot be served from mainland-drc: with none it runs only at jeju-cdc/,
    });
  });

  it("GIVEN a live copy and disks on a type that is not replicated, THEN each disk type is reported", () => {
    const { problems } = decide({
      diskTypes: "{ default: { sizeGiB: 10, volumeType: ssd }, large: { sizeGiB: 50 } }",
    });
    expectProblem(problems, {
      path: "platforms.paasta.diskTypes.default.volumeType",
      message: /on "ssd", which is not replicated/,
      allowed: /^replicated, replicated-hdd$/,
    });
    expectProblem(problems, {
      path: "platforms.paasta.diskTypes.large",
      message: /on the site's default volume type/,
    });
  });

  it("GIVEN an RPO no mode achieves, THEN it says the best", () => {
    const { problems } = decide({ rpo: "1m" });
    expectProblem(problems, { path: "platforms.paasta.rpo", message: /the best, active-active/ });
  });
});
