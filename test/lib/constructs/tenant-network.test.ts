import { describe, expect, it } from "vitest";
import { TenantNetwork } from "../../../lib/constructs/tenant-network";
import { planAddresses } from "../../../lib/plan/address-plan";
import { planTenantNetwork, type TenantNetworkPlan } from "../../../lib/plan/tenant-network";
import { resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";
import { agency, withAgencies } from "../plan/fixtures";

const EXTERNAL = { "ext-internet": "internet-id", "ext-intranet": "intranet-id" };

function planFor(zones: readonly string[]): TenantNetworkPlan {
  const alpha = agency("alpha", { zones });
  const input = withAgencies(alpha);
  return planTenantNetwork(
    input,
    alpha,
    "jeju-cdc",
    planAddresses(input).get("alpha")!.get("jeju-cdc")!,
  );
}

function byName(resources: Record<string, Record<string, unknown>>, name: string) {
  const id = Object.keys(resources).find((key) => resources[key]!.name === name);
  if (!id) throw new Error(`no resource named ${name}`);
  return { id, resource: resources[id]! };
}

describe("TenantNetwork", () => {
  describe("GIVEN a plan with zones of every reach", () => {
    const plan = planFor(["dmz", "app", "db", "mgmt"]);
    const out = synthesizeConstructs(
      (scope) =>
        new TenantNetwork(scope, "Network", {
          plan,
          externalNetworkIds: EXTERNAL,
          tags: ["agency=alpha"],
        }),
    );
    const networks = resourcesOf(out, "openstack_networking_network_v2");
    const subnets = resourcesOf(out, "openstack_networking_subnet_v2");
    const routers = resourcesOf(out, "openstack_networking_router_v2");

    it("THEN there is a network and subnet per zone, plus the transit network", () => {
      expect(
        Object.values(networks)
          .map((n) => n.name)
          .sort(),
      ).toEqual(["alpha-app", "alpha-db", "alpha-dmz", "alpha-mgmt", "alpha-transit"]);
      expect(Object.values(subnets)).toHaveLength(5);
    });

    it("THEN the transit subnet has no gateway and no DHCP", () => {
      const { resource } = byName(subnets, "alpha-transit-subnet");
      expect(resource).toMatchObject({
        cidr: "10.10.43.240/28",
        no_gateway: true,
        enable_dhcp: false,
      });
      expect(resource.gateway_ip).toBeUndefined();
    });

    it("THEN each router's gateway is the given external network ID, none for the internal router", () => {
      expect(byName(routers, "alpha-internet").resource.external_network_id).toBe("internet-id");
      expect(byName(routers, "alpha-intranet").resource.external_network_id).toBe("intranet-id");
      expect(byName(routers, "alpha-internal").resource.external_network_id).toBeUndefined();
    });

    it("THEN each zone's subnet is attached to the router of its reach", () => {
      const interfaces = Object.values(
        resourcesOf(out, "openstack_networking_router_interface_v2"),
      );
      const attached = interfaces
        .filter((i) => i.subnet_id !== undefined)
        .map((i) => {
          const router = /\.([^.]+)\.id\}$/.exec(String(i.router_id))![1]!;
          const subnet = /\.([^.]+)\.id\}$/.exec(String(i.subnet_id))![1]!;
          return `${String(routers[router]!.name)} ${String(subnets[subnet]!.name)}`;
        });
      expect(attached.sort()).toEqual([
        "alpha-internal alpha-db-subnet",
        "alpha-internet alpha-dmz-subnet",
        "alpha-intranet alpha-app-subnet",
        "alpha-intranet alpha-mgmt-subnet",
      ]);
    });

    it("THEN each router has a transit port on the transit network with its planned address", () => {
      const ports = Object.values(resourcesOf(out, "openstack_networking_port_v2"));
      const transit = byName(networks, "alpha-transit").id;
      expect(
        ports.map((p) => [
          p.name,
          p.network_id,
          (p.fixed_ip as { ip_address: string }[])[0]!.ip_address,
        ]),
      ).toEqual([
        [
          "alpha-internet-transit",
          `\${openstack_networking_network_v2.${transit}.id}`,
          "10.10.43.244",
        ],
        [
          "alpha-intranet-transit",
          `\${openstack_networking_network_v2.${transit}.id}`,
          "10.10.43.245",
        ],
        [
          "alpha-internal-transit",
          `\${openstack_networking_network_v2.${transit}.id}`,
          "10.10.43.246",
        ],
      ]);
    });

    it("THEN the planned routes are there: each router to the other routers' zones", () => {
      const routes = Object.values(resourcesOf(out, "openstack_networking_router_route_v2"));
      expect(routes).toHaveLength(plan.routers.reduce((sum, r) => sum + r.routes.length, 0));
      // internet: app, db, mgmt; intranet: dmz, db; internal: dmz, app, mgmt.
      expect(routes).toHaveLength(8);
    });

    it("THEN there is a security group per zone, and everything is tagged", () => {
      expect(Object.values(resourcesOf(out, "openstack_networking_secgroup_v2"))).toHaveLength(4);
      for (const type of [
        "openstack_networking_network_v2",
        "openstack_networking_subnet_v2",
        "openstack_networking_router_v2",
        "openstack_networking_port_v2",
        "openstack_networking_secgroup_v2",
      ]) {
        for (const resource of Object.values(resourcesOf(out, type)))
          expect(resource.tags, type).toEqual(["agency=alpha"]);
      }
    });
  });

  describe("GIVEN a plan with one reach", () => {
    it("THEN there is no transit network, port or route", () => {
      const plan = planFor(["app", "mgmt"]);
      const out = synthesizeConstructs(
        (scope) => new TenantNetwork(scope, "Network", { plan, externalNetworkIds: EXTERNAL }),
      );
      expect(Object.values(resourcesOf(out, "openstack_networking_network_v2"))).toHaveLength(2);
      expect(resourcesOf(out, "openstack_networking_port_v2")).toEqual({});
      expect(resourcesOf(out, "openstack_networking_router_route_v2")).toEqual({});
      expect(Object.values(resourcesOf(out, "openstack_networking_router_v2"))).toHaveLength(1);
    });
  });

  describe("GIVEN an external network ID that was not given", () => {
    it("THEN building fails naming the router and the network", () => {
      const plan = planFor(["dmz"]);
      expect(() =>
        synthesizeConstructs(
          (scope) =>
            new TenantNetwork(scope, "Network", {
              plan,
              externalNetworkIds: { "ext-intranet": "intranet-id" },
            }),
        ),
      ).toThrow(/router alpha-internet needs external network ext-internet, which was not given/);
    });
  });
});
