import { describeExposure, exposure, publicAddressCount } from "../../net/address-space";
import type { PortRange } from "../../spec/zones";
import { literalNumber, literalString } from "../json";
import { referencedElement, resourcesOfType } from "../references";
import type { PolicyContext, PolicyRule, Violation } from "../rule";
import {
  ALL_PORTS,
  coveredBy,
  describePorts,
  isAnywhere,
  portRanges,
  securityGroupRules,
  type SecurityGroupRule,
} from "../security-group-rules";
import type { PolicyResource } from "../stack-view";
import { tenantZones, type TenantZones } from "../tenant-zones";

/** (a) Ingress from any address only where the internet-facing zone declares it. */
export const noIngressFromAnywhere: PolicyRule = {
  id: "TAMNA-NET-001",
  level: "error",
  title: "No ingress from 0.0.0.0/0 or ::/0 except the internet-facing zone's declared ports",
  explanation:
    "A security group rule open to every address exposes whatever listens on its ports to the " +
    "whole internet (a rule without any remote is open too), and so does a load balancer " +
    "listener whose `allowed_cidrs` include every address or are left out (Octavia then allows " +
    "all). Exposure is computed over the union of the remote prefixes of a group's ingress " +
    "rules per protocol and port: `0.0.0.0/1` plus `128.0.0.0/1` is every address, and a union " +
    "that holds as many public addresses as a /8 (IPv4) or a /16 (IPv6) counts as the internet " +
    "too. Only a zone that reaches the internet may accept such traffic, and only on the " +
    "protocol and ports its `ingress` entries with `peer: internet` declare in the region file, " +
    "so that exposure is decided once, in review of the zone catalogue, not by each workload.",
  check(context) {
    const zones = tenantZones(context);
    return [
      ...securityGroupViolations(context, zones),
      ...prefixUnionViolations(context, zones),
      ...listenerViolations(context, zones),
    ];
  },
};

function securityGroupViolations(context: PolicyContext, zones: TenantZones): Violation[] {
  return securityGroupRules(context, zones)
    .filter((rule) => rule.direction === "ingress" && rule.peer.kind === "anywhere")
    .filter((rule) => !isDeclared(context, rule.zone, rule.protocol, rule.ports))
    .map((rule) => ({
      resource: rule.resource,
      attribute: rule.peerAttribute,
      message: `${rule.zone ? `the ${rule.zone} zone's security group` : "a security group that belongs to no zone"} accepts ${describePorts(rule)} from anywhere, which the zone does not declare as internet-facing`,
      hint: hint(zones, rule.zone),
    }));
}

/** Octavia's listener protocols, by the IP protocol they carry. */
const LISTENER_PROTOCOLS: Readonly<Record<string, string>> = {
  TCP: "tcp",
  HTTP: "tcp",
  HTTPS: "tcp",
  TERMINATED_HTTPS: "tcp",
  UDP: "udp",
  SCTP: "sctp",
};

function listenerViolations(context: PolicyContext, zones: TenantZones): Violation[] {
  return resourcesOfType(context, "openstack_lb_listener_v2").flatMap((listener): Violation[] => {
    const allowed = listener.attributes.allowed_cidrs;
    const cidrs = Array.isArray(allowed)
      ? allowed.filter((cidr): cidr is string => typeof cidr === "string")
      : [];
    const anywhere = allowed === undefined || cidrs.some(isAnywhere);
    const wide = anywhere ? undefined : exposure(cidrs).find((family) => family.internetWide);
    if (!anywhere && !wide) return [];
    const balancer = referencedElement(context, listener.attributes.loadbalancer_id);
    const subnet = balancer && referencedElement(context, balancer.attributes.vip_subnet_id);
    const zone = subnet ? zones.zoneOfSubnet(subnet) : undefined;
    const protocol = LISTENER_PROTOCOLS[literalString(listener.attributes.protocol) ?? ""] ?? "";
    const port = literalNumber(listener.attributes.protocol_port);
    const ports = port === undefined ? undefined : { min: port, max: port };
    if (isDeclared(context, zone, protocol, ports)) return [];
    return [
      {
        resource: listener,
        attribute: "allowed_cidrs",
        message: `a load balancer listener${zone ? ` in zone ${zone}` : ""} accepts ${protocol || "traffic"} port ${port ?? "?"} from ${wide ? `${cidrs.join(", ")} (${describeExposure(wide)})` : "anywhere"}${allowed === undefined ? " (no allowed_cidrs)" : ""}, which the zone does not declare as internet-facing`,
        hint: hint(zones, zone).replace("the rule's remote", "allowed_cidrs"),
      },
    ];
  });
}

type CidrRule = SecurityGroupRule & { readonly peer: { readonly kind: "cidr"; cidr: string } };

/**
 * Ingress rules of one group whose prefixes are narrow one by one but together open a port to
 * the internet (0.0.0.0/1 and 128.0.0.0/1, or a public share as large as a /8). The union is
 * taken per protocol (a rule for every protocol counts for each) and per run of ports that the
 * same rules cover; every rule that adds public addresses to such a union is a finding.
 */
function prefixUnionViolations(context: PolicyContext, zones: TenantZones): Violation[] {
  const byGroup = new Map<string, CidrRule[]>();
  for (const rule of securityGroupRules(context, zones)) {
    if (rule.direction !== "ingress" || rule.peer.kind !== "cidr") continue;
    const key = JSON.stringify(rule.resource.attributes.security_group_id ?? null);
    byGroup.set(key, [...(byGroup.get(key) ?? []), rule as CidrRule]);
  }
  const found = new Map<PolicyResource, Violation>();
  for (const rules of byGroup.values()) {
    for (const protocol of new Set(rules.map((rule) => rule.protocol))) {
      const applicable = rules.filter(
        (rule) => rule.protocol === protocol || (protocol !== "any" && rule.protocol === "any"),
      );
      for (const ports of portRuns(applicable)) {
        const covering = applicable.filter((rule) => {
          const range = rule.ports ?? ALL_PORTS;
          return range.min <= ports.min && ports.max <= range.max;
        });
        const cidrs = covering.map((rule) => rule.peer.cidr);
        const wide = exposure(cidrs).find((family) => family.internetWide);
        if (!wide) continue;
        const zone = covering[0]!.zone;
        if (isDeclared(context, zone, protocol, protocol === "icmp" ? undefined : ports)) continue;
        const contributors = covering.filter((rule) => publicAddressCount(rule.peer.cidr) > 0n);
        for (const rule of contributors) {
          if (found.has(rule.resource)) continue;
          const others = covering.filter((other) => other !== rule).map((o) => o.peer.cidr);
          const together =
            others.length === 0
              ? ""
              : ` together with ${others.slice(0, 3).join(", ")}${others.length > 3 ? ` and ${others.length - 3} more` : ""}`;
          found.set(rule.resource, {
            resource: rule.resource,
            attribute: rule.peerAttribute,
            message: `${zone ? `the ${zone} zone's security group` : "a security group that belongs to no zone"} accepts ${describeRun(protocol, ports)} from ${rule.peer.cidr}${together}, which opens it to ${describeExposure(wide)}, and the zone does not declare it as internet-facing`,
            hint: hint(zones, zone),
          });
        }
      }
    }
  }
  return [...found.values()];
}

/** The runs of ports over which the same rules apply: cut at every rule's bounds. */
function portRuns(rules: readonly SecurityGroupRule[]): PortRange[] {
  const cuts = new Set<number>([ALL_PORTS.min, ALL_PORTS.max + 1]);
  for (const rule of rules) {
    const range = rule.ports ?? ALL_PORTS;
    cuts.add(range.min);
    cuts.add(range.max + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((min, index) => ({ min, max: sorted[index + 1]! - 1 }));
}

function describeRun(protocol: string, ports: PortRange): string {
  if (protocol === "icmp") return "icmp";
  const all = ports.min === ALL_PORTS.min && ports.max === ALL_PORTS.max;
  if (protocol === "any")
    return all ? "every protocol and port" : `every protocol on ports ${ports.min}-${ports.max}`;
  return ports.min === ports.max
    ? `${protocol} port ${ports.min}`
    : `${protocol} ports ${ports.min}-${ports.max}`;
}

function isDeclared(
  context: PolicyContext,
  zoneName: string | undefined,
  protocol: string,
  ports: PortRange | undefined,
): boolean {
  const zone = zoneName ? context.region.spec.zones[zoneName] : undefined;
  if (!zone || zone.reaches !== "internet") return false;
  const declared = zone.ingress.filter(
    (entry) => entry.peer === "internet" && entry.protocol === protocol,
  );
  if (protocol === "icmp") return declared.length > 0;
  return coveredBy(
    ports ?? ALL_PORTS,
    declared.flatMap((entry) => portRanges(entry.ports ?? [])),
  );
}

function hint(zones: TenantZones, zone: string | undefined): string {
  return zone && zones.reachOf(zone) === "internet"
    ? `narrow the rule's remote to known ranges, or declare the port under zones.${zone}.ingress with peer: internet in the region file`
    : "narrow the rule's remote to known ranges or a zone's group; only an internet-facing zone may accept traffic from anywhere";
}
