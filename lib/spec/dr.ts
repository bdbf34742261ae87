import { z } from "zod";
import { Slug } from "./common";
import { Duration } from "./system-duration";

/**
 * Disaster recovery: the modes a system can recover by, what each can achieve, and which mode
 * each grade needs at least. The figures are this library's defaults, not law: Korean public
 * sector rules require DR planning by grade but publish no per-grade RTO/RPO, so a region
 * states its own in `drPolicy`.
 */

/** From no recovery to both sites serving; the order is the ranking. */
export const DR_MODES = [
  "none",
  "backup-only",
  "pilot-light",
  "warm-standby",
  "hot-standby",
  "active-active",
] as const;
export const DrMode = z.enum(DR_MODES);
export type DrMode = z.infer<typeof DrMode>;

export function modeRank(mode: DrMode): number {
  return DR_MODES.indexOf(mode);
}

/** Modes that keep a copy of the data at the DR site (replicated volumes, synced containers). */
export function replicatesData(mode: DrMode): boolean {
  return modeRank(mode) >= modeRank("pilot-light");
}

/** Modes with instances running at the DR site while the primary runs. */
export function runsStandby(mode: DrMode): boolean {
  return modeRank(mode) >= modeRank("warm-standby");
}

const Capability = z
  .strictObject({
    rto: Duration.meta({ description: "Recovery time the mode achieves." }),
    rpo: Duration.meta({ description: "Data loss the mode may cause." }),
  })
  .meta({ description: "What a DR mode achieves in this region." });

/** This library's defaults; see the README's DR section for the reasoning. */
export const DEFAULT_CAPABILITIES: Record<DrMode, { rto: string; rpo: string }> = {
  // Rebuilt from code and images: data since the last export is lost.
  none: { rto: "30d", rpo: "30d" },
  // Restored from the nightly off-site backup onto freshly built servers.
  "backup-only": { rto: "3d", rpo: "24h" },
  // Data replicated (RBD mirroring, container sync); servers built at failover.
  "pilot-light": { rto: "8h", rpo: "15m" },
  // Reduced standby running; scaled up at failover.
  "warm-standby": { rto: "2h", rpo: "15m" },
  // Full standby running; DNS switched at failover.
  "hot-standby": { rto: "30m", rpo: "15m" },
  // Both sites serve; losing one loses its share of in-flight requests.
  "active-active": { rto: "5m", rpo: "5m" },
};

export const DEFAULT_MINIMUM_MODES = {
  "1": "warm-standby",
  "2": "pilot-light",
  "3": "backup-only",
  "4": "none",
} as const satisfies Record<string, DrMode>;

export const DrPolicy = z
  .strictObject({
    minimumMode: z
      .strictObject({ "1": DrMode, "2": DrMode, "3": DrMode, "4": DrMode })
      .partial()
      .prefault({})
      .transform((modes) => ({ ...DEFAULT_MINIMUM_MODES, ...modes }))
      .meta({
        description:
          "The least mode per grade. Grades 1 and 2 need at least pilot-light (a copy at another site). @default 1: warm-standby, 2: pilot-light, 3: backup-only, 4: none",
      }),
    capabilities: z
      .partialRecord(DrMode, Capability)
      .prefault({})
      .transform((table) => ({ ...DEFAULT_CAPABILITIES, ...table }))
      .meta({
        description:
          "RTO and RPO each mode achieves here. @default none 30d/30d, backup-only 3d/24h, pilot-light 8h/15m, warm-standby 2h/15m, hot-standby 30m/15m, active-active 5m/5m",
      }),
  })
  .meta({
    description:
      "How a system's DR mode follows from its grade and its declared RTO and RPO: the least mode that is at least the grade's minimum and achieves both.",
  });
export type DrPolicy = z.infer<typeof DrPolicy>;

export const SystemDr = z
  .strictObject({
    mode: DrMode.optional().meta({
      description: "Override of the mode the policy picks; needs a reason.",
    }),
    reason: z.string().trim().min(10).optional().meta({
      description: "Why the mode is overridden, for reviewers and the DR report.",
    }),
    site: Slug.optional().meta({
      description: "Site that holds the copy. @default the agency's other site, a dr site first",
    }),
  })
  .refine((dr) => dr.mode === undefined || dr.reason !== undefined, {
    message: "an overridden mode needs a reason of at least 10 characters",
    path: ["reason"],
  })
  .meta({ description: "The system's DR decision, when the policy's is not right for it." });
export type SystemDr = z.infer<typeof SystemDr>;
