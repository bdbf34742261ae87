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

describe("TAMNA-NET-001 over the union of a group's prefixes", () => {
  const rule = (zone: string, cidr: string, ports: [number, number] = [443, 443], more = {}) =>
    secgroupRule(zone, {
      port_range_min: ports[0],
      port_range_max: ports[1],
      remote_ip_prefix: cidr,
      ...more,
    });

  describe("Compliance: a genuinely narrow set of prefixes", () => {
    it("GIVEN the app zone open on 443 to the intranet, a partner's /24 and a /16 of public space THEN nothing is found", () => {
      const stack = agencyStack({
        [RULE]: {
          intranet: rule("app", "172.16.0.0/12"),
          partner: rule("app", "198.51.100.0/24"),
          isp: rule("app", "58.120.0.0/16"),
          low: rule("app", "0.0.0.0/8"),
          private: rule("app", "10.0.0.0/8"),
        },
      });
      expect(check(noIngressFromAnywhere, stack)).toEqual([]);
    });

    it("GIVEN the dmz's declared port 443 open to 0.0.0.0/1 and 128.0.0.0/1 THEN nothing is found", () => {
      const stack = agencyStack({
        [RULE]: { low: rule("dmz", "0.0.0.0/1"), high: rule("dmz", "128.0.0.0/1") },
      });
      expect(check(noIngressFromAnywhere, stack)).toEqual([]);
    });

    it("GIVEN the halves of the internet on different ports of one group THEN nothing is found", () => {
      const stack = agencyStack({
        [RULE]: {
          low: rule("app", "0.0.0.0/2", [8000, 8000]),
          high: rule("app", "64.0.0.0/2", [8001, 8001]),
          other: rule("db", "128.0.0.0/2", [8000, 8000]),
        },
      });
      // Each half alone is over the limit: the finding names each rule alone.
      expect(
        check(noIngressFromAnywhere, stack).map((f) => f.message.includes("together")),
      ).toEqual([false, false, false]);
    });
  });

  describe("Noncompliance 1: 0.0.0.0/1 plus 128.0.0.0/1 on the app zone", () => {
    const findings = check(
      noIngressFromAnywhere,
      agencyStack({
        [RULE]: { low: rule("app", "0.0.0.0/1"), high: rule("app", "128.0.0.0/1") },
      }),
    );

    it("THEN both rules are found, each naming the other and the whole address space", () => {
      expect(findings.map((f) => [f.address, f.attribute])).toEqual([
        [`${RULE}.high`, "remote_ip_prefix"],
        [`${RULE}.low`, "remote_ip_prefix"],
      ]);
      expect(findings[1]!.message).toMatch(
        /^the app zone's security group accepts tcp port 443 from 0\.0\.0\.0\/1 together with 128\.0\.0\.0\/1, which opens it to every IPv4 address, and the zone does not declare it as internet-facing$/,
      );
      expect(findings[1]!.hint).toMatch(/only an internet-facing zone/);
    });
  });

  describe("Noncompliance 2: every public /8 but the private ones, on overlapping port ranges", () => {
    it("THEN the union counts as the internet on the ports the rules share", () => {
      const eights = Array.from({ length: 223 }, (_, i) => i + 1).filter(
        (n) => ![10, 127].includes(n),
      );
      const rules = Object.fromEntries(
        eights.map((n) => [
          `r${n}`,
          rule("db", `${n}.0.0.0/8`, n % 2 === 0 ? [5000, 5432] : [5432, 6000]),
        ]),
      );
      const findings = check(noIngressFromAnywhere, agencyStack({ [RULE]: rules }));
      expect(findings).toHaveLength(eights.length);
      expect(findings[0]!.message).toMatch(
        /db zone's security group accepts tcp port 5432 from \d+\.0\.0\.0\/8 together with .* and 217 more, which opens it to 100% of the public IPv4 internet/,
      );
    });
  });

  describe("Noncompliance 3: one prefix as wide as half the internet", () => {
    it("THEN its share of the public internet is named", () => {
      const findings = check(
        noIngressFromAnywhere,
        agencyStack({ [RULE]: { half: rule("app", "128.0.0.0/1") } }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(
          /from 128\.0\.0\.0\/1, which opens it to 4\d\.\d% of the public IPv4 internet/,
        ),
      ]);
    });
  });

  describe("Noncompliance 4: split IPv6 prefixes and a rule for every protocol", () => {
    it("THEN ::/1 plus 8000::/1 is every IPv6 address, and a protocol-less rule joins the tcp union", () => {
      const findings = check(
        noIngressFromAnywhere,
        agencyStack({
          [RULE]: {
            v6low: rule("app", "::/1", [22, 22], { ethertype: "IPv6" }),
            v6high: rule("app", "8000::/1", [22, 22], { ethertype: "IPv6" }),
            tcp: rule("db", "0.0.0.0/1", [5432, 5432]),
            any: secgroupRule("db", { protocol: "", remote_ip_prefix: "128.0.0.0/1" }),
          },
        }),
      );
      expect(findings.map((f) => [f.address, f.message])).toEqual([
        [`${RULE}.any`, expect.stringMatching(/from 128\.0\.0\.0\/1, which opens it to/)],
        [
          `${RULE}.tcp`,
          expect.stringMatching(
            /tcp port 5432 from 0\.0\.0\.0\/1 together with 128\.0\.0\.0\/1, which opens it to every IPv4 address/,
          ),
        ],
        // 8000::/1 holds no global unicast address: only the rule that opens public ones is found.
        [
          `${RULE}.v6low`,
          expect.stringMatching(
            /tcp port 22 from ::\/1 together with 8000::\/1, which opens it to every IPv6 address/,
          ),
        ],
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

  describe("Noncompliance: a listener in the app zone open to two halves of the internet", () => {
    it("THEN the union of allowed_cidrs counts as anywhere", () => {
      const findings = check(
        noIngressFromAnywhere,
        agencyStack({
          ...balancer("app"),
          ...listener({ allowed_cidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        "a load balancer listener in zone app accepts tcp port 443 from 0.0.0.0/1, 128.0.0.0/1 (every IPv4 address), which the zone does not declare as internet-facing",
      ]);
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
