import { describe, expect, it } from "vitest";
import { ZoneNetwork } from "../../../lib/constructs/zone-network";
import { onlyResource, resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

describe("ZoneNetwork", () => {
  describe("GIVEN every property", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new ZoneNetwork(scope, "App", {
          networkName: "alpha-app",
          subnetName: "alpha-app-subnet",
          cidr: "10.10.41.0/24",
          gatewayIp: "10.10.41.1",
          allocationPool: { start: "10.10.41.10", end: "10.10.41.254" },
          dnsNameservers: ["172.16.0.53", "172.16.0.54"],
          tags: ["region=jeju", "agency=alpha"],
        }),
    );

    it("THEN there is one network with port security on, up, tagged", () => {
      expect(onlyResource(out, "openstack_networking_network_v2")).toEqual({
        name: "alpha-app",
        admin_state_up: true,
        port_security_enabled: true,
        tags: ["region=jeju", "agency=alpha"],
      });
    });

    it("THEN the subnet is on that network, with gateway, DHCP pool and resolvers", () => {
      const [networkId] = Object.keys(resourcesOf(out, "openstack_networking_network_v2"));
      expect(onlyResource(out, "openstack_networking_subnet_v2")).toEqual({
        name: "alpha-app-subnet",
        network_id: `\${openstack_networking_network_v2.${networkId}.id}`,
        cidr: "10.10.41.0/24",
        ip_version: 4,
        gateway_ip: "10.10.41.1",
        enable_dhcp: true,
        allocation_pool: [{ start: "10.10.41.10", end: "10.10.41.254" }],
        dns_nameservers: ["172.16.0.53", "172.16.0.54"],
        tags: ["region=jeju", "agency=alpha"],
      });
    });
  });

  describe("GIVEN only the required properties", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new ZoneNetwork(scope, "Db", {
          networkName: "alpha-db",
          subnetName: "alpha-db-subnet",
          cidr: "10.10.42.0/24",
          gatewayIp: "10.10.42.1",
        }),
    );

    it("THEN the subnet leaves pool and resolvers to Neutron and nothing is tagged", () => {
      const subnet = onlyResource(out, "openstack_networking_subnet_v2");
      expect(subnet.allocation_pool).toBeUndefined();
      expect(subnet.dns_nameservers).toBeUndefined();
      expect(subnet.tags).toBeUndefined();
      expect(onlyResource(out, "openstack_networking_network_v2").tags).toBeUndefined();
    });
  });

  describe("GIVEN an empty list of resolvers", () => {
    it("THEN no dns_nameservers are set", () => {
      const out = synthesizeConstructs(
        (scope) =>
          new ZoneNetwork(scope, "Dmz", {
            networkName: "alpha-dmz",
            subnetName: "alpha-dmz-subnet",
            cidr: "10.10.40.0/24",
            gatewayIp: "10.10.40.1",
            dnsNameservers: [],
          }),
      );
      expect(onlyResource(out, "openstack_networking_subnet_v2").dns_nameservers).toBeUndefined();
    });
  });
});
