import type { Quota, QuotaOverride } from "../spec/common";
import type { Usage } from "./compute-usage";

/**
 * An agency's quota at one site. A field the agency declares is kept and must hold what the
 * agency's networks and workloads use there; a field it leaves out is derived: the use plus the
 * region's headroom, rounded up, and never below the region's default.
 */

export interface QuotaShortfall {
  readonly field: keyof Quota;
  readonly needed: number;
  readonly quota: number;
  /** What needs it: "networks" and each system, with its share. */
  readonly parts: readonly (readonly [string, number])[];
}

export interface ResolvedQuota {
  readonly quota: Quota;
  readonly shortfalls: readonly QuotaShortfall[];
}

export function resolveQuota(
  defaults: Quota,
  declared: QuotaOverride | undefined,
  /** Usage by what needs it, e.g. ["networks", ...], ["saeol", ...]. */
  parts: readonly (readonly [string, Usage])[],
  headroomPercent: number,
): ResolvedQuota {
  const quota = { ...defaults };
  const shortfalls: QuotaShortfall[] = [];
  // A field without a region default (objectStorageGiB) is set only where an agency declares it.
  const fields = new Set([...Object.keys(defaults), ...Object.keys(declared ?? {})]);
  for (const field of [...fields] as (keyof Quota)[]) {
    const shares = parts
      .map(([label, usage]) => [label, usage[field] ?? 0] as const)
      .filter(([, value]) => value > 0);
    const needed =
      field === "serverGroupMembers"
        ? Math.max(0, ...shares.map(([, value]) => value))
        : shares.reduce((sum, [, value]) => sum + value, 0);
    const own = declared?.[field];
    if (own !== undefined) {
      quota[field] = own;
      if (needed > own) shortfalls.push({ field, needed, quota: own, parts: shares });
    } else {
      quota[field] = Math.max(
        defaults[field] ?? 0,
        Math.ceil((needed * (100 + headroomPercent)) / 100),
      );
    }
  }
  return { quota, shortfalls };
}

/** What an agency's networks take of its Neutron quota at one site. */
export interface NetworkUsage {
  readonly networks: number;
  readonly subnets: number;
  readonly ports: number;
  readonly routers: number;
  readonly securityGroups: number;
  readonly securityGroupRules: number;
}

/**
 * Neutron creates a `default` security group with 4 rules (egress any, and ingress from its own
 * members, for IPv4 and IPv6) in every project; it counts against the quota too.
 */
const DEFAULT_GROUP = { groups: 1, rules: 4 };

export function networkUsage(network: {
  readonly zones: readonly unknown[];
  readonly transit?: unknown;
  readonly routers: readonly unknown[];
  readonly securityGroups: readonly { readonly rules: readonly unknown[] }[];
}): NetworkUsage {
  const linked = network.transit ? 1 : 0;
  return {
    networks: network.zones.length + linked,
    subnets: network.zones.length + linked,
    // A DHCP port and a router interface per zone subnet (transit has no DHCP), and one
    // interface per router on transit.
    ports: network.zones.length * 2 + (linked ? network.routers.length : 0),
    routers: network.routers.length,
    securityGroups: network.securityGroups.length + DEFAULT_GROUP.groups,
    securityGroupRules:
      network.securityGroups.reduce((sum, group) => sum + group.rules.length, 0) +
      DEFAULT_GROUP.rules,
  };
}
