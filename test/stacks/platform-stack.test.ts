import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { PlatformStack } from "../../stacks/platform-stack";
import { exampleStack } from "../helpers/example-region";
import { dataSourcesOf, resourcesOf, synthesize } from "../helpers/cdktf";

describe("PlatformStack", () => {
  describe("GIVEN the example region's primary site", () => {
    const plan = exampleStack("platform-jeju-cdc", "platform");
    const out = synthesize(new PlatformStack(Testing.app(), plan));

    it("THEN the provider is configured by cloud name and region only (admin scope)", () => {
      expect(out.provider?.openstack).toEqual([{ cloud: "jeju-cdc", region: "JejuCDC" }]);
    });

    it("THEN it creates the agencies' Keystone domain, protected from destroy", () => {
      const domains = Object.values(resourcesOf(out, "openstack_identity_project_v3"));
      expect(domains).toHaveLength(1);
      expect(domains[0]).toMatchObject({
        name: "jeju",
        is_domain: true,
        enabled: true,
        lifecycle: { prevent_destroy: true },
      });
    });

    it("THEN it creates one external network and subnet per declared external network", () => {
      const networks = Object.values(resourcesOf(out, "openstack_networking_network_v2"));
      expect(networks.map((n) => n.name).sort()).toEqual(["ext-internet", "ext-intranet"]);
      const internet = networks.find((n) => n.name === "ext-internet")!;
      expect(internet).toMatchObject({
        external: true,
        shared: false,
        segments: [{ network_type: "vlan", physical_network: "physnet-ext", segmentation_id: 101 }],
        lifecycle: { prevent_destroy: true },
      });
      expect(internet.tags).toContain("reaches=internet");

      const subnets = Object.values(resourcesOf(out, "openstack_networking_subnet_v2"));
      const internetSubnet = subnets.find((s) => s.name === "ext-internet-subnet")!;
      expect(internetSubnet).toMatchObject({
        cidr: "203.0.113.0/24",
        gateway_ip: "203.0.113.1",
        enable_dhcp: false,
        ip_version: 4,
        allocation_pool: [{ start: "203.0.113.10", end: "203.0.113.250" }],
      });
      expect(internetSubnet.network_id).toMatch(
        /^\$\{openstack_networking_network_v2\.[\w-]+\.id\}$/,
      );
    });

    it("THEN it creates the region's flavors, public except the GPU ones, whose ID is the name", () => {
      const flavors = Object.values(resourcesOf(out, "openstack_compute_flavor_v2"));
      expect(flavors.map((f) => f.name).sort()).toEqual([
        "c1.xlarge",
        "db1.2xlarge",
        "g1.a100",
        "g1.vgpu",
        "m1.large",
        "m1.medium",
        "m1.small",
        "r1.xlarge",
      ]);
      for (const flavor of flavors) {
        expect(flavor.flavor_id).toBe(flavor.name);
        expect(flavor.is_public).toBe(!String(flavor.name).startsWith("g1."));
      }
      expect(flavors.find((f) => f.name === "db1.2xlarge")).toMatchObject({
        vcpus: 16,
        ram: 131072,
        disk: 0,
      });
    });

    it("THEN GPU flavors ask for their GPUs and GPU hosts, general flavors for general hosts", () => {
      const flavors = Object.values(resourcesOf(out, "openstack_compute_flavor_v2"));
      const specs = Object.fromEntries(flavors.map((f) => [f.name as string, f.extra_specs]));
      expect(specs["g1.a100"]).toEqual({
        "aggregate_instance_extra_specs:gpu": "true",
        "pci_passthrough:alias": "a100:1",
      });
      expect(specs["g1.vgpu"]).toEqual({
        "aggregate_instance_extra_specs:gpu": "true",
        "resources:VGPU": "1",
      });
      expect(specs["m1.small"]).toEqual({ "aggregate_instance_extra_specs:gpu": "false" });
    });

    it("THEN it creates public volume types on their Cinder backends; replicated ones ask for replication", () => {
      const types = Object.values(resourcesOf(out, "openstack_blockstorage_volume_type_v3"));
      const specs = Object.fromEntries(types.map((t) => [t.name as string, t.extra_specs]));
      expect(specs).toEqual({
        standard: { volume_backend_name: "ceph-hdd" },
        ssd: { volume_backend_name: "ceph-ssd" },
        replicated: { replication_enabled: "<is> True", volume_backend_name: "ceph-ssd-rep" },
        "replicated-hdd": {
          replication_enabled: "<is> True",
          volume_backend_name: "ceph-hdd-rep",
        },
      });
      for (const type of types) expect(type.is_public).toBe(true);
    });

    it("THEN it puts each availability zone's compute hosts in a <site>-<zone> aggregate", () => {
      const aggregates = Object.values(resourcesOf(out, "openstack_compute_aggregate_v2"));
      expect(aggregates.map((a) => [a.name, a.zone]).sort()).toEqual([
        ["jeju-cdc-cdc-az1", "cdc-az1"],
        ["jeju-cdc-cdc-az1-gpu", "cdc-az1"],
        ["jeju-cdc-cdc-az2", "cdc-az2"],
        ["jeju-cdc-cdc-az2-gpu", "cdc-az2"],
        ["jeju-cdc-cdc-az3", "cdc-az3"],
      ]);
      expect(aggregates.find((a) => a.name === "jeju-cdc-cdc-az1")).toMatchObject({
        hosts: ["cdc-cmp-a01", "cdc-cmp-a02", "cdc-cmp-a03", "cdc-cmp-a04"],
        metadata: { description: "Hall A, fire compartment 1, power feed A", gpu: "false" },
      });
    });

    it("THEN the GPU hosts of a zone are in an aggregate of their own in that zone, marked gpu=true", () => {
      const aggregates = Object.values(resourcesOf(out, "openstack_compute_aggregate_v2"));
      expect(aggregates.find((a) => a.name === "jeju-cdc-cdc-az1-gpu")).toMatchObject({
        zone: "cdc-az1",
        hosts: ["cdc-gpu-a01", "cdc-gpu-a02"],
        metadata: { description: "Hall A, fire compartment 1, power feed A", gpu: "true" },
      });
    });

    it("THEN it reads nothing from other stacks", () => {
      expect(out.data).toBeUndefined();
      expect(dataSourcesOf(out, "openstack_identity_project_v3")).toEqual({});
    });

    it("THEN its state lives under its own key in the site's S3-compatible store, with lockfile locking", () => {
      expect(out.terraform?.backend).toEqual({
        s3: expect.objectContaining({
          bucket: "jeju-tfstate",
          key: "jeju/platform-jeju-cdc.tfstate",
          endpoints: { s3: "https://rgw.jeju-cdc.example.go.kr" },
          use_path_style: true,
          use_lockfile: true,
        }),
      });
    });

    it("THEN it requires the provider version the bindings were generated from", () => {
      expect(out.terraform?.required_providers).toEqual({
        openstack: {
          source: "registry.terraform.io/terraform-provider-openstack/openstack",
          version: "3.4.0",
        },
      });
      expect(out.terraform?.required_version).toBe(">= 1.5.0");
    });
  });

  describe("GIVEN the DR site", () => {
    const plan = exampleStack("platform-mainland-drc", "platform");
    const out = synthesize(new PlatformStack(Testing.app(), plan));

    it("THEN its flavors and volume types are those of the primary site, with the same IDs", () => {
      const primary = synthesize(
        new PlatformStack(Testing.app(), exampleStack("platform-jeju-cdc", "platform")),
      );
      for (const type of ["openstack_compute_flavor_v2", "openstack_blockstorage_volume_type_v3"])
        expect(resourcesOf(out, type)).toEqual(resourcesOf(primary, type));
    });

    it("THEN its aggregates are its own zones' hosts", () => {
      const aggregates = Object.values(resourcesOf(out, "openstack_compute_aggregate_v2"));
      expect(aggregates.map((a) => a.name).sort()).toEqual([
        "mainland-drc-drc-az1",
        "mainland-drc-drc-az2",
      ]);
      expect(aggregates.find((a) => a.zone === "drc-az2")!.hosts).toEqual([
        "drc-cmp-201",
        "drc-cmp-202",
        "drc-cmp-203",
      ]);
    });

    it("THEN its state is kept at the DR site, not with the primary", () => {
      expect(out.terraform?.backend).toEqual({
        s3: expect.objectContaining({
          bucket: "jeju-tfstate-drc",
          endpoints: { s3: "https://rgw.mainland-drc.example.go.kr" },
          key: "jeju/platform-mainland-drc.tfstate",
        }),
      });
    });
  });
});
