import { describe, expect, it } from "vitest";
import type { WorkloadPlan } from "../../../lib/plan/compute";
import { systemSite } from "../../../lib/plan/sites";
import { expectProblem, lineOf, problemsOf } from "../spec/helpers";
import {
  agency,
  agencyYaml,
  computeAt,
  computeOf,
  system,
  withAgencies,
  workload,
  type SystemInput,
} from "./fixtures";

/** Agency alpha sits at block index 10: dmz 10.10.40.0/24, app .41, db .42 at jeju-cdc. */
const FILE = "agencies/alpha.yaml";

function onlyWorkload(systems: readonly SystemInput[], site = "jeju-cdc"): WorkloadPlan {
  return computeOf(systems, { site }).systems[0]!.workloads[0]!;
}

function instanceNames(systems: readonly SystemInput[]): string[] {
  return computeOf(systems).systems.flatMap((s) =>
    s.workloads.flatMap((w) => w.instances.map((i) => `${i.name} ${i.availabilityZone}`)),
  );
}

describe("planCompute", () => {
  describe("GIVEN a workload of five instances at a site with three availability zones", () => {
    const web = onlyWorkload([system("portal", [workload("web", "dmz", { count: 5 })])]);

    it("THEN instances go round robin over the zones in the region's order, from a zone of the workload's own", () => {
      const zones = ["cdc-az1", "cdc-az2", "cdc-az3"];
      const placed = web.instances.map((i) => i.availabilityZone);
      const first = zones.indexOf(placed[0]!);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(placed).toEqual([0, 1, 2, 3, 4].map((i) => zones[(first + i) % 3]));
    });

    it("THEN single-instance workloads of different names do not all start in the same zone", () => {
      const names = ["web", "was", "db", "batch", "cache", "queue", "search", "mail"];
      const zones = new Set(
        names.map(
          (name) =>
            onlyWorkload([system("portal", [workload(name, "dmz", { count: 1 })])]).instances[0]!
              .availabilityZone,
        ),
      );
      expect(zones.size).toBeGreaterThan(1);
    });

    it("THEN each instance's volumes are in its availability zone", () => {
      for (const instance of web.instances)
        expect(instance.bootVolume!.availabilityZone).toBe(instance.availabilityZone);
    });

    it("THEN instances are named agency-system-workload-NN with keys 01..05", () => {
      expect(web.instances.map((i) => [i.key, i.name])).toEqual([
        ["01", "alpha-portal-web-01"],
        ["02", "alpha-portal-web-02"],
        ["03", "alpha-portal-web-03"],
        ["04", "alpha-portal-web-04"],
        ["05", "alpha-portal-web-05"],
      ]);
      expect(web.instances[0]!.bootVolume!.name).toBe("alpha-portal-web-01-boot");
    });

    it("THEN the server group is named after the workload", () => {
      expect(web.serverGroup.name).toBe("alpha-portal-web");
    });
  });

  describe("GIVEN the same workload at the DR site with two availability zones", () => {
    it("THEN the round robin uses that site's zones", () => {
      const web = onlyWorkload(
        [system("portal", [workload("web", "dmz", { count: 3 })], { site: "mainland-drc" })],
        "mainland-drc",
      );
      expect(web.instances.map((i) => i.availabilityZone)).toEqual([
        "drc-az1",
        "drc-az2",
        "drc-az1",
      ]);
    });
  });

  describe("GIVEN a plan that changes", () => {
    const web = workload("web", "dmz", { count: 2 });
    const was = workload("was", "app", { count: 2 });
    const db = workload("db", "db");

    it("WHEN a workload is inserted before others THEN no other instance is renamed or moved", () => {
      const before = instanceNames([system("portal", [web, db])]);
      const after = instanceNames([system("portal", [web, was, db])]);
      expect(after).toEqual(expect.arrayContaining(before));
      expect(after).toHaveLength(before.length + 2);
    });

    it("WHEN a workload is removed THEN the others keep their names and zones", () => {
      const before = instanceNames([system("portal", [web, was, db])]);
      const after = instanceNames([system("portal", [web, db])]);
      expect(before).toEqual(expect.arrayContaining(after));
    });

    it("WHEN a system is inserted before another THEN that system's names do not change", () => {
      const before = instanceNames([system("portal", [web])]);
      const after = instanceNames([system("archive", [db]), system("portal", [web])]);
      expect(after).toEqual(expect.arrayContaining(before));
    });

    it("WHEN the count grows THEN existing instances keep their names and zones, new ones are added", () => {
      const two = instanceNames([system("portal", [web])]);
      const four = instanceNames([system("portal", [{ ...web, count: 4 }])]);
      expect(four.slice(0, 2)).toEqual(two);
      expect(four.slice(2).map((entry) => entry.split(" ")[0])).toEqual([
        "alpha-portal-web-03",
        "alpha-portal-web-04",
      ]);
      // Round robin: instance n+3 shares instance n's zone.
      expect(four[3]!.split(" ")[1]).toBe(four[0]!.split(" ")[1]);
    });

    it("WHEN the count shrinks THEN the highest-numbered instances go", () => {
      const four = instanceNames([system("portal", [{ ...web, count: 4 }])]);
      const two = instanceNames([system("portal", [web])]);
      expect(two).toEqual(four.slice(0, 2));
    });
  });

  describe("GIVEN the server group policy", () => {
    const policy = (count: number, antiAffinity?: "strict" | "soft", site = "jeju-cdc") =>
      onlyWorkload(
        [
          system(
            "portal",
            [workload("web", "dmz", { count, ...(antiAffinity ? { antiAffinity } : {}) })],
            {
              site,
            },
          ),
        ],
        site,
      ).serverGroup.policy;

    it("WHEN the count fits the site's availability zones THEN it is strict anti-affinity", () => {
      expect(policy(1)).toBe("anti-affinity");
      expect(policy(3)).toBe("anti-affinity");
    });

    it("WHEN the count exceeds the availability zones THEN it is soft anti-affinity", () => {
      expect(policy(4)).toBe("soft-anti-affinity");
      expect(policy(3, undefined, "mainland-drc")).toBe("soft-anti-affinity");
    });

    it("WHEN the workload says strict or soft THEN that wins over the count", () => {
      expect(policy(6, "strict")).toBe("anti-affinity");
      expect(policy(2, "soft")).toBe("soft-anti-affinity");
    });
  });

  describe("GIVEN fixed IPs", () => {
    const db = (fixedIps: string[]) =>
      system("records", [workload("db", "db", { count: fixedIps.length, fixedIps })]);

    it("WHEN they are inside the zone subnet THEN each instance gets its address in order", () => {
      const plan = onlyWorkload([db(["10.10.42.5", "10.10.42.9"])]);
      expect(plan.instances.map((i) => i.fixedIp)).toEqual(["10.10.42.5", "10.10.42.9"]);
    });

    it("WHEN none are declared THEN Neutron picks: no instance has a fixed IP", () => {
      const plan = onlyWorkload([system("records", [workload("db", "db", { count: 2 })])]);
      expect(plan.instances.map((i) => i.fixedIp)).toEqual([undefined, undefined]);
    });

    it("WHEN one is in another zone's subnet THEN the problem points at it with the zone's subnet", () => {
      const sourced = agency("alpha", { systems: [db(["10.10.42.5", "10.10.41.6"])] });
      const text = agencyYaml("alpha", { systems: [db(["10.10.42.5", "10.10.41.6"])] });
      const problems = problemsOf(() => computeAt(withAgencies(sourced), "jeju-cdc"));
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: FILE,
        line: lineOf(text, "10.10.41.6"),
        path: "systems[0].workloads[0].fixedIps[1]",
        message: /^fixed IP 10\.10\.41\.6 is outside zone db's subnet 10\.10\.42\.0\/24$/,
        received: /^10\.10\.41\.6$/,
        hint: /pick a free address of the zone's subnet/,
      });
    });

    it.each([
      ["the network address", "10.10.42.0"],
      ["the gateway", "10.10.42.1"],
      ["inside the DHCP pool", "10.10.42.10"],
      ["the broadcast address", "10.10.42.255"],
    ])("WHEN one is %s THEN the problem gives the range kept for fixed IPs", (_, address) => {
      const problems = problemsOf(() => computeOf([db([address])]));
      expectProblem(problems, {
        file: FILE,
        path: "systems[0].workloads[0].fixedIps[0]",
        message: new RegExp(
          `fixed IP ${address.replace(/\./g, "\\.")} is not one of the addresses of 10\\.10\\.42\\.0/24 kept for fixed IPs`,
        ),
        allowed: /^10\.10\.42\.2 to 10\.10\.42\.9 /,
      });
    });

    it("WHEN .2 is declared THEN it is accepted: the first address after the gateway", () => {
      expect(onlyWorkload([db(["10.10.42.2"])]).instances[0]!.fixedIp).toBe("10.10.42.2");
    });

    /** A grade 1 database: hot standby, so it is planned in full at the DR site too. */
    const critical = (fixedIps: string[]) =>
      withAgencies(
        agency("alpha", {
          systems: [
            system(
              "records",
              [
                workload("db", "db", {
                  count: fixedIps.length,
                  fixedIps,
                  volumes: [{ name: "data", sizeGiB: 100, volumeType: "replicated" }],
                }),
              ],
              { grade: 1, rto: "1h", rpo: "15m" },
            ),
          ],
        }),
      );

    it("WHEN the standby is planned at the DR site THEN the same host numbers are used in its subnet", () => {
      const standby = computeAt(critical(["10.10.42.5", "10.10.42.6"]), "mainland-drc").systems[0]!;
      expect(standby.role).toBe("standby");
      expect(standby.workloads[0]!.instances.map((i) => [i.fixedIp, i.availabilityZone])).toEqual([
        ["10.20.42.5", "drc-az1"],
        ["10.20.42.6", "drc-az2"],
      ]);
    });

    it("WHEN the standby is planned THEN addresses are checked against the home subnet, not the DR one", () => {
      const problems = problemsOf(() => computeAt(critical(["10.20.42.5"]), "mainland-drc"));
      expectProblem(problems, {
        path: "systems[0].workloads[0].fixedIps[0]",
        message: /fixed IP 10\.20\.42\.5 is outside zone db's subnet 10\.10\.42\.0\/24/,
      });
    });
  });

  describe("GIVEN volumes of a grade 1 system", () => {
    const plan = computeOf([
      system(
        "records",
        [
          workload("db", "db", {
            count: 2,
            volumes: [
              { name: "data", sizeGiB: 500, volumeType: "replicated" },
              { name: "wal", sizeGiB: 50, volumeType: "replicated-hdd" },
            ],
          }),
        ],
        { grade: 1, rto: "1h", rpo: "15m" },
      ),
    ]);
    const instance = plan.systems[0]!.workloads[0]!.instances[1]!;

    it("THEN each instance gets its data volumes, named after the instance and the volume", () => {
      expect(instance.dataVolumes.map((v) => [v.key, v.name, v.sizeGiB, v.volumeType])).toEqual([
        ["data", "alpha-records-db-02-data", 500, "replicated"],
        ["wal", "alpha-records-db-02-wal", 50, "replicated-hdd"],
      ]);
    });

    it("THEN volume metadata names the agency, system, grade and the region's backup policy for grade 1", () => {
      expect(instance.dataVolumes[0]!.metadata).toMatchObject({
        agency: "alpha",
        system: "records",
        grade: "1",
        backup_policy: "hourly-7d-daily-35d-offsite",
        rto: "1h",
        rpo: "15m",
        workload: "db",
        instance: "alpha-records-db-02",
        volume: "data",
        managed_by: "tamna",
        dr_mode: "hot-standby",
      });
      expect(instance.bootVolume!.metadata).toMatchObject({
        volume: "boot",
        backup_policy: "hourly-7d-daily-35d-offsite",
      });
    });

    it("THEN the system records its grade, recovery objectives in minutes and backup policy", () => {
      expect(plan.systems[0]).toMatchObject({
        grade: 1,
        rtoMinutes: 60,
        rpoMinutes: 15,
        backupPolicy: "hourly-7d-daily-35d-offsite",
        protect: true,
      });
      expect(plan.systems[0]!.protectionOptOut).toBeUndefined();
    });
  });

  describe("GIVEN backup policies", () => {
    const policyOf = (fields: Partial<SystemInput>) =>
      computeOf([system("records", [workload("db", "db")], fields)]).systems[0]!.backupPolicy;

    it("WHEN the system names none THEN the region's policy for its grade applies", () => {
      expect(policyOf({ grade: 2 })).toBe("daily-35d-offsite");
      expect(policyOf({ grade: 3 })).toBe("daily-14d-offsite");
      expect(policyOf({ grade: 4, rpo: "7d" })).toBe("weekly-28d-offsite");
    });

    it("WHEN the system names one THEN it wins and reaches the volume metadata", () => {
      const plan = computeOf([
        system("records", [workload("db", "db")], { backupPolicy: "hourly-7d-daily-35d-offsite" }),
      ]);
      expect(plan.systems[0]).toMatchObject({
        backupPolicy: "hourly-7d-daily-35d-offsite",
        backupPolicySource: "system",
        backupIntervalMinutes: 60,
      });
      expect(plan.systems[0]!.workloads[0]!.instances[0]!.bootVolume!.metadata.backup_policy).toBe(
        "hourly-7d-daily-35d-offsite",
      );
    });
  });

  const DATA = { name: "data", sizeGiB: 10, volumeType: "standard" };

  describe("GIVEN a system that opts out of destroy protection", () => {
    it("THEN it is not protected and the reason is kept for reviewers", () => {
      const reason = "stateless web servers rebuilt from the CMS";
      const plan = computeOf([
        system("brochure", [workload("web", "dmz")], {
          protection: { preventDestroy: false, reason },
        }),
      ]);
      expect(plan.systems[0]).toMatchObject({ protect: false, protectionOptOut: reason });
      const boot = plan.systems[0]!.workloads[0]!.instances[0]!.bootVolume!;
      expect(boot).toMatchObject({ protect: false, protectionOptOut: reason });
    });

    it("WHEN a data volume is the only copy of its data (backup-only) THEN the system-wide switch is rejected, naming the volume", () => {
      expect(() =>
        computeOf([
          system("records", [workload("db", "db", { volumes: [DATA] })], {
            protection: { preventDestroy: false, reason: "stateless web servers rebuilt" },
          }),
        ]),
      ).toThrow(
        /systems\[0\]\.protection\.preventDestroy: system "records" opts out .* data volume "data" of workload "db" \(systems\[0\]\.workloads\[0\]\.volumes\[0\]\) is the only copy of its data \(DR mode backup-only.*Fix: .*per volume/,
      );
    });

    it("WHEN the opt-out is on the stateless workload THEN only its volumes are unprotected", () => {
      const reason = "stateless web servers rebuilt from the CMS";
      const plan = computeOf([
        system("portal", [
          workload("web", "dmz", { protection: { preventDestroy: false, reason } }),
          workload("db", "db", { volumes: [DATA] }),
        ]),
      ]);
      const [web, db] = plan.systems[0]!.workloads;
      expect(web!.instances[0]!.bootVolume).toMatchObject({
        protect: false,
        protectionOptOut: reason,
      });
      expect(db!.instances[0]!.bootVolume).toMatchObject({ protect: true });
      expect(db!.instances[0]!.dataVolumes[0]).toMatchObject({ protect: true });
      expect(db!.instances[0]!.dataVolumes[0]!.protectionOptOut).toBeUndefined();
      expect(plan.systems[0]!.protect).toBe(true);
    });

    it("WHEN a volume opts out on its own THEN it wins over the system's switch, which is then valid", () => {
      const reason = "scratch space for the nightly import, emptied every run";
      const plan = computeOf([
        system(
          "records",
          [
            workload("db", "db", {
              volumes: [{ ...DATA, protection: { preventDestroy: false, reason } }],
            }),
          ],
          { protection: { preventDestroy: false, reason: "boot disks rebuilt from the image" } },
        ),
      ]);
      const instance = plan.systems[0]!.workloads[0]!.instances[0]!;
      expect(instance.dataVolumes[0]).toMatchObject({ protect: false, protectionOptOut: reason });
      expect(instance.bootVolume).toMatchObject({
        protect: false,
        protectionOptOut: "boot disks rebuilt from the image",
      });
    });
  });

  describe("GIVEN the rest of a workload", () => {
    it("THEN the key pair is the agency's Nova key pair name and only used key pairs are planned", () => {
      const plan = computeOf([system("portal", [workload("web", "dmz", { keyPair: "ops" })])], {
        more: {
          keyPairs: {
            ops: { publicKey: "ssh-ed25519 AAAAC3Nza ops@alpha" },
            unused: { publicKey: "ssh-ed25519 AAAAC3Nzb unused@alpha" },
          },
        },
      });
      expect(plan.systems[0]!.workloads[0]!.keyPair).toBe("alpha-ops");
      expect(plan.keyPairs).toEqual([
        { key: "ops", name: "alpha-ops", publicKey: "ssh-ed25519 AAAAC3Nza ops@alpha" },
      ]);
    });

    it("THEN only the images in use are looked up, by their Glance names, sorted by key", () => {
      const plan = computeOf([
        system("portal", [
          workload("web", "dmz", { image: "ubuntu-2404" }),
          workload("was", "app", { image: "rocky-9" }),
          workload("api", "app", { image: "rocky-9" }),
        ]),
      ]);
      expect(plan.images).toEqual([
        { key: "rocky-9", name: "Rocky-9-GenericCloud-x86_64" },
        { key: "ubuntu-2404", name: "Ubuntu-24.04-server-cloudimg-amd64" },
      ]);
    });

    it("THEN a workload without expose has no load balancer", () => {
      expect(
        onlyWorkload([system("portal", [workload("web", "dmz")])]).loadBalancer,
      ).toBeUndefined();
    });
  });
});

describe("systemSite", () => {
  const input = withAgencies(
    agency("alpha", {
      systems: [
        system("home", [workload("db", "db")]),
        system("away", [workload("db", "db")], { site: "mainland-drc" }),
      ],
    }),
  );
  const spec = input.agencies[0]!.spec;

  it("GIVEN a system without a site THEN it runs at the region's primary site", () => {
    expect(systemSite(input, spec, spec.systems[0]!)).toBe("jeju-cdc");
  });

  it("GIVEN a system with a site THEN it runs there", () => {
    expect(systemSite(input, spec, spec.systems[1]!)).toBe("mainland-drc");
  });

  it("GIVEN an agency only at the DR site THEN its systems run at that site", () => {
    const drOnly = withAgencies(
      agency("alpha", {
        sites: ["mainland-drc"],
        systems: [system("home", [workload("db", "db")])],
      }),
    );
    const only = drOnly.agencies[0]!.spec;
    expect(systemSite(drOnly, only, only.systems[0]!)).toBe("mainland-drc");
  });

  it("GIVEN systems at both sites THEN planCompute at a site plans only the systems that run there", () => {
    expect(computeAt(input, "jeju-cdc").systems.map((s) => s.name)).toEqual(["home"]);
    expect(computeAt(input, "mainland-drc").systems.map((s) => s.name)).toEqual(["away"]);
  });
});
