import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDirs, Outputs, putResource, setSystems } from "../fixtures";

const outputs = new Outputs();
/** The real output with DR modes in `tamna_systems` and one standby server. */
let base: string;

const STACK = "jeju-city-jeju-cdc";
const INSTANCE = "openstack_compute_instance_v2";
const server = (role: string) => ({
  name: "jeju-city-local-tax-was-standby-01",
  flavor_name: "m1.medium",
  metadata: { system: "local-tax", role },
});

beforeAll(() => {
  // DR modes and standby servers were not in the output when this was written: they are added
  // to the real output as JSON. Switch to spec changes (a system's rto/rpo or dr mode) once the
  // DR stage writes them.
  base = outputs.copy(outputs.synth("base"), "dr", {
    [STACK]: (json) => {
      setSystems(json, {
        "local-tax": { grade: 1, drMode: "hot-standby" },
        parking: { grade: 3, drMode: "backup-only" },
        notice: { grade: 4, drMode: "none" },
      });
      putResource(json, INSTANCE, "Standby", server("standby"));
      putResource(json, INSTANCE, "Primary", server("primary"));
    },
  });
});
afterAll(() => outputs.removeAll());

const drDangers = (head: string) =>
  diffDirs(base, head).dangers.filter((d) => d.kind === "dr-downgrade");

const withSystems = (label: string, systems: Parameters<typeof setSystems>[1]) =>
  outputs.copy(base, label, { [STACK]: (json) => setSystems(json, systems) });

describe("danger: DR downgrade", () => {
  describe("Noncompliance 1: a DR mode lowered", () => {
    it("THEN it is flagged with both modes", () => {
      const head = withSystems("lowered", {
        "local-tax": { grade: 1, drMode: "warm-standby" },
        parking: { grade: 3, drMode: "backup-only" },
        notice: { grade: 4, drMode: "none" },
      });
      expect(drDangers(head)).toEqual([
        {
          kind: "dr-downgrade",
          stack: STACK,
          address: "output.tamna_systems",
          message: "system local-tax: DR mode lowered from hot-standby to warm-standby",
        },
      ]);
    });
  });

  describe("Noncompliance 2: a system with DR removed", () => {
    it("THEN it is flagged; one without DR is not", () => {
      const head = withSystems("removed", { "local-tax": { grade: 1, drMode: "hot-standby" } });
      expect(drDangers(head).map((d) => d.message)).toEqual([
        "system parking (DR backup-only) is removed: its DR protection goes",
      ]);
    });
  });

  describe("Noncompliance 3: a standby server destroyed", () => {
    it("THEN it is flagged; a primary server is not a DR loss", () => {
      const head = outputs.copy(base, "standby-gone", {
        [STACK]: (json) => {
          delete json.resource[INSTANCE].Standby;
          delete json.resource[INSTANCE].Primary;
        },
      });
      expect(drDangers(head)).toEqual([
        {
          kind: "dr-downgrade",
          stack: STACK,
          address: `${INSTANCE}.Standby`,
          message: "destroys a standby server: the system loses its warm capacity at this site",
        },
      ]);
    });
  });

  describe("Compliance", () => {
    it("GIVEN DR modes raised THEN no danger", () => {
      const head = withSystems("raised", {
        "local-tax": { grade: 1, drMode: "active-active" },
        parking: { grade: 3, drMode: "pilot-light" },
        notice: { grade: 4, drMode: "backup-only" },
      });
      expect(drDangers(head)).toEqual([]);
    });
  });
});
