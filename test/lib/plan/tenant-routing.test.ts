import { describe, expect, it } from "vitest";
import { contains } from "../../../lib/net/cidr";
import { planRouting, type RoutingPlan } from "../../../lib/plan/tenant-routing";
import type { RegionSpec } from "../../../lib/spec/region";
import { exampleRegion } from "../../helpers/example-region";

const REGION: RegionSpec = exampleRegion().input.region.spec;
const SITE = { name: "jeju-cdc", spec: REGION.sites["jeju-cdc"]! };
const CIDRS = {
  dmz: "10.10.40.0/24",
  app: "10.10.41.0/24",
  db: "10.10.42.0/24",
  mgmt: "10.10.43.0/25",
};
const TRANSIT = "10.10.43.240/28";

function routing(zones: readonly (keyof typeof CIDRS)[], site = SITE): RoutingPlan {
  const cidrs = Object.fromEntries(zones.map((zone) => [zone, CIDRS[zone]]));
  return planRouting(REGION, site, "alpha", cidrs, TRANSIT);
}

function router(plan: RoutingPlan, key: string) {
  const found = plan.routers.find((r) => r.key === key);
  if (!found) throw new Error(`no router ${key}`);
  return found;
}

describe("planRouting", () => {
  describe("GIVEN an agency with zones of every reach", () => {
    const plan = routing(["dmz", "app", "db", "mgmt"]);

    it("THEN there is one router per reach, internet first", () => {
      expect(plan.routers.map((r) => [r.key, r.name, r.zones])).toEqual([
        ["internet", "alpha-internet", ["dmz"]],
        ["intranet", "alpha-intranet", ["app", "mgmt"]],
        ["none", "alpha-internal", ["db"]],
      ]);
    });

    it("THEN the internet and intranet routers have a gateway on the site's network of that class", () => {
      expect(router(plan, "internet").externalNetwork).toBe("ext-internet");
      expect(router(plan, "intranet").externalNetwork).toBe("ext-intranet");
    });

    it("THEN the router of the zone that reaches nothing has no external network", () => {
      expect(router(plan, "none").externalNetwork).toBeUndefined();
      expect(router(plan, "none").zones).toEqual(["db"]);
    });

    it("THEN a transit network links them, on the agency's transit CIDR", () => {
      expect(plan.transit).toEqual({
        networkName: "alpha-transit",
        subnetName: "alpha-transit-subnet",
        cidr: TRANSIT,
      });
    });

    it("THEN each router has its own fixed transit address by reach", () => {
      expect(plan.routers.map((r) => r.transitIp)).toEqual([
        "10.10.43.244",
        "10.10.43.245",
        "10.10.43.246",
      ]);
      for (const r of plan.routers) expect(contains(TRANSIT, `${r.transitIp!}/32`)).toBe(true);
    });

    it("THEN each router routes to the zones behind the others via their transit addresses", () => {
      expect(router(plan, "internet").routes).toEqual([
        { destination: "10.10.41.0/24", nextHop: "10.10.43.245" },
        { destination: "10.10.42.0/24", nextHop: "10.10.43.246" },
        { destination: "10.10.43.0/25", nextHop: "10.10.43.245" },
      ]);
      expect(router(plan, "none").routes).toEqual([
        { destination: "10.10.40.0/24", nextHop: "10.10.43.244" },
        { destination: "10.10.41.0/24", nextHop: "10.10.43.245" },
        { destination: "10.10.43.0/25", nextHop: "10.10.43.245" },
      ]);
    });

    it("THEN routes cover exactly the zones of the other routers, never a router's own zones", () => {
      for (const r of plan.routers) {
        const others = plan.routers.filter((o) => o !== r);
        const expected = others.flatMap((o) =>
          o.zones.map((z) => ({
            destination: CIDRS[z as keyof typeof CIDRS],
            nextHop: o.transitIp,
          })),
        );
        expect([...r.routes].sort((a, b) => a.destination.localeCompare(b.destination))).toEqual(
          expected.sort((a, b) => a.destination.localeCompare(b.destination)),
        );
      }
    });

    it("THEN no S zone is attached to a router whose gateway reaches the internet", () => {
      for (const r of plan.routers) {
        const reaches = r.externalNetwork
          ? SITE.spec.externalNetworks[r.externalNetwork]!.reaches
          : "none";
        if (reaches !== "internet") continue;
        for (const zone of r.zones) expect(REGION.zones[zone]!.classification).toBe("O");
      }
    });
  });

  describe("GIVEN an agency whose zones all reach the same class", () => {
    const plan = routing(["app", "mgmt"]);

    it("THEN there is one router, without transit, transit address or routes", () => {
      expect(plan.routers).toHaveLength(1);
      expect(plan.transit).toBeUndefined();
      expect(plan.routers[0]).toMatchObject({
        key: "intranet",
        zones: ["app", "mgmt"],
        routes: [],
      });
      expect(plan.routers[0]!.transitIp).toBeUndefined();
    });
  });

  describe("GIVEN an agency whose only zone reaches nothing", () => {
    it("THEN its one router has no gateway and no transit", () => {
      const plan = routing(["db"]);
      expect(plan.routers).toEqual([
        {
          key: "none",
          name: "alpha-internal",
          externalNetwork: undefined,
          zones: ["db"],
          transitIp: undefined,
          routes: [],
        },
      ]);
      expect(plan.transit).toBeUndefined();
    });
  });

  describe("GIVEN an agency with two reaches", () => {
    it("THEN transit addresses keep their offsets by reach, not by position", () => {
      const plan = routing(["app", "db"]);
      expect(plan.routers.map((r) => [r.key, r.transitIp])).toEqual([
        ["intranet", "10.10.43.245"],
        ["none", "10.10.43.246"],
      ]);
    });
  });

  describe("GIVEN a site with two external networks of the same class", () => {
    it("THEN the router uses the first by name", () => {
      const spec = structuredClone(SITE.spec);
      spec.externalNetworks["a-internet"] = { ...spec.externalNetworks["ext-internet"]! };
      const plan = routing(["dmz"], { name: "jeju-cdc", spec });
      expect(plan.routers[0]!.externalNetwork).toBe("a-internet");
    });
  });

  describe("GIVEN a site without an external network a zone reaches", () => {
    it("THEN planning fails naming the site and the zone", () => {
      const spec = structuredClone(SITE.spec);
      delete spec.externalNetworks["ext-internet"];
      expect(() => routing(["dmz", "app"], { name: "jeju-cdc", spec })).toThrow(
        /site "jeju-cdc" has no external network reaching the internet, needed by zone dmz/,
      );
    });
  });
});
