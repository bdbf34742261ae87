/**
 * Backup policies against the catalogue and against each system's RPO: a system that recovers
 * from backups (DR mode none or backup-only) must be backed up at least every RPO.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { decideDr } from "../../../lib/plan/dr";
import type { Problem } from "../../../lib/errors";
import { AgencySpec } from "../../../lib/spec/agency";
import { effectiveBackupPolicy } from "../../../lib/spec/backup";
import {
  checkBackupRpo,
  checkGradeBackupPolicies,
  checkSystemBackupPolicies,
} from "../../../lib/spec/backup-checks";
import type { DrMode } from "../../../lib/spec/dr";
import { parseSpec, type Sourced } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";
import { expectProblem, JEJU_DIR, lineOf } from "./helpers";

const REGION_TEXT = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");
const JEJU = parseSpec("region.yaml", REGION_TEXT, RegionSpec);

/** `agencies/alpha.yaml` with one grade-`grade` system and the given fields. */
function agencyWith(fields: Readonly<Record<string, unknown>>): Sourced<AgencySpec> {
  const text = stringify({
    slug: "alpha",
    name: "alpha",
    csapTier: "moderate",
    contacts: [{ role: "owner", name: "owner", email: "owner@alpha.example" }],
    addressBlock: { index: 10 },
    zones: ["app"],
    systems: [
      {
        name: "records",
        displayName: "records",
        grade: 4,
        rto: "3d",
        rpo: "24h",
        ...fields,
        workloads: [
          {
            name: "db",
            zone: "app",
            flavor: "m1.small",
            image: "rocky-9",
            bootVolume: { sizeGiB: 20, volumeType: "ssd" },
          },
        ],
      },
    ],
  });
  return parseSpec("agencies/alpha.yaml", text, AgencySpec);
}

const rpoCheck = (agency: Sourced<AgencySpec>, mode: DrMode, region = JEJU.spec): Problem[] =>
  checkBackupRpo(region, agency, agency.spec.systems[0]!, 0, mode);

describe("backup policies", () => {
  describe("GIVEN a region that declares no backupPolicies", () => {
    const minimal = RegionSpec.parse({
      ...JEJU.spec,
      backupPolicies: undefined,
      backupPolicyByGrade: undefined,
    });

    it("THEN the default policies exist with their intervals, and each grade names one", () => {
      expect(minimal.backupPolicies).toMatchObject({
        "daily-35d-offsite": { interval: "24h", retention: "35d" },
        "daily-14d-offsite": { interval: "24h", retention: "14d" },
        "weekly-28d-offsite": { interval: "7d", retention: "28d" },
      });
      for (const name of Object.values(minimal.backupPolicyByGrade))
        expect(minimal.backupPolicies).toHaveProperty([name]);
    });

    it("THEN a grade-4 system gets the weekly policy", () => {
      expect(effectiveBackupPolicy(minimal, { grade: 4 })).toEqual({
        name: "weekly-28d-offsite",
        source: "grade",
        intervalMinutes: 7 * 24 * 60,
      });
    });
  });

  describe("GIVEN a policy whose interval is not a duration", () => {
    it("THEN the region file is rejected at the interval, with the duration rule", () => {
      const text = REGION_TEXT.replace("    interval: 1h\n", "    interval: hourly\n");
      expect(text).not.toBe(REGION_TEXT);
      expect(() => parseSpec("region.yaml", text, RegionSpec)).toThrow(
        /backupPolicies\.hourly-7d-daily-35d-offsite\.interval.*must be a whole number and a unit m, h or d/,
      );
    });
  });

  describe("GIVEN a grade whose policy is not declared", () => {
    it("THEN the region is rejected at that grade, with a way to declare it", () => {
      const text = REGION_TEXT.replace('"3": daily-14d-offsite', '"3": monthly-1y');
      expect(text).not.toBe(REGION_TEXT);
      const region = parseSpec("region.yaml", text, RegionSpec);
      const problems = checkGradeBackupPolicies(region);
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "region.yaml",
        line: lineOf(text, "monthly-1y"),
        path: "backupPolicyByGrade.3",
        message: /unknown backup policy "monthly-1y"/,
        allowed:
          /daily-14d-offsite, daily-35d-offsite, hourly-7d-daily-35d-offsite, weekly-28d-offsite/,
        hint: /declare it under backupPolicies with its interval/,
      });
    });

    it("THEN the example region's grades are all declared", () => {
      expect(checkGradeBackupPolicies(JEJU)).toEqual([]);
    });
  });

  describe("GIVEN a system that names an undeclared policy", () => {
    it("THEN it is rejected at its backupPolicy, with the near name", () => {
      const agency = agencyWith({ backupPolicy: "daily-35-offsite" });
      expectProblem(checkSystemBackupPolicies(JEJU, agency), {
        file: "agencies/alpha.yaml",
        path: "systems[0].backupPolicy",
        message: /unknown backup policy "daily-35-offsite"/,
        hint: /did you mean "daily-35d-offsite"\? Otherwise declare it under backupPolicies in region\.yaml/,
      });
    });

    it("WHEN the policy is declared THEN nothing is reported", () => {
      const agency = agencyWith({ backupPolicy: "hourly-7d-daily-35d-offsite" });
      expect(checkSystemBackupPolicies(JEJU, agency)).toEqual([]);
    });
  });
});

describe("checkBackupRpo", () => {
  describe("GIVEN a grade-4 system with RPO 24h on the grade's weekly policy", () => {
    const agency = agencyWith({});

    it("WHEN it recovers from backups THEN it is an error at its rpo, with interval, RPO and fix", () => {
      const problems = rpoCheck(agency, "backup-only");
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: agency.source.locate(["systems", 0, "rpo"]).line!,
        path: "systems[0].rpo",
        message:
          /system "records" recovers from backups \(backup-only\), taken every 7d by policy "weekly-28d-offsite" \(the region's backupPolicyByGrade for grade 4\), but its RPO is 24h/,
        received: /^backup interval 7d, RPO 24h$/,
        allowed: /at most 24h: daily-14d-offsite, daily-35d-offsite, hourly-7d-daily-35d-offsite$/,
        hint: /set backupPolicy: daily-14d-offsite on the system .*or relax rpo to at least 7d/,
      });
    });

    it("WHEN it has no DR at all (none) THEN its backups are all it has: the same error", () => {
      expect(rpoCheck(agency, "none").map((p) => p.location.path)).toEqual(["systems[0].rpo"]);
    });

    it("WHEN it keeps a live copy THEN replication, not the backups, meets the RPO", () => {
      for (const mode of ["pilot-light", "warm-standby", "hot-standby", "active-active"] as const)
        expect(rpoCheck(agency, mode)).toEqual([]);
    });
  });

  describe("GIVEN the system chooses a daily policy", () => {
    it("THEN the RPO is met and nothing is reported", () => {
      expect(rpoCheck(agencyWith({ backupPolicy: "daily-35d-offsite" }), "backup-only")).toEqual(
        [],
      );
    });
  });

  describe("GIVEN an RPO equal to the interval", () => {
    it("THEN it is met: a restore loses at most one interval", () => {
      expect(rpoCheck(agencyWith({ rpo: "7d", rto: "30d" }), "none")).toEqual([]);
    });
  });

  describe("GIVEN the system's own policy is too rare", () => {
    it("THEN the message says the system chose it", () => {
      const problems = rpoCheck(agencyWith({ backupPolicy: "weekly-28d-offsite" }), "backup-only");
      expect(problems[0]!.message).toMatch(/\(its backupPolicy\)/);
    });
  });

  describe("GIVEN no declared policy is frequent enough", () => {
    it("THEN the fix is to declare one or relax the RPO", () => {
      const problems = rpoCheck(agencyWith({ rpo: "30m" }), "backup-only");
      expectProblem(problems, {
        path: "systems[0].rpo",
        message: /taken every 7d/,
        allowed: /at most 30m \(none declared in backupPolicies\)/,
        hint: /declare a policy with interval: 30m under the region's backupPolicies/,
      });
    });
  });

  describe("GIVEN the DR decision of the region's plan", () => {
    it("THEN a backup-only system on too rare backups is reported by decideDr", () => {
      const problems: Problem[] = [];
      const agency = agencyWith({ grade: 3, backupPolicy: "weekly-28d-offsite" });
      const decision = decideDr(
        { region: JEJU, agencies: [agency] },
        agency,
        agency.spec.systems[0]!,
        0,
        problems,
      );
      expect(decision?.mode).toBe("backup-only");
      expect(problems.map((p) => p.location.path)).toEqual(["systems[0].rpo"]);
    });
  });
});
