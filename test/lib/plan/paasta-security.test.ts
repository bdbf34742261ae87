import { describe, expect, it } from "vitest";
import { paastaAddresses } from "../../../lib/plan/paasta-addresses";
import {
  DIRECTOR_ADMIN_PORTS,
  nonAdminRanges,
  planPaastaSecurityGroups,
} from "../../../lib/plan/paasta-security";
import { planSecurityGroups, type RulePlan } from "../../../lib/plan/security-rules";
import { paastaRegion } from "./paasta-fixtures";

const region = paastaRegion().spec;
const addresses = paastaAddresses("10.10.0.0/16", 22, 60);
const groups = planPaastaSecurityGroups(region, {
  name: "paasta",
  addresses,
  nameservers: ["172.16.0.53"],
  routerPorts: [
    { port: 443, sources: ["0.0.0.0/0"] },
    { port: 2222, sources: ["172.16.0.0/12"] },
  ],
  openstackApi: { ranges: ["172.16.10.0/24"], ports: [5000, "8774-8776"] },
});
const bosh = groups.find((group) => group.zone === "bosh")!;
const cf = groups.find((group) => group.zone === "cf")!;
const mgmt = groups.find((group) => group.zone === "mgmt")!;
const covers = (rule: RulePlan, port: number) =>
  rule.protocol !== "icmp" && rule.portMin! <= port && port <= rule.portMax!;

describe("nonAdminRanges", () => {
  it("GIVEN the default admin ports, THEN it leaves out 22, 3389 and 5900-5999", () => {
    expect(nonAdminRanges([22, 3389, "5900-5999"])).toEqual([
      { portMin: 1, portMax: 21 },
      { portMin: 23, portMax: 3388 },
      { portMin: 3390, portMax: 5899 },
      { portMin: 6000, portMax: 65535 },
    ]);
  });

  it("GIVEN overlapping and unordered ranges, THEN they merge", () => {
    expect(nonAdminRanges(["100-200", 1, "150-65535"])).toEqual([{ portMin: 2, portMax: 99 }]);
  });
});

describe("planPaastaSecurityGroups", () => {
  it("THEN there are three groups named after the foundation: BOSH, Cloud Foundry and the management zone", () => {
    expect(groups.map((group) => [group.zone, group.name])).toEqual([
      ["bosh", "paasta-bosh"],
      ["cf", "paasta-cf"],
      ["mgmt", "paasta-mgmt"],
    ]);
  });

  /** Who a rule lets in: a range, or a zone's group. */
  const peer = (rule: RulePlan) => rule.remoteCidr ?? `zone ${rule.remoteZone}`;
  const fromOutside = (rule: RulePlan) =>
    rule.direction === "ingress" &&
    rule.remoteCidr !== addresses.bosh.cidr &&
    rule.remoteCidr !== addresses.cf.cidr;
  const operators = [...region.management.bastionRanges, "zone mgmt"].sort();

  it("THEN the director's API, UAA, CredHub, agent and SSH are open from the management zone and the bastion ranges only", () => {
    expect(region.management.bastionRanges).toEqual(["172.16.100.0/28"]);
    for (const port of DIRECTOR_ADMIN_PORTS) {
      const opened = bosh.rules.filter((rule) => fromOutside(rule) && covers(rule, port));
      expect(opened.map(peer).sort(), `port ${port}`).toEqual(operators);
    }
  });

  it("THEN SSH to the deployment's VMs is open from the management zone and the bastion ranges only", () => {
    const opened = cf.rules.filter((rule) => fromOutside(rule) && covers(rule, 22));
    expect(opened.map(peer).sort()).toEqual(operators);
  });

  it("THEN the management zone's group may go to those ports, as the other side of the rule", () => {
    const out = (target: string) =>
      mgmt.rules
        .filter((rule) => rule.direction === "egress" && rule.remoteZone === target)
        .map((rule) => rule.portMin)
        .sort((a, b) => a! - b!);
    expect(out("bosh")).toEqual([...DIRECTOR_ADMIN_PORTS]);
    expect(out("cf")).toEqual([22]);
  });

  it("THEN the management zone's group is an agency's: its zone's rules, admin ports from itself and the bastions", () => {
    const [agencyLike] = planSecurityGroups(
      region,
      "paasta",
      ["mgmt"],
      { mgmt: ["172.16.0.53/32"] },
      [],
    );
    expect(mgmt.rules).toEqual(expect.arrayContaining([...agencyLike!.rules]));
    for (const rule of mgmt.rules.filter((r) => r.direction === "ingress")) {
      expect(operators).toContain(peer(rule));
    }
  });

  it("THEN no ingress rule of any group opens an admin port to anything but the management zone or a bastion range", () => {
    const admin = [...new Set([...DIRECTOR_ADMIN_PORTS, 22, 3389, 5900])];
    for (const group of groups) {
      for (const rule of group.rules.filter(fromOutside)) {
        if (admin.some((port) => covers(rule, port))) {
          expect(operators, `${group.name} ${rule.key}`).toContain(peer(rule));
        }
      }
    }
  });

  it("THEN the deployment reaches NATS and the blobstore on the director, and nothing else does", () => {
    for (const port of [4222, 25250]) {
      const from = bosh.rules
        .filter(
          (rule) => rule.direction === "ingress" && rule.protocol === "tcp" && covers(rule, port),
        )
        .map((rule) => rule.remoteCidr)
        .sort();
      expect(from).toEqual([addresses.bosh.cidr, addresses.cf.cidr].sort());
    }
  });

  it("THEN the routers' ports are open from their sources, one rule per port and source", () => {
    expect(cf.rules).toContainEqual(
      expect.objectContaining({
        direction: "ingress",
        portMin: 443,
        portMax: 443,
        remoteCidr: "0.0.0.0/0",
      }),
    );
    expect(cf.rules).toContainEqual(
      expect.objectContaining({ direction: "ingress", portMin: 2222, remoteCidr: "172.16.0.0/12" }),
    );
    expect(
      cf.rules.filter((rule) => rule.remoteCidr === "0.0.0.0/0").map((rule) => rule.portMin),
    ).toEqual([443]);
  });

  it("THEN the director and a jumpbox in the management zone (bosh create-env) call the OpenStack APIs, and nothing else does", () => {
    const api = (group: typeof bosh) =>
      group.rules
        .filter((rule) => rule.remoteCidr === "172.16.10.0/24")
        .map((rule) => [rule.direction, rule.portMin, rule.portMax]);
    expect(api(bosh)).toEqual([
      ["egress", 5000, 5000],
      ["egress", 8774, 8776],
    ]);
    expect(api(mgmt)).toEqual(api(bosh));
    expect(api(cf)).toEqual([]);
  });

  it("THEN rule keys are unique and sorted, so they are stable construct IDs", () => {
    for (const group of groups) {
      const keys = group.rules.map((rule) => rule.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect([...keys].sort()).toEqual(keys);
    }
  });
});
