import { describe, expect, it } from "vitest";
import { ExternalNetwork } from "../../../lib/constructs/external-network";
import { KeystoneDomain } from "../../../lib/constructs/keystone-domain";
import { onlyResource, synthesizeConstructs } from "../../helpers/cdktf";

describe("ExternalNetwork", () => {
  describe("GIVEN a flat network without allocation pools", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new ExternalNetwork(scope, "Internet", {
          name: "ext-net",
          subnetName: "ext-net-subnet",
          reaches: "internet",
          cidr: "192.0.2.0/24",
          gatewayIp: "192.0.2.1",
          networkType: "flat",
          physicalNetwork: "physnet1",
        }),
    );

    it("THEN the segment has no VLAN ID and the subnet no pools, DHCP off", () => {
      expect(onlyResource(out, "openstack_networking_network_v2").segments).toEqual([
        { network_type: "flat", physical_network: "physnet1" },
      ]);
      const subnet = onlyResource(out, "openstack_networking_subnet_v2");
      expect(subnet.allocation_pool).toBeUndefined();
      expect(subnet.enable_dhcp).toBe(false);
    });
  });
});

describe("KeystoneDomain", () => {
  it("GIVEN protect: false THEN the domain is an unprotected is_domain project", () => {
    const out = synthesizeConstructs(
      (scope) => new KeystoneDomain(scope, "Domain", { name: "region", protect: false }),
    );
    const domain = onlyResource(out, "openstack_identity_project_v3");
    expect(domain).toMatchObject({ name: "region", is_domain: true });
    expect(domain.lifecycle).toBeUndefined();
  });
});
