import { z } from "zod";
import { DisplayName, Ipv4Address, Slug } from "./common";
import { SystemDr } from "./dr";
import { Duration, durationMinutes } from "./system-duration";

export { Duration, durationMinutes };

/**
 * The input model of an information system (정보시스템) inside an agency file: its grade,
 * recovery objectives and workloads. Names here are keys of the region's catalogues (flavors,
 * images, volume types) and of the agency's own key pairs; the checks in system-checks.ts
 * resolve them.
 */

export const VolumeSize = z.int().min(1).max(65536).meta({ description: "Size in GiB." });

export const BootVolume = z
  .strictObject({
    sizeGiB: VolumeSize,
    volumeType: z.string().min(1).meta({ description: "Volume type from the region's catalogue." }),
  })
  .meta({
    description:
      "The Cinder volume the server boots from, created from the image. Needed when the flavor's disk is 0.",
  });

export const Protection = z
  .strictObject({
    preventDestroy: z.boolean().meta({
      description:
        "false lets Terraform destroy what the opt-out is set on; true keeps it protected under a wider opt-out.",
    }),
    reason: z.string().trim().min(10).meta({
      description: "Why, for reviewers: at least 10 characters.",
    }),
  })
  .meta({
    description:
      "Destroy protection (lifecycle.prevent_destroy) of what it is set on; the most specific setting wins (volume, then workload, then system). @default protected",
  });

export const DataVolume = z
  .strictObject({
    name: Slug.meta({ description: "Stable name of the volume within the workload, e.g. data." }),
    sizeGiB: VolumeSize,
    volumeType: z.string().min(1).meta({ description: "Volume type from the region's catalogue." }),
    protection: Protection.optional().meta({
      description:
        "Opt this volume (on every instance) out of destroy protection, with a reason. The only way, besides the workload's protection, to unprotect a volume that is the only copy of its data. @default the workload's, else the system's protection",
    }),
  })
  .meta({ description: "A Cinder volume attached to every instance of the workload." });

export const LISTENER_PROTOCOLS = ["TCP", "UDP", "HTTP", "HTTPS"] as const;
export const HEALTH_CHECK_TYPES = ["TCP", "HTTP", "HTTPS", "PING", "UDP-CONNECT"] as const;

export const HealthCheck = z
  .strictObject({
    type: z.enum(HEALTH_CHECK_TYPES),
    path: z
      .string()
      .regex(/^\//, { message: "must start with /" })
      .optional()
      .meta({ description: "URL path for HTTP and HTTPS checks. @default /" }),
    expectedCodes: z
      .string()
      .regex(/^[1-5][0-9]{2}([-,][1-5][0-9]{2})*$/, {
        message: "must be status codes such as 200, 200-204 or 200,301",
      })
      .optional()
      .meta({ description: "Healthy HTTP status codes. @default 200" }),
    intervalSeconds: z.int().min(1).max(300).default(10),
    timeoutSeconds: z.int().min(1).max(300).default(5),
    maxRetries: z.int().min(1).max(10).default(3),
  })
  .meta({ description: "How the load balancer checks each member." });

export const Listener = z
  .strictObject({
    protocol: z.enum(LISTENER_PROTOCOLS),
    port: z.int().min(1).max(65535).meta({ description: "Port the load balancer listens on." }),
    targetPort: z.int().min(1).max(65535).optional().meta({
      description: "Port of the instances the traffic goes to. @default the listener port",
    }),
    healthCheck: HealthCheck.optional().meta({
      description:
        "@default an HTTP check of / for HTTP listeners, a TCP connect otherwise (PING-free: security groups drop ICMP)",
    }),
  })
  .meta({ description: "One port the service offers, balanced over the workload's instances." });

export const Exposure = z
  .strictObject({
    listeners: z.array(Listener).min(1).max(4),
    public: z.boolean().default(false).meta({
      description:
        "Give the load balancer a floating IP on the internet. Allowed only in the internet-facing zone.",
    }),
    dnsName: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, {
        message: "must be DNS labels such as www or portal.web",
      })
      .optional()
      .meta({
        description: "Name of the service in the agency's DNS zone. @default <workload>.<system>",
      }),
  })
  .meta({ description: "Offer the workload as a service behind an Octavia load balancer." });

export const ANTI_AFFINITY = ["strict", "soft"] as const;

export const Standby = z
  .strictObject({
    count: z.int().min(0).optional().meta({
      description:
        "Instances kept running at the DR site in warm standby; a failover scales them to the workload's count. @default 1",
    }),
    flavor: z.string().min(1).optional().meta({
      description: "Flavor of the standby instances (warm standby). @default the workload's flavor",
    }),
  })
  .meta({ description: "How the workload is sized at the DR site while the primary runs." });

export const WorkloadSpec = z
  .strictObject({
    name: Slug.meta({ description: "Stable name within the system, e.g. web, was, db." }),
    zone: Slug.meta({ description: "Security zone the instances sit in; the agency must use it." }),
    count: z.int().min(1).max(100).default(1).meta({ description: "Number of instances." }),
    flavor: z.string().min(1).meta({ description: "Flavor from the region's catalogue." }),
    image: z.string().min(1).meta({ description: "Image from the region's catalogue." }),
    bootVolume: BootVolume.optional(),
    volumes: z.array(DataVolume).default([]),
    keyPair: Slug.optional().meta({ description: "One of the agency's keyPairs." }),
    userData: z
      .string()
      .max(49152)
      .optional()
      .meta({ description: "cloud-init user data (Nova allows 64 KiB once base64-encoded)." }),
    fixedIps: z.array(Ipv4Address).min(1).optional().meta({
      description:
        "Fixed address of each instance, in order, inside the zone's subnet at the system's site; one per instance. At the DR site the same host numbers are used in the DR subnet.",
    }),
    antiAffinity: z.enum(ANTI_AFFINITY).optional().meta({
      description:
        "strict: never two instances on one host; soft: avoid it when possible. Changing it replaces the server group and the instances. @default strict while the count fits the site's availability zones, soft beyond",
    }),
    expose: Exposure.optional(),
    standby: Standby.optional(),
    protection: Protection.optional().meta({
      description:
        "Opt this workload's boot and data volumes out of destroy protection, with a reason, e.g. stateless web servers. @default the system's protection",
    }),
  })
  .meta({ description: "A group of identical instances of a system in one zone." });
export type WorkloadSpec = z.infer<typeof WorkloadSpec>;

export const Container = z
  .strictObject({
    name: Slug.meta({ description: "Stable name within the system, e.g. documents." }),
    description: z.string().optional(),
    sizeGiB: z.int().min(1).max(10485760).optional().meta({
      description:
        "Expected size of the objects in GiB, at every site that holds the container (a replicated container counts at the DR site too); it adds to the agency's object-storage quota. @default - not counted",
    }),
    quotaGiB: z.int().min(1).max(10485760).optional().meta({
      description:
        "Hard limit of the container in GiB (Swift container quota, X-Container-Meta-Quota-Bytes); at least sizeGiB. @default - no container quota: only the account quota applies",
    }),
    versioning: z.boolean().optional().meta({
      description:
        "Keep every version of an overwritten or deleted object (Swift object versioning, X-Versions-Enabled), e.g. for curated data. @default false",
    }),
    expireAfter: Duration.optional().meta({
      description:
        "How long objects may be kept, where the data allows deletion (raw or staging data), e.g. 365d. Swift expires objects one by one (X-Delete-After on each upload), not by container: tamna records the period as container metadata Expire-After (seconds, X-Container-Meta-Expire-After) for the loaders or a lifecycle job to apply. @default - objects never expire",
    }),
  })
  .superRefine((container, context) => {
    const { sizeGiB, quotaGiB } = container;
    if (sizeGiB !== undefined && quotaGiB !== undefined && quotaGiB < sizeGiB) {
      context.addIssue({
        code: "custom",
        path: ["quotaGiB"],
        message: `quotaGiB ${quotaGiB} is below the container's sizeGiB ${sizeGiB}: the container would refuse its own expected objects; raise quotaGiB to at least ${sizeGiB}, or lower sizeGiB`,
        input: quotaGiB,
      });
    }
  })
  .meta({ description: "An object-storage (Swift) container." });

export const SystemSpec = z
  .strictObject({
    name: Slug,
    displayName: DisplayName,
    grade: z.int().min(1).max(4).meta({
      description: "Criticality: 1 most critical .. 4 least. Drives the DR mode.",
    }),
    description: z.string().optional(),
    rto: Duration.meta({ description: "Recovery time objective, e.g. 4h." }),
    rpo: Duration.meta({ description: "Recovery point objective: data loss allowed, e.g. 15m." }),
    site: Slug.optional().meta({
      description: "Site the system runs at. @default the region's primary site",
    }),
    backupPolicy: Slug.optional().meta({
      description:
        "Backup policy (a name in the region's backupPolicies) written into volume metadata for the backup tooling. Without a live copy (DR mode none or backup-only) its interval must not exceed the RPO. @default the region's policy for the grade",
    }),
    protection: Protection.optional().meta({
      description:
        "System-wide opt-out of destroy protection: boot volumes, data volumes and containers. Rejected when a data volume is the only copy of its data (DR mode none or backup-only): opt out per workload or per volume instead. @default protected",
    }),
    dr: SystemDr.optional(),
    activeSite: Slug.optional().meta({
      description:
        "Site that serves the system now; set to the DR site to fail over (tamna failover does it). @default the agency's activeSite, else the system's site",
    }),
    containers: z.array(Container).default([]).meta({
      description:
        "Swift containers of the system; synced to the DR site when the mode keeps a copy. A system of containers alone is an object-storage area, e.g. a data lake.",
    }),
    workloads: z.array(WorkloadSpec).default([]).meta({
      description:
        "The system's instances. @default none: then the system is its containers alone (a data lake), and needs at least one",
    }),
  })
  .superRefine((system, context) => {
    if (system.workloads.length === 0 && system.containers.length === 0) {
      context.addIssue({
        code: "custom",
        path: ["workloads"],
        message: `system "${system.name}" has neither workloads nor containers: add its workloads, or the containers of an object-storage area (a data lake)`,
        input: system.workloads,
      });
    }
  })
  .meta({
    description:
      "An information system (정보시스템) the agency runs: workloads, containers, or both.",
  });
export type SystemSpec = z.infer<typeof SystemSpec>;

export const KeyPair = z
  .strictObject({
    publicKey: z
      .string()
      .trim()
      .regex(/^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/, {
        message: "must be an OpenSSH public key line, e.g. ssh-ed25519 AAAA... comment",
      }),
  })
  .meta({
    description:
      "An SSH public key created as a Nova key pair. Nova key pairs belong to the user that applies the stack.",
  });
