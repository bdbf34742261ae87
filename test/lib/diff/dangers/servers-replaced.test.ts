/**
 * Running servers replaced, on real pairs: the example synthesized twice, differing by one field
 * of an agency file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDirs, Outputs } from "../fixtures";

const outputs = new Outputs();
let base: string;

beforeAll(() => {
  base = outputs.synth("base");
});
afterAll(() => outputs.removeAll());

const STACK = "jeju-tourism-jeju-cdc";

describe("danger: running servers replaced", () => {
  describe("Noncompliance 1: a workload's anti-affinity changed (strict to soft)", () => {
    it("THEN the server group is replaced, every server through scheduler_hints.group, and one danger names the workload", () => {
      const head = outputs.synth("soft", ({ agencies }) => {
        const tourism = agencies.find((agency) => agency.slug === "jeju-tourism")!;
        tourism.systems[0].workloads.find((w: { name: string }) => w.name === "web").antiAffinity =
          "soft";
      });
      const report = diffDirs(base, head);
      const resources = report.stacks.find((s) => s.stack === STACK)!.resources;
      const group = resources.find((c) => c.type === "openstack_compute_servergroup_v2")!;
      expect(group).toMatchObject({ action: "replace", replacedBecause: ["policies"] });
      const servers = resources.filter((c) => c.type === "openstack_compute_instance_v2");
      expect(servers).toHaveLength(2);
      for (const server of servers) {
        expect(server.action).toBe("replace");
        expect(server.replacedBecause).toContain("scheduler_hints[0].group");
      }
      const dangers = report.dangers.filter((d) => d.kind === "servers-replaced");
      expect(dangers).toHaveLength(1);
      expect(dangers[0]!.stack).toBe(STACK);
      expect(dangers[0]!.message).toMatch(
        /^replaces all 2 running servers of jeju-tourism\/visit-jeju\/web, forced by scheduler_hints\[0\]\.group \(openstack_compute_servergroup_v2\.\S+ is replaced\): each is deleted and rebuilt/,
      );
    });
  });

  describe("Compliance", () => {
    it("GIVEN a workload scaled up by one THEN no running server is replaced", () => {
      const head = outputs.synth("scaled", ({ agencies }) => {
        const tourism = agencies.find((agency) => agency.slug === "jeju-tourism")!;
        tourism.systems[0].workloads.find((w: { name: string }) => w.name === "db").count = 2;
      });
      const dangers = diffDirs(base, head).dangers.filter((d) => d.kind === "servers-replaced");
      expect(dangers).toEqual([]);
    });
  });
});
