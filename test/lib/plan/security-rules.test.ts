import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contains } from "../../../lib/net/cidr";
import {
  ANY_IPV4,
  planSecurityGroups,
  type RulePlan,
  type SecurityGroupPlan,
} from "../../../lib/plan/security-rules";
import type { ExposedPort } from "../../../lib/plan/exposed-ports";
import type { RegionSpec } from "../../../lib/spec/region";
import { portRange } from "../../../lib/spec/zones";
import { exampleRegion } from "../../helpers/example-region";

const REGION: RegionSpec = exampleRegion().input.region.spec;
const ALL_ZONES = ["dmz", "app", "db", "mgmt"];
const DNS = {
  dmz: ["10.10.4.0/24"],
  app: ["172.16.0.53/32", "172.16.0.54/32"],
  db: ["10.10.6.0/24"],
  mgmt: ["172.16.0.53/32", "172.16.0.54/32"],
};

/** An agency that serves web on 80 and 443 in dmz and 443 to the intranet in app. */
const LISTENING: ExposedPort[] = [
  { zone: "dmz", protocol: "tcp", port: 80 },
  { zone: "dmz", protocol: "tcp", port: 443 },
  { zone: "app", protocol: "tcp", port: 443 },
];

function plan(zones = ALL_ZONES, region = REGION, listening = LISTENING): SecurityGroupPlan[] {
  return planSecurityGroups(region, "alpha", zones, DNS, listening);
}

const fromOutside = (groups: readonly SecurityGroupPlan[]) =>
  groups.flatMap((g) =>
    g.rules
      .filter((r) => r.direction === "ingress" && r.remoteCidr !== undefined)
      .filter((r) => !r.description.startsWith("administration"))
      .map((r) => `${g.zone} ${r.key}`),
  );

function group(groups: readonly SecurityGroupPlan[], zone: string): SecurityGroupPlan {
  const found = groups.find((g) => g.zone === zone);
  if (!found) throw new Error(`no group for zone ${zone}`);
  return found;
}

function rule(groups: readonly SecurityGroupPlan[], zone: string, key: string): RulePlan {
  const found = group(groups, zone).rules.find((r) => r.key === key);
  if (!found) throw new Error(`no rule ${key} in zone ${zone}`);
  return found;
}

const ADMIN = REGION.management.adminPorts.map(portRange);
const touchesAdmin = (r: RulePlan) =>
  r.protocol === "tcp" &&
  r.portMin !== undefined &&
  ADMIN.some((a) => r.portMin! <= a.max && a.min <= r.portMax!);

describe("planSecurityGroups", () => {
  describe("GIVEN the example region and an agency with every zone", () => {
    const groups = plan();

    it("THEN there is one group per zone, named after agency and zone, in zone order", () => {
      expect(groups.map((g) => [g.zone, g.name])).toEqual([
        ["dmz", "alpha-dmz"],
        ["app", "alpha-app"],
        ["db", "alpha-db"],
        ["mgmt", "alpha-mgmt"],
      ]);
      for (const g of groups) expect(g.description).toMatch(/only declared flows are allowed/);
    });

    it("THEN a flow gives ingress on its target referencing the source zone", () => {
      expect(rule(groups, "app", "in-tcp-8080-zone-dmz")).toEqual({
        key: "in-tcp-8080-zone-dmz",
        direction: "ingress",
        protocol: "tcp",
        portMin: 8080,
        portMax: 8080,
        remoteZone: "dmz",
        description: "web to WAS",
      });
      expect(rule(groups, "db", "in-tcp-1521-zone-app").remoteCidr).toBeUndefined();
    });

    it("THEN a flow gives egress on its source referencing the target zone", () => {
      expect(rule(groups, "dmz", "out-tcp-8443-zone-app")).toMatchObject({
        direction: "egress",
        protocol: "tcp",
        portMin: 8443,
        portMax: 8443,
        remoteZone: "app",
      });
    });

    it("THEN every flow port appears on both ends", () => {
      for (const flow of REGION.flows) {
        for (const port of (flow.ports ?? []).map(portRange)) {
          const ports = port.min === port.max ? `${port.min}` : `${port.min}-${port.max}`;
          rule(groups, flow.to, `in-${flow.protocol}-${ports}-zone-${flow.from}`);
          rule(groups, flow.from, `out-${flow.protocol}-${ports}-zone-${flow.to}`);
        }
      }
    });

    it("THEN internet ingress gives 0.0.0.0/0 only for the declared ports", () => {
      const open = groups.flatMap((g) =>
        g.rules.filter((r) => r.remoteCidr === ANY_IPV4).map((r) => [g.zone, r.key]),
      );
      expect(open).toEqual([
        ["dmz", "in-tcp-443-cidr-0.0.0.0_0"],
        ["dmz", "in-tcp-80-cidr-0.0.0.0_0"],
      ]);
    });

    it("THEN intranet rules use the region's intranet ranges", () => {
      expect(rule(groups, "app", "in-tcp-443-cidr-172.16.0.0_12")).toMatchObject({
        direction: "ingress",
        remoteCidr: "172.16.0.0/12",
        description: "civil servants on the intranet",
      });
      rule(groups, "mgmt", "out-tcp-8140-cidr-172.16.0.0_12");
    });

    it("THEN admin ports are reachable only from the management zone and bastion ranges", () => {
      for (const g of groups) {
        for (const r of g.rules.filter((r) => r.direction === "ingress" && touchesAdmin(r))) {
          if (r.remoteZone !== undefined) expect(r.remoteZone, `${g.zone} ${r.key}`).toBe("mgmt");
          else expect(REGION.management.bastionRanges).toContain(r.remoteCidr);
        }
      }
    });

    it("THEN every zone accepts every admin port from mgmt and each bastion range", () => {
      for (const zone of ALL_ZONES) {
        for (const port of ["22", "3389", "5900-5999"]) {
          expect(rule(groups, zone, `in-tcp-${port}-zone-mgmt`).description).toMatch(
            /administration from the management zone/,
          );
          expect(rule(groups, zone, `in-tcp-${port}-cidr-172.16.100.0_28`).remoteCidr).toBe(
            "172.16.100.0/28",
          );
          expect(rule(groups, "mgmt", `out-tcp-${port}-zone-${zone}`).description).toBe(
            `administration of ${zone}`,
          );
        }
      }
    });

    it("THEN each zone sends DNS over udp and tcp to its own targets only", () => {
      for (const g of groups) {
        const dns = g.rules.filter((r) => r.description === "DNS");
        const targets = DNS[g.zone as keyof typeof DNS];
        expect(dns.map((r) => [r.direction, r.protocol, r.portMin, r.remoteCidr]).sort()).toEqual(
          targets
            .flatMap((t) => [
              ["egress", "tcp", 53, t],
              ["egress", "udp", 53, t],
            ])
            .sort(),
        );
      }
    });

    it("THEN no rule opens every port of a tcp or udp peer", () => {
      for (const g of groups)
        for (const r of g.rules.filter((r) => r.protocol !== "icmp"))
          expect(r.portMin, `${g.zone} ${r.key}`).toBeDefined();
    });

    it("THEN rule keys are unique within a group and rules are sorted by key", () => {
      for (const g of groups) {
        const keys = g.rules.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).toEqual([...keys].sort());
      }
    });
  });

  describe("GIVEN an agency that does not use every zone", () => {
    it("WHEN mgmt is left out THEN flows and admin rules involving mgmt are dropped", () => {
      const groups = plan(["dmz", "app", "db"]);
      expect(groups.map((g) => g.zone)).toEqual(["dmz", "app", "db"]);
      for (const g of groups) {
        for (const r of g.rules) expect(r.remoteZone, `${g.zone} ${r.key}`).not.toBe("mgmt");
      }
      rule(groups, "db", "in-tcp-5432-zone-app");
      // Bastion ranges still reach the admin ports.
      rule(groups, "db", "in-tcp-22-cidr-172.16.100.0_28");
    });

    it("WHEN only app is used THEN no rule references another zone", () => {
      const groups = plan(["app"]);
      expect(groups.flatMap((g) => g.rules.filter((r) => r.remoteZone))).toEqual([]);
    });

    it("WHEN dmz is left out THEN there is no internet rule at all", () => {
      const groups = plan(["app", "db", "mgmt"]);
      expect(groups.flatMap((g) => g.rules.filter((r) => r.remoteCidr === ANY_IPV4))).toEqual([]);
    });
  });

  describe("GIVEN zone ingress that only listeners open", () => {
    it("WHEN the agency listens only on 443 in dmz THEN the internet may reach 443 and not 80", () => {
      const groups = plan(ALL_ZONES, REGION, [{ zone: "dmz", protocol: "tcp", port: 443 }]);
      expect(fromOutside(groups)).toEqual(["dmz in-tcp-443-cidr-0.0.0.0_0"]);
    });

    it("WHEN a listener is added THEN every earlier rule stays as it was (key, ports, description)", () => {
      const before = plan(ALL_ZONES, REGION, [{ zone: "dmz", protocol: "tcp", port: 443 }]);
      const after = plan(ALL_ZONES, REGION, LISTENING);
      for (const g of before) {
        const later = group(after, g.zone);
        for (const r of g.rules) expect(later.rules).toContainEqual(r);
      }
      expect(rule(after, "dmz", "in-tcp-80-cidr-0.0.0.0_0").description).toBe("public web");
    });

    it("WHEN the agency has no listener THEN nothing from outside reaches any zone", () => {
      expect(fromOutside(plan(ALL_ZONES, REGION, []))).toEqual([]);
    });

    it("WHEN a listener's port is not in the zone's rules THEN it opens nothing", () => {
      const groups = plan(ALL_ZONES, REGION, [{ zone: "dmz", protocol: "tcp", port: 8443 }]);
      expect(fromOutside(groups)).toEqual([]);
    });

    it("WHEN a listener uses udp THEN only a udp rule of the zone opens for it", () => {
      const region = structuredClone(REGION);
      region.zones.dmz!.ingress = [{ peer: "internet", protocol: "udp", ports: ["5000-5100"] }];
      const groups = plan(["dmz"], region, [
        { zone: "dmz", protocol: "udp", port: 5060 },
        { zone: "dmz", protocol: "tcp", port: 5061 },
      ]);
      expect(fromOutside(groups)).toEqual(["dmz in-udp-5060-cidr-0.0.0.0_0"]);
    });

    it("WHEN the rule is a range THEN it opens only the ports listeners use, one rule each", () => {
      const region = structuredClone(REGION);
      region.zones.app!.ingress = [{ peer: "intranet", protocol: "tcp", ports: ["8000-8999"] }];
      const groups = plan(["app"], region, [
        { zone: "app", protocol: "tcp", port: 8443 },
        { zone: "app", protocol: "tcp", port: 8080 },
        { zone: "dmz", protocol: "tcp", port: 8081 },
      ]);
      expect(fromOutside(groups)).toEqual([
        "app in-tcp-8080-cidr-172.16.0.0_12",
        "app in-tcp-8443-cidr-172.16.0.0_12",
      ]);
    });

    it("WHEN a rule is zone-wide THEN all its ports open without any listener", () => {
      const region = structuredClone(REGION);
      region.zones.dmz!.ingress = [
        { peer: "internet", protocol: "tcp", ports: [80, 443], zoneWide: true },
      ];
      expect(fromOutside(plan(["dmz"], region, []))).toEqual([
        "dmz in-tcp-443-cidr-0.0.0.0_0",
        "dmz in-tcp-80-cidr-0.0.0.0_0",
      ]);
    });

    it("WHEN the zone accepts icmp THEN it is opened zone-wide (no listener uses icmp)", () => {
      const region = structuredClone(REGION);
      region.zones.dmz!.ingress = [{ peer: "internet", protocol: "icmp" }];
      expect(fromOutside(plan(["dmz"], region, []))).toEqual(["dmz in-icmp-all-cidr-0.0.0.0_0"]);
    });

    it("WHEN egress is declared THEN it is opened whatever the listeners", () => {
      rule(plan(ALL_ZONES, REGION, []), "mgmt", "out-tcp-8140-cidr-172.16.0.0_12");
    });
  });

  describe("GIVEN an icmp flow", () => {
    it("THEN the rules have no ports", () => {
      const region = structuredClone(REGION);
      region.flows = [{ from: "app", to: "db", protocol: "icmp", description: "ping" }];
      const groups = plan(["app", "db"], region);
      const ping = rule(groups, "db", "in-icmp-all-zone-app");
      expect(ping.portMin).toBeUndefined();
      expect(ping.portMax).toBeUndefined();
    });
  });

  describe("GIVEN two flows that give the same rule with different descriptions", () => {
    it("THEN the rule is planned once, with the same description in either order", () => {
      const metrics = {
        from: "mgmt",
        to: "app",
        protocol: "tcp" as const,
        ports: [9100],
        description: "metrics",
      };
      const exporters = { ...metrics, ports: [9100, 9200], description: "exporters" };
      const [forward, backward] = [
        [metrics, exporters],
        [exporters, metrics],
      ].map((flows) => plan(["app", "mgmt"], { ...REGION, flows }));
      expect(forward).toEqual(backward);
      const keys = group(forward!, "app").rules.map((r) => r.key);
      expect(keys.filter((k) => k === "in-tcp-9100-zone-mgmt")).toHaveLength(1);
      expect(rule(forward!, "app", "in-tcp-9100-zone-mgmt").description).toBe("exporters");
    });
  });

  describe("GIVEN any region built from the example zones (property)", () => {
    it("THEN no rule has remote 0.0.0.0/0 except a declared internet rule of an internet zone", () => {
      fc.assert(
        fc.property(fc.subarray(ALL_ZONES, { minLength: 1 }), (zones) => {
          for (const g of plan(zones)) {
            const spec = REGION.zones[g.zone]!;
            for (const r of g.rules.filter((r) => r.remoteCidr === ANY_IPV4)) {
              expect(spec.reaches).toBe("internet");
              const declared = spec[r.direction].filter(
                (e) => e.peer === "internet" && e.protocol === r.protocol,
              );
              expect(
                declared.some((e) =>
                  (e.ports ?? [])
                    .map(portRange)
                    .some((p) => p.min === r.portMin && p.max === r.portMax),
                ),
              ).toBe(true);
            }
          }
        }),
        { numRuns: 20 },
      );
    });

    it("THEN shuffling the flows and the agency's zones gives the same rules", () => {
      const reference = new Map(plan().map((g) => [g.zone, g]));
      fc.assert(
        fc.property(
          fc.shuffledSubarray(REGION.flows, {
            minLength: REGION.flows.length,
            maxLength: REGION.flows.length,
          }),
          fc.shuffledSubarray(ALL_ZONES, { minLength: 4, maxLength: 4 }),
          (flows, zones) => {
            const region = { ...REGION, flows };
            const groups = plan(zones, region);
            for (const g of groups) expect(g).toEqual(reference.get(g.zone));
          },
        ),
        { numRuns: 50 },
      );
    });

    it("THEN flows repeated with other descriptions give the same rules in any order", () => {
      const flows = fc
        .array(
          fc.tuple(
            fc.constantFrom(...REGION.flows),
            fc.constantFrom(undefined, "a", "b", "metrics"),
          ),
          { minLength: 1, maxLength: 8 },
        )
        .map((picked) => picked.map(([flow, description]) => ({ ...flow, description })))
        .chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
          ),
        );
      fc.assert(
        fc.property(flows, ([list, shuffled]) => {
          expect(plan(ALL_ZONES, { ...REGION, flows: shuffled })).toEqual(
            plan(ALL_ZONES, { ...REGION, flows: list }),
          );
        }),
        { numRuns: 50 },
      );
    });

    it("THEN every rule peer is a zone of the agency or a range of the region", () => {
      fc.assert(
        fc.property(fc.subarray(ALL_ZONES, { minLength: 1 }), (zones) => {
          const known = [
            ANY_IPV4,
            ...REGION.addressPlan.intranetRanges,
            ...REGION.management.bastionRanges,
          ];
          for (const g of plan(zones)) {
            for (const r of g.rules) {
              if (r.remoteZone !== undefined) expect(zones).toContain(r.remoteZone);
              else if (r.description !== "DNS")
                expect(known.some((k) => contains(k, r.remoteCidr!))).toBe(true);
            }
          }
        }),
        { numRuns: 20 },
      );
    });
  });
});
