/**
 * What each DR mode plans at both sites, through planRegion on the example region (one system
 * per mode), and the quota the DR site needs to hold a failover.
 */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { TamnaError } from "../../../lib/errors";
import type { SystemPlan } from "../../../lib/plan/compute";
import {
  planRegion,
  type AgencyStackPlan,
  type RegionPlan,
  type TenancyStackPlan,
} from "../../../lib/plan/region-plan";
import { AgencySpec } from "../../../lib/spec/agency";
import { parseSpec } from "../../../lib/spec/load";
import { exampleRegion } from "../../helpers/example-region";

const HOME = "jeju-cdc";
const DR = "mainland-drc";

/** What a system amounts to in one agency stack; zeros when the stack does not plan it. */
interface Footprint {
  readonly role: string | undefined;
  readonly instances: number;
  readonly loadBalancers: number;
  readonly volumes: number;
  readonly containers: number;
  readonly records: number;
}

function agencyStack(plan: RegionPlan, agency: string, site: string): AgencyStackPlan | undefined {
  return plan.stacks.find(
    (stack): stack is AgencyStackPlan =>
      stack.layer === "agency" && stack.agency === agency && stack.site === site,
  );
}

function systemAt(plan: RegionPlan, agency: string, system: string, site: string) {
  return agencyStack(plan, agency, site)?.compute.systems.find((s) => s.name === system);
}

function footprint(plan: RegionPlan, agency: string, system: string, site: string): Footprint {
  const stack = agencyStack(plan, agency, site);
  const planned = systemAt(plan, agency, system, site);
  const instances = planned?.workloads.flatMap((w) => w.instances) ?? [];
  return {
    role: planned?.role,
    instances: instances.length,
    loadBalancers: planned?.workloads.filter((w) => w.loadBalancer).length ?? 0,
    volumes: instances.reduce((n, i) => n + (i.bootVolume ? 1 : 0) + i.dataVolumes.length, 0),
    containers: planned?.containers.length ?? 0,
    records: stack?.dns?.records.filter((r) => r.system === system).length ?? 0,
  };
}

/** `web 2 x m1.medium` per workload, for sizing assertions. */
function sizes(system: SystemPlan | undefined): string[] {
  return (system?.workloads ?? []).map((w) => `${w.name} ${w.instances.length} x ${w.flavor}`);
}

describe("DR compute through planRegion on the example region", () => {
  const { plan } = exampleRegion();

  describe("GIVEN jeju-tourism/visit-jeju, grade 4 with mode none, and no tenant at the DR site", () => {
    it("THEN it runs whole at home and there is no agency stack at the DR site at all", () => {
      expect(systemAt(plan, "jeju-tourism", "visit-jeju", HOME)?.dr.mode).toBe("none");
      expect(footprint(plan, "jeju-tourism", "visit-jeju", HOME)).toEqual({
        role: "primary",
        instances: 3,
        loadBalancers: 1,
        volumes: 4,
        containers: 0,
        records: 1,
      });
      expect(agencyStack(plan, "jeju-tourism", DR)).toBeUndefined();
    });
  });

  describe("GIVEN jeju-city/parking in backup-only", () => {
    it("THEN it runs whole at home and nothing of it is planned at the DR site", () => {
      expect(systemAt(plan, "jeju-city", "parking", HOME)?.dr).toMatchObject({
        mode: "backup-only",
        drSite: DR,
      });
      expect(footprint(plan, "jeju-city", "parking", HOME)).toEqual({
        role: "primary",
        instances: 2,
        loadBalancers: 1,
        volumes: 3,
        containers: 0,
        records: 1,
      });
      expect(systemAt(plan, "jeju-city", "parking", DR)).toBeUndefined();
    });
  });

  describe("GIVEN jeju-province/hr-payroll in pilot light", () => {
    it("THEN the DR site plans the system as a standby without instances, load balancers or records", () => {
      expect(systemAt(plan, "jeju-province", "hr-payroll", HOME)?.dr.mode).toBe("pilot-light");
      expect(footprint(plan, "jeju-province", "hr-payroll", HOME)).toEqual({
        role: "primary",
        instances: 3,
        loadBalancers: 1,
        volumes: 4,
        containers: 0,
        records: 1,
      });
      expect(footprint(plan, "jeju-province", "hr-payroll", DR)).toEqual({
        role: "standby",
        instances: 0,
        loadBalancers: 0,
        volumes: 0,
        containers: 0,
        records: 0,
      });
    });
  });

  describe("GIVEN jeju-medical-center/pacs in pilot light with a Swift container", () => {
    it("THEN the container exists at both sites, synced from home to the DR site only", () => {
      const home = systemAt(plan, "jeju-medical-center", "pacs", HOME)!;
      const dr = systemAt(plan, "jeju-medical-center", "pacs", DR)!;
      expect(home.containers).toEqual([
        expect.objectContaining({
          name: "jeju-medical-center-pacs-dicom-archive",
          syncToSite: DR,
          synced: true,
        }),
      ]);
      expect(dr.containers).toEqual([
        expect.objectContaining({ name: "jeju-medical-center-pacs-dicom-archive", synced: true }),
      ]);
      expect(dr.containers[0]!.syncToSite).toBeUndefined();
      expect(footprint(plan, "jeju-medical-center", "pacs", DR).instances).toBe(0);
    });

    it("THEN the replicated container is sized and limited at both sites", () => {
      for (const site of [HOME, DR]) {
        const [container] = systemAt(plan, "jeju-medical-center", "pacs", site)!.containers;
        expect(container!.sizeGiB, site).toBe(2048);
        expect(container!.metadata["Quota-Bytes"], site).toBe(String(2560 * 1024 ** 3));
      }
    });

    it("THEN the agency's declared object-storage quota is kept at both sites, holding the copies", () => {
      for (const site of [HOME, DR]) {
        const tenancy = plan.stacks.find(
          (s): s is TenancyStackPlan =>
            s.layer === "tenancy" && s.agency === "jeju-medical-center" && s.site === site,
        )!;
        expect(tenancy.quota.objectStorageGiB, site).toBe(3072);
      }
    });
  });

  describe("GIVEN jeju-province/saeol in warm standby without a declared standby size", () => {
    it("THEN the DR site runs one instance per workload in the workload's flavor, load balancers included, and no records", () => {
      expect(systemAt(plan, "jeju-province", "saeol", HOME)?.dr.mode).toBe("warm-standby");
      expect(footprint(plan, "jeju-province", "saeol", HOME)).toEqual({
        role: "primary",
        instances: 6,
        loadBalancers: 2,
        volumes: 12,
        containers: 1,
        records: 2,
      });
      expect(footprint(plan, "jeju-province", "saeol", DR)).toEqual({
        role: "standby",
        instances: 3,
        loadBalancers: 2,
        volumes: 6,
        containers: 1,
        records: 0,
      });
      expect(sizes(systemAt(plan, "jeju-province", "saeol", DR))).toEqual([
        "web 1 x m1.medium",
        "was 1 x m1.large",
        "db 1 x db1.2xlarge",
      ]);
    });
  });

  describe("GIVEN jeju-city/local-tax in warm standby whose was workload declares standby: {count: 1, flavor: m1.large}", () => {
    it("THEN the DR site runs the declared standby for was and the default for the others", () => {
      expect(sizes(systemAt(plan, "jeju-city", "local-tax", HOME))).toEqual([
        "web 2 x m1.medium",
        "was 3 x c1.xlarge",
        "db 2 x r1.xlarge",
      ]);
      expect(sizes(systemAt(plan, "jeju-city", "local-tax", DR))).toEqual([
        "web 1 x m1.medium",
        "was 1 x m1.large",
        "db 1 x r1.xlarge",
      ]);
    });

    it("THEN the standby's fixed IPs use the same host numbers in the DR site's subnet", () => {
      const ips = (site: string) =>
        systemAt(plan, "jeju-city", "local-tax", site)!
          .workloads.find((w) => w.name === "db")!
          .instances.map((i) => i.fixedIp);
      expect(ips(HOME)).toEqual(["10.10.6.5", "10.10.6.6"]);
      expect(ips(DR)).toEqual(["10.20.6.5"]);
    });
  });

  describe("GIVEN jeju-medical-center/emr in hot standby", () => {
    it("THEN the DR site runs the whole system but its records stay at home", () => {
      expect(systemAt(plan, "jeju-medical-center", "emr", HOME)?.dr.mode).toBe("hot-standby");
      const home = footprint(plan, "jeju-medical-center", "emr", HOME);
      const dr = footprint(plan, "jeju-medical-center", "emr", DR);
      expect(home).toEqual({
        role: "primary",
        instances: 4,
        loadBalancers: 1,
        volumes: 6,
        containers: 0,
        records: 1,
      });
      expect(dr).toEqual({ ...home, role: "standby", records: 0 });
      expect(sizes(systemAt(plan, "jeju-medical-center", "emr", DR))).toEqual(
        sizes(systemAt(plan, "jeju-medical-center", "emr", HOME)),
      );
    });
  });

  describe("GIVEN jeju-fire/dispatch-119 in active-active", () => {
    it("THEN both sites run the whole system and both hold its record", () => {
      expect(systemAt(plan, "jeju-fire", "dispatch-119", HOME)?.dr.mode).toBe("active-active");
      const home = footprint(plan, "jeju-fire", "dispatch-119", HOME);
      expect(home).toEqual({
        role: "primary",
        instances: 6,
        loadBalancers: 1,
        volumes: 8,
        containers: 0,
        records: 1,
      });
      expect(footprint(plan, "jeju-fire", "dispatch-119", DR)).toEqual({
        ...home,
        role: "standby",
      });
      expect(systemAt(plan, "jeju-fire", "dispatch-119", DR)?.servesHere).toBe(true);
    });
  });

  describe("GIVEN the DR site's quota", () => {
    const tenancy = (name: string) =>
      plan.stacks.find((s): s is TenancyStackPlan => s.name === name && s.layer === "tenancy")!;

    it("THEN jeju-medical-center's derived RAM at the DR site holds emr and pacs at full size, not the standby running now", () => {
      // emr 2 x m1.large (8) + 2 x db1.2xlarge (128) = 272; pacs 1 x r1.xlarge = 64.
      // With 25% headroom: (272 + 64) x 1.25 = 420. The standby running now (272) would give 340.
      expect(tenancy("tenancy-jeju-medical-center-mainland-drc").quota.ramGiB).toBe(420);
      expect(tenancy("tenancy-jeju-medical-center-jeju-cdc").quota.ramGiB).toBe(420);
    });

    it("WHEN a declared quota fits the home site but not a failover to the DR site THEN planning fails naming the system after failover", () => {
      const workload = (flavor: string, count: number) => ({
        name: "was",
        zone: "app",
        count,
        flavor,
        image: "rocky-9",
        bootVolume: { sizeGiB: 20, volumeType: "ssd" },
      });
      const text = stringify({
        slug: "alpha",
        name: "alpha",
        csapTier: "moderate",
        contacts: [{ role: "owner", name: "owner", email: "owner@alpha.example" }],
        addressBlock: { index: 10 },
        zones: ["app"],
        quota: { instances: 6 },
        systems: [
          // Warm standby homed at jeju-cdc: 4 instances there, 1 at the DR site until a failover.
          {
            name: "portal",
            displayName: "portal",
            grade: 2,
            rto: "4h",
            rpo: "1h",
            workloads: [workload("m1.small", 4)],
          },
          // Runs at the DR site itself, without a copy.
          {
            name: "archive",
            displayName: "archive",
            grade: 4,
            rto: "30d",
            rpo: "30d",
            site: DR,
            workloads: [workload("m1.small", 4)],
          },
        ],
      });
      const agency = parseSpec("agencies/alpha.yaml", text, AgencySpec);
      const input = { region: exampleRegion().input.region, agencies: [agency] };
      let error: unknown;
      try {
        planRegion(input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(TamnaError);
      const problems = (error as TamnaError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]!.location).toMatchObject({
        file: "agencies/alpha.yaml",
        path: "quota.instances",
      });
      expect(problems[0]!.message).toMatch(
        /agency "alpha" needs 8 instances at site mainland-drc \(portal after failover: 4, archive: 4\), but its quota is 6/,
      );
    });
  });
});
