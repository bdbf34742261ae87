import { describe, expect, it } from "vitest";
import { AgencyDnsZone } from "../../../lib/constructs/agency-dns-zone";
import { formatProblem, TamnaError } from "../../../lib/errors";
import type { DnsPlan } from "../../../lib/plan/dns";
import { onlyResource, resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";
import { refTo } from "./helpers";

const ZONE = "openstack_dns_zone_v2";
const RECORD = "openstack_dns_recordset_v2";

const PLAN: DnsPlan = {
  zoneName: "alpha.cloud.example.",
  email: "hostmaster@example.kr",
  ttl: 300,
  description: "alpha: services",
  records: [
    {
      key: "api.archive",
      name: "api.archive.alpha.cloud.example.",
      system: "archive",
      workload: "api",
      ttl: 300,
    },
    { key: "www", name: "www.alpha.cloud.example.", system: "portal", workload: "web", ttl: 60 },
  ],
};

const ADDRESSES = { "api.archive": "10.10.41.20", www: "203.0.113.20" };

describe("AgencyDnsZone", () => {
  describe("GIVEN a zone with two services", () => {
    const out = synthesizeConstructs(
      (scope) => new AgencyDnsZone(scope, "Dns", { plan: PLAN, addresses: ADDRESSES }),
    );

    it("THEN the zone is a protected primary zone with the plan's SOA email and TTL", () => {
      expect(onlyResource(out, ZONE)).toEqual({
        name: "alpha.cloud.example.",
        email: "hostmaster@example.kr",
        ttl: 300,
        type: "PRIMARY",
        description: "alpha: services",
        lifecycle: { prevent_destroy: true },
      });
    });

    it("THEN each service gets an A record in the zone, pointing at its address", () => {
      const zoneRef = refTo(out, ZONE, "alpha.cloud.example.");
      expect(Object.values(resourcesOf(out, RECORD))).toEqual([
        {
          zone_id: zoneRef,
          name: "api.archive.alpha.cloud.example.",
          type: "A",
          ttl: 300,
          records: ["10.10.41.20"],
          description: "archive/api",
        },
        {
          zone_id: zoneRef,
          name: "www.alpha.cloud.example.",
          type: "A",
          ttl: 60,
          records: ["203.0.113.20"],
          description: "portal/web",
        },
      ]);
    });

    it("THEN record construct IDs come from the record names", () => {
      const ids = Object.keys(resourcesOf(out, RECORD));
      expect(ids.some((id) => id.startsWith("Dns_Record-www_"))).toBe(true);
    });
  });

  describe("GIVEN protect: false", () => {
    it("THEN the zone carries no prevent_destroy", () => {
      const out = synthesizeConstructs(
        (scope) =>
          new AgencyDnsZone(scope, "Dns", { plan: PLAN, addresses: ADDRESSES, protect: false }),
      );
      expect(onlyResource(out, ZONE).lifecycle).toBeUndefined();
    });
  });

  describe("GIVEN a record without an address", () => {
    it("THEN building fails naming the record", () => {
      expect(() =>
        synthesizeConstructs(
          (scope) =>
            new AgencyDnsZone(scope, "Dns", { plan: PLAN, addresses: { www: "203.0.113.20" } }),
        ),
      ).toThrow(/no address for DNS record api\.archive/);
    });
    it("THEN the error is a TamnaError located at the construct path", () => {
      let thrown: unknown;
      try {
        synthesizeConstructs(
          (scope) =>
            new AgencyDnsZone(scope, "Dns", { plan: PLAN, addresses: { www: "203.0.113.20" } }),
        );
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TamnaError);
      const [problem] = (thrown as TamnaError).problems;
      expect(problem!.location.construct).toMatch(/\/Dns$/);
      expect(formatProblem(problem!)).toMatch(/^construct \S+\/Dns: no address for DNS record/);
    });
    it("WHEN the missing key is an Object member (constructor) THEN it is missing, not found", () => {
      const plan = { ...PLAN, records: PLAN.records.map((r) => ({ ...r, key: "constructor" })) };
      expect(() =>
        synthesizeConstructs((scope) => new AgencyDnsZone(scope, "Dns", { plan, addresses: {} })),
      ).toThrow(/no address for DNS record constructor/);
    });
  });
});
