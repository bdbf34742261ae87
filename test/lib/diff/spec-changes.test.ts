/**
 * The reviewer's cases on real pairs of outputs, each made by a change to the example's agency
 * files (not by editing the synthesized JSON): a system removed, a data volume removed, a DR mode
 * lowered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDirs, Outputs, type RegionObjects } from "./fixtures";

const outputs = new Outputs();
let base: string;

beforeAll(() => {
  base = outputs.synth("base");
});
afterAll(() => outputs.removeAll());

interface SystemObject {
  name: string;
  rto?: string;
  dr?: unknown;
  workloads: { name: string; volumes?: unknown[] }[];
}

const systemsOf = (objects: RegionObjects, agency: string): SystemObject[] =>
  objects.agencies.find((a) => a.slug === agency)!.systems as SystemObject[];

describe("GIVEN a system removed from its agency file", () => {
  it("THEN its resources are destroyed, its volumes flagged as data loss and its DR as lost", () => {
    const head = outputs.synth("system-removed", (objects) => {
      const systems = systemsOf(objects, "jeju-province");
      systems.splice(
        systems.findIndex((system) => system.name === "hr-payroll"),
        1,
      );
    });
    const report = diffDirs(base, head);
    const dangers = report.dangers.filter((d) => d.stack === "jeju-province-jeju-cdc");
    expect(
      dangers.some(
        (d) => d.kind === "data-loss" && d.address.startsWith("openstack_blockstorage_volume_v3."),
      ),
    ).toBe(true);
    expect(dangers.some((d) => d.kind === "dr-downgrade" && /hr-payroll/.test(d.message))).toBe(
      true,
    );
  });
});

describe("GIVEN a data volume removed from a workload", () => {
  it("THEN each instance's volume is a data-loss danger and nothing else is", () => {
    const head = outputs.synth("volume-removed", (objects) => {
      const db = systemsOf(objects, "jeju-province")
        .find((system) => system.name === "saeol")!
        .workloads.find((workload) => workload.name === "db")!;
      db.volumes = db.volumes!.slice(0, 1); // keeps data, drops wal
    });
    const report = diffDirs(base, head);
    const lost = report.dangers.filter((d) => d.kind === "data-loss");
    // saeol is warm standby: two db instances at home, one standby instance at the DR site.
    expect(lost.map((d) => d.stack).sort()).toEqual([
      "jeju-province-jeju-cdc",
      "jeju-province-jeju-cdc",
      "jeju-province-mainland-drc",
    ]);
    expect(lost.every((d) => d.address.startsWith("openstack_blockstorage_volume_v3."))).toBe(true);
  });
});

describe("GIVEN a DR mode lowered by relaxing the objectives", () => {
  it("THEN the downgrade is flagged with both modes", () => {
    // seogwipo-city saeol: hot-standby by override; without it and with an 8h RTO, pilot-light.
    const head = outputs.synth("dr-lowered", (objects) => {
      const saeol = systemsOf(objects, "seogwipo-city").find((system) => system.name === "saeol")!;
      delete saeol.dr;
      saeol.rto = "8h";
    });
    const lowered = diffDirs(base, head).dangers.filter(
      (d) => d.kind === "dr-downgrade" && d.stack === "seogwipo-city-jeju-cdc",
    );
    expect(lowered).toHaveLength(1);
    expect(lowered[0]!.message).toMatch(/hot-standby/);
    expect(lowered[0]!.message).toMatch(/pilot-light/);
  });
});
