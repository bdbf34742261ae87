/* eslint-disable @typescript-eslint/no-explicit-any -- spec objects are edited freely */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffDirs, Outputs, putResource, resourceName } from "../fixtures";

const outputs = new Outputs();
let base: string;
/** The base with one more volume, so the tests do not depend on which volumes the example has. */
let withVolume: string;

const STACK = "jeju-tourism-jeju-cdc";
const VOLUME = "openstack_blockstorage_volume_v3";
const volume = (zone: string, size: number) => ({
  name: "jeju-tourism-archive",
  availability_zone: zone,
  size,
  volume_type: "standard",
  lifecycle: { prevent_destroy: true },
});

beforeAll(() => {
  base = outputs.synth("base");
  // Volumes were not in the output when this was written: added to the real output as JSON.
  // Switch to a spec change (a workload volume) once that is the natural way to get one.
  withVolume = outputs.copy(base, "volume", {
    [STACK]: (json) => putResource(json, VOLUME, "Archive", volume("cdc-az1", 100)),
  });
});
afterAll(() => outputs.removeAll());

const dataLoss = (report: ReturnType<typeof diffDirs>) =>
  report.dangers.filter((danger) => danger.kind === "data-loss");

describe("danger: data loss", () => {
  describe("Noncompliance 1: a volume removed", () => {
    it("THEN it is flagged with stack, address and why, refusal included", () => {
      const report = diffDirs(withVolume, base);
      expect(dataLoss(report)).toEqual([
        {
          kind: "data-loss",
          stack: STACK,
          address: `${VOLUME}.Archive`,
          message:
            "destroys a Cinder volume: its data is lost; it is marked prevent_destroy, so Terraform refuses the plan until that is lifted",
        },
      ]);
    });
  });

  describe("Noncompliance 2: a volume replaced (its availability zone changed)", () => {
    it("THEN it is flagged, naming the attribute that forces the replacement", () => {
      const head = outputs.copy(withVolume, "volume-az", {
        [STACK]: (json) => putResource(json, VOLUME, "Archive", volume("cdc-az2", 100)),
      });
      const [danger] = dataLoss(diffDirs(withVolume, head));
      expect(danger?.message).toMatch(
        /^replaces a Cinder volume \(availability_zone forces replacement\): the old one and its data are deleted/,
      );
    });
  });

  describe("Noncompliance 2b: a real pair, an availability zone renamed in region.yaml", () => {
    it("THEN each volume in it is a data-loss danger naming availability_zone, with or without prevent_destroy", () => {
      const head = outputs.synth("az-renamed", ({ region }) => {
        const site = Object.values<any>(region.sites).find((s) =>
          s.availabilityZones.some((z: { name: string }) => z.name === "cdc-az1"),
        );
        site.availabilityZones.find((z: { name: string }) => z.name === "cdc-az1").name =
          "cdc-az1b";
        // The PaaS-TA foundation names its BOSH azs by Nova zone: the rename goes there too.
        const azs = region.platforms?.paasta?.azs;
        if (azs && "cdc-az1" in azs) {
          azs["cdc-az1b"] = azs["cdc-az1"];
          delete azs["cdc-az1"];
        }
      });
      const lost = dataLoss(diffDirs(base, head)).filter((d) => d.address.startsWith(`${VOLUME}.`));
      expect(lost.length).toBeGreaterThan(0);
      for (const danger of lost) {
        expect(danger.message).toMatch(
          /^replaces a Cinder volume \(availability_zone forces replacement\): the old one and its data are deleted/,
        );
      }
      // visit-jeju's web boot volumes opt out of prevent_destroy and are reported all the same.
      expect(lost.some((d) => !/prevent_destroy/.test(d.message))).toBe(true);
    });
  });

  describe("Noncompliance 3: an agency removed from the spec", () => {
    it("THEN its Keystone projects, protected by prevent_destroy, are flagged", () => {
      const head = outputs.synth("removed", ({ agencies }) => {
        agencies.splice(
          agencies.findIndex((a) => a.slug === "jeju-tourism"),
          1,
        );
      });
      const flagged = dataLoss(diffDirs(base, head)).filter(
        (d) => d.stack === "tenancy-jeju-tourism-jeju-cdc",
      );
      expect(flagged.map((d) => d.address)).toContainEqual(
        expect.stringMatching(/^openstack_identity_project_v3\./),
      );
      expect(flagged.every((d) => /prevent_destroy/.test(d.message))).toBe(true);
    });
  });

  describe("Compliance", () => {
    it("GIVEN a volume grown in place THEN no danger", () => {
      const head = outputs.copy(withVolume, "volume-grow", {
        [STACK]: (json) => putResource(json, VOLUME, "Archive", volume("cdc-az1", 200)),
      });
      const report = diffDirs(withVolume, head);
      expect(report.stacks[0]!.resources.map((c) => c.action)).toEqual(["update"]);
      expect(report.dangers).toEqual([]);
    });

    it("GIVEN a stateless resource destroyed THEN no danger", () => {
      const head = outputs.copy(base, "route-gone", {
        [STACK]: (json) => {
          const routes = json.resource.openstack_networking_router_route_v2;
          delete routes[resourceName(json, "openstack_networking_router_route_v2", "Route")];
        },
      });
      const report = diffDirs(base, head);
      expect(report.stacks[0]!.resources.map((c) => c.action)).toEqual(["destroy"]);
      expect(report.dangers).toEqual([]);
    });
  });
});
