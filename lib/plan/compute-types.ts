import type { ServerGroupPolicy } from "../spec/placement-lock";
import type { DrDecision } from "./dr";
import type { LoadBalancerPlan } from "./load-balancer";

/**
 * The shapes of the compute plan (see compute.ts), in a module of their own so that the parts
 * that fill them in (containers, load balancers, protection) do not import compute.ts back.
 */

export type { ServerGroupPolicy };

/** What a workload is at a site: the running system, or its DR standby. */
export type WorkloadRole = "primary" | "standby";

export interface VolumePlan {
  /** Stable construct ID within the instance: boot, or the data volume's name. */
  readonly key: string;
  readonly name: string;
  readonly sizeGiB: number;
  readonly volumeType: string;
  readonly availabilityZone: string;
  /** Cinder metadata for backup tooling: agency, system, grade, backup policy. */
  readonly metadata: Readonly<Record<string, string>>;
  /**
   * The volume refuses to be destroyed (see protection.ts).
   * @default the workload construct's protect prop
   */
  readonly protect?: boolean;
  /** Why protection is off, for reviewers; set when protect is false. */
  readonly protectionOptOut?: string;
}

export interface InstancePlan {
  /** Stable construct ID within the workload: 01, 02, ... */
  readonly key: string;
  readonly name: string;
  readonly availabilityZone: string;
  /** Declared fixed address; otherwise Neutron picks one from the pool. */
  readonly fixedIp?: string;
  readonly bootVolume?: VolumePlan;
  readonly dataVolumes: readonly VolumePlan[];
  readonly metadata: Readonly<Record<string, string>>;
}

export interface WorkloadPlan {
  readonly system: string;
  readonly name: string;
  readonly role: WorkloadRole;
  readonly zone: string;
  readonly flavor: string;
  /** Image catalogue key: boot volumes are created from it, or the server boots from it. */
  readonly image: string;
  readonly keyPair?: string;
  readonly userData?: string;
  readonly serverGroup: { readonly name: string; readonly policy: ServerGroupPolicy };
  readonly instances: readonly InstancePlan[];
  readonly loadBalancer?: LoadBalancerPlan;
}

export interface SystemPlan {
  readonly name: string;
  readonly displayName: string;
  readonly grade: number;
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
  readonly backupPolicy: string;
  /** system: the system's own backupPolicy; grade: the region's policy for its grade. */
  readonly backupPolicySource: "system" | "grade";
  /** How often that policy backs up; absent only when the region does not declare it. */
  readonly backupIntervalMinutes?: number;
  /**
   * The system's containers refuse to be destroyed unless the system opts out; volumes carry
   * their own decision (VolumePlan.protect).
   */
  readonly protect: boolean;
  /** Why protection is off, for reviewers; set when protect is false. */
  readonly protectionOptOut?: string;
  /** primary: the system's own site; standby: its DR copy. */
  readonly role: WorkloadRole;
  readonly dr: DrDecision;
  /** Clients are sent here: DNS records for its services live in this site's stack. */
  readonly servesHere: boolean;
  readonly containers: readonly ContainerPlan[];
  readonly workloads: readonly WorkloadPlan[];
}

export interface ContainerPlan {
  /** Stable construct ID: the container's name within the system. */
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  /** Sync to the same container at the DR site (home side of a live copy). */
  readonly syncToSite?: string;
  /** Takes part in container sync: it needs the agency's sync key. */
  readonly synced: boolean;
  /** Expected size at this site, for the agency's object-storage quota. */
  readonly sizeGiB?: number;
  /**
   * Swift metadata; `Quota-Bytes` (X-Container-Meta-Quota-Bytes) is the container quota,
   * `Expire-After` the seconds objects may be kept (applied per object by the loaders).
   */
  readonly metadata: Readonly<Record<string, string>>;
  /** Swift object versioning (X-Versions-Enabled). */
  readonly versioning: boolean;
  /** Seconds objects may be kept, when they expire. */
  readonly expireAfterSeconds?: number;
}

export interface KeyPairPlan {
  readonly key: string;
  readonly name: string;
  readonly publicKey: string;
}

export interface ImagePlan {
  readonly key: string;
  /** Glance name looked up at the site. */
  readonly name: string;
}

export interface ComputePlan {
  readonly systems: readonly SystemPlan[];
  readonly keyPairs: readonly KeyPairPlan[];
  /** Images the boot volumes are created from, sorted by key. */
  readonly images: readonly ImagePlan[];
}
