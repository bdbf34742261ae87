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

  describe("GIVEN a private GPU flavor and a general one with extra specs", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new FlavorCatalogue(scope, "Flavors", {
          flavors: [
            {
              name: "g1.a100",
              vcpus: 16,
              ramGiB: 128,
              diskGiB: 0,
              isPublic: false,
              extraSpecs: {
                "aggregate_instance_extra_specs:gpu": "true",
                "pci_passthrough:alias": "a100:1",
              },
            },
            {
              name: "m1.small",
              vcpus: 1,
              ramGiB: 2,
              diskGiB: 0,
              extraSpecs: { "aggregate_instance_extra_specs:gpu": "false" },
            },
            { name: "m1.plain", vcpus: 1, ramGiB: 2, diskGiB: 0, extraSpecs: {} },
          ],
        }),
    );
    const flavors = Object.values(resourcesOf(out, "openstack_compute_flavor_v2"));
    const byName = (name: string) => flavors.find((f) => f.name === name)!;

    it("THEN the GPU flavor is private and asks for its device and hosts", () => {
      expect(byName("g1.a100")).toMatchObject({
        is_public: false,
        extra_specs: {
          "aggregate_instance_extra_specs:gpu": "true",
          "pci_passthrough:alias": "a100:1",
        },
      });
    });

    it("THEN the general flavor stays public and keeps to general hosts", () => {
      expect(byName("m1.small")).toMatchObject({
        is_public: true,
        extra_specs: { "aggregate_instance_extra_specs:gpu": "false" },
      });
    });

    it("THEN empty extra specs write no attribute", () => {
      expect(byName("m1.plain").extra_specs).toBeUndefined();
    });
  });

  it("GIVEN no flavors THEN it creates nothing", () => {
    const out = synthesizeConstructs((scope) => new FlavorCatalogue(scope, "F", { flavors: [] }));
    expect(resourcesOf(out, "openstack_compute_flavor_v2")).toEqual({});
  });
});
