import { describe, expect, it } from "vitest";
import { ZoneSecurityGroups } from "../../../lib/constructs/zone-security-groups";
import { planSecurityGroups, type SecurityGroupPlan } from "../../../lib/plan/security-rules";
import { exampleRegion } from "../../helpers/example-region";
import { resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

const GROUPS = planSecurityGroups(
  exampleRegion().input.region.spec,
  "alpha",
  ["dmz", "app", "db", "mgmt"],
  { app: ["172.16.0.53/32"], db: ["10.10.42.0/24"] },
  [
    { zone: "dmz", protocol: "tcp", port: 443 },
    { zone: "app", protocol: "tcp", port: 443 },
  ],
);

const REF = /^\$\{openstack_networking_secgroup_v2\.([^.}]+)\.id\}$/;

describe("ZoneSecurityGroups", () => {
  describe("GIVEN the planned groups of an agency with every zone", () => {
    const out = synthesizeConstructs(
      (scope) =>
        new ZoneSecurityGroups(scope, "Groups", { groups: GROUPS, tags: ["agency=alpha"] }),
    );
    const groups = resourcesOf(out, "openstack_networking_secgroup_v2");
    const rules = Object.values(resourcesOf(out, "openstack_networking_secgroup_rule_v2"));
    /** Group name by logical ID, to read references. */
    const nameOf = (ref: unknown) => {
      const match = REF.exec(String(ref));
      expect(match, `${String(ref)} is a reference to a group`).not.toBeNull();
      return groups[match![1]!]!.name as string;
    };

    it("THEN there is one stateful group per zone, with Neutron's default rules deleted", () => {
      expect(Object.values(groups)).toHaveLength(4);
      for (const plan of GROUPS) {
        expect(Object.values(groups)).toContainEqual({
          name: plan.name,
          description: plan.description,
          delete_default_rules: true,
          stateful: true,
          tags: ["agency=alpha"],
        });
      }
    });

    it("THEN there is one rule resource per planned rule", () => {
      expect(rules).toHaveLength(GROUPS.reduce((sum, g) => sum + g.rules.length, 0));
    });

    it("THEN every rule belongs to a group by reference, IPv4, with the planned ports", () => {
      const actual = rules.map((r) =>
        JSON.stringify([
          nameOf(r.security_group_id),
          r.direction,
          r.ethertype,
          r.protocol,
          r.port_range_min ?? null,
          r.port_range_max ?? null,
          r.description,
        ]),
      );
      const expected = GROUPS.flatMap((g) =>
        g.rules.map((r) =>
          JSON.stringify([
            g.name,
            r.direction,
            "IPv4",
            r.protocol,
            r.portMin ?? null,
            r.portMax ?? null,
            r.description,
          ]),
        ),
      );
      expect(actual.sort()).toEqual(expected.sort());
    });

    it("THEN rules between zones reference the peer's group and carry no address", () => {
      const byZone = rules.filter((r) => r.remote_group_id !== undefined);
      const expected = GROUPS.flatMap((g) =>
        g.rules
          .filter((r) => r.remoteZone)
          .map((r) => `${g.name} ${r.direction} ${r.portMin} alpha-${r.remoteZone}`),
      );
      expect(
        byZone
          .map(
            (r) =>
              `${nameOf(r.security_group_id)} ${String(r.direction)} ${String(r.port_range_min)} ${nameOf(r.remote_group_id)}`,
          )
          .sort(),
      ).toEqual(expected.sort());
      for (const r of byZone) expect(r.remote_ip_prefix).toBeUndefined();
    });

    it("THEN remote_ip_prefix is set only where the plan has an address range", () => {
      const withPrefix = rules
        .filter((r) => r.remote_ip_prefix !== undefined)
        .map((r) => `${nameOf(r.security_group_id)} ${String(r.remote_ip_prefix)}`);
      const expected = GROUPS.flatMap((g) =>
        g.rules.filter((r) => r.remoteCidr).map((r) => `${g.name} ${r.remoteCidr}`),
      );
      expect(withPrefix.sort()).toEqual(expected.sort());
      for (const r of rules.filter((r) => r.remote_ip_prefix !== undefined))
        expect(r.remote_group_id).toBeUndefined();
    });

    it("THEN no rule is open to every peer: each has a group or a prefix", () => {
      for (const r of rules)
        expect(r.remote_group_id !== undefined || r.remote_ip_prefix !== undefined).toBe(true);
    });
  });

  describe("GIVEN no tags", () => {
    it("THEN groups are untagged", () => {
      const out = synthesizeConstructs(
        (scope) =>
          new ZoneSecurityGroups(scope, "Groups", {
            groups: planSecurityGroups(exampleRegion().input.region.spec, "alpha", ["db"], {}, []),
          }),
      );
      for (const g of Object.values(resourcesOf(out, "openstack_networking_secgroup_v2")))
        expect(g.tags).toBeUndefined();
    });
  });

  describe("GIVEN a rule that references a zone without a group", () => {
    it("THEN building fails naming the rule and the zone", () => {
      const groups: SecurityGroupPlan[] = [
        {
          zone: "app",
          name: "alpha-app",
          description: "app",
          rules: [
            {
              key: "in-tcp-8080-zone-dmz",
              direction: "ingress",
              protocol: "tcp",
              portMin: 8080,
              portMax: 8080,
              remoteZone: "dmz",
              description: "web",
            },
          ],
        },
      ];
      expect(() =>
        synthesizeConstructs((scope) => new ZoneSecurityGroups(scope, "Groups", { groups })),
      ).toThrow(
        /rule in-tcp-8080-zone-dmz of zone app references zone dmz, which has no group here/,
      );
    });
  });
});
