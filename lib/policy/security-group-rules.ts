import { contains } from "../net/cidr";
import { portRange, type PortRange, type PortSpec } from "../spec/zones";
import { literalNumber, literalString } from "./json";
import { referencedElement, resourcesOfType } from "./references";
import type { PolicyContext } from "./rule";
import type { PolicyResource } from "./stack-view";
import type { TenantZones } from "./tenant-zones";

/** Neutron security group rules of a stack, read into what the network rules reason about. */

export type Peer =
  /** 0.0.0.0/0, ::/0, or no remote at all (Neutron then allows every address). */
  | { readonly kind: "anywhere" }
  | { readonly kind: "cidr"; readonly cidr: string }
  /** Another group; `zone` when it is one of the tenant's zone groups. */
  | { readonly kind: "group"; readonly zone?: string }
  /** A remote address group, or a value that cannot be read offline. */
  | { readonly kind: "other" };

export interface SecurityGroupRule {
  readonly resource: PolicyResource;
  readonly direction: string;
  /** tcp, udp, icmp, any (no protocol: every protocol), or Neutron's name for another one. */
  readonly protocol: string;
  /** The ports the rule opens; undefined means every port. Always undefined for icmp. */
  readonly ports?: PortRange;
  /** Zone of the group the rule belongs to. */
  readonly zone?: string;
  readonly peer: Peer;
  /** The attribute that names the peer, for findings. */
  readonly peerAttribute: string;
}

const PROTOCOLS: Readonly<Record<string, string>> = {
  "": "any",
  any: "any",
  "6": "tcp",
  "17": "udp",
  "1": "icmp",
  "58": "icmp",
  "ipv6-icmp": "icmp",
  icmpv6: "icmp",
};

export function securityGroupRules(
  context: PolicyContext,
  zones: TenantZones,
): SecurityGroupRule[] {
  return resourcesOfType(context, "openstack_networking_secgroup_rule_v2").map((resource) => {
    const attributes = resource.attributes;
    const raw = (literalString(attributes.protocol) ?? "").toLowerCase();
    const protocol = PROTOCOLS[raw] ?? raw;
    const group = referencedElement(context, attributes.security_group_id);
    return {
      resource,
      direction: literalString(attributes.direction) ?? "",
      protocol,
      ports: protocol === "icmp" ? undefined : portsOf(attributes),
      zone: group ? zones.zoneOfName(group.attributes.name) : undefined,
      ...peerOf(context, zones, attributes),
    };
  });
}

function portsOf(attributes: Readonly<Record<string, unknown>>): PortRange | undefined {
  const min = literalNumber(attributes.port_range_min);
  const max = literalNumber(attributes.port_range_max);
  if (min === undefined && max === undefined) return undefined;
  // Neutron treats 0 or a missing bound as open-ended.
  return { min: min || 1, max: max || 65535 };
}

function peerOf(
  context: PolicyContext,
  zones: TenantZones,
  attributes: Readonly<Record<string, unknown>>,
): { peer: Peer; peerAttribute: string } {
  if (attributes.remote_group_id !== undefined) {
    const group = referencedElement(context, attributes.remote_group_id);
    const zone = group ? zones.zoneOfName(group.attributes.name) : undefined;
    return { peer: { kind: "group", ...(zone ? { zone } : {}) }, peerAttribute: "remote_group_id" };
  }
  if (attributes.remote_address_group_id !== undefined)
    return { peer: { kind: "other" }, peerAttribute: "remote_address_group_id" };
  if (attributes.remote_ip_prefix !== undefined) {
    const cidr = literalString(attributes.remote_ip_prefix);
    if (cidr === undefined) return { peer: { kind: "other" }, peerAttribute: "remote_ip_prefix" };
    return {
      peer: isAnywhere(cidr) ? { kind: "anywhere" } : { kind: "cidr", cidr },
      peerAttribute: "remote_ip_prefix",
    };
  }
  return { peer: { kind: "anywhere" }, peerAttribute: "remote_ip_prefix" };
}

/** True for a prefix that matches every address of its family. */
export function isAnywhere(cidr: string): boolean {
  const text = cidr.trim();
  return /\/0+$/.test(text) || text === "0.0.0.0" || text === "::";
}

/** True when the IPv4 `cidr` lies inside one of `ranges`; false for anything unparsable. */
export function insideAny(cidr: string, ranges: readonly string[]): boolean {
  return ranges.some((range) => {
    try {
      return contains(range, cidr);
    } catch {
      return false;
    }
  });
}

export function portRanges(ports: readonly PortSpec[]): PortRange[] {
  return ports.map(portRange);
}

export const ALL_PORTS: PortRange = { min: 1, max: 65535 };

export function overlapsAny(range: PortRange, ranges: readonly PortRange[]): boolean {
  return ranges.some((other) => range.min <= other.max && other.min <= range.max);
}

/** True when every port of `range` is in one of `ranges`. */
export function coveredBy(range: PortRange, ranges: readonly PortRange[]): boolean {
  let next = range.min;
  for (const other of [...ranges].sort((a, b) => a.min - b.min)) {
    if (other.min > next) break;
    if (other.max >= next) next = other.max + 1;
    if (next > range.max) return true;
  }
  return next > range.max;
}

/** Protocols on which administrative ports can be reached. */
export function carriesPorts(protocol: string): boolean {
  return protocol === "tcp" || protocol === "udp" || protocol === "any";
}

export function describePorts(rule: SecurityGroupRule): string {
  if (rule.protocol === "icmp") return "icmp";
  if (rule.protocol === "any") return "every protocol and port";
  const ports = rule.ports ?? ALL_PORTS;
  const text = ports.min === ports.max ? `port ${ports.min}` : `ports ${ports.min}-${ports.max}`;
  return `${rule.protocol} ${text}`;
}

export function describePeer(peer: Peer): string {
  switch (peer.kind) {
    case "anywhere":
      return "anywhere";
    case "cidr":
      return peer.cidr;
    case "group":
      return peer.zone ? `the ${peer.zone} zone's group` : "a group outside the tenant's zones";
    case "other":
      return "a peer that cannot be read offline";
  }
}
