import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDirs, Outputs } from "../fixtures";

const outputs = new Outputs();
let base: string;

beforeAll(() => {
  base = outputs.synth("base");
});
afterAll(() => outputs.removeAll());

describe("danger: protection lifted", () => {
  it("GIVEN a system opting out of destroy protection THEN each volume that loses it is flagged", () => {
    const head = outputs.synth("opt-out", ({ agencies }) => {
      const city = agencies.find((agency) => agency.slug === "jeju-city")!;
      const parking = city.systems!.find((system: { name: string }) => system.name === "parking")!;
      parking.workloads.find((workload: { name: string }) => workload.name === "was")!.protection =
        {
          preventDestroy: false,
          reason: "Stateless application servers rebuilt from the image every release.",
        };
    });
    const lifted = diffDirs(base, head).dangers.filter((danger) =>
      danger.message.startsWith("lifts prevent_destroy"),
    );
    expect(lifted.length).toBeGreaterThan(0);
    expect(lifted.every((danger) => danger.kind === "data-loss")).toBe(true);
    expect(lifted.every((danger) => danger.stack === "jeju-city-jeju-cdc")).toBe(true);
    expect(
      lifted.every((danger) => danger.address.startsWith("openstack_blockstorage_volume_v3.")),
    ).toBe(true);
  });

  it("GIVEN no change THEN nothing is flagged", () => {
    expect(diffDirs(base, base).dangers).toEqual([]);
  });
});

describe("danger: a new floating IP", () => {
  it("GIVEN an internal service made public THEN its floating IP is flagged as exposure", () => {
    const head = outputs.synth("public", ({ agencies }) => {
      const tourism = agencies.find((agency) => agency.slug === "jeju-tourism")!;
      const web = tourism.systems![0]!.workloads.find(
        (workload: { name: string }) => workload.name === "web",
      )!;
      web.expose = { ...web.expose!, public: false };
    });
    // Base → head removes the floating IP; head → base adds it back: the addition is flagged.
    const flagged = diffDirs(head, base).dangers.filter(
      (danger) =>
        danger.kind === "exposure" &&
        danger.address.startsWith("openstack_networking_floatingip_v2."),
    );
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ stack: "jeju-tourism-jeju-cdc" });
    expect(flagged[0]!.message).toMatch(/^creates a floating IP from ext-internet on /);
    // Removing it is not an exposure.
    expect(
      diffDirs(base, head).dangers.filter((danger) =>
        danger.address.startsWith("openstack_networking_floatingip_v2."),
      ),
    ).toEqual([]);
  });
});
