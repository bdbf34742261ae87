import { z } from "zod";
import { DisplayName, dnsName, Ipv4Cidr, QuotaOverride, Slug } from "./common";
import { AGENCY_GROUPS, type AgencyGroup } from "./groups";
import { KeyPair, SystemSpec } from "./system";

export { SystemSpec };

/** The input model of an agency file (`agencies/<slug>.yaml`): one tenant of the region. */

export const Contact = z
  .strictObject({
    role: z.enum(["owner", "technical", "security"]).meta({
      description:
        "owner: accountable official; technical: operates the systems; security: security officer.",
    }),
    name: DisplayName,
    email: z.email(),
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 -]{6,19}$/, { message: "must be a phone number such as 064-710-1234" })
      .optional(),
  })
  .meta({ description: "A person to reach about this agency's cloud resources." });

/** One of the agency's groups bound to a Keystone group that exists already, by name. */
export const ExistingGroup = z
  .strictObject({
    existing: z.string().trim().min(1).max(64).meta({
      description:
        "Name of the Keystone group, e.g. edu-cloud-admins. tamna looks it up and gives it the group's roles on the agency's project; it creates no group and never changes or deletes this one.",
    }),
    domain: z.string().trim().min(1).max(64).optional().meta({
      description:
        "Keystone domain that holds the group, by name. @default the region's identity domain (the one that holds the agency's projects)",
    }),
  })
  .meta({
    description:
      "Bind this group key to an existing Keystone group instead of creating <slug>-<key>.",
  });
export type ExistingGroup = z.infer<typeof ExistingGroup>;

export const AgencyIdentity = z
  .strictObject({
    groups: z
      .strictObject(
        Object.fromEntries(AGENCY_GROUPS.map((key) => [key, ExistingGroup.optional()])) as Record<
          AgencyGroup,
          z.ZodOptional<typeof ExistingGroup>
        >,
      )
      .default({})
      .meta({
        description:
          "Group keys (admins, operators, auditors) bound to existing Keystone groups; a key left out gets its own group, <slug>-<key>, created by tamna. @default every group created",
      }),
  })
  .meta({ description: "How the agency's groups map to Keystone." });

export const AgencySpec = z
  .strictObject({
    slug: Slug,
    name: DisplayName,
    englishName: z.string().min(1).optional(),
    csapTier: z.enum(["high", "moderate", "low"]).meta({
      description: "CSAP (Cloud Security Assurance Program) tier the agency's systems require.",
    }),
    contacts: z.array(Contact).min(1),
    sites: z.array(Slug).min(1).optional().meta({
      description: "Sites where the agency has a tenant. @default every site of the region",
    }),
    addressBlock: z
      .union([
        z.strictObject({
          index: z.int().min(0).meta({
            description:
              "Block number inside each site's supernet, counted in agency blocks: the same index at every site. Never reuse or renumber: it fixes the agency's addresses.",
          }),
        }),
        z.strictObject({
          cidrs: z.record(Slug, Ipv4Cidr).meta({
            description:
              "Explicit block per site, by site name; each must be an agency-sized block inside that site's supernet.",
          }),
        }),
      ])
      .meta({ description: "The agency's stable address block at each site." }),
    zones: z.array(Slug).min(1).meta({
      description: "Security zones the agency uses, from the region's zone catalogue.",
    }),
    quota: QuotaOverride.optional(),
    identity: AgencyIdentity.prefault({}),
    keyPairs: z.record(Slug, KeyPair).default({}).meta({
      description: "SSH public keys by name, for workloads' keyPair.",
    }),
    dnsZone: dnsName("jeju-fire.cloud.jeju.go.kr.").optional().meta({
      description:
        "The agency's Designate zone for its services. @default <slug>.<the region's dns.domain>",
    }),
    activeSite: Slug.optional().meta({
      description:
        "Site that serves the agency's systems now; set to the DR site to fail every system over (tamna failover does it). @default each system's own site",
    }),
    systems: z.array(SystemSpec).default([]),
    suppressions: z
      .array(
        z.strictObject({
          rule: z
            .string()
            .min(1)
            .meta({ description: "Policy rule ID, e.g. TAMNA-NET-001 (RULES.md)." }),
          reason: z.string().meta({
            description: "Why the rule does not apply here, for reviewers: at least 10 characters.",
          }),
          stack: z.string().optional().meta({
            description: "Only this stack of the agency. @default every stack of the agency",
          }),
          address: z.string().optional().meta({
            description:
              "Only this Terraform address, e.g. openstack_lb_listener_v2.x. @default every address",
          }),
        }),
      )
      .default([])
      .meta({
        description:
          "Policy rules silenced for this agency's stacks; tamna validate lists them with their reasons.",
      }),
  })
  .meta({ title: "tamna agency", description: "An agency (기관): one tenant of the region." });
export type AgencySpec = z.infer<typeof AgencySpec>;
