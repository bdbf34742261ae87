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
