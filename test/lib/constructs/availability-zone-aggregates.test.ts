import { describe, expect, it } from "vitest";
import { AvailabilityZoneAggregates } from "../../../lib/constructs/availability-zone-aggregates";
import { onlyResource, resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

describe("AvailabilityZoneAggregates", () => {
  describe("GIVEN two zones' aggregates", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new AvailabilityZoneAggregates(scope, "Zones", {
          aggregates: [
            {
              name: "site-az2",
              zone: "az2",
              hosts: ["cmp-b02", "cmp-b01"],
              metadata: { description: "Hall B, power feed B" },
            },
            { name: "site-az1", zone: "az1", hosts: ["cmp-a01"] },
          ],
        }),
    );
    const resources = resourcesOf(out, "openstack_compute_aggregate_v2");
    const aggregates = Object.values(resources);
    const byName = (name: string) => aggregates.find((a) => a.name === name)!;

    it("THEN each puts its hosts, sorted, in its availability zone", () => {
      expect(byName("site-az2")).toMatchObject({
        name: "site-az2",
        zone: "az2",
        hosts: ["cmp-b01", "cmp-b02"],
      });
      expect(byName("site-az1")).toMatchObject({ zone: "az1", hosts: ["cmp-a01"] });
    });

    it("THEN metadata is written only when given, with string values", () => {
      expect(byName("site-az2").metadata).toEqual({ description: "Hall B, power feed B" });
      expect(byName("site-az1").metadata).toBeUndefined();
    });

    it("THEN Terraform addresses follow the aggregate names", () => {
      expect(Object.keys(resources).sort()).toEqual([
        expect.stringMatching(/^Zones_site-az1_[0-9A-F]{8}$/),
        expect.stringMatching(/^Zones_site-az2_[0-9A-F]{8}$/),
      ]);
    });
  });

  it("GIVEN empty metadata THEN no metadata is written", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new AvailabilityZoneAggregates(scope, "Zones", {
          aggregates: [{ name: "a", zone: "az", hosts: ["h1"], metadata: {} }],
        }),
    );
    expect(onlyResource(out, "openstack_compute_aggregate_v2").metadata).toBeUndefined();
  });
});
