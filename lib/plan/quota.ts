import type { Quota, QuotaOverride } from "../spec/common";

/** The quota of an agency's project: the region's defaults with the agency's overrides. */
export function agencyQuota(defaults: Quota, override: QuotaOverride | undefined): Quota {
  return { ...defaults, ...stripUndefined(override ?? {}) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What an agency's networks take of its Neutron quota at one site. */
export interface NetworkUsage {
  readonly networks: number;
  readonly subnets: number;
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
    routers: network.routers.length,
    securityGroups: network.securityGroups.length + DEFAULT_GROUP.groups,
    securityGroupRules:
      network.securityGroups.reduce((sum, group) => sum + group.rules.length, 0) +
      DEFAULT_GROUP.rules,
  };
}

/** The quota fields an agency's networks exceed, with the numbers. */
export function exceededNetworkQuota(
  quota: Quota,
  usage: NetworkUsage,
): { field: keyof NetworkUsage; needed: number; quota: number }[] {
  return (Object.keys(usage) as (keyof NetworkUsage)[])
    .filter((field) => usage[field] > quota[field])
    .map((field) => ({ field, needed: usage[field], quota: quota[field] }));
}
