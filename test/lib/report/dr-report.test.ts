/**
 * buildDrReport on the example region: one system per DR mode, the region summary, the manual
 * steps, and the same report after a failover.
 */
import { describe, expect, it } from "vitest";
import type { SystemDrReport } from "../../../lib/report/dr-model";
import { buildDrReport } from "../../../lib/report/dr-report";
import { exampleRegion } from "../../helpers/example-region";
import { planWithActiveSite, planWithBackupInterval } from "./helpers";

const report = buildDrReport(exampleRegion().plan);

function system(agency: string, name: string, from = report): SystemDrReport {
  const found = from.agencies
    .find((a) => a.agency === agency)
    ?.systems.find((s) => s.system === name);
  if (!found) throw new Error(`no system ${agency}/${name} in the report`);
  return found;
}

const stepIds = (s: SystemDrReport) => s.manualSteps.map((step) => step.id);

describe("buildDrReport", () => {
  describe("GIVEN the example region", () => {
    it("THEN it is version 1 and covers every agency in slug order with each system once", () => {
      expect(report.version).toBe(1);
      expect(report.region).toBe("jeju");
      expect(report.agencies.map((a) => a.agency)).toEqual([
        "jeju-city",
        "jeju-fire",
        "jeju-medical-center",
        "jeju-province",
        "jeju-tourism",
        "paasta",
        "seogwipo-city",
      ]);
      expect(report.agencies.map((a) => a.systems.map((s) => s.system))).toEqual([
        ["local-tax", "parking"],
        ["dispatch-119"],
        ["emr", "pacs"],
        ["saeol", "civil-portal", "hr-payroll"],
        ["visit-jeju"],
        ["paasta"],
        ["saeol", "tourism-permit"],
      ]);
      expect(report.agencies.find((a) => a.agency === "jeju-tourism")?.sites).toEqual(["jeju-cdc"]);
    });

    it("THEN the summary counts systems per mode and per grade", () => {
      // The PaaS-TA foundation is a grade-2 system in pilot light.
      expect(report.summary.systems).toBe(12);
      expect(report.summary.byMode).toEqual({
        none: 1,
        "backup-only": 1,
        "pilot-light": 4,
        "warm-standby": 3,
        "hot-standby": 2,
        "active-active": 1,
      });
      expect(report.summary.byGrade["1"]).toEqual({
        none: 0,
        "backup-only": 0,
        "pilot-light": 0,
        "warm-standby": 2,
        "hot-standby": 1,
        "active-active": 1,
      });
      expect(report.summary.byGrade["3"]).toMatchObject({ "backup-only": 1, "pilot-light": 1 });
    });

    it("THEN the systems without a live copy, the failed-over ones and the overrides are listed", () => {
      expect(
        report.summary.withoutLiveCopy.map((r) => `${r.agency}/${r.system} ${r.mode}`),
      ).toEqual(["jeju-city/parking backup-only", "jeju-tourism/visit-jeju none"]);
      expect(report.summary.failedOver).toEqual([]);
      expect(report.summary.overrides).toEqual([
        expect.objectContaining({
          agency: "seogwipo-city",
          system: "saeol",
          mode: "hot-standby",
          reason: expect.stringMatching(/Property-tax season/),
        }),
      ]);
    });
  });

  describe("GIVEN jeju-province/saeol in warm standby", () => {
    const saeol = system("jeju-province", "saeol");

    it("THEN it says how the mode was decided, what it achieves and where the system runs", () => {
      expect(saeol).toMatchObject({
        grade: 1,
        declared: { rtoMinutes: 120, rpoMinutes: 15 },
        mode: "warm-standby",
        decidedBy: "policy",
        achieves: { rtoMinutes: 120, rpoMinutes: 15 },
        homeSite: "jeju-cdc",
        drSite: "mainland-drc",
        activeSite: "jeju-cdc",
        failedOver: false,
        liveCopy: true,
      });
      expect(saeol).not.toHaveProperty("reason");
    });

    it("THEN data volumes go by RBD mirroring of their backend, the container by container sync, boot disks are rebuilt", () => {
      expect(
        saeol.copies.map((c) => `${c.kind} ${c.workload ?? "-"}/${c.name} ${c.method} ${c.toSite}`),
      ).toEqual([
        "boot web/boot rebuilt-from-image mainland-drc",
        "boot was/boot rebuilt-from-image mainland-drc",
        "data-volume was/data rbd-mirroring mainland-drc",
        "boot db/boot rebuilt-from-image mainland-drc",
        "data-volume db/data rbd-mirroring mainland-drc",
        "data-volume db/wal rbd-mirroring mainland-drc",
        "container -/jeju-province-saeol-documents container-sync mainland-drc",
      ]);
      expect(saeol.copies.find((c) => c.name === "data" && c.workload === "db")).toMatchObject({
        count: 2,
        sizeGiB: 500,
        volumeType: "replicated",
        backend: "ceph-ssd-rep",
        backupPolicy: "hourly-7d-daily-35d-offsite",
      });
      expect(saeol.copies[0]).toMatchObject({ image: "Rocky-9-GenericCloud-x86_64" });
    });

    it("THEN the DR site runs one of each now and the whole system after failover", () => {
      expect(saeol.standby?.now.map((w) => `${w.workload} ${w.instances} ${w.flavor}`)).toEqual([
        "web 1 m1.medium",
        "was 1 m1.large",
        "db 1 db1.2xlarge",
      ]);
      expect(saeol.standby?.afterFailover).toEqual(saeol.home.workloads);
      expect(saeol.home.workloads[0]).toEqual({
        workload: "web",
        zone: "dmz",
        instances: 2,
        flavor: "m1.medium",
        loadBalancer: { name: "jeju-province-saeol-web", public: true },
      });
    });

    it("THEN its records are at jeju-cdc and move to mainland-drc at failover", () => {
      expect(saeol.dns).toEqual([
        {
          name: "saeol-was.jeju-province.cloud.jeju.example.go.kr.",
          workload: "was",
          target: "load-balancer-vip",
          sites: ["jeju-cdc"],
          sitesAfterFailover: ["mainland-drc"],
        },
        {
          name: "saeol.jeju-province.cloud.jeju.example.go.kr.",
          workload: "web",
          target: "floating-ip",
          sites: ["jeju-cdc"],
          sitesAfterFailover: ["mainland-drc"],
        },
      ]);
    });

    it("THEN it gives the failover command and every manual step, in order", () => {
      expect(saeol.switch).toEqual({
        direction: "failover",
        to: "mainland-drc",
        command: "tamna failover --agency jeju-province --system saeol --to mainland-drc",
      });
      expect(stepIds(saeol)).toEqual([
        "backup-schedule",
        "container-sync-realm",
        "container-sync-key",
        "cinder-failover",
        "failback-resync",
      ]);
      const realm = saeol.manualSteps.find((s) => s.id === "container-sync-realm")!;
      expect(realm.action).toMatch(/realm jeju with clusters jeju-cdc and mainland-drc/);
      const cinder = saeol.manualSteps.find((s) => s.id === "cinder-failover")!;
      expect(cinder).toMatchObject({ when: "failover" });
      expect(cinder.action).toMatch(/was\/data, db\/data, db\/wal at mainland-drc/);
      expect(cinder.action).toMatch(/cinder failover-host/);
      expect(cinder.action).toMatch(/rbd mirror image promote/);
      const key = saeol.manualSteps.find((s) => s.id === "container-sync-key")!;
      expect(key.action).toMatch(
        /TF_VAR_container_sync_key .* jeju-province-jeju-cdc and jeju-province-mainland-drc/,
      );
    });
  });

  describe("GIVEN jeju-medical-center/pacs in pilot light", () => {
    it("THEN nothing runs at the DR site now and the archive server with it after failover", () => {
      const pacs = system("jeju-medical-center", "pacs");
      expect(pacs.standby).toEqual({
        site: "mainland-drc",
        now: [],
        afterFailover: [
          {
            workload: "archive",
            zone: "app",
            instances: 1,
            flavor: "r1.xlarge",
            loadBalancer: null,
          },
        ],
      });
      expect(pacs.copies.find((c) => c.kind === "data-volume")).toMatchObject({
        volumeType: "replicated-hdd",
        backend: "ceph-hdd-rep",
        method: "rbd-mirroring",
      });
    });
  });

  describe("GIVEN jeju-city/parking in backup-only", () => {
    const parking = system("jeju-city", "parking");

    it("THEN nothing is replicated, there is no standby and no switch, and its record stays", () => {
      expect(parking.liveCopy).toBe(false);
      expect(parking.drSite).toBe("mainland-drc");
      expect(parking.copies.find((c) => c.kind === "data-volume")).toMatchObject({
        method: "backup",
        volumeType: "standard",
        backupPolicy: "daily-35d-offsite",
      });
      expect(parking.standby).toBeNull();
      expect(parking.switch).toBeNull();
      expect(parking.dns.map((r) => r.sitesAfterFailover)).toEqual([null]);
    });

    it("THEN the manual steps are the backup schedule and a restore from backup at the DR site", () => {
      expect(stepIds(parking)).toEqual(["backup-schedule", "restore-from-backup"]);
      expect(parking.manualSteps[0]!.action).toMatch(
        /backup_policy=daily-35d-offsite .* copy every backup to mainland-drc/,
      );
      expect(parking.manualSteps[1]!.action).toMatch(/rebuild parking at mainland-drc/);
    });
  });

  describe("GIVEN jeju-tourism/visit-jeju with no DR and no tenant at another site", () => {
    it("THEN it has no DR site and is rebuilt; backups must still leave the site", () => {
      const visit = system("jeju-tourism", "visit-jeju");
      expect(visit).toMatchObject({ mode: "none", drSite: null, liveCopy: false, standby: null });
      expect(stepIds(visit)).toEqual(["backup-schedule", "rebuild"]);
      expect(visit.manualSteps[0]!.action).toMatch(
        /copy every backup to a site other than jeju-cdc/,
      );
    });
  });

  describe("GIVEN jeju-fire/dispatch-119 in active-active", () => {
    it("THEN both sites hold its record, there is nothing to switch, and the application keeps the sites consistent", () => {
      const dispatch = system("jeju-fire", "dispatch-119");
      expect(dispatch.dns.map((r) => r.sites)).toEqual([["jeju-cdc", "mainland-drc"]]);
      expect(dispatch.switch).toBeNull();
      expect(stepIds(dispatch)).toEqual(["backup-schedule", "application-replication"]);
    });
  });

  describe("GIVEN seogwipo-city/saeol whose mode is overridden", () => {
    it("THEN the report says so, with the reason", () => {
      expect(system("seogwipo-city", "saeol")).toMatchObject({
        mode: "hot-standby",
        decidedBy: "override",
        reason: "Property-tax season (June-July) cannot wait for a warm standby to scale up.",
      });
    });
  });

  describe("GIVEN the region's manual steps", () => {
    it("THEN each step appears once, setup first, with every system it concerns", () => {
      expect(report.manualSteps.map((s) => `${s.when} ${s.id}`)).toEqual([
        "setup backup-schedule",
        "setup container-sync-realm",
        "setup container-sync-key",
        "setup application-replication",
        "failover cinder-failover",
        "failover restore-from-backup",
        "failover rebuild",
        "failover bosh-redeploy",
        "failback failback-resync",
      ]);
      expect(report.manualSteps[0]!.systems).toHaveLength(12);
      expect(report.manualSteps.find((s) => s.id === "container-sync-key")!.systems).toEqual([
        "jeju-medical-center/pacs",
        "jeju-province/saeol",
        "paasta/paasta",
      ]);
      expect(report.manualSteps.find((s) => s.id === "bosh-redeploy")!.systems).toEqual([
        "paasta/paasta",
      ]);
    });
  });

  describe("GIVEN the PaaS-TA foundation", () => {
    const foundation = report.agencies.find((a) => a.agency === "paasta")!.systems[0]!;

    it("THEN it recovers by its grade, its blobstore synced and its records moving at failover", () => {
      expect(foundation).toMatchObject({
        grade: 2,
        mode: "pilot-light",
        homeSite: "jeju-cdc",
        drSite: "mainland-drc",
        activeSite: "jeju-cdc",
        liveCopy: true,
        switch: null,
      });
      expect(foundation.copies.map((c) => [c.name, c.method, c.toSite])).toContainEqual([
        "paasta-cc-droplets",
        "container-sync",
        "mainland-drc",
      ]);
      expect(foundation.dns.map((r) => [r.name, r.sites, r.sitesAfterFailover])).toEqual([
        ["*.apps.paasta.cloud.jeju.example.go.kr.", ["jeju-cdc"], ["mainland-drc"]],
        ["*.sys.paasta.cloud.jeju.example.go.kr.", ["jeju-cdc"], ["mainland-drc"]],
      ]);
      expect(stepIds(foundation)).toContain("bosh-redeploy");
    });
  });

  describe("GIVEN only some agencies are asked for", () => {
    it("THEN the report and its summary cover only them", () => {
      const only = buildDrReport(exampleRegion().plan, { agencies: ["jeju-city"] });
      expect(only.agencies.map((a) => a.agency)).toEqual(["jeju-city"]);
      expect(only.summary.systems).toBe(2);
      expect(only.manualSteps.find((s) => s.id === "container-sync-key")).toBeUndefined();
    });

    it("THEN commands name the region directory when one is given", () => {
      const withDir = buildDrReport(exampleRegion().plan, {
        agencies: ["jeju-city"],
        regionDir: "stacks/jeju",
      });
      expect(system("jeju-city", "local-tax", withDir).switch?.command).toBe(
        "tamna failover --region stacks/jeju --agency jeju-city --system local-tax --to mainland-drc",
      );
    });
  });

  describe("GIVEN jeju-province failed over to mainland-drc", () => {
    const after = buildDrReport(planWithActiveSite("jeju-province", { site: "mainland-drc" }));

    it("THEN its systems are listed as served from the DR site, with the way back", () => {
      expect(
        after.summary.failedOver.map((r) => `${r.agency}/${r.system} ${r.activeSite}`),
      ).toEqual([
        "jeju-province/saeol mainland-drc",
        "jeju-province/civil-portal mainland-drc",
        "jeju-province/hr-payroll mainland-drc",
      ]);
      const saeol = system("jeju-province", "saeol", after);
      expect(saeol.switch).toMatchObject({ direction: "failback", to: "jeju-cdc" });
      expect(saeol.dns.map((r) => r.sites)).toEqual([["mainland-drc"], ["mainland-drc"]]);
    });

    it("THEN the DR site runs the whole system now", () => {
      const hr = system("jeju-province", "hr-payroll", after);
      expect(hr.standby?.now).toEqual(hr.home.workloads);
    });
  });

  describe("GIVEN the effective RPO of each system", () => {
    it("THEN a live copy is measured by its replication, the others by their backup interval", () => {
      const saeol = system("jeju-province", "saeol");
      expect(saeol.liveCopy).toBe(true);
      expect(saeol.effectiveRpoMinutes).toBe(saeol.achieves.rpoMinutes);
      const parking = system("jeju-city", "parking");
      expect(parking.backup).toEqual({
        policy: "daily-35d-offsite",
        chosenBy: "system",
        intervalMinutes: 24 * 60,
      });
      expect(parking.effectiveRpoMinutes).toBe(24 * 60);
    });

    it("THEN every system of the example meets its RPO", () => {
      const systems = report.agencies.flatMap((a) => a.systems);
      expect(systems.filter((s) => !s.rpoMet).map((s) => s.system)).toEqual([]);
      expect(report.summary.rpoNotMet).toEqual([]);
    });

    it("WHEN a backup-only system's backups are rarer than its RPO THEN it is not met", () => {
      const weekly = buildDrReport(planWithBackupInterval("jeju-city", "parking", 7 * 24 * 60));
      const parking = system("jeju-city", "parking", weekly);
      expect(parking.declared.rpoMinutes).toBe(24 * 60);
      expect(parking.effectiveRpoMinutes).toBe(7 * 24 * 60);
      expect(parking.rpoMet).toBe(false);
      expect(weekly.summary.rpoNotMet.map((ref) => `${ref.agency}/${ref.system}`)).toEqual([
        "jeju-city/parking",
      ]);
    });

    it("WHEN a replicated system's backups are rare THEN its replication still meets the RPO", () => {
      const weekly = buildDrReport(planWithBackupInterval("jeju-province", "saeol", 7 * 24 * 60));
      expect(system("jeju-province", "saeol", weekly).rpoMet).toBe(true);
    });
  });
});
