import { describe, expect, it } from "vitest";
import { zonesRouteOutByReach } from "../../../lib/policy/rules/zones-route-out-by-reach";
import { agencyStack, check, routerRef, subnetRef } from "./fixtures";

describe("TAMNA-NET-004 zones route out only to what they reach", () => {
  describe("Compliance", () => {
    it("GIVEN a router per class, transit routes to sibling zones and a public LB in the dmz THEN nothing is found", () => {
      const stack = agencyStack({
        openstack_lb_loadbalancer_v2: {
          web: { name: "city-web", vip_subnet_id: subnetRef("dmz") },
        },
        openstack_networking_floatingip_v2: {
          web: {
            pool: "ext-internet",
            port_id: "${openstack_lb_loadbalancer_v2.web.vip_port_id}",
          },
        },
      });
      expect(check(zonesRouteOutByReach, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: a business zone attached to the internet router", () => {
    it("THEN the interface is named, with the router and its external network", () => {
      const findings = check(
        zonesRouteOutByReach,
        agencyStack({
          openstack_networking_router_interface_v2: {
            "app-internet": { router_id: routerRef("internet"), subnet_id: subnetRef("app") },
          },
        }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-NET-004",
          address: "openstack_networking_router_interface_v2.app-internet",
          attribute: "router_id",
          message:
            "zone app (reaches intranet) is attached to router city-internet, whose gateway is on ext-internet (the internet)",
          hint: "attach the app subnet to the agency's intranet router",
        }),
      ]);
    });
  });

  describe("Noncompliance 2: a default route from the intranet router into the internet router", () => {
    it("THEN the route is found, naming the zones it exposes", () => {
      const findings = check(
        zonesRouteOutByReach,
        agencyStack({
          openstack_networking_router_route_v2: {
            default: {
              router_id: routerRef("intranet"),
              destination_cidr: "0.0.0.0/0",
              next_hop: "10.0.3.244",
            },
          },
        }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          address: "openstack_networking_router_route_v2.default",
          attribute: "destination_cidr",
          message: expect.stringMatching(
            /^zones app, mgmt get a route to 0\.0\.0\.0\/0 through router city-internet/,
          ),
        }),
      ]);
    });
  });

  describe("Noncompliance 3: a floating IP from the internet on a port in the data zone", () => {
    it("THEN the floating IP is found", () => {
      const findings = check(
        zonesRouteOutByReach,
        agencyStack({
          openstack_networking_port_v2: {
            "db-01": { name: "city-db-01", network_id: "${openstack_networking_network_v2.db.id}" },
          },
          openstack_networking_floatingip_v2: {
            "db-01": {
              pool: "${data.openstack_networking_network_v2.internet.name}",
              port_id: "${openstack_networking_port_v2.db-01.id}",
            },
          },
        }),
      );
      expect(findings.map((f) => [f.address, f.message])).toEqual([
        [
          "openstack_networking_floatingip_v2.db-01",
          "a floating IP from ext-internet (the internet) forwards into zone db, which reaches none",
        ],
      ]);
    });
  });

  describe("Noncompliance 4: the data zone behind a gateway that cannot be identified", () => {
    it("THEN it is found, with how to make it checkable", () => {
      const findings = check(
        zonesRouteOutByReach,
        agencyStack({
          openstack_networking_router_v2: {
            none: {
              name: "city-internal",
              external_network_id: "4f1c0a1e-4bd0-4c8e-9a39-5b3e2f7b2a10",
            },
          },
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /zone db .* cannot be identified offline \(refer to it through a data source by name\)/,
        ),
      ]);
    });
  });
});
