import type { Problem } from "../errors";
import type { AgencySpec } from "./agency";
import { effectiveBackupPolicy } from "./backup";
import { replicatesData, type DrMode } from "./dr";
import type { Sourced } from "./sourced";
import type { RegionSpec } from "./region";
import { durationMinutes, type SystemSpec } from "./system";
import { didYouMean } from "./suggest";

/**
 * Backup policies against the catalogue and against the objectives: every policy a grade or a
 * system names must be declared with an interval, and a system that recovers from backups must
 * be backed up at least as often as its RPO allows to lose.
 */

function unknownPolicy(
  region: RegionSpec,
  name: string,
  location: Problem["location"],
  fix: string,
): Problem {
  const known = Object.keys(region.backupPolicies).sort();
  const best = didYouMean(name, known);
  return {
    location,
    message: `unknown backup policy "${name}"`,
    received: name,
    allowed: known.join(", "),
    hint: `${best !== undefined ? `did you mean "${best}"? Otherwise ` : ""}${fix}`,
  };
}

/** Each grade's policy is declared in the region's backupPolicies. */
export function checkGradeBackupPolicies({ spec, source }: Sourced<RegionSpec>): Problem[] {
  return Object.entries(spec.backupPolicyByGrade).flatMap(([grade, name]) =>
    Object.hasOwn(spec.backupPolicies, name)
      ? []
      : [
          unknownPolicy(
            spec,
            name,
            source.locate(["backupPolicyByGrade", grade]),
            `declare it under backupPolicies with its interval, e.g. ${name}: { interval: 24h, retention: 35d }`,
          ),
        ],
  );
}

/** Each system's own policy is declared in the region's backupPolicies. */
export function checkSystemBackupPolicies(
  region: Sourced<RegionSpec>,
  { spec: agency, source }: Sourced<AgencySpec>,
): Problem[] {
  return agency.systems.flatMap((system, index) =>
    system.backupPolicy === undefined ||
    Object.hasOwn(region.spec.backupPolicies, system.backupPolicy)
      ? []
      : [
          unknownPolicy(
            region.spec,
            system.backupPolicy,
            source.locate(["systems", index, "backupPolicy"]),
            `declare it under backupPolicies in ${region.source.file}`,
          ),
        ],
  );
}

/**
 * A system without a live copy (DR mode none or backup-only) is recovered from its latest backup,
 * so it loses up to one backup interval of data: that interval must not exceed the RPO. Called
 * once the mode is decided; replicated modes are measured by their replication instead.
 */
export function checkBackupRpo(
  region: RegionSpec,
  agency: Sourced<AgencySpec>,
  system: SystemSpec,
  index: number,
  mode: DrMode,
): Problem[] {
  if (replicatesData(mode)) return [];
  const policy = effectiveBackupPolicy(region, system);
  const rpoMinutes = durationMinutes(system.rpo);
  if (policy.intervalMinutes === undefined || policy.intervalMinutes <= rpoMinutes) return [];
  const interval = region.backupPolicies[policy.name]!.interval;
  // The least frequent policies that suffice first: they cost the least.
  const fitting = Object.entries(region.backupPolicies)
    .map(([name, candidate]) => ({ name, minutes: durationMinutes(candidate.interval) }))
    .filter(({ minutes }) => minutes <= rpoMinutes)
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name))
    .map(({ name }) => name);
  const chosenBy =
    policy.source === "system"
      ? "its backupPolicy"
      : `the region's backupPolicyByGrade for grade ${system.grade}`;
  return [
    {
      location: agency.source.locate(["systems", index, "rpo"]),
      message: `system "${system.name}" recovers from backups (${mode}), taken every ${interval} by policy "${policy.name}" (${chosenBy}), but its RPO is ${system.rpo}: a restore could lose up to ${interval} of data`,
      received: `backup interval ${interval}, RPO ${system.rpo}`,
      allowed: `a backup policy with an interval of at most ${system.rpo}${fitting.length > 0 ? `: ${fitting.join(", ")}` : " (none declared in backupPolicies)"}`,
      hint:
        fitting.length > 0
          ? `set backupPolicy: ${fitting[0]} on the system (or another policy listed), or relax rpo to at least ${interval}`
          : `declare a policy with interval: ${system.rpo} under the region's backupPolicies and set it as the system's backupPolicy, or relax rpo to at least ${interval}`,
    },
  ];
}
