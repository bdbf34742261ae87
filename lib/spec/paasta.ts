import { z } from "zod";
import { Ipv4Cidr, Quota, Slug } from "./common";
import { Duration } from "./system-duration";
import { PortSpec } from "./zones";

/**
 * A PaaS-TA foundation (Cloud Foundry deployed by BOSH) as part of the region: the IaaS it
 * needs at each site, derived from the region's address plan, zones, flavors and DR policy, and
 * the BOSH files that match it. Declared under `platforms.paasta` in region.yaml.
 */

/** Quota presets of a foundation's project, by size. */
export const PAASTA_SIZES = ["small", "medium", "large"] as const;
export type PaastaSize = (typeof PAASTA_SIZES)[number];

export const PaastaFoundation = z
  .strictObject({
    name: Slug.default("paasta").meta({
      description:
        "Name of the foundation: its project, stack names (paasta-<site>), networks and key pair start with it. Must not be an agency's slug. @default paasta",
    }),
    description: z.string().max(255).optional().meta({
      description: "What the foundation is for, in the project description.",
    }),
    grade: z.int().min(1).max(4).meta({
      description:
        "Grade of the foundation as a system (1 most critical .. 4): its DR mode follows from it through the region's drPolicy, like any system's.",
    }),
    rto: Duration.optional().meta({
      description: "Recovery time objective. @default - the grade's minimum mode decides alone",
    }),
    rpo: Duration.optional().meta({
      description: "Recovery point objective. @default - the grade's minimum mode decides alone",
    }),
    homeSite: Slug.optional().meta({
      description:
        "Site that runs the foundation day to day. @default the region's primary site (the first by name)",
    }),
    activeSite: Slug.optional().meta({
      description:
        "Site that serves the system and apps domains now; set it to the DR site to fail over (the DNS records move). @default homeSite",
    }),
    addressBlock: z
      .strictObject({
        index: z.int().min(0).meta({
          description:
            "Index of the foundation's block in each site's supernet, in blocks of addressPlan.agencyPrefixLength; the same index at every site. Must not be an agency's block.",
        }),
      })
      .meta({
        description:
          "Where the foundation's addresses come from: the BOSH network takes the block's first quarter, Cloud Foundry's the second half.",
      }),
    size: z.enum(PAASTA_SIZES).default("medium").meta({
      description:
        "Quota preset of the foundation's project at each site: small (a trial, about 20 VMs), medium (about 50), large (about 120). @default medium",
    }),
    quota: Quota.optional().meta({
      description:
        "Explicit quota of the foundation's project at each site, instead of size. @default - the size's preset",
    }),
    exposure: z
      .strictObject({
        zone: Slug.meta({
          description:
            "Security zone the Cloud Foundry routers are exposed like: its ingress rules give the sources and its `reaches` the external network of the router and the load balancer's floating IP.",
        }),
        ports: z.array(z.int().min(1).max(65535)).min(1).default([80, 443, 2222, 4443]).meta({
          description:
            "Ports of the gorouters' load balancer: HTTP, HTTPS, the SSH proxy (2222) and the log stream (4443). Each is opened to the sources of the zone's ingress rules that cover it. @default 80, 443, 2222, 4443",
        }),
      })
      .meta({ description: "How apps on the foundation are reached." }),
    blobstore: z.enum(["swift", "internal"]).default("internal").meta({
      description:
        "Where the Cloud Controller keeps packages, droplets and buildpacks: swift creates Swift containers (synced to the DR site by grade), internal leaves it to BOSH's own blobstore VM. @default internal",
    }),
    publicKey: z
      .string()
      .regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/, {
        message: "must be an OpenSSH public key, e.g. ssh-ed25519 AAAA... operator@example",
      })
      .meta({
        description:
          "OpenSSH public key of the operator for the Nova key pair BOSH puts on every VM (default_key_name). The private key stays with the operator.",
      }),
    vmTypes: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_.-]*$/, {
          message: "must be lowercase letters, digits, dots, hyphens and underscores",
        }),
        z.string().min(1),
      )
      .optional()
      .meta({
        description:
          "BOSH vm_types by name, each naming a flavor of the region's catalogue; `default` is the compilation VM type. @default one vm_type per flavor, named after it, and default = the smallest flavor",
      }),
    diskTypes: z
      .record(
        z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/),
        z.strictObject({
          sizeGiB: z.int().min(1).meta({ description: "Size of the persistent disk in GiB." }),
          volumeType: Slug.optional().meta({
            description:
              "Cinder volume type of the region's catalogue. @default the site's default",
          }),
        }),
      )
      .default({ default: { sizeGiB: 10 }, large: { sizeGiB: 50 } })
      .meta({
        description:
          "BOSH disk_types by name: persistent disks of the deployment's jobs. @default default 10 GiB, large 50 GiB",
      }),
    azs: z
      .record(
        z.string().min(1).max(64),
        z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, {
          message: "must be lowercase letters, digits, dots, hyphens and underscores",
        }),
      )
      .optional()
      .meta({
        description:
          "BOSH az name of each Nova availability zone of the foundation's sites, e.g. { cdc-az1: z1, cdc-az2: z2 }: deployments place instances by these names, so a zone keeps its name when zones are added. Names must differ within a site. @default each zone's own Nova name",
      }),
    rootDiskGiB: z.int().min(1).default(20).meta({
      description:
        "Size of each VM's root disk in GiB: the region's flavors have no local disk, so BOSH boots every VM from a Cinder volume of this size. @default 20",
    }),
    compilationWorkers: z.int().min(1).max(32).default(4).meta({
      description: "Compilation VMs BOSH runs in parallel. @default 4",
    }),
    openstackApi: z
      .strictObject({
        ranges: z.array(Ipv4Cidr).min(1).meta({
          description: "Where the OpenStack API endpoints are (Keystone, Nova, Neutron, ...).",
        }),
        ports: z
          .array(PortSpec)
          .min(1)
          .default([443, 5000, 8774, 8776, 9292, 9696, 9876, 8080])
          .meta({
            description:
              "Ports of the endpoints the director's CPI calls. @default 443, 5000 (Keystone), 8774 (Nova), 8776 (Cinder), 9292 (Glance), 9696 (Neutron), 9876 (Octavia), 8080 (Swift)",
          }),
      })
      .optional()
      .meta({
        description:
          "The OpenStack APIs the BOSH director's CPI calls. @default - the region's intranetRanges on the default ports",
      }),
  })
  .meta({
    description:
      "A PaaS-TA (Cloud Foundry on BOSH) foundation: its project, networks, security groups, key pair, router load balancer, DNS and blobstore at each site, and the BOSH cloud-config and vars that match them.",
  });
export type PaastaFoundation = z.infer<typeof PaastaFoundation>;

export const Platforms = z
  .strictObject({
    paasta: PaastaFoundation.optional(),
  })
  .meta({ description: "Platforms the region hosts for agencies, beside their own systems." });
export type Platforms = z.infer<typeof Platforms>;

/** The BOSH az name of a Nova zone: its mapping, else its own name. */
export function boshAzName(
  azs: Readonly<Record<string, string>> | undefined,
  zone: string,
): string {
  return azs && Object.hasOwn(azs, zone) ? azs[zone]! : zone;
}
