import { describe, expect, it } from "vitest";
import { noIngressFromAnywhere } from "../../../lib/policy/rules/no-ingress-from-anywhere";
import { agencyStack, check, secgroupRule } from "./fixtures";

const RULE = "openstack_networking_secgroup_rule_v2";

describe("TAMNA-NET-001 no ingress from anywhere", () => {
  describe("Compliance", () => {
    it("GIVEN the dmz's declared public web ports open to 0.0.0.0/0 THEN nothing is found", () => {
      const stack = agencyStack({
        [RULE]: {
          http: secgroupRule("dmz", {
            port_range_min: 80,
            port_range_max: 80,
            remote_ip_prefix: "0.0.0.0/0",
          }),
          https6: secgroupRule("dmz", {
            ethertype: "IPv6",
            port_range_min: 443,
            port_range_max: 443,
            remote_ip_prefix: "::/0",
          }),
        },
      });
      expect(check(noIngressFromAnywhere, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: a business zone open to the internet", () => {
    const findings = check(
      noIngressFromAnywhere,
      agencyStack({
        [RULE]: {
          "app-world": secgroupRule("app", {
            port_range_min: 443,
            port_range_max: 443,
            remote_ip_prefix: "0.0.0.0/0",
          }),
        },
      }),
    );

    it("THEN one error names the rule, the stack, the address and the attribute", () => {
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-NET-001",
          level: "error",
          layer: "policy",
          stack: "city-cdc",
          address: `${RULE}.app-world`,
          attribute: "remote_ip_prefix",
        }),
      ]);
      expect(findings[0]!.message).toMatch(
        /app zone's security group accepts tcp port 443 from anywhere/,
      );
      expect(findings[0]!.hint).toMatch(/only an internet-facing zone/);
    });
  });

  describe("Noncompliance 2: an undeclared port of the internet-facing zone from ::/0", () => {
    it("THEN the hint says to declare the port under the zone's ingress", () => {
      const findings = check(
        noIngressFromAnywhere,
        agencyStack({
          [RULE]: {
            "dmz-8443": secgroupRule("dmz", {
              ethertype: "IPv6",
              port_range_min: 8443,
              port_range_max: 8443,
              remote_ip_prefix: "::/0",
            }),
          },
        }),
      );
      expect(findings.map((f) => f.address)).toEqual([`${RULE}.dmz-8443`]);
      expect(findings[0]!.hint).toMatch(/zones\.dmz\.ingress with peer: internet/);
    });
  });

  describe("Noncompliance 3: a rule without any remote, wider than the declared ports", () => {
    it("THEN it counts as open to anywhere", () => {
      const findings = check(
        noIngressFromAnywhere,
        agencyStack({
          [RULE]: { "dmz-range": secgroupRule("dmz", { port_range_min: 80, port_range_max: 443 }) },
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/tcp ports 80-443 from anywhere/),
      ]);
    });
  });

  describe("Noncompliance 4: a group that belongs to no zone", () => {
    it("THEN the finding says so", () => {
      const findings = check(
        noIngressFromAnywhere,
        agencyStack({
          openstack_networking_secgroup_v2: { extra: { name: "something-else" } },
          [RULE]: {
            other: {
              direction: "ingress",
              protocol: "tcp",
              port_range_min: 443,
              port_range_max: 443,
              remote_ip_prefix: "0.0.0.0/0",
              security_group_id: "${openstack_networking_secgroup_v2.extra.id}",
            },
          },
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/a security group that belongs to no zone/),
      ]);
    });
  });
});

describe("TAMNA-NET-001 on load balancer listeners", () => {
  const balancer = (zone: string) => ({
    openstack_lb_loadbalancer_v2: {
      lb: {
        name: `city-${zone}-lb`,
        vip_subnet_id: `\${openstack_networking_subnet_v2.${zone}.id}`,
      },
    },
  });
  const listener = (body: Record<string, unknown>) => ({
    openstack_lb_listener_v2: {
      https: {
        name: "city-web-https",
        loadbalancer_id: "${openstack_lb_loadbalancer_v2.lb.id}",
        protocol: "HTTPS",
        protocol_port: 443,
        ...body,
      },
    },
  });

  describe("Compliance", () => {
    it("GIVEN a dmz listener on a declared port open to anyone, and an app listener for the intranet THEN nothing is found", () => {
      expect(
        check(
          noIngressFromAnywhere,
          agencyStack({ ...balancer("dmz"), ...listener({ allowed_cidrs: ["0.0.0.0/0"] }) }),
        ),
      ).toEqual([]);
      expect(
        check(
          noIngressFromAnywhere,
          agencyStack({ ...balancer("app"), ...listener({ allowed_cidrs: ["172.16.0.0/12"] }) }),
        ),
      ).toEqual([]);
    });
  });

  describe("Noncompliance: a listener in the app zone without allowed_cidrs", () => {
    it("THEN it counts as open to anywhere", () => {
      const findings = check(
        noIngressFromAnywhere,
        agencyStack({ ...balancer("app"), ...listener({}) }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          address: "openstack_lb_listener_v2.https",
          attribute: "allowed_cidrs",
          message:
            "a load balancer listener in zone app accepts tcp port 443 from anywhere (no allowed_cidrs), which the zone does not declare as internet-facing",
          hint: expect.stringMatching(/^narrow allowed_cidrs to known ranges/),
        }),
      ]);
    });
  });
});
