import * as ipaddr from "ipaddr.js";
import { z } from "zod";

/**
 * Building blocks shared by the region and agency specs. Each carries a description: the JSON
 * Schema that editors use is generated from these, so the description is what a user reads.
 */

const SLUG_PATTERN = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/** A stable identifier used in names, stack names and Terraform addresses. */
export const Slug = z
  .string()
  .min(2)
  .max(32)
  .regex(SLUG_PATTERN, {
    message: "must be lowercase letters, digits and hyphens, starting with a letter",
  })
  .meta({
    description:
      "Stable identifier: lowercase letters, digits and hyphens, starting with a letter, 2-32 characters. Used in OpenStack names and stack names; changing it renames resources.",
  });

/**
 * A DNS name ending with a dot: labels of 1-63 letters, digits and hyphens, at most 253
 * characters before the final dot (RFC 1035).
 */
export function dnsName(example: string) {
  return z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+$/, {
      message: `must be a DNS name ending with a dot, labels of at most 63 characters, e.g. ${example}`,
    })
    .max(254);
}

/**
 * What `tamna agency new` writes where only the user knows the value. No field accepts it, so a
 * file fails at each one left unfilled instead of passing with a made-up value.
 */
export const PLACEHOLDER = "FILL-IN";

/** A human-readable name; may be Korean. */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((value) => value !== PLACEHOLDER, {
    message: `is the placeholder ${PLACEHOLDER}: replace it with the real name`,
  })
  .meta({ description: "Human-readable name, may be Korean (e.g. 제주특별자치도청)." });

function isCanonicalCidr(value: string, version?: "ipv4"): boolean {
  if (!ipaddr.isValidCIDR(value)) return false;
  const [address, prefix] = ipaddr.parseCIDR(value);
  if (version && address.kind() !== version) return false;
  // Host bits must be zero: 10.0.0.1/16 is almost always a typo for 10.0.0.0/16.
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(value)
      : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toString() !== address.toString() || prefix < 0) return false;
  // ipaddr.js also accepts inet_aton forms (10.10.0/16, 012.0.0.0/8, 0xa.0.0.0/8) and /016,
  // which other tools read differently: accept only the canonical dotted-decimal text.
  return address.kind() !== "ipv4" || value === `${address.toString()}/${prefix}`;
}

/** An IPv4 network in CIDR notation with no host bits set. */
export const Ipv4Cidr = z
  .string()
  .refine((value) => isCanonicalCidr(value, "ipv4"), {
    message: "must be an IPv4 network in CIDR notation with host bits zero, e.g. 10.20.0.0/16",
  })
  .meta({ description: "IPv4 network in CIDR notation, host bits zero (e.g. 10.20.0.0/16)." });

/** A single IPv4 address. */
export const Ipv4Address = z
  .string()
  .refine((value) => ipaddr.IPv4.isValidFourPartDecimal(value), {
    message: "must be an IPv4 address in dotted decimal, e.g. 10.20.0.1",
  })
  .meta({ description: "IPv4 address in dotted decimal (e.g. 10.20.0.1)." });

/** Resource limits of one OpenStack project. */
export const QuotaFields = {
  instances: z.int().min(0).meta({ description: "Nova instances." }),
  cores: z.int().min(0).meta({ description: "Nova vCPUs." }),
  ramGiB: z.int().min(0).meta({ description: "Nova RAM in GiB." }),
  volumes: z.int().min(0).meta({ description: "Cinder volumes." }),
  volumeGiB: z.int().min(0).meta({ description: "Cinder capacity in GiB." }),
  snapshots: z.int().min(0).meta({ description: "Cinder snapshots." }),
  networks: z.int().min(0).meta({ description: "Neutron networks." }),
  subnets: z.int().min(0).meta({ description: "Neutron subnets." }),
  ports: z.int().min(0).meta({ description: "Neutron ports." }),
  routers: z.int().min(0).meta({ description: "Neutron routers." }),
  floatingIps: z.int().min(0).meta({ description: "Neutron floating IPs." }),
  securityGroups: z.int().min(0).meta({ description: "Neutron security groups." }),
  securityGroupRules: z.int().min(0).meta({ description: "Neutron security group rules." }),
  serverGroups: z.int().min(0).meta({ description: "Nova server groups." }),
  serverGroupMembers: z.int().min(0).meta({ description: "Nova instances per server group." }),
  loadBalancers: z.int().min(0).meta({ description: "Octavia load balancers." }),
  gpus: z.int().min(0).meta({
    description:
      "GPUs (whole or virtual) the agency's instances may hold at once. Never derived: only an agency that declares it is granted the region's GPU flavors (Nova flavor access), and its GPU workloads must fit in it. Nova's own quotas have no GPU field: tamna enforces it at plan time.",
  }),
  objectStorageGiB: z.int().min(0).meta({
    description:
      "Swift account quota in GiB (X-Account-Meta-Quota-Bytes), set by the tenancy stack: its cloud entry must hold Swift's reseller-admin role. Derived from the containers' sizeGiB when the region's quotaDefaults has it.",
  }),
};

/** Fields added after the first release: a region file without them gets these. */
const LATER_QUOTA_DEFAULTS = { serverGroups: 10, serverGroupMembers: 10, loadBalancers: 4 };

/** The fields a region default may set: GPUs are granted per agency only. */
const RegionQuotaFields = Object.fromEntries(
  Object.entries(QuotaFields).filter(([field]) => field !== "gpus"),
) as Omit<typeof QuotaFields, "gpus">;

export const Quota = z
  .strictObject({
    ...RegionQuotaFields,
    serverGroups: QuotaFields.serverGroups.default(LATER_QUOTA_DEFAULTS.serverGroups),
    serverGroupMembers: QuotaFields.serverGroupMembers.default(
      LATER_QUOTA_DEFAULTS.serverGroupMembers,
    ),
    loadBalancers: QuotaFields.loadBalancers.default(LATER_QUOTA_DEFAULTS.loadBalancers),
    objectStorageGiB: QuotaFields.objectStorageGiB.optional(),
  })
  .meta({
    description:
      "Quota of one project at one site. Every field is required except serverGroups (default 10), serverGroupMembers (10), loadBalancers (4) and objectStorageGiB (default: no Swift account quota unless the agency sets one). GPUs are no region default: an agency that may use them declares quota.gpus.",
  });
/** A resolved quota: the region's fields, and the GPUs of an agency that declares them. */
export type Quota = z.infer<typeof Quota> & { gpus?: number };

export const QuotaOverride = z.strictObject(QuotaFields).partial().meta({
  description:
    "The agency's own quota; it must hold the agency's workloads. Unset fields are derived from the workloads plus the region's quotaHeadroomPercent, and never fall below the region's quotaDefaults.",
});
export type QuotaOverride = z.infer<typeof QuotaOverride>;
