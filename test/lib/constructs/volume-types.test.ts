import { describe, expect, it } from "vitest";
import { VolumeTypes } from "../../../lib/constructs/volume-types";
import { onlyResource, resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

describe("VolumeTypes", () => {
  describe("GIVEN a plain and a replicated volume type", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new VolumeTypes(scope, "VolumeTypes", {
          volumeTypes: [
            {
              name: "ssd",
              description: "SSD",
              extraSpecs: { volume_backend_name: "ceph-ssd" },
            },
            {
              name: "replicated",
              description: "Mirrored to the DR site",
              extraSpecs: {
                replication_enabled: "<is> True",
                volume_backend_name: "ceph-ssd-rep",
              },
            },
          ],
        }),
    );
    const resources = resourcesOf(out, "openstack_blockstorage_volume_type_v3");
    const types = Object.values(resources);
    const byName = (name: string) => types.find((t) => t.name === name)!;

    it("THEN each is a public volume type with its description", () => {
      expect(types).toHaveLength(2);
      for (const type of types) expect(type.is_public).toBe(true);
      expect(byName("ssd").description).toBe("SSD");
    });

    it("THEN the extra specs are written as given", () => {
      expect(byName("ssd").extra_specs).toEqual({ volume_backend_name: "ceph-ssd" });
      expect(byName("replicated").extra_specs).toEqual({
        replication_enabled: "<is> True",
        volume_backend_name: "ceph-ssd-rep",
      });
    });

    it("THEN Terraform addresses follow the type names", () => {
      expect(Object.keys(resources).sort()).toEqual([
        expect.stringMatching(/^VolumeTypes_replicated_[0-9A-F]{8}$/),
        expect.stringMatching(/^VolumeTypes_ssd_[0-9A-F]{8}$/),
      ]);
    });

    it("THEN volume types are not protected from destroy: Cinder refuses to delete one in use", () => {
      for (const type of types) expect(type.lifecycle).toBeUndefined();
    });
  });

  it("GIVEN a type without extra specs or description THEN neither is written", () => {
    const out = synthesizeConstructs(
      (scope) => new VolumeTypes(scope, "VolumeTypes", { volumeTypes: [{ name: "any" }] }),
    );
    const type = onlyResource(out, "openstack_blockstorage_volume_type_v3");
    expect(type.extra_specs).toBeUndefined();
    expect(type.description).toBeUndefined();
  });
});
