import { describe, expect, it } from "vitest";
import { FlavorCatalogue } from "../../../lib/constructs/flavor-catalogue";
import { resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

describe("FlavorCatalogue", () => {
  describe("GIVEN two flavors", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new FlavorCatalogue(scope, "Flavors", {
          flavors: [
            { name: "m1.small", vcpus: 1, ramGiB: 2, diskGiB: 0, description: "Small" },
            { name: "c1.xlarge", flavorId: "c1-xl", vcpus: 8, ramGiB: 16, diskGiB: 40 },
          ],
        }),
    );
    const flavors = resourcesOf(out, "openstack_compute_flavor_v2");
    const byName = (name: string) => Object.values(flavors).find((f) => f.name === name)!;

    it("THEN each is a public flavor with RAM in MiB", () => {
      expect(byName("m1.small")).toMatchObject({
        name: "m1.small",
        flavor_id: "m1.small",
        vcpus: 1,
        ram: 2048,
        disk: 0,
        is_public: true,
        description: "Small",
      });
      expect(byName("c1.xlarge")).toMatchObject({ ram: 16384, disk: 40, vcpus: 8 });
    });

    it("THEN the flavor ID defaults to the name and can be given", () => {
      expect(byName("m1.small").flavor_id).toBe("m1.small");
      expect(byName("c1.xlarge").flavor_id).toBe("c1-xl");
    });

    it("THEN a flavor without a description has none", () => {
      expect(byName("c1.xlarge").description).toBeUndefined();
    });

    it("THEN Terraform addresses follow the flavor names, not list positions", () => {
      expect(Object.keys(flavors).sort()).toEqual([
        expect.stringMatching(/^Flavors_c1xlarge_[0-9A-F]{8}$/),
        expect.stringMatching(/^Flavors_m1small_[0-9A-F]{8}$/),
      ]);
    });
  });

  describe("GIVEN the same flavors in another order", () => {
    it("THEN the resources keep their logical IDs", () => {
      const small = { name: "m1.small", vcpus: 1, ramGiB: 2, diskGiB: 0 };
      const large = { name: "m1.large", vcpus: 4, ramGiB: 8, diskGiB: 0 };
      const ids = (flavors: (typeof small)[]) =>
        Object.keys(
          resourcesOf(
            synthesizeConstructs((scope) => new FlavorCatalogue(scope, "Flavors", { flavors })),
            "openstack_compute_flavor_v2",
          ),
        ).sort();
      expect(ids([small, large])).toEqual(ids([large, small]));
      expect(ids([small])).toEqual(ids([large, small]).filter((id) => id.includes("small")));
    });
  });

  it("GIVEN no flavors THEN it creates nothing", () => {
    const out = synthesizeConstructs((scope) => new FlavorCatalogue(scope, "F", { flavors: [] }));
    expect(resourcesOf(out, "openstack_compute_flavor_v2")).toEqual({});
  });
});
