/**
 * Capacity of the fixture region: use per zone against its hosts, over capacity as a located
 * error, and the loss of a site's largest zone as a warning naming the systems that would not
 * restart, by resources and by hard anti-affinity.
 */
import { describe, expect, it } from "vitest";
import { capacityReport } from "../../../lib/cost";
import type { AgencyStackPlan } from "../../../lib/plan/region-plan";
import { planRegion } from "../../../lib/plan/region-plan";
import { loadRegionDir } from "../../../lib/spec/load";
import { copyJeju, editFile, JEJU_DIR, lineOf } from "../spec/helpers";

function capacityOf(dir: string) {
  const input = loadRegionDir(dir);
  const plan = planRegion(input);
  return { input, plan, report: capacityReport(input.region, plan) };
}

/** The fixture with `capacity: {...}` of one zone replaced. */
function withZoneCapacity(zone: string, capacity: string) {
  const dir = copyJeju();
  const { file, text } = editFile(
    dir,
    "region.yaml",
    new RegExp(`(- name: ${zone}\\n(?:.*\\n)*?) {8}capacity:\\n(?: {10}.*\\n)+`),
    `$1        capacity: ${capacity}\n`,
  );
  return { dir, file, text };
}

describe("capacity", () => {
  describe("GIVEN the fixture region", () => {
    const { plan, report } = capacityOf(JEJU_DIR);
    const agencyStacks = plan.stacks.filter((s): s is AgencyStackPlan => s.layer === "agency");
    const instancesAt = (site: string) =>
      agencyStacks
        .filter((stack) => stack.site === site)
        .flatMap((stack) => stack.compute.systems.flatMap((system) => system.workloads))
        .reduce((n, workload) => n + workload.instances.length, 0);

    it("THEN every instance of a site is counted in one of its zones", () => {
      for (const site of ["jeju-cdc", "mainland-drc"]) {
        const counted = report.zones
          .filter((zone) => zone.site === site)
          .reduce((n, zone) => n + zone.instances, 0);
        expect(counted).toBe(instancesAt(site));
      }
    });

    it("THEN capacity is hosts x cores x ratio: cdc-az3 has 2 hosts of 64 cores and 512 GiB", () => {
      expect(report.zones.find((zone) => zone.zone === "cdc-az3")!.capacity).toEqual({
        hosts: 2,
        vcpus: 2 * 64 * 4,
        ramGiB: 2 * 512 * 1,
      });
    });

    it("THEN nothing is over, and every grade 1-2 instance restarts after a zone loss", () => {
      expect(report.problems).toEqual([]);
      expect(report.zoneLoss.map((loss) => [loss.site, loss.zone])).toEqual([
        ["jeju-cdc", "cdc-az1"],
        ["mainland-drc", "drc-az1"],
      ]);
      for (const loss of report.zoneLoss) expect(loss.restarted).toBe(loss.toRestart);
    });
  });

  it("WHEN a zone's hosts offer less than its instances take THEN it is an error at its capacity", () => {
    const { dir, file, text } = withZoneCapacity(
      "cdc-az3",
      "{ coresPerHost: 4, ramGiBPerHost: 512, cpuAllocationRatio: 1 }",
    );
    const { report } = capacityOf(dir);
    const errors = report.problems.filter((problem) => problem.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      site: "jeju-cdc",
      zone: "cdc-az3",
      location: {
        file,
        line: lineOf(text, "capacity: { coresPerHost: 4,"),
        path: "sites.jeju-cdc.availabilityZones[2].capacity",
      },
    });
    expect(errors[0]!.message).toMatch(
      /cdc-az3 of jeju-cdc is over capacity: .* its hosts offer 8 vCPUs/,
    );
  });

  it("WHEN the zones left have no room THEN the loss warns, naming the systems that would not restart", () => {
    // drc-az2 just holds its own instances (388 GiB) with 3 x 130 GiB, and nothing more.
    const { dir } = withZoneCapacity("drc-az2", "{ coresPerHost: 48, ramGiBPerHost: 130 }");
    const { report } = capacityOf(dir);
    expect(report.problems.filter((problem) => problem.level === "error")).toEqual([]);
    const loss = report.zoneLoss.find((entry) => entry.site === "mainland-drc")!;
    expect(loss.zone).toBe("drc-az1");
    expect(loss.restarted).toBe(0);
    const warning = report.problems.find((problem) => problem.level === "warning")!;
    expect(warning.message).toMatch(
      /^if mainland-drc loses drc-az1, its largest availability zone, 12 of 12 grade 1-2 instances cannot restart/,
    );
    for (const entry of loss.unrestarted) {
      expect(warning.message).toContain(`${entry.agency}/${entry.system}`);
    }
  });

  it("WHEN the zone left has room but one host THEN hard anti-affinity keeps members of a group from sharing it", () => {
    const { dir } = withZoneCapacity(
      "drc-az2",
      "{ hostCount: 1, coresPerHost: 100, ramGiBPerHost: 2000 }",
    );
    const { plan, report } = capacityOf(dir);
    const loss = report.zoneLoss.find((entry) => entry.site === "mainland-drc")!;
    // drc-az1 stays the largest (576 vCPUs against 400); the one host has room for all it held.
    expect(loss.zone).toBe("drc-az1");
    // Expected: per hard anti-affinity workload with a grade 1-2 member in drc-az1, the first
    // such member restarts on the one host unless a member already runs in drc-az2; the rest cannot.
    const expected = plan.stacks
      .filter((s): s is AgencyStackPlan => s.layer === "agency" && s.site === "mainland-drc")
      .flatMap((stack) =>
        stack.compute.systems
          .filter((system) => system.grade <= 2)
          .flatMap((system) =>
            system.workloads
              .filter((workload) => workload.serverGroup.policy === "anti-affinity")
              .flatMap((workload) => {
                const lost = workload.instances.filter((i) => i.availabilityZone === "drc-az1");
                const onHost = workload.instances.some((i) => i.availabilityZone === "drc-az2");
                const stuck = onHost ? lost.length : Math.max(0, lost.length - 1);
                return stuck > 0
                  ? [`${stack.agency}/${system.name}/${workload.name}:${stuck}`]
                  : [];
              }),
          ),
      )
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(
      loss.unrestarted
        .map(
          (entry) => `${entry.agency}/${entry.system}/${entry.workload}:${entry.instances.length}`,
        )
        .sort(),
    ).toEqual(expected);
  });
});
