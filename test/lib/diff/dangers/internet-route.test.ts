import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internetNetworkNames } from "../../../../lib/diff/dangers/internet-route";
import { diffDirs, Outputs, putResource, resourceName } from "../fixtures";

/* eslint-disable @typescript-eslint/no-explicit-any -- Terraform JSON edited freely */

const outputs = new Outputs();
let base: string;

const STACK = "jeju-city-jeju-cdc";
const ROUTER = "openstack_networking_router_v2";
const NETWORK_DATA = "openstack_networking_network_v2";

beforeAll(() => {
  base = outputs.synth("base");
});
afterAll(() => outputs.removeAll());

const routes = (report: ReturnType<typeof diffDirs>, stack = STACK) =>
  report.dangers.filter((d) => d.kind === "internet-route" && d.stack === stack);

/** `${data...id}` of the stack's data source for the external network called `name`. */
const externalNetwork = (json: any, name: string) => {
  const [key] = Object.entries<any>(json.data[NETWORK_DATA]).find(([, b]) => b.name === name)!;
  return `\${data.${NETWORK_DATA}.${key}.id}`;
};
const ref = (type: string, name: string) => `\${${type}.${name}.id}`;

describe("danger: a zone gaining a route to the internet", () => {
  describe("Noncompliance 1: the internal (db) router gets a gateway on the internet network", () => {
    it("THEN the router is flagged, naming the external network", () => {
      const head = outputs.copy(base, "gateway", {
        [STACK]: (json) => {
          const router = resourceName(json, ROUTER, "Routers_none_Router");
          json.resource[ROUTER][router].external_network_id = externalNetwork(json, "ext-internet");
        },
      });
      expect(routes(diffDirs(base, head)).map((d) => d.message)).toEqual([
        "router jeju-city-internal gets its gateway on the internet external network ext-internet",
      ]);
    });
  });

  describe("Noncompliance 2: the db subnet attached to the internet router", () => {
    it("THEN the new interface is flagged", () => {
      const head = outputs.copy(base, "interface", {
        [STACK]: (json) => {
          putResource(json, "openstack_networking_router_interface_v2", "DbToInternet", {
            router_id: ref(ROUTER, resourceName(json, ROUTER, "Routers_internet_Router")),
            subnet_id: ref(
              "openstack_networking_subnet_v2",
              resourceName(json, "openstack_networking_subnet_v2", "Zones_db_Subnet"),
            ),
          });
        },
      });
      expect(routes(diffDirs(base, head))).toEqual([
        {
          kind: "internet-route",
          stack: STACK,
          address: "openstack_networking_router_interface_v2.DbToInternet",
          message:
            "attaches subnet jeju-city-db-subnet to internet router jeju-city-internet: its hosts get a default route to the internet",
        },
      ]);
    });
  });

  describe("Noncompliance 3: a default route on the intranet router through the internet router", () => {
    it("THEN the route is flagged", () => {
      const head = outputs.copy(base, "default-route", {
        [STACK]: (json) => {
          const port =
            json.resource.openstack_networking_port_v2[
              resourceName(json, "openstack_networking_port_v2", "Routers_internet_TransitPort")
            ];
          putResource(json, "openstack_networking_router_route_v2", "Default", {
            router_id: ref(ROUTER, resourceName(json, ROUTER, "Routers_intranet_Router")),
            destination_cidr: "0.0.0.0/0",
            next_hop: port.fixed_ip[0].ip_address,
          });
        },
      });
      expect(routes(diffDirs(base, head)).map((d) => d.message)).toEqual([
        "routes 0.0.0.0/0 from router jeju-city-intranet through internet router jeju-city-internet: the zones behind it reach the internet",
      ]);
    });
  });

  describe("Compliance", () => {
    it("GIVEN the internal router given the intranet gateway THEN no danger", () => {
      const head = outputs.copy(base, "intranet", {
        [STACK]: (json) => {
          const router = resourceName(json, ROUTER, "Routers_none_Router");
          json.resource[ROUTER][router].external_network_id = externalNetwork(json, "ext-intranet");
        },
      });
      const report = diffDirs(base, head);
      expect(report.stacks).toHaveLength(1);
      expect(routes(report)).toEqual([]);
    });

    it("GIVEN the db subnet resized (routes to it recreated) THEN no danger", () => {
      const head = outputs.synth("cidr", ({ region }) => {
        region.zones.db.subnet = { prefixLength: 25, slot: 4 };
      });
      expect(diffDirs(base, head).dangers.filter((d) => d.kind === "internet-route")).toEqual([]);
    });

    it("GIVEN a new agency THEN only its internet router and its DMZ attachment are flagged", () => {
      const head = outputs.synth("agency", ({ agencies }) => {
        const copy = structuredClone(agencies.find((a) => a.slug === "jeju-tourism"));
        copy.slug = "jeju-water";
        copy.addressBlock = { index: 6 };
        agencies.push(copy);
      });
      expect(routes(diffDirs(base, head), "jeju-water-jeju-cdc").map((d) => d.message)).toEqual([
        "attaches subnet jeju-water-dmz-subnet to internet router jeju-water-internet: its hosts get a default route to the internet",
        "router jeju-water-internet gets its gateway on the internet external network ext-internet",
      ]);
    });
  });

  describe("internetNetworkNames", () => {
    const platform = (tags: string[] | undefined) => ({
      resource: {
        openstack_networking_network_v2: {
          a: { name: "public-net", external: true, ...(tags ? { tags } : {}) },
          b: { name: "internet-2", external: true },
        },
      },
    });

    it("GIVEN reaches= tags THEN only networks tagged reaches=internet", () => {
      const reaches = internetNetworkNames(platform(["reaches=internet"]));
      expect([reaches("public-net"), reaches("internet-2")]).toEqual([true, false]);
    });

    it("GIVEN no reaches= tags THEN names containing internet", () => {
      const reaches = internetNetworkNames(platform(undefined));
      expect([reaches("public-net"), reaches("internet-2")]).toEqual([false, true]);
    });
  });
});
