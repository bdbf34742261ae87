import { describe, expect, it } from "vitest";
import { PAASTA_QUOTAS, planPaasta } from "../../../lib/plan/paasta";
import { expectProblem, problemsOf } from "../spec/helpers";
import { agency } from "./fixtures";
import { paastaInput, regionText } from "./paasta-fixtures";
import { parseSpec } from "../../../lib/spec/load";
import { RegionSpec } from "../../../lib/spec/region";

const plan = (fields: Record<string, string | undefined> = {}) =>
  planPaasta(paastaInput(fields, agency("alpha")), "jeju");

describe("planPaasta", () => {
  describe("GIVEN the fixture's foundation (grade 2, swift blobstore, dmz exposure)", () => {
    const [home, dr] = plan();

    it("THEN there is a plan per site, the home site primary", () => {
      expect([home!.site, home!.role, dr!.site, dr!.role]).toEqual([
        "jeju-cdc",
        "primary",
        "mainland-drc",
        "standby",
      ]);
    });

    it("THEN the project is the foundation's, in the region's domain, with the medium quota", () => {
      expect(home!.project).toMatchObject({ name: "paasta", domain: "jeju" });
      expect(home!.quota).toEqual(PAASTA_QUOTAS.medium);
    });

    it("THEN networks come from the block, the router goes to the internet network", () => {
      expect(home!.networks.map((n) => [n.key, n.name, n.cidr])).toEqual([
        ["bosh", "paasta-bosh", "10.10.240.0/24"],
        ["cf", "paasta-cf", "10.10.242.0/23"],
        ["mgmt", "paasta-mgmt", "10.10.241.0/25"],
      ]);
      expect(home!.router).toMatchObject({
        name: "paasta-router",
        externalNetwork: "ext-internet",
        networks: ["bosh", "cf"],
      });
    });

    it("THEN the management network (an intranet zone) has its own router to the intranet, linked by transit", () => {
      expect(home!.management).toEqual({
        zone: "mgmt",
        router: {
          name: "paasta-mgmt-router",
          externalNetwork: "ext-intranet",
          networks: ["mgmt"],
          transitIp: "10.10.241.245",
          routes: [
            { destination: "10.10.240.0/24", nextHop: "10.10.241.244" },
            { destination: "10.10.242.0/23", nextHop: "10.10.241.244" },
          ],
        },
        transit: {
          networkName: "paasta-transit",
          subnetName: "paasta-transit-subnet",
          cidr: "10.10.241.240/28",
        },
      });
      expect(home!.router.transitIp).toBe("10.10.241.244");
      expect(home!.router.routes).toEqual([
        { destination: "10.10.241.0/25", nextHop: "10.10.241.245" },
      ]);
    });

    it("THEN the load balancer has a TCP listener per port, open to anyone as dmz allows", () => {
      const lb = home!.loadBalancer;
      expect(lb.floatingIpNetwork).toBe("ext-internet");
      expect(lb.listeners.map((l) => [l.key, l.name, l.allowedCidrs])).toEqual([
        ["tcp-80", "paasta-routers-80", undefined],
        ["tcp-443", "paasta-routers-443", undefined],
        ["tcp-2222", "paasta-routers-2222", undefined],
        ["tcp-4443", "paasta-routers-4443", undefined],
      ]);
    });

    it("THEN wildcard records for sys and apps are only at the active site; the zone at both", () => {
      expect(home!.dns.records.map((r) => r.name)).toEqual([
        "*.apps.paasta.cloud.jeju.example.go.kr.",
        "*.sys.paasta.cloud.jeju.example.go.kr.",
      ]);
      expect(dr!.dns.records).toEqual([]);
      expect(dr!.dns.zoneName).toBe("paasta.cloud.jeju.example.go.kr.");
      expect(home!.domains).toEqual({
        system: "sys.paasta.cloud.jeju.example.go.kr",
        apps: "apps.paasta.cloud.jeju.example.go.kr",
      });
    });

    it("THEN the Cloud Controller's containers sync from home to the DR site", () => {
      expect(home!.containers.map((c) => [c.name, c.syncToSite, c.synced])).toEqual([
        ["paasta-cc-buildpacks", "mainland-drc", true],
        ["paasta-cc-droplets", "mainland-drc", true],
        ["paasta-cc-packages", "mainland-drc", true],
        ["paasta-cc-resources", "mainland-drc", true],
      ]);
      expect(dr!.containers.every((c) => c.synced && c.syncToSite === undefined)).toBe(true);
    });

    it("THEN BOSH azs are named by the spec's mapping, vm_types onto every public flavor", () => {
      expect(home!.bosh.azs).toEqual([
        { name: "z1", availabilityZone: "cdc-az1" },
        { name: "z2", availabilityZone: "cdc-az2" },
        { name: "z3", availabilityZone: "cdc-az3" },
      ]);
      expect(dr!.bosh.azs.map((az) => az.availabilityZone)).toEqual(["drc-az1", "drc-az2"]);
      const types = Object.fromEntries(home!.bosh.vmTypes.map((t) => [t.name, t.flavor.name]));
      expect(types.default).toBe("m1.small");
      expect(types["db1.2xlarge"]).toBe("db1.2xlarge");
      // The region's GPU flavors are private, granted to agencies with a GPU quota only.
      expect(Object.keys(types)).not.toContain("g1.a100");
      expect(Object.keys(types)).not.toContain("g1.vgpu");
    });

    it("THEN the routers' pools go to the routers, the SSH proxy's to the SSH proxy", () => {
      expect(home!.bosh.vmExtensions).toEqual([
        {
          name: "cf-router-network-properties",
          pools: [
            { name: "paasta-routers-80", port: 80 },
            { name: "paasta-routers-443", port: 443 },
            { name: "paasta-routers-4443", port: 4443 },
          ],
        },
        {
          name: "diego-ssh-proxy-network-properties",
          pools: [{ name: "paasta-routers-2222", port: 2222 }],
        },
      ]);
    });
  });

  describe("GIVEN a zone added to a site", () => {
    // cdc-az0 sorts before every zone of jeju-cdc: by position it would take z1 from cdc-az1.
    const withZone = (fields: Record<string, string | undefined>) => {
      const text = regionText(fields).replace(
        "      - name: cdc-az1\n",
        "      - name: cdc-az0\n        description: Hall D, new\n      - name: cdc-az1\n",
      );
      const region = parseSpec("region.yaml", text, RegionSpec);
      expect(region.spec.sites["jeju-cdc"]!.availabilityZones.map((zone) => zone.name)).toContain(
        "cdc-az0",
      );
      return planPaasta({ region, agencies: [agency("alpha")] }, "jeju");
    };
    const azsOf = (plans: ReturnType<typeof plan>) =>
      Object.fromEntries(
        plans.flatMap((site) =>
          site.bosh.azs.map((az) => [`${site.site}/${az.availabilityZone}`, az.name]),
        ),
      );

    it("WHEN the mapping gives it a new name THEN no existing BOSH az is renamed", () => {
      const before = azsOf(plan());
      const after = azsOf(
        withZone({
          azs: "{ cdc-az0: z4, cdc-az1: z1, cdc-az2: z2, cdc-az3: z3, drc-az1: z1, drc-az2: z2 }",
        }),
      );
      expect(after).toEqual({ ...before, "jeju-cdc/cdc-az0": "z4" });
      // Nor does the director move to it (openstack-vars' az).
      const directors = (plans: ReturnType<typeof plan>) =>
        plans.map((site) => site.bosh.directorAz);
      expect(
        directors(
          withZone({
            azs: "{ cdc-az0: z4, cdc-az1: z1, cdc-az2: z2, cdc-az3: z3, drc-az1: z1, drc-az2: z2 }",
          }),
        ),
      ).toEqual(directors(plan()));
      expect(directors(plan())).toEqual(["cdc-az1", "drc-az1"]);
    });

    it("WHEN there is no mapping THEN each zone goes by its Nova name, before and after", () => {
      const before = azsOf(plan({ azs: undefined }));
      expect(before["jeju-cdc/cdc-az1"]).toBe("cdc-az1");
      const after = azsOf(withZone({ azs: undefined }));
      expect(after).toEqual({ ...before, "jeju-cdc/cdc-az0": "cdc-az0" });
    });

    it("WHEN the mapping leaves it out THEN it goes by its Nova name and the others keep theirs", () => {
      const before = azsOf(plan());
      expect(azsOf(withZone({}))).toEqual({ ...before, "jeju-cdc/cdc-az0": "cdc-az0" });
    });
  });

  describe("GIVEN an exposure zone that reaches the intranet, like the management zone", () => {
    it("THEN one router holds all three networks and there is no transit link", () => {
      const [site] = plan({ exposure: "{ zone: app, ports: [443] }" });
      expect(site!.router).toEqual({
        name: "paasta-router",
        externalNetwork: "ext-intranet",
        networks: ["bosh", "cf", "mgmt"],
        routes: [],
      });
      expect(site!.management).toEqual({ zone: "mgmt" });
    });
  });

  it("GIVEN no foundation, THEN nothing is planned", () => {
    const input = paastaInput();
    const spec = { ...input.region.spec, platforms: undefined };
    expect(planPaasta({ ...input, region: { ...input.region, spec } }, "jeju")).toEqual([]);
  });

  it("GIVEN grade 4, THEN only the home site", () => {
    expect(
      plan({ grade: "4", diskTypes: undefined, blobstore: "internal" }).map((p) => p.site),
    ).toEqual(["jeju-cdc"]);
  });

  it("GIVEN the internal blobstore, THEN no container", () => {
    expect(plan({ blobstore: "internal" })[0]!.containers).toEqual([]);
  });

  it("GIVEN the app zone as exposure, THEN intranet sources, network and allowed CIDRs", () => {
    const [home] = plan({ exposure: "{ zone: app, ports: [443] }" });
    expect(home!.router.externalNetwork).toBe("ext-intranet");
    expect(home!.loadBalancer.listeners.map((l) => l.allowedCidrs)).toEqual([["172.16.0.0/12"]]);
  });

  it("GIVEN a port the exposure zone does not accept, THEN the problem is at that port", () => {
    const problems = problemsOf(() => plan({ exposure: "{ zone: app, ports: [443, 8443] }" }));
    expectProblem(problems, {
      path: "platforms.paasta.exposure.ports[1]",
      message: /zone "app" accepts nothing on tcp port 8443/,
    });
  });
});
