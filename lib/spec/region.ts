import { z } from "zod";
import { BackupPolicyByGrade, BackupPolicyCatalogue } from "./backup";
import { FlavorCatalogue, ImageCatalogue, VolumeTypes } from "./catalogue";
import { DisplayName, dnsName, Ipv4Address, Ipv4Cidr, Quota, Slug } from "./common";
import { DrPolicy } from "./dr";
import { Platforms } from "./paasta";
import { Prices } from "./prices";
import { AGENCY_GROUPS, type AgencyGroup } from "./groups";
import { DEFAULT_FLOWS, DEFAULT_ZONES, FlowSpec, Management, ZoneSpec } from "./zones";

/** The input model of a region file (`region.yaml`): sites, address plan, identity, state. */

/** What the zone's Nova compute hosts offer, for `tamna capacity`. */
export const HostProfile = z
  .strictObject({
    hostCount: z.int().min(1).optional().meta({
      description:
        "Number of general compute hosts in the zone. @default the number of hosts the zone lists",
    }),
    coresPerHost: z
      .int()
      .min(1)
      .meta({ description: "Physical cores (or threads Nova counts) per host." }),
    ramGiBPerHost: z.int().min(1).meta({
      description: "RAM per host that Nova may hand out, in GiB (after reserved_host_memory_mb).",
    }),
    cpuAllocationRatio: z.number().positive().default(4).meta({
      description: "Nova cpu_allocation_ratio: vCPUs per core. @default 4 (Nova's initial ratio)",
    }),
    ramAllocationRatio: z.number().positive().default(1).meta({
      description: "Nova ram_allocation_ratio: RAM handed out per GiB of RAM. @default 1",
    }),
  })
  .meta({ description: "The compute hosts of an availability zone, all alike." });
export type HostProfile = z.infer<typeof HostProfile>;

export const AvailabilityZone = z
  .strictObject({
    name: z.string().min(1).max(64).meta({ description: "Nova availability zone name." }),
    description: z.string().max(255).optional().meta({
      description:
        "Which fire compartment and power feed this zone stands on (aggregate metadata: at most 255 characters).",
    }),
    hosts: z.array(z.string().min(1)).min(1).optional().meta({
      description:
        "Nova compute hosts of this zone, as `openstack compute service list` names them; when given, a host aggregate puts them in the zone. A host belongs to one zone only. @default - no aggregate: the zone is managed outside tamna",
    }),
    capacity: HostProfile.optional().meta({
      description:
        "What the zone's general hosts (hosts, not gpuHosts) offer, for tamna capacity; instances of GPU flavors are not counted against it. @default - unknown: capacity is not checked at this site",
    }),
    gpuHosts: z.array(z.string().min(1)).min(1).optional().meta({
      description:
        "Nova compute hosts of this zone that carry GPUs: a host aggregate of their own (metadata gpu=true) puts them in the zone, and only GPU flavors land on them. A zone with GPU hosts is one that allows GPU workloads. @default - the zone hosts no GPUs",
    }),
  })
  .meta({ description: "An availability zone: a separate fire and power domain of the site." });

export const AllocationPool = z.strictObject({
  start: Ipv4Address,
  end: Ipv4Address,
});

export const ExternalNetwork = z
  .strictObject({
    reaches: z.enum(["internet", "intranet"]).meta({
      description:
        "What the network reaches: the public internet, or the government intranet (business network).",
    }),
    cidr: Ipv4Cidr,
    gatewayIp: Ipv4Address.meta({ description: "Upstream gateway of the external subnet." }),
    allocationPools: z
      .array(AllocationPool)
      .min(1)
      .optional()
      .meta({ description: "Ranges Neutron hands out for router gateways and floating IPs." }),
    networkType: z.enum(["flat", "vlan"]).meta({ description: "Neutron provider network type." }),
    physicalNetwork: z
      .string()
      .min(1)
      .meta({ description: "Neutron physical network label (e.g. physnet-ext)." }),
    segmentationId: z
      .int()
      .min(1)
      .max(4094)
      .optional()
      .meta({ description: "VLAN ID; required when networkType is vlan." }),
  })
  .meta({ description: "A provider network owned by the platform and shared as external." });
export type ExternalNetwork = z.infer<typeof ExternalNetwork>;

const LocalState = z.strictObject({
  type: z.literal("local"),
  directory: z.string().min(1).default("terraform-state").meta({
    description:
      "Directory for state files, relative to the working directory. @default terraform-state",
  }),
});

const S3State = z.strictObject({
  type: z.literal("s3"),
  bucket: z.string().min(3),
  endpoint: z.url({ protocol: /^https?$/ }).meta({
    description:
      "S3-compatible endpoint, e.g. Ceph RGW. Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
  }),
  region: z.string().min(1).default("us-east-1").meta({
    description: "S3 region name the endpoint expects. @default us-east-1",
  }),
  keyPrefix: z.string().min(1).optional().meta({
    description: "Prefix of every state key. @default the region name",
  }),
});

const PgState = z.strictObject({
  type: z.literal("pg"),
  schemaPrefix: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, { message: "must be a lowercase SQL identifier" })
    .optional()
    .meta({
      description:
        "Prefix of the PostgreSQL schema of every stack. The connection string comes from PG_CONN_STR. @default the region name with underscores",
    }),
});

export const StateBackend = z
  .discriminatedUnion("type", [LocalState, S3State, PgState])
  .meta({ description: "Where Terraform keeps state. Each stack gets its own key or schema." });
export type StateBackend = z.infer<typeof StateBackend>;

export const Site = z
  .strictObject({
    displayName: DisplayName,
    role: z.enum(["primary", "dr"]).meta({
      description: "primary: runs systems day to day; dr: the disaster-recovery center.",
    }),
    cloud: z.string().min(1).meta({
      description:
        "Entry in clouds.yaml that holds the credentials for this site. Credentials never go in spec files.",
    }),
    openstackRegion: z
      .string()
      .min(1)
      .meta({ description: "OpenStack region name, e.g. RegionOne." }),
    availabilityZones: z.array(AvailabilityZone).min(1),
    externalNetworks: z
      .record(Slug, ExternalNetwork)
      .meta({ description: "External networks by name; the name is the Neutron network name." }),
    dnsNameservers: z
      .array(Ipv4Address)
      .min(1)
      .meta({ description: "DNS resolvers handed to tenant subnets at this site." }),
    state: StateBackend.optional().meta({
      description:
        "State backend of this site's stacks, e.g. an RGW at the site itself so that the DR site's state survives the loss of the primary. @default the region's state",
    }),
  })
  .meta({ description: "A data center: one OpenStack region." });
export type Site = z.infer<typeof Site>;

export const AddressPlan = z
  .strictObject({
    supernets: z.record(Slug, Ipv4Cidr).meta({
      description: "Tenant address space of each site, by site name. Must not overlap.",
    }),
    agencyPrefixLength: z.int().min(16).max(28).default(22).meta({
      description: "Size of the block each agency gets from its site's supernet. @default 22",
    }),
    transitPrefixLength: z.int().min(24).max(29).default(28).meta({
      description:
        "Size of the transit subnet that links an agency's routers; it takes the last addresses of the agency block. @default 28",
    }),
    intranetRanges: z.array(Ipv4Cidr).default([]).meta({
      description:
        "Address ranges of the government intranet (business network) that zones may exchange traffic with. @default none",
    }),
  })
  .meta({ description: "Where tenant addresses come from." });

const GroupName = z.enum(AGENCY_GROUPS);

/** Roles of each agency group unless the region file says otherwise. */
export const DEFAULT_GROUP_ROLES: Record<AgencyGroup, readonly string[]> = {
  admins: ["member", "load-balancer_member"],
  operators: ["member"],
  auditors: ["reader"],
};

export const Identity = z
  .strictObject({
    domain: Slug.optional().meta({
      description:
        "Keystone domain that holds the agencies' projects and groups. @default the region prefix",
    }),
    groupRoles: z
      .partialRecord(GroupName, z.array(z.string().min(1)).min(1))
      .default({})
      .meta({
        description:
          "Keystone roles each agency group gets on the agency's project; a group left out keeps its default roles. @default admins: member, load-balancer_member; operators: member; auditors: reader",
      }),
  })
  .meta({ description: "Keystone layout of agency tenants." });

export const RegionDns = z
  .strictObject({
    domain: dnsName("cloud.jeju.go.kr.").meta({
      description: "Parent of every agency's zone: <agency>.<domain>.",
    }),
    email: z.email().meta({ description: "Zone administrator address (SOA)." }),
    ttl: z.int().min(30).max(86400).default(300).meta({
      description:
        "TTL of the service records, in seconds; short so a failover is quick. @default 300",
    }),
  })
  .meta({ description: "Designate DNS for agency services." });

export const SharedControlPlane = z
  .strictObject({
    sites: z.array(Slug).length(2).meta({
      description:
        "The two sites of the pair, by site name. Both must use the same cloud entry: one OpenStack cloud, two of its regions.",
    }),
    dns: z.enum(["shared", "per-site"]).default("per-site").meta({
      description:
        "shared: one Designate serves both regions, so each agency zone is created once (at the pair's primary site) and the other site adds its records to it; per-site: each region runs its own Designate and holds its own copy of the zone. @default per-site",
    }),
  })
  .meta({
    description:
      "Control-plane services two sites of one cloud share. Identity is not declared: two sites with the same cloud entry always share Keystone.",
  });
export type SharedControlPlane = z.infer<typeof SharedControlPlane>;

export const RegionSpec = z
  .strictObject({
    name: Slug,
    displayName: DisplayName,
    prefix: Slug.optional().meta({
      description: "Prefix of every OpenStack name. @default the region name",
    }),
    sites: z.record(Slug, Site).meta({ description: "Data centers by site name." }),
    addressPlan: AddressPlan,
    identity: Identity.prefault({}),
    zones: z.record(Slug, ZoneSpec).prefault(DEFAULT_ZONES).meta({
      description:
        "Security zone catalogue by name. @default dmz, app, db, mgmt as in the design guide",
    }),
    flows: z.array(FlowSpec).prefault(DEFAULT_FLOWS).meta({
      description:
        "Allowed flows between zones; everything else is denied. @default dmz to app tcp 8080, 8443; app to db tcp 5432",
    }),
    management: Management.prefault({}),
    quotaDefaults: Quota.meta({
      description:
        "The least quota every agency project gets; workloads raise it (see quotaHeadroomPercent), the agency's own quota replaces it.",
    }),
    quotaHeadroomPercent: z.int().min(0).max(1000).default(20).meta({
      description:
        "Quota derived from an agency's workloads is their use plus this percentage, rounded up. @default 20",
    }),
    flavors: FlavorCatalogue,
    images: ImageCatalogue.default({}),
    volumeTypes: VolumeTypes,
    dns: RegionDns.optional(),
    sharedControlPlane: z.array(SharedControlPlane).optional().meta({
      description:
        "Per pair of sites of one cloud (the same cloud entry, two OpenStack regions), the control-plane services they share besides Keystone. Sites with the same cloud share Keystone whether listed or not: the domain, projects, groups and role assignments are created once, by the primary site's stacks. @default no shared DNS",
    }),
    drPolicy: DrPolicy.prefault({}),
    containerSync: z
      .strictObject({
        realm: Slug.meta({
          description:
            "Swift container-sync realm that lists every site's cluster (named after the site) in container-sync-realms.conf. @default the region name",
        }),
      })
      .optional(),
    backupPolicies: BackupPolicyCatalogue,
    platforms: Platforms.optional().meta({
      description: "Platforms the region hosts: a PaaS-TA foundation. @default none",
    }),
    backupPolicyByGrade: BackupPolicyByGrade.prefault({}),
    state: StateBackend.prefault({ type: "local" }),
    prices: Prices.optional().meta({
      description:
        "Usage fees: the price books tamna cost and tamna diff price the plan with. @default - no prices: tamna cost refuses, tamna diff shows no cost",
    }),
  })
  .meta({
    title: "tamna region",
    description: "A province's cloud: sites, address plan, identity, state.",
  });
export type RegionSpec = z.infer<typeof RegionSpec>;
