import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { TenantNetworkExample } from "../../examples/tenant-network/main";
import { resourcesOf, synthesize } from "../helpers/cdktf";

describe("examples/tenant-network", () => {
  describe("GIVEN the example built from TypeScript objects", () => {
    const out = synthesize(new TenantNetworkExample(Testing.app(), "sample-agency-hq"));

    it("THEN it has four zone networks and a transit network", () => {
      const names = Object.values(resourcesOf(out, "openstack_networking_network_v2")).map(
        (n) => n.name,
      );
      expect(names.sort()).toEqual([
        "sample-agency-app",
        "sample-agency-db",
        "sample-agency-dmz",
        "sample-agency-mgmt",
        "sample-agency-transit",
      ]);
    });

    it("THEN the zone subnets sit in block 3 of the supernet by the default zone rule", () => {
      const cidrs = Object.values(resourcesOf(out, "openstack_networking_subnet_v2")).map(
        (s) => s.cidr,
      );
      expect(cidrs.sort()).toEqual([
        "10.50.12.0/24",
        "10.50.13.0/24",
        "10.50.14.0/24",
        "10.50.15.0/25",
        "10.50.15.240/28",
      ]);
    });

    it("THEN it has three routers, and only the dmz's router has the internet gateway", () => {
      const routers = Object.values(resourcesOf(out, "openstack_networking_router_v2"));
      expect(routers.map((r) => [r.name, r.external_network_id]).sort()).toEqual([
        ["sample-agency-internal", undefined],
        [
          "sample-agency-internet",
          "${data.openstack_networking_network_v2.External-ext-internet.id}",
        ],
        [
          "sample-agency-intranet",
          "${data.openstack_networking_network_v2.External-ext-intranet.id}",
        ],
      ]);
    });

    it("THEN it matches its snapshot", () => {
      expect(out).toMatchSnapshot();
    });
  });
});
