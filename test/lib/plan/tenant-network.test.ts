import { describe, expect, it } from "vitest";
import { TamnaError } from "../../../lib/errors";
import { contains } from "../../../lib/net/cidr";
import { planAddresses } from "../../../lib/plan/address-plan";
import { planRegion } from "../../../lib/plan/region-plan";
import { planTenantNetwork, type TenantNetworkPlan } from "../../../lib/plan/tenant-network";
import type { RegionInput } from "../../../lib/spec/load";
import { exampleRegion } from "../../helpers/example-region";
import { expectProblem, problemsOf } from "../spec/helpers";
import { agency, withAgencies } from "./fixtures";

const ZONES_LINE = 6;

function networkOf(input: RegionInput, slug: string, site: string): TenantNetworkPlan {
  const sourced = input.agencies.find((a) => a.spec.slug === slug)!;
  const addresses = planAddresses(input).get(slug)!.get(site)!;
  return planTenantNetwork(input, sourced, site, addresses);
}

/** The example region with one site's external networks replaced. */
function withoutExternal(input: RegionInput, site: string, network: string): RegionInput {
  const region = structuredClone(input.region.spec);
  delete region.sites[site]!.externalNetworks[network];
  return { ...input, region: { spec: region, source: input.region.source } };
}

describe("planTenantNetwork", () => {
  describe("GIVEN an agency with every zone at block index 10", () => {
    const input = withAgencies(agency("alpha"));
    const plan = networkOf(input, "alpha", "jeju-cdc");

    it("THEN each zone gets a network and subnet named after agency and zone", () => {
      expect(plan.zones.map((z) => [z.zone, z.networkName, z.subnetName, z.cidr])).toEqual([
        ["dmz", "alpha-dmz", "alpha-dmz-subnet", "10.10.40.0/24"],
        ["app", "alpha-app", "alpha-app-subnet", "10.10.41.0/24"],
        ["db", "alpha-db", "alpha-db-subnet", "10.10.42.0/24"],
        ["mgmt", "alpha-mgmt", "alpha-mgmt-subnet", "10.10.43.0/25"],
      ]);
    });

    it("THEN the gateway is .1 and the pool leaves addresses 2-9 and the broadcast out", () => {
      const app = plan.zones.find((z) => z.zone === "app")!;
      expect(app.gatewayIp).toBe("10.10.41.1");
      expect(app.allocationPool).toEqual({ start: "10.10.41.10", end: "10.10.41.254" });
      const mgmt = plan.zones.find((z) => z.zone === "mgmt")!;
      expect(mgmt.allocationPool).toEqual({ start: "10.10.43.10", end: "10.10.43.126" });
    });

    it("THEN only zones routed to the intranet get the site resolvers by DHCP", () => {
      expect(Object.fromEntries(plan.zones.map((z) => [z.zone, z.dnsNameservers]))).toEqual({
        dmz: [],
        app: ["172.16.0.53", "172.16.0.54"],
        db: [],
        mgmt: ["172.16.0.53", "172.16.0.54"],
      });
    });

    it("THEN each zone names the router of its reach", () => {
      expect(plan.zones.map((z) => [z.zone, z.router])).toEqual([
        ["dmz", "internet"],
        ["app", "intranet"],
        ["db", "none"],
        ["mgmt", "intranet"],
      ]);
    });

    it("THEN there are three routers and a transit on the last /28", () => {
      expect(plan.routers.map((r) => [r.key, r.externalNetwork])).toEqual([
        ["internet", "ext-internet"],
        ["intranet", "ext-intranet"],
        ["none", undefined],
      ]);
      expect(plan.transit?.cidr).toBe("10.10.43.240/28");
    });

    it("THEN DNS rules follow the resolvers: site resolvers or the zone's own subnet", () => {
      const dns = (zone: string) =>
        plan.securityGroups
          .find((g) => g.zone === zone)!
          .rules.filter((r) => r.description === "DNS")
          .map((r) => r.remoteCidr);
      expect(new Set(dns("app"))).toEqual(new Set(["172.16.0.53/32", "172.16.0.54/32"]));
      expect(new Set(dns("db"))).toEqual(new Set(["10.10.42.0/24"]));
      expect(new Set(dns("dmz"))).toEqual(new Set(["10.10.40.0/24"]));
    });

    it("THEN every subnet lies inside the agency's block", () => {
      for (const zone of plan.zones) expect(contains("10.10.40.0/22", zone.cidr)).toBe(true);
    });
  });

  describe("GIVEN an agency whose zones reach one class only", () => {
    it("THEN it has one router and no transit", () => {
      const plan = networkOf(
        withAgencies(agency("alpha", { zones: ["app", "mgmt"] })),
        "alpha",
        "mainland-drc",
      );
      expect(plan.routers.map((r) => r.key)).toEqual(["intranet"]);
      expect(plan.transit).toBeUndefined();
      expect(plan.routers[0]!.routes).toEqual([]);
    });
  });

  describe("GIVEN a zone that needs an external network the site lacks", () => {
    it("THEN planning fails at the agency file line of that zone", () => {
      const input = withoutExternal(
        withAgencies(agency("alpha", { zones: ["app", "dmz"] })),
        "mainland-drc",
        "ext-internet",
      );
      const problems = problemsOf(() => networkOf(input, "alpha", "mainland-drc"));
      expect(problems).toHaveLength(1);
      expectProblem(problems, {
        file: "agencies/alpha.yaml",
        line: ZONES_LINE,
        path: "zones[1]",
        message:
          /^zone "dmz" reaches the internet, but site "mainland-drc" has no external network that does$/,
        hint: /reaches: internet under sites\.mainland-drc\.externalNetworks/,
      });
    });

    it("WHEN planning the whole region THEN the same TamnaError is thrown", () => {
      const input = withoutExternal(
        withAgencies(agency("alpha", { zones: ["mgmt"] })),
        "jeju-cdc",
        "ext-intranet",
      );
      expect(() => planRegion(input)).toThrow(TamnaError);
      expect(() => planRegion(input)).toThrow(
        /agencies\/alpha\.yaml:6:\d+ zones\[0\]: zone "mgmt" reaches the intranet, but site "jeju-cdc"/,
      );
    });

    it("WHEN the zone reaches nothing THEN no external network is needed", () => {
      const input = withoutExternal(
        withoutExternal(
          withAgencies(agency("alpha", { zones: ["db"] })),
          "jeju-cdc",
          "ext-intranet",
        ),
        "jeju-cdc",
        "ext-internet",
      );
      expect(networkOf(input, "alpha", "jeju-cdc").routers).toHaveLength(1);
    });
  });

  describe("GIVEN the example region", () => {
    const { input, plan } = exampleRegion();

    it("THEN no S or C zone is attached to a router whose gateway reaches the internet", () => {
      for (const stack of plan.stacks) {
        if (stack.layer !== "agency") continue;
        const site = input.region.spec.sites[stack.site]!;
        for (const router of stack.network.routers) {
          if (!router.externalNetwork) continue;
          if (site.externalNetworks[router.externalNetwork]!.reaches !== "internet") continue;
          for (const zone of router.zones)
            expect(input.region.spec.zones[zone]!.classification, `${stack.name} ${zone}`).toBe(
              "O",
            );
        }
      }
    });

    it("THEN every zone of an agency is attached to exactly one router", () => {
      for (const stack of plan.stacks) {
        if (stack.layer !== "agency") continue;
        const attached = stack.network.routers.flatMap((r) => r.zones).sort();
        expect(attached).toEqual(stack.network.zones.map((z) => z.zone).sort());
      }
    });
  });
});
