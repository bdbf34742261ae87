/**
 * decideDr: the DR mode each system gets from its grade and objectives under the region's
 * policy, reasoned overrides, and the checks the NIRS fire (Daejeon, September 2025) taught.
 * Agencies are written as YAML on top of the example region (sites jeju-cdc, primary, and
 * mainland-drc, dr; volume types ssd and standard plain, replicated and replicated-hdd mirrored).
 */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { Problem } from "../../../lib/errors";
import { decideDr, type DrDecision } from "../../../lib/plan/dr";
import { AgencySpec } from "../../../lib/spec/agency";
import type { DrMode } from "../../../lib/spec/dr";
import { parseSpec, type RegionInput, type Sourced } from "../../../lib/spec/load";
import { exampleRegion } from "../../helpers/example-region";

interface SystemFields {
  readonly grade: number;
  readonly rto: string;
  readonly rpo: string;
  readonly [field: string]: unknown;
}

/** A system with one app workload; `volumeType` puts a 50 GiB data volume on that type. */
function systemYaml(name: string, fields: SystemFields, volumeType = "replicated") {
  return {
    name,
    displayName: name,
    ...fields,
    workloads: [
      {
        name: "db",
        zone: "app",
        flavor: "m1.small",
        image: "rocky-9",
        bootVolume: { sizeGiB: 20, volumeType: "ssd" },
        volumes: [{ name: "data", sizeGiB: 50, volumeType }],
      },
    ],
  };
}

/** An agency file `agencies/alpha.yaml` with the given systems and top-level fields. */
function agencyOf(
  systems: readonly object[],
  fields: Readonly<Record<string, unknown>> = {},
): Sourced<AgencySpec> {
  const text = stringify({
    slug: "alpha",
    name: "alpha",
    csapTier: "moderate",
    contacts: [{ role: "owner", name: "owner", email: "owner@alpha.example" }],
    addressBlock: { index: 10 },
    zones: ["app"],
    ...fields,
    systems,
  });
  return parseSpec("agencies/alpha.yaml", text, AgencySpec);
}

function inputWith(agency: Sourced<AgencySpec>): RegionInput {
  return { region: exampleRegion().input.region, agencies: [agency] };
}

/** Decides every system of the agency; returns the decisions and the problems found. */
function decide(agency: Sourced<AgencySpec>, input: RegionInput = inputWith(agency)) {
  const problems: Problem[] = [];
  const decisions = agency.spec.systems.map((system, index) =>
    decideDr(input, agency, system, index, problems),
  );
  return { decisions: decisions as (DrDecision | undefined)[], problems };
}

function decideOne(fields: SystemFields, volumeType?: string) {
  const { decisions, problems } = decide(agencyOf([systemYaml("sys", fields, volumeType)]));
  return { decision: decisions[0], problems };
}

describe("decideDr", () => {
  describe("GIVEN the library's default policy (minimum 1 warm, 2 pilot, 3 backup, 4 none)", () => {
    const cases: readonly [string, SystemFields, DrMode][] = [
      ["grade 4 that can wait a month", { grade: 4, rto: "30d", rpo: "30d" }, "none"],
      ["grade 3 that accepts a day of data", { grade: 3, rto: "3d", rpo: "24h" }, "backup-only"],
      ["grade 2 with RTO 8h and RPO 1h", { grade: 2, rto: "8h", rpo: "1h" }, "pilot-light"],
      [
        "grade 2 with RTO 4h (pilot light needs 8h)",
        { grade: 2, rto: "4h", rpo: "1h" },
        "warm-standby",
      ],
      ["grade 1 with relaxed objectives", { grade: 1, rto: "30d", rpo: "30d" }, "warm-standby"],
      ["grade 1 with RTO 1h", { grade: 1, rto: "1h", rpo: "15m" }, "hot-standby"],
      ["grade 1 with RTO and RPO of 5m", { grade: 1, rto: "5m", rpo: "5m" }, "active-active"],
      ["grade 4 with tight objectives", { grade: 4, rto: "8h", rpo: "1h" }, "pilot-light"],
    ];
    for (const [what, fields, mode] of cases) {
      it(`WHEN a ${what} THEN the policy picks ${mode}`, () => {
        const { decision, problems } = decideOne(fields);
        expect(problems).toEqual([]);
        expect(decision).toMatchObject({ mode, source: "policy", grade: fields.grade });
      });
    }

    it("WHEN warm standby is picked THEN the decision records what it achieves against what was declared", () => {
      const { decision } = decideOne({ grade: 2, rto: "4h", rpo: "1h" });
      expect(decision).toMatchObject({
        homeSite: "jeju-cdc",
        drSite: "mainland-drc",
        activeSite: "jeju-cdc",
        declared: { rtoMinutes: 240, rpoMinutes: 60 },
        achieves: { rtoMinutes: 120, rpoMinutes: 15 },
      });
    });
  });

  describe("GIVEN a region policy that raises grade 3 to pilot light and claims a faster pilot light", () => {
    it("THEN the region's table decides, not the library defaults", () => {
      const agency = agencyOf([systemYaml("sys", { grade: 3, rto: "4h", rpo: "1h" })]);
      const base = exampleRegion().input.region;
      const drPolicy = {
        minimumMode: { ...base.spec.drPolicy.minimumMode, "3": "pilot-light" as const },
        capabilities: {
          ...base.spec.drPolicy.capabilities,
          "pilot-light": { rto: "4h", rpo: "15m" },
        },
      };
      const input = { region: { ...base, spec: { ...base.spec, drPolicy } }, agencies: [agency] };
      const { decisions, problems } = decide(agency, input);
      expect(problems).toEqual([]);
      expect(decisions[0]).toMatchObject({ mode: "pilot-light", achieves: { rtoMinutes: 240 } });
    });
  });

  describe("GIVEN an override of the mode", () => {
    it("WHEN it has a reason and meets the objectives THEN it is accepted with its reason", () => {
      const { decision, problems } = decideOne({
        grade: 2,
        rto: "4h",
        rpo: "1h",
        dr: { mode: "hot-standby", reason: "Tax season cannot wait for a scale-up." },
      });
      expect(problems).toEqual([]);
      expect(decision).toMatchObject({
        mode: "hot-standby",
        source: "override",
        reason: "Tax season cannot wait for a scale-up.",
      });
    });

    it("WHEN the mode cannot meet the objectives THEN it is rejected at dr.mode, with the modes that can", () => {
      const { problems } = decideOne({
        grade: 3,
        rto: "4h",
        rpo: "1h",
        dr: { mode: "backup-only", reason: "Backups are what we can afford." },
      });
      // The grade's daily backups miss the RPO too: that is reported at rpo (backup-checks).
      expect(problems.map((p) => p.location.path)).toEqual([
        "systems[0].dr.mode",
        "systems[0].rpo",
      ]);
      expect(problems[0]!.location).toMatchObject({
        file: "agencies/alpha.yaml",
        path: "systems[0].dr.mode",
      });
      expect(problems[0]!.message).toMatch(
        /system "sys" declares RTO 4h and RPO 1h, but backup-only achieves only RTO 3d and RPO 24h/,
      );
      expect(problems[0]!.allowed).toBe("warm-standby, hot-standby, active-active");
      expect(problems[0]!.hint).toMatch(/relax rto\/rpo to at least 3d\/1d/);
    });

    it("WHEN it has no reason THEN the agency file itself is rejected", () => {
      expect(() =>
        agencyOf([systemYaml("sys", { grade: 3, rto: "3d", rpo: "24h", dr: { mode: "none" } })]),
      ).toThrow(/systems\[0\]\.dr\.reason.*an overridden mode needs a reason/);
    });
  });

  describe("GIVEN objectives that no mode achieves", () => {
    it("THEN the problem points at the objective the best mode misses and names the best", () => {
      const { problems } = decideOne({ grade: 1, rto: "1m", rpo: "5m" });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.location.path).toBe("systems[0].rto");
      expect(problems[0]!.message).toMatch(
        /no DR mode achieves RTO 1m and RPO 5m for system "sys"; the best, active-active, achieves RTO 5m and RPO 5m/,
      );
    });
  });

  describe("GIVEN the NIRS rule: grades 1 and 2 keep a live copy at another site", () => {
    it("WHEN a grade-1 system's agency has a tenant only at the primary site THEN it is rejected, naming the system and the agency", () => {
      const agency = agencyOf(
        [systemYaml("resident-registry", { grade: 1, rto: "4h", rpo: "1h" })],
        {
          sites: ["jeju-cdc"],
        },
      );
      const { problems } = decide(agency);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.location.path).toBe("systems[0].grade");
      expect(problems[0]!.message).toMatch(
        /system "resident-registry" needs warm-standby, a copy at another site, but agency "alpha" has a tenant only at jeju-cdc/,
      );
      expect(problems[0]!.hint).toMatch(/add the DR site to the agency's sites/);
    });

    it("WHEN a grade-1 system overrides its mode to none THEN it is rejected: no DR at all", () => {
      const { problems } = decideOne({
        grade: 1,
        rto: "30d",
        rpo: "30d",
        dr: { mode: "none", reason: "The vendor never delivered a DR design." },
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.location.path).toBe("systems[0].dr");
      expect(problems[0]!.message).toMatch(/grade-1 system "sys" would have no DR at all \(none\)/);
      expect(problems[0]!.allowed).toBe("pilot-light, warm-standby, hot-standby, active-active");
    });

    it("WHEN a grade-2 system overrides its mode to backup-only THEN it is rejected: backups are not a live copy", () => {
      const { problems } = decideOne({
        grade: 2,
        rto: "30d",
        rpo: "30d",
        dr: { mode: "backup-only", reason: "Nightly tapes were always enough here." },
      });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toMatch(
        /grade-2 system "sys" would have only backups \(backup-only\); grades 1 and 2 must keep a live copy at another site/,
      );
    });

    it("WHEN a grade-3 system relies on backups THEN backup-only is allowed (the rule is for grades 1 and 2)", () => {
      const { decision, problems } = decideOne({ grade: 3, rto: "3d", rpo: "24h" }, "standard");
      expect(problems).toEqual([]);
      expect(decision).toMatchObject({ mode: "backup-only", drSite: "mainland-drc" });
    });
  });

  describe("GIVEN where the copy is kept", () => {
    it("WHEN dr.site is the site the system runs at THEN it is rejected: a fire there takes both", () => {
      const { problems } = decideOne({ grade: 2, rto: "8h", rpo: "1h", dr: { site: "jeju-cdc" } });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.location.path).toBe("systems[0].dr.site");
      expect(problems[0]!.message).toMatch(
        /system "sys" keeps its DR copy at jeju-cdc, the site it runs at: a fire there takes both/,
      );
      expect(problems[0]!.allowed).toBe("mainland-drc");
    });

    it("WHEN dr.site is not one of the agency's sites THEN it is rejected with the agency's sites", () => {
      const { problems } = decideOne({ grade: 2, rto: "8h", rpo: "1h", dr: { site: "busan-drc" } });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.message).toMatch(/dr\.site "busan-drc" is not one of the agency's sites/);
      expect(problems[0]!.allowed).toBe("jeju-cdc, mainland-drc");
    });

    it("WHEN a system with a live copy has a data volume on a type that is not replicated THEN the volume is named", () => {
      const { problems } = decideOne({ grade: 2, rto: "8h", rpo: "1h" }, "ssd");
      expect(problems).toHaveLength(1);
      expect(problems[0]!.location.path).toBe("systems[0].workloads[0].volumes[0].volumeType");
      expect(problems[0]!.message).toMatch(
        /volume "data" of sys\/db is on "ssd", which is not replicated: with pilot-light its only copy would stay at the primary site/,
      );
      expect(problems[0]!.allowed).toBe("replicated, replicated-hdd");
    });
  });

  describe("GIVEN an activeSite", () => {
    it("WHEN a warm standby system is switched to its DR site THEN it is served from there", () => {
      const { decision, problems } = decideOne({
        grade: 2,
        rto: "4h",
        rpo: "1h",
        activeSite: "mainland-drc",
      });
      expect(problems).toEqual([]);
      expect(decision).toMatchObject({ homeSite: "jeju-cdc", activeSite: "mainland-drc" });
    });

    it("WHEN a backup-only system is switched to the DR site THEN it is rejected: backups are restored, not switched to", () => {
      const { decision, problems } = decideOne(
        { grade: 3, rto: "3d", rpo: "24h", activeSite: "mainland-drc" },
        "standard",
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]!.location.path).toBe("systems[0].activeSite");
      expect(problems[0]!.message).toMatch(
        /system "sys" cannot be served from mainland-drc: with backup-only it runs only at jeju-cdc/,
      );
      expect(problems[0]!.hint).toMatch(/restoring backups, not by switching sites/);
      expect(decision?.activeSite).toBe("jeju-cdc");
    });

    it("WHEN the agency fails over THEN systems with a live copy move and the others stay at home", () => {
      const agency = agencyOf(
        [
          systemYaml("portal", { grade: 2, rto: "4h", rpo: "1h" }),
          systemYaml("parking", { grade: 3, rto: "3d", rpo: "24h" }, "standard"),
        ],
        { activeSite: "mainland-drc" },
      );
      const { decisions, problems } = decide(agency);
      expect(problems).toEqual([]);
      expect(decisions.map((d) => [d?.system, d?.activeSite])).toEqual([
        ["portal", "mainland-drc"],
        ["parking", "jeju-cdc"],
      ]);
    });

    it("WHEN the system's own activeSite differs from the agency's THEN the system's wins", () => {
      const agency = agencyOf(
        [systemYaml("portal", { grade: 2, rto: "4h", rpo: "1h", activeSite: "jeju-cdc" })],
        { activeSite: "mainland-drc" },
      );
      expect(decide(agency).decisions[0]?.activeSite).toBe("jeju-cdc");
    });
  });
});
