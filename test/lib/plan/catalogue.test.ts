import { describe, expect, it } from "vitest";
import {
  planAggregates,
  planFlavors,
  planVolumeTypes,
  volumeTypeExtraSpecs,
} from "../../../lib/plan/catalogue";
import { aggregateName } from "../../../lib/names";

describe("catalogue plan", () => {
  describe("planFlavors", () => {
    describe("GIVEN flavors written out of order", () => {
      const flavors = planFlavors({
        "m1.small": { vcpus: 1, ramGiB: 2, diskGiB: 0 },
        "c1.xlarge": { vcpus: 8, ramGiB: 16, diskGiB: 40, description: "Compute" },
      });

      it("THEN they are sorted by name", () => {
        expect(flavors.map((f) => f.name)).toEqual(["c1.xlarge", "m1.small"]);
      });

      it("THEN the flavor ID is the name, so it is the same at every site", () => {
        for (const flavor of flavors) expect(flavor.flavorId).toBe(flavor.name);
      });

      it("THEN sizes are kept and a description only appears when given", () => {
        expect(flavors).toEqual([
          {
            name: "c1.xlarge",
            flavorId: "c1.xlarge",
            vcpus: 8,
            ramGiB: 16,
            diskGiB: 40,
            description: "Compute",
            gpus: 0,
            isPublic: true,
            extraSpecs: {},
          },
          {
            name: "m1.small",
            flavorId: "m1.small",
            vcpus: 1,
            ramGiB: 2,
            diskGiB: 0,
            gpus: 0,
            isPublic: true,
            extraSpecs: {},
          },
        ]);
        expect("description" in flavors[1]!).toBe(false);
      });
    });

    describe("GIVEN a region with GPU flavors (gpuIsolation)", () => {
      const flavors = planFlavors(
        {
          "m1.small": { vcpus: 1, ramGiB: 2, diskGiB: 0 },
          "g1.a100": {
            vcpus: 16,
            ramGiB: 128,
            diskGiB: 0,
            gpu: { type: "passthrough", alias: "a100", count: 2 },
          },
          "g1.vgpu": { vcpus: 8, ramGiB: 32, diskGiB: 0, gpu: { type: "vgpu", count: 1 } },
        },
        true,
      );
      const byName = new Map(flavors.map((flavor) => [flavor.name, flavor]));

      it("THEN a passthrough flavor asks for the alias and count, and is private", () => {
        expect(byName.get("g1.a100")).toMatchObject({
          gpus: 2,
          isPublic: false,
          extraSpecs: {
            "aggregate_instance_extra_specs:gpu": "true",
            "pci_passthrough:alias": "a100:2",
          },
        });
      });

      it("THEN a vGPU flavor asks Placement for VGPU resources, and is private", () => {
        expect(byName.get("g1.vgpu")).toMatchObject({
          gpus: 1,
          isPublic: false,
          extraSpecs: { "aggregate_instance_extra_specs:gpu": "true", "resources:VGPU": "1" },
        });
      });

      it("THEN a general flavor stays public and requires hosts marked gpu=false", () => {
        expect(byName.get("m1.small")).toMatchObject({
          gpus: 0,
          isPublic: true,
          extraSpecs: { "aggregate_instance_extra_specs:gpu": "false" },
        });
      });
    });

    it("GIVEN no flavors THEN the plan has none", () => {
      expect(planFlavors({})).toEqual([]);
    });
  });

  describe("volumeTypeExtraSpecs", () => {
    it("GIVEN a plain type THEN only the backend name is set", () => {
      expect(volumeTypeExtraSpecs({ backendName: "ceph-hdd", replicated: false })).toEqual({
        volume_backend_name: "ceph-hdd",
      });
    });

    it("GIVEN a replicated type THEN Cinder is asked for replication", () => {
      expect(volumeTypeExtraSpecs({ backendName: "ceph-ssd-rep", replicated: true })).toEqual({
        replication_enabled: "<is> True",
        volume_backend_name: "ceph-ssd-rep",
      });
    });

    it("GIVEN more extra specs THEN they are merged and every key is sorted", () => {
      const specs = volumeTypeExtraSpecs({
        backendName: "ceph-ssd",
        replicated: true,
        extraSpecs: { "z:last": "1", "a:first": "2", "qos:maxIOPS": "5000" },
      });
      expect(Object.keys(specs)).toEqual([
        "a:first",
        "qos:maxIOPS",
        "replication_enabled",
        "volume_backend_name",
        "z:last",
      ]);
      expect(specs["qos:maxIOPS"]).toBe("5000");
    });
  });

  describe("planVolumeTypes", () => {
    it("GIVEN types out of order THEN they are sorted by name with their extra specs", () => {
      expect(
        planVolumeTypes({
          ssd: { description: "SSD", backendName: "ceph-ssd", replicated: false },
          replicated: { description: "Mirrored", backendName: "ceph-rep", replicated: true },
          standard: { description: "HDD", backendName: "ceph-hdd", replicated: false },
        }),
      ).toEqual([
        {
          name: "replicated",
          description: "Mirrored",
          extraSpecs: { replication_enabled: "<is> True", volume_backend_name: "ceph-rep" },
        },
        { name: "ssd", description: "SSD", extraSpecs: { volume_backend_name: "ceph-ssd" } },
        {
          name: "standard",
          description: "HDD",
          extraSpecs: { volume_backend_name: "ceph-hdd" },
        },
      ]);
    });
  });

  describe("planAggregates", () => {
    it("THEN an aggregate is named <site>-<zone>", () => {
      expect(aggregateName("jeju-cdc", "az1")).toBe("jeju-cdc-az1");
    });

    describe("GIVEN zones with and without hosts", () => {
      const aggregates = planAggregates("site-a", [
        { name: "az2", hosts: ["cmp-b02", "cmp-b01"] },
        { name: "az3" },
        { name: "az1", description: "Hall A, power feed A", hosts: ["cmp-a01", "cmp-a01"] },
      ]);

      it("THEN only zones with hosts get an aggregate, sorted by name", () => {
        expect(aggregates.map((a) => a.name)).toEqual(["site-a-az1", "site-a-az2"]);
      });

      it("THEN the aggregate puts its hosts, sorted and once each, in the zone", () => {
        expect(aggregates[1]).toEqual({
          name: "site-a-az2",
          zone: "az2",
          hosts: ["cmp-b01", "cmp-b02"],
          metadata: {},
        });
        expect(aggregates[0]!.hosts).toEqual(["cmp-a01"]);
      });

      it("THEN the zone's description becomes string metadata", () => {
        expect(aggregates[0]!.metadata).toEqual({ description: "Hall A, power feed A" });
      });
    });

    describe("GIVEN a zone with GPU hosts in a region with GPUs", () => {
      const aggregates = planAggregates(
        "site-a",
        [
          { name: "az2", hosts: ["cmp-b01"] },
          {
            name: "az1",
            description: "Hall A",
            hosts: ["cmp-a01"],
            gpuHosts: ["gpu-a02", "gpu-a01"],
          },
        ],
        true,
      );

      it("THEN the GPU hosts get an aggregate of their own in the same zone, marked gpu=true", () => {
        expect(aggregates.find((a) => a.name === "site-a-az1-gpu")).toEqual({
          name: "site-a-az1-gpu",
          zone: "az1",
          hosts: ["gpu-a01", "gpu-a02"],
          metadata: { description: "Hall A", gpu: "true" },
        });
      });

      it("THEN the general hosts' aggregates are marked gpu=false, so GPU flavors stay off them", () => {
        expect(
          aggregates.filter((a) => !a.name.endsWith("-gpu")).map((a) => [a.name, a.metadata.gpu]),
        ).toEqual([
          ["site-a-az1", "false"],
          ["site-a-az2", "false"],
        ]);
      });

      it("THEN the aggregates stay sorted by name", () => {
        expect(aggregates.map((a) => a.name)).toEqual([
          "site-a-az1",
          "site-a-az1-gpu",
          "site-a-az2",
        ]);
      });
    });

    it("GIVEN a region without GPUs THEN the aggregates carry no gpu key", () => {
      const [aggregate] = planAggregates("site-a", [{ name: "az1", hosts: ["cmp-a01"] }]);
      expect(aggregate!.metadata).toEqual({});
    });
  });
});
