import { describe, expect, it } from "vitest";
import { planDns } from "../../../lib/plan/dns";
import type { AgencySpec } from "../../../lib/spec/agency";
import type { RegionSpec } from "../../../lib/spec/region";
import { exampleRegionFile } from "../../helpers/example-region";
import { agency, computeAt, system, withAgencies, workload, type AgencyOptions } from "./fixtures";

const JEJU = exampleRegionFile().spec;

const EXPOSED = [
  system("portal", [
    workload("web", "dmz", {
      expose: { public: true, dnsName: "www", listeners: [{ protocol: "HTTPS", port: 443 }] },
    }),
    workload("was", "app", { expose: { listeners: [{ protocol: "TCP", port: 8443 }] } }),
    workload("db", "db"),
  ]),
  system("archive", [
    workload("api", "app", { expose: { listeners: [{ protocol: "HTTPS", port: 443 }] } }),
  ]),
];

function dnsOf(options: AgencyOptions, region: RegionSpec = JEJU) {
  const sourced = agency("alpha", options);
  const input = withAgencies(sourced);
  return planDns(region, sourced.spec, computeAt(input, "jeju-cdc"));
}

describe("planDns", () => {
  describe("GIVEN an agency with exposed workloads in a region with DNS", () => {
    const dns = dnsOf({ systems: EXPOSED })!;

    it("THEN the zone is <agency>.<region domain> with the region's SOA email and TTL", () => {
      expect(dns).toMatchObject({
        zoneName: "alpha.cloud.jeju.example.go.kr.",
        email: "hostmaster@jeju.example.go.kr",
        ttl: 300,
        description: "alpha: services",
      });
    });

    it("THEN there is one record per load balancer, sorted by name, fully qualified", () => {
      expect(dns.records).toEqual([
        {
          key: "api.archive",
          name: "api.archive.alpha.cloud.jeju.example.go.kr.",
          system: "archive",
          workload: "api",
          ttl: 300,
        },
        {
          key: "was.portal",
          name: "was.portal.alpha.cloud.jeju.example.go.kr.",
          system: "portal",
          workload: "was",
          ttl: 300,
        },
        {
          key: "www",
          name: "www.alpha.cloud.jeju.example.go.kr.",
          system: "portal",
          workload: "web",
          ttl: 300,
        },
      ]);
    });
  });

  describe("GIVEN the agency names its own zone", () => {
    it("THEN records go in that zone", () => {
      const dns = dnsOf({ systems: EXPOSED, more: { dnsZone: "alpha.example.kr." } })!;
      expect(dns.zoneName).toBe("alpha.example.kr.");
      expect(dns.records.map((r) => r.name)).toContain("www.alpha.example.kr.");
    });

    it("WHEN the region has no DNS settings THEN the agency's technical contact is the SOA email", () => {
      const noDns: RegionSpec = { ...JEJU, dns: undefined };
      const sourced = agency("alpha", { systems: EXPOSED, more: { dnsZone: "alpha.example.kr." } });
      const spec: AgencySpec = {
        ...sourced.spec,
        contacts: [
          { role: "owner", name: "owner", email: "owner@alpha.example" },
          { role: "technical", name: "ops", email: "ops@alpha.example" },
        ],
      };
      const dns = planDns(noDns, spec, computeAt(withAgencies(sourced), "jeju-cdc"))!;
      expect(dns).toMatchObject({
        zoneName: "alpha.example.kr.",
        email: "ops@alpha.example",
        ttl: 300,
      });
    });
  });

  describe("GIVEN a region with a longer TTL", () => {
    it("THEN the zone and every record take it", () => {
      const dns = dnsOf({ systems: EXPOSED }, { ...JEJU, dns: { ...JEJU.dns!, ttl: 3600 } })!;
      expect(dns.ttl).toBe(3600);
      expect(dns.records.map((r) => r.ttl)).toEqual([3600, 3600, 3600]);
    });
  });

  describe("GIVEN no zone can be named", () => {
    it("WHEN neither the region nor the agency has DNS THEN there is no DNS plan", () => {
      const noDns: RegionSpec = { ...JEJU, dns: undefined };
      expect(dnsOf({ systems: EXPOSED }, noDns)).toBeUndefined();
    });
  });

  describe("GIVEN nothing is exposed", () => {
    it("THEN there is no zone at all", () => {
      expect(dnsOf({ systems: [system("portal", [workload("db", "db")])] })).toBeUndefined();
      expect(dnsOf({})).toBeUndefined();
    });
  });
});
