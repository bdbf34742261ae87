import type { RegionSpec } from "../spec/region";
import { portRange, type IngressRule, type PortSpec, type Protocol } from "../spec/zones";
import { covers, type ExposedPort } from "./exposed-ports";

/**
 * Security group rules derived from the region's zone flows. Every zone of an agency gets a
 * group whose default rules are deleted (deny by default, also outbound) and which allows only:
 * declared flows, as ingress on the target and egress on the source, referencing the other
 * zone's group rather than its CIDR; declared traffic with the internet or intranet (ingress
 * only on the ports the agency's listeners in the zone use, unless the rule is zone-wide); administrative
 * ports from the management zone and bastion ranges; and DNS (see planTenantNetwork).
 */

export interface RulePlan {
  /** Stable identifier inside the group, used as construct ID. */
  readonly key: string;
  readonly direction: "ingress" | "egress";
  readonly protocol: Protocol;
  readonly portMin?: number;
  readonly portMax?: number;
  /** The peer: another zone's group, or an address range. */
  readonly remoteZone?: string;
  readonly remoteCidr?: string;
  readonly description: string;
}

export interface SecurityGroupPlan {
  readonly zone: string;
  readonly name: string;
  readonly description: string;
  readonly rules: readonly RulePlan[];
}

export const ANY_IPV4 = "0.0.0.0/0";

export function planSecurityGroups(
  region: RegionSpec,
  agency: string,
  zones: readonly string[],
  /** Where each zone's instances send DNS queries, by zone name (CIDRs). */
  dnsTargets: Readonly<Record<string, readonly string[]>>,
  /** The ports the agency's load balancers listen on: they open the zones' ingress. */
  listening: readonly ExposedPort[],
): SecurityGroupPlan[] {
  const uses = new Set(zones);
  const rules = new Map<string, RulePlan[]>(zones.map((zone) => [zone, []]));
  const add = (zone: string, rule: Omit<RulePlan, "key">) => {
    const list = rules.get(zone)!;
    const key = ruleKey(rule);
    const index = list.findIndex((existing) => existing.key === key);
    if (index < 0) list.push({ key, ...rule });
    // The same rule from two sources: keep the description that sorts first, so that it does
    // not depend on the order of flows (a changed description replaces the Neutron rule).
    else if (rule.description < list[index]!.description) list[index] = { key, ...rule };
  };

  for (const flow of region.flows) {
    if (!uses.has(flow.from) || !uses.has(flow.to)) continue;
    for (const ports of portsOf(flow.protocol, flow.ports)) {
      const base = { protocol: flow.protocol, ...ports };
      const what = flow.description ?? `${flow.from} to ${flow.to}`;
      add(flow.to, { ...base, direction: "ingress", remoteZone: flow.from, description: what });
      add(flow.from, { ...base, direction: "egress", remoteZone: flow.to, description: what });
    }
  }

  const intranet = region.addressPlan.intranetRanges;
  for (const zone of zones) {
    const spec = region.zones[zone]!;
    for (const direction of ["ingress", "egress"] as const) {
      for (const rule of spec[direction]) {
        const cidrs = rule.peer === "internet" ? [ANY_IPV4] : intranet;
        const opened =
          direction === "ingress"
            ? ingressPorts(rule, zone, listening)
            : portsOf(rule.protocol, rule.ports);
        for (const cidr of cidrs) {
          for (const ports of opened) {
            add(zone, {
              direction,
              protocol: rule.protocol,
              ...ports,
              remoteCidr: cidr,
              description:
                rule.description ??
                `${zone} ${direction === "ingress" ? "from" : "to"} the ${rule.peer}`,
            });
          }
        }
      }
    }
  }

  const { zone: mgmt, adminPorts, bastionRanges } = region.management;
  for (const zone of zones) {
    for (const port of adminPorts) {
      const range = rangeOf(port);
      if (uses.has(mgmt)) {
        add(zone, {
          direction: "ingress",
          protocol: "tcp",
          ...range,
          remoteZone: mgmt,
          description: "administration from the management zone",
        });
        add(mgmt, {
          direction: "egress",
          protocol: "tcp",
          ...range,
          remoteZone: zone,
          description: `administration of ${zone}`,
        });
      }
      for (const cidr of bastionRanges) {
        add(zone, {
          direction: "ingress",
          protocol: "tcp",
          ...range,
          remoteCidr: cidr,
          description: "administration from a bastion range",
        });
      }
    }
    for (const target of dnsTargets[zone] ?? []) {
      for (const protocol of ["udp", "tcp"] as const) {
        add(zone, {
          direction: "egress",
          protocol,
          portMin: 53,
          portMax: 53,
          remoteCidr: target,
          description: "DNS",
        });
      }
    }
  }

  return zones.map((zone) => ({
    zone,
    name: `${agency}-${zone}`,
    description: `${zone} zone of ${agency}: only declared flows are allowed`,
    rules: [...rules.get(zone)!].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  }));
}

/**
 * The ports an ingress rule opens: all of them when zone-wide (ICMP has no ports and no
 * listener, so it is always zone-wide), else each port of the rule that a listener in the zone
 * uses, one rule per port so that adding a listener adds a rule and changes none.
 */
function ingressPorts(
  rule: IngressRule,
  zone: string,
  listening: readonly ExposedPort[],
): { portMin?: number; portMax?: number }[] {
  if (rule.zoneWide || rule.protocol === "icmp") return portsOf(rule.protocol, rule.ports);
  return listening
    .filter(
      (listener) =>
        listener.zone === zone &&
        listener.protocol === rule.protocol &&
        covers(rule.ports, listener.port),
    )
    .map((listener) => ({ portMin: listener.port, portMax: listener.port }));
}

function rangeOf(port: PortSpec): { portMin: number; portMax: number } {
  const { min, max } = portRange(port);
  return { portMin: min, portMax: max };
}

function portsOf(
  protocol: Protocol,
  ports: readonly PortSpec[] | undefined,
): { portMin?: number; portMax?: number }[] {
  if (protocol === "icmp" || !ports) return [{}];
  return ports.map(rangeOf);
}

/** Derived from what the rule does, so it survives reordering of flows and zones. */
export function ruleKey(rule: Omit<RulePlan, "key">): string {
  const ports =
    rule.portMin === undefined
      ? "all"
      : rule.portMin === rule.portMax
        ? `${rule.portMin}`
        : `${rule.portMin}-${rule.portMax}`;
  const peer = rule.remoteZone
    ? `zone-${rule.remoteZone}`
    : `cidr-${rule.remoteCidr!.replace("/", "_")}`;
  return `${rule.direction === "ingress" ? "in" : "out"}-${rule.protocol}-${ports}-${peer}`;
}
