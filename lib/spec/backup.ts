import { z } from "zod";
import { Slug } from "./common";
import { Duration, durationMinutes } from "./system-duration";

/**
 * Backup policies: named schedules the backup tool (outside Terraform) applies to every volume
 * and container whose `backup_policy` metadata names them. The interval is what a restore can
 * lose, so it is compared with the RPO of every system that recovers from backups.
 */

export const BackupPolicy = z
  .strictObject({
    interval: Duration.meta({
      description:
        "Time between two backups: the most data a restore loses. A system that recovers from backups (DR mode none or backup-only) needs an interval no longer than its RPO.",
    }),
    retention: Duration.optional().meta({
      description: "How long each backup is kept. @default - as the backup tool keeps it",
    }),
    description: z.string().max(255).optional(),
  })
  .meta({ description: "A backup schedule the backup tool applies, kept at another site." });
export type BackupPolicy = z.infer<typeof BackupPolicy>;

/** This library's policies, named by interval, retention and where the copy is kept. */
export const DEFAULT_BACKUP_POLICIES: Readonly<Record<string, BackupPolicy>> = {
  "daily-35d-offsite": { interval: "24h", retention: "35d" },
  "daily-14d-offsite": { interval: "24h", retention: "14d" },
  "weekly-28d-offsite": { interval: "7d", retention: "28d" },
};

export const BackupPolicyCatalogue = z
  .record(Slug, BackupPolicy)
  .prefault({})
  .transform((policies) => ({ ...DEFAULT_BACKUP_POLICIES, ...policies }))
  .meta({
    description:
      "Backup policies by name; the region's own are added to (or replace) the defaults. @default daily-35d-offsite (24h, kept 35d), daily-14d-offsite (24h, kept 14d), weekly-28d-offsite (7d, kept 28d)",
  });

const DEFAULT_POLICY_BY_GRADE = {
  "1": "daily-35d-offsite",
  "2": "daily-35d-offsite",
  "3": "daily-14d-offsite",
  "4": "weekly-28d-offsite",
};

export const BackupPolicyByGrade = z
  .strictObject({ "1": Slug, "2": Slug, "3": Slug, "4": Slug })
  .partial()
  .transform((policies) => ({ ...DEFAULT_POLICY_BY_GRADE, ...policies }))
  .meta({
    description:
      "Backup policy (a name in backupPolicies) per grade, written into volume metadata for the backup tooling (backups run outside Terraform and must be kept at another site); a system may choose another with backupPolicy. @default 1-2: daily-35d-offsite, 3: daily-14d-offsite, 4: weekly-28d-offsite",
  });

/** What a region declares about backups; the part of RegionSpec this module reads. */
export interface RegionBackups {
  readonly backupPolicies: Readonly<Record<string, BackupPolicy>>;
  readonly backupPolicyByGrade: Readonly<Record<"1" | "2" | "3" | "4", string>>;
}

/** The policy a system's volumes carry, and where that choice comes from. */
export interface EffectiveBackupPolicy {
  readonly name: string;
  /** system: the system's own backupPolicy; grade: the region's policy for its grade. */
  readonly source: "system" | "grade";
  /** Undefined when the name is not in the catalogue (a located error elsewhere). */
  readonly intervalMinutes?: number;
}

export function effectiveBackupPolicy(
  region: RegionBackups,
  system: { readonly grade: number; readonly backupPolicy?: string | undefined },
): EffectiveBackupPolicy {
  const name =
    system.backupPolicy ??
    region.backupPolicyByGrade[String(system.grade) as keyof RegionBackups["backupPolicyByGrade"]];
  const policy = Object.hasOwn(region.backupPolicies, name)
    ? region.backupPolicies[name]
    : undefined;
  return {
    name,
    source: system.backupPolicy !== undefined ? "system" : "grade",
    ...(policy ? { intervalMinutes: durationMinutes(policy.interval) } : {}),
  };
}
