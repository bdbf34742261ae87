import { describe, expect, it } from "vitest";
import { TenantRouter, type TenantRouterProps } from "../../../lib/constructs/tenant-router";
import { onlyResource, resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

function synth(props: Partial<TenantRouterProps> = {}) {
  return synthesizeConstructs(
    (scope) =>
      new TenantRouter(scope, "Router", {
        name: "alpha-intranet",
        subnetIds: { mgmt: "subnet-mgmt", app: "subnet-app" },
        ...props,
      }),
  );
}

function routerRef(out: ReturnType<typeof synth>): string {
  const [id] = Object.keys(resourcesOf(out, "openstack_networking_router_v2"));
  return `\${openstack_networking_router_v2.${id}.id}`;
}

describe("TenantRouter", () => {
  describe("GIVEN an external network", () => {
    it("THEN the router has its gateway there", () => {
      const out = synth({ externalNetworkId: "ext-intranet-id", tags: ["agency=alpha"] });
      expect(onlyResource(out, "openstack_networking_router_v2")).toEqual({
        name: "alpha-intranet",
        admin_state_up: true,
        external_network_id: "ext-intranet-id",
        tags: ["agency=alpha"],
      });
    });
  });

  describe("GIVEN no external network", () => {
    it("THEN the router has no gateway", () => {
      const router = onlyResource(synth(), "openstack_networking_router_v2");
      expect(router.external_network_id).toBeUndefined();
      expect(router.external_gateway).toBeUndefined();
    });
  });

  describe("GIVEN subnets of two zones and no transit", () => {
    const out = synth();

    it("THEN there is one interface per subnet on this router", () => {
      const interfaces = Object.values(
        resourcesOf(out, "openstack_networking_router_interface_v2"),
      );
      expect(interfaces).toEqual([
        { router_id: routerRef(out), subnet_id: "subnet-app" },
        { router_id: routerRef(out), subnet_id: "subnet-mgmt" },
      ]);
    });

    it("THEN there is no transit port and no route", () => {
      expect(resourcesOf(out, "openstack_networking_port_v2")).toEqual({});
      expect(resourcesOf(out, "openstack_networking_router_route_v2")).toEqual({});
    });
  });

  describe("GIVEN a transit link and routes", () => {
    const out = synth({
      transit: { networkId: "transit-net", subnetId: "transit-subnet", ip: "10.10.43.245" },
      routes: [
        { destination: "10.10.40.0/24", nextHop: "10.10.43.244" },
        { destination: "10.10.42.0/24", nextHop: "10.10.43.246" },
      ],
      tags: ["agency=alpha"],
    });

    it("THEN the transit port has the router's fixed address and port security off", () => {
      expect(onlyResource(out, "openstack_networking_port_v2")).toEqual({
        name: "alpha-intranet-transit",
        network_id: "transit-net",
        fixed_ip: [{ subnet_id: "transit-subnet", ip_address: "10.10.43.245" }],
        port_security_enabled: false,
        admin_state_up: true,
        tags: ["agency=alpha"],
      });
    });

    it("THEN the router is attached to the transit port by an interface of its own", () => {
      const [portId] = Object.keys(resourcesOf(out, "openstack_networking_port_v2"));
      const interfaces = Object.values(
        resourcesOf(out, "openstack_networking_router_interface_v2"),
      );
      expect(interfaces).toHaveLength(3);
      expect(interfaces).toContainEqual({
        router_id: routerRef(out),
        port_id: `\${openstack_networking_port_v2.${portId}.id}`,
      });
    });

    it("THEN each route is on this router and depends on the transit interface", () => {
      const interfaces = resourcesOf(out, "openstack_networking_router_interface_v2");
      const transit = Object.keys(interfaces).find((id) => interfaces[id]!.port_id !== undefined)!;
      const routes = Object.values(resourcesOf(out, "openstack_networking_router_route_v2"));
      expect(routes).toEqual([
        {
          router_id: routerRef(out),
          destination_cidr: "10.10.40.0/24",
          next_hop: "10.10.43.244",
          depends_on: [`openstack_networking_router_interface_v2.${transit}`],
        },
        {
          router_id: routerRef(out),
          destination_cidr: "10.10.42.0/24",
          next_hop: "10.10.43.246",
          depends_on: [`openstack_networking_router_interface_v2.${transit}`],
        },
      ]);
    });
  });
});
