/**
 * The DR report as plain data: for each system how it recovers, what is copied to the DR site and
 * how, what runs there now and after a failover, where its DNS records live, and what remains to
 * be done by hand outside Terraform. `tamna dr report --json` prints exactly this shape; fields
 * are only ever added (a removal or a change of meaning bumps DR_REPORT_VERSION).
 */
import type { DrMode } from "../spec/dr";

/** Version of the JSON shape. */
export const DR_REPORT_VERSION = 1;

export interface DrReport {
  readonly version: typeof DR_REPORT_VERSION;
  readonly region: string;
  /** The agencies covered (every agency, or those selected), in slug order. */
  readonly agencies: readonly AgencyDrReport[];
  readonly summary: DrSummary;
  /** Each manual step that applies to a covered system, once, with the systems it concerns. */
  readonly manualSteps: readonly ManualStepSummary[];
}

export interface AgencyDrReport {
  readonly agency: string;
  /** Sites where the agency has a tenant, in region order. */
  readonly sites: readonly string[];
  readonly systems: readonly SystemDrReport[];
  /** The agency's Designate zone and how it is served; absent when it has none. */
  readonly dnsZone?: DnsZoneReport;
}

/**
 * How an agency's zone is served. shared: one Designate serves the agency's sites (regions of one
 * cloud, `sharedControlPlane[].dns: shared`), so one zone exists; per-site: each site's Designate
 * holds its own copy, with the records of the systems that site serves.
 */
export interface DnsZoneReport {
  readonly zone: string;
  readonly layout: "shared" | "per-site";
  /** Sites whose stacks create the zone. */
  readonly createdAt: readonly string[];
  /**
   * Sites whose name servers the parent zone delegates to: for per-site DNS the sites that hold
   * records now (more than one means a resolver sees only part of them); for shared DNS every
   * site of the shared Designate.
   */
  readonly delegatedTo: readonly string[];
  /** What a failover changes at the zone and its delegation, in a sentence. */
  readonly onFailover: string;
}

/** Recovery time and recovery point, in minutes. */
export interface Objectives {
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
}

export interface SystemDrReport {
  readonly agency: string;
  readonly system: string;
  readonly displayName: string;
  readonly grade: number;
  /** What the agency file asks for. */
  readonly declared: Objectives;
  readonly mode: DrMode;
  /** policy: the least mode of the region's policy for the grade that meets the objectives. */
  readonly decidedBy: "policy" | "override";
  /** Why the mode was overridden; present for overrides. */
  readonly reason?: string;
  /** What the mode achieves in this region (the region's drPolicy capabilities). */
  readonly achieves: Objectives;
  /** The backup policy of the system's volumes and containers, and how often it backs up. */
  readonly backup: BackupFacts;
  /**
   * The data loss a recovery really risks, in minutes: the mode's replication RPO with a live
   * copy, else the backup interval (the latest backup is what is restored); null when the
   * interval is unknown.
   */
  readonly effectiveRpoMinutes: number | null;
  /** The effective RPO is within the declared RPO. */
  readonly rpoMet: boolean;
  /** Where the system runs day to day. */
  readonly homeSite: string;
  /** Where its copy (or, for backup-only, its backups) is kept; null without one. */
  readonly drSite: string | null;
  /** Where clients are sent now. */
  readonly activeSite: string;
  /** Served from the DR site instead of the home site. */
  readonly failedOver: boolean;
  /** A copy of the data is kept live at the DR site (pilot-light and better). */
  readonly liveCopy: boolean;
  /** What is copied to the DR site, and how; boot disks are rebuilt instead. */
  readonly copies: readonly DataCopy[];
  /** What the home site runs: always the whole system. */
  readonly home: { readonly site: string; readonly workloads: readonly WorkloadFootprint[] };
  /** What the DR site runs now and once it serves the system; null without a live copy. */
  readonly standby: StandbyFootprint | null;
  readonly dns: readonly DnsRecordReport[];
  /**
   * The tamna command that switches the system to its other site; null without a live copy, and
   * for active-active, where both sites serve already.
   */
  readonly switch: SwitchCommand | null;
  /** What an operator has to do by hand, in the order it comes up. */
  readonly manualSteps: readonly ManualStep[];
}

export interface BackupFacts {
  /** The policy name volume metadata carries (backup_policy). */
  readonly policy: string;
  /** system: the system's own backupPolicy; grade: the region's policy for its grade. */
  readonly chosenBy: "system" | "grade";
  /** Time between two backups; null when the region does not declare the policy. */
  readonly intervalMinutes: number | null;
}

export type CopyKind = "data-volume" | "boot" | "container";

/**
 * rbd-mirroring: the Cinder backend of a replicated volume type mirrors the RBD image to the DR
 * site's Ceph; container-sync: Swift container sync to the same container at the DR site;
 * backup: only the backup tool copies it (by its backup_policy metadata); rebuilt-from-image: a
 * boot disk is created anew from the image at the DR site.
 */
export type CopyMethod = "rbd-mirroring" | "container-sync" | "backup" | "rebuilt-from-image";

export interface DataCopy {
  readonly kind: CopyKind;
  /** The workload the volumes belong to; null for containers. */
  readonly workload: string | null;
  /** Data volume name, "boot", or the container's OpenStack name. */
  readonly name: string;
  /** How many exist: one per instance for volumes, one per container. */
  readonly count: number;
  /** Size of each volume; absent for containers and image-backed root disks. */
  readonly sizeGiB?: number;
  /** Cinder volume type; absent for containers and image-backed root disks. */
  readonly volumeType?: string;
  /** Cinder backend (volume_backend_name) of the volume type. */
  readonly backend?: string;
  /** Glance image a boot disk is built from. */
  readonly image?: string;
  readonly method: CopyMethod;
  /** Site the copy goes to: the DR site; null when nothing is copied by the platform. */
  readonly toSite: string | null;
  /** The backup policy the backup tool applies (volume and container metadata). */
  readonly backupPolicy: string;
  /** Seconds a container's objects may be kept (its Expire-After metadata); absent: forever. */
  readonly expireAfterSeconds?: number;
}

export interface WorkloadFootprint {
  readonly workload: string;
  readonly zone: string;
  readonly instances: number;
  readonly flavor: string;
  /** The workload's Octavia load balancer; null when not exposed. */
  readonly loadBalancer: { readonly name: string; readonly public: boolean } | null;
}

export interface StandbyFootprint {
  readonly site: string;
  /** Instances and load balancers at the DR site now (empty in pilot light). */
  readonly now: readonly WorkloadFootprint[];
  /** What a failover makes of it: the whole system. */
  readonly afterFailover: readonly WorkloadFootprint[];
}

export interface DnsRecordReport {
  /** Fully qualified, with the trailing dot. */
  readonly name: string;
  readonly workload: string;
  /** floating-ip: the load balancer's floating IP (public services); else the VIP. */
  readonly target: "floating-ip" | "load-balancer-vip";
  /** Sites whose stacks hold the record now (each points at its own load balancer). */
  readonly sites: readonly string[];
  /** Sites that hold it once the system is served from its DR site; null without a live copy. */
  readonly sitesAfterFailover: readonly string[] | null;
}

export interface SwitchCommand {
  readonly direction: "failover" | "failback";
  readonly to: string;
  readonly command: string;
}

/** setup: kept in place before any disaster; failover / failback: when switching sites. */
export type ManualStepWhen = "setup" | "failover" | "failback";

export type ManualStepId =
  | "backup-schedule"
  | "container-sync-realm"
  | "container-sync-key"
  | "object-expiry"
  | "application-replication"
  | "cinder-failover"
  | "dns-stale-record"
  | "restore-from-backup"
  | "rebuild"
  | "bosh-redeploy"
  | "failback-resync";

export interface ManualStep {
  readonly id: ManualStepId;
  readonly when: ManualStepWhen;
  /** What to do for this system, with its names. */
  readonly action: string;
}

export interface ManualStepSummary {
  readonly id: ManualStepId;
  readonly when: ManualStepWhen;
  readonly title: string;
  /** `agency/system` of every covered system the step applies to. */
  readonly systems: readonly string[];
}

export interface DrSummary {
  readonly systems: number;
  /** Systems per mode; every mode is present, in rank order. */
  readonly byMode: Readonly<Record<DrMode, number>>;
  /** Systems per grade ("1" .. "4") and mode; every grade and mode is present. */
  readonly byGrade: Readonly<Record<string, Readonly<Record<DrMode, number>>>>;
  /** Systems without a live copy at another site (none, backup-only). */
  readonly withoutLiveCopy: readonly SystemRef[];
  /** Systems whose effective RPO exceeds the declared one. */
  readonly rpoNotMet: readonly SystemRef[];
  /** Systems served from their DR site now. */
  readonly failedOver: readonly SystemRef[];
  /** Systems whose mode is an override of the policy, with the reason. */
  readonly overrides: readonly SystemRef[];
}

export interface SystemRef {
  readonly agency: string;
  readonly system: string;
  readonly grade: number;
  readonly mode: DrMode;
  readonly activeSite: string;
  readonly reason?: string;
}
