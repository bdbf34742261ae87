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
          },
          { name: "m1.small", flavorId: "m1.small", vcpus: 1, ramGiB: 2, diskGiB: 0 },
        ]);
        expect("description" in flavors[1]!).toBe(false);
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
  });
});
