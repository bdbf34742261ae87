import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { covers, ruleScope } from "../../../../lib/diff/dangers/security-rule-widened";
import { diffDirs, Outputs, putResource, resourceName } from "../fixtures";

const outputs = new Outputs();
let base: string;

const STACK = "jeju-city-jeju-cdc";
const RULE = "openstack_networking_secgroup_rule_v2";

beforeAll(() => {
  base = outputs.synth("base");
});
afterAll(() => outputs.removeAll());

const exposures = (report: ReturnType<typeof diffDirs>, stack = STACK) =>
  report.dangers.filter((d) => d.kind === "exposure" && d.stack === stack);

/** Edits the first rule of the stack whose name contains `fragment`. */
const editRule = (label: string, fragment: string, edit: (rule: Record<string, unknown>) => void) =>
  outputs.copy(base, label, {
    [STACK]: (json) => edit(json.resource[RULE][resourceName(json, RULE, fragment)]),
  });

describe("danger: exposure (security rule widened)", () => {
  describe("Noncompliance 1: the bastion range's rules widened to 0.0.0.0/0 in the output", () => {
    // The region file can no longer say so (bastion ranges wider than minBastionPrefixLength are
    // spec errors): the output is edited, as a hand-changed or hostile output would be.
    let report: ReturnType<typeof diffDirs>;
    const widen = (json: { resource: Record<string, Record<string, Record<string, unknown>>> }) => {
      for (const rule of Object.values(json.resource[RULE]!))
        if (rule.remote_ip_prefix === "172.16.100.0/28") rule.remote_ip_prefix = "0.0.0.0/0";
    };
    beforeAll(() => {
      report = diffDirs(
        base,
        outputs.copy(base, "bastion", { [STACK]: widen, "jeju-city-mainland-drc": widen }),
      );
    });

    it("THEN each administrative rule now open to any address is flagged, saying what it was", () => {
      const ssh = exposures(report).find((d) =>
        /SecurityGroups_app_in-tcp-22-cidr-/.test(d.address),
      );
      expect(ssh?.message).toBe(
        "opens ingress tcp/22 to any address (0.0.0.0/0); it was 172.16.100.0/28",
      );
      expect(exposures(report).map((d) => d.message)).toContainEqual(
        expect.stringMatching(/^opens ingress tcp\/5900-5999 to any address/),
      );
    });

    it("THEN the DR site's stacks are flagged too", () => {
      expect(exposures(report, "jeju-city-mainland-drc").length).toBeGreaterThan(0);
    });
  });

  describe("Noncompliance 2: an ingress port range widened", () => {
    it("THEN it is flagged with the old and new ports", () => {
      const head = editRule("ports", "app_in-tcp-443-cidr", (rule) => {
        rule.port_range_max = 8443;
      });
      expect(exposures(diffDirs(base, head)).map((d) => d.message)).toEqual([
        "widens ingress tcp/443-8443: ports 443 -> 443-8443",
      ]);
    });
  });

  describe("Noncompliance 3: an egress remote prefix widened", () => {
    it("THEN it is flagged with the old and new prefix", () => {
      const head = editRule("egress", "mgmt_out-tcp-443-cidr", (rule) => {
        rule.remote_ip_prefix = "0.0.0.0/1";
      });
      expect(exposures(diffDirs(base, head)).map((d) => d.message)).toEqual([
        "widens egress tcp/443: remote_ip_prefix 172.16.0.0/12 -> 0.0.0.0/1",
      ]);
    });
  });

  describe("Noncompliance 4: a new ingress port in an existing group", () => {
    it("THEN it is flagged as newly opened", () => {
      const head = outputs.copy(base, "new-port", {
        [STACK]: (json) => {
          const template = json.resource[RULE][resourceName(json, RULE, "app_in-tcp-443-cidr")];
          putResource(json, RULE, "Extra", {
            ...template,
            port_range_min: 9999,
            port_range_max: 9999,
          });
        },
      });
      expect(exposures(diffDirs(base, head))).toEqual([
        {
          kind: "exposure",
          stack: STACK,
          address: `${RULE}.Extra`,
          message: "opens new ingress tcp/9999 from 172.16.0.0/12",
        },
      ]);
    });
  });

  describe("Compliance", () => {
    it("GIVEN a rule narrowed THEN no danger", () => {
      const head = editRule("narrow", "app_in-tcp-443-cidr", (rule) => {
        rule.remote_ip_prefix = "172.16.1.0/24";
      });
      const report = diffDirs(base, head);
      expect(report.stacks).toHaveLength(1);
      expect(report.dangers).toEqual([]);
    });

    it("GIVEN a new agency THEN only its rules open to any address are flagged", () => {
      const head = outputs.synth("agency", ({ agencies }) => {
        const copy = structuredClone(agencies.find((a) => a.slug === "jeju-tourism"));
        copy.slug = "jeju-water";
        copy.addressBlock = { index: 6 };
        agencies.push(copy);
      });
      const flagged = exposures(diffDirs(base, head), "jeju-water-jeju-cdc").filter(
        // Its public load balancer's floating IP is an exposure of its own (floating-ip.ts).
        (d) => !d.address.startsWith("openstack_networking_floatingip_v2."),
      );
      expect(flagged.length).toBeGreaterThan(0);
      expect(flagged.every((d) => /to any address \(0\.0\.0\.0\/0\)$/.test(d.message))).toBe(true);
    });
  });

  describe("covers", () => {
    const rule = (body: Record<string, unknown>) =>
      ruleScope({ security_group_id: "g", direction: "ingress", protocol: "tcp", ...body });

    it("GIVEN IPv6 prefixes THEN containment is by prefix", () => {
      const wide = rule({ ethertype: "IPv6", remote_ip_prefix: "2001:db8::/32" });
      const narrow = rule({ ethertype: "IPv6", remote_ip_prefix: "2001:db8:1::/48" });
      expect(covers(wide, narrow)).toBe(true);
      expect(covers(narrow, wide)).toBe(false);
    });

    it("GIVEN no ports THEN the rule covers every port", () => {
      expect(covers(rule({}), rule({ port_range_min: 22, port_range_max: 22 }))).toBe(true);
    });

    it("GIVEN a remote group THEN only the same group is covered", () => {
      expect(covers(rule({ remote_group_id: "a" }), rule({ remote_group_id: "a" }))).toBe(true);
      expect(covers(rule({ remote_group_id: "a" }), rule({ remote_group_id: "b" }))).toBe(false);
    });
  });
});
