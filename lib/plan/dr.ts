import { TamnaError, type Problem } from "../errors";
import type { AgencySpec } from "../spec/agency";
import { checkBackupRpo } from "../spec/backup-checks";
import { DR_MODES, type DrMode, type DrPolicy, modeRank, replicatesData } from "../spec/dr";
import type { RegionInput, Sourced } from "../spec/load";
import { durationMinutes, type SystemSpec } from "../spec/system";
import { agencySites, systemSite } from "./sites";

/**
 * Each system's DR decision: its mode (from the region's policy, or a reasoned override), the
 * site that holds its copy, and the site that serves it now. The checks here are the ones the
 * NIRS fire (Daejeon, September 2025) taught: critical systems need a copy at another site, and
 * a copy at the same site is no copy.
 */

export interface DrDecision {
  readonly system: string;
  readonly grade: number;
  readonly mode: DrMode;
  /** policy: picked by grade and objectives; override: declared in the agency file. */
  readonly source: "policy" | "override";
  readonly reason?: string;
  /** Where the system runs day to day. */
  readonly homeSite: string;
  /** Where its copy is; absent for none and when no other site exists. */
  readonly drSite?: string;
  /** Where it is served now: the home site, or the DR site after a failover. */
  readonly activeSite: string;
  readonly declared: { readonly rtoMinutes: number; readonly rpoMinutes: number };
  readonly achieves: { readonly rtoMinutes: number; readonly rpoMinutes: number };
}

/** Grades whose systems must keep a copy at another site whatever the policy or override. */
export const GRADES_NEEDING_REMOTE_COPY = [1, 2] as const;

/** Recovery objectives in minutes. */
export interface Objectives {
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
}

/** What a mode achieves in this region, by its drPolicy's capabilities. */
export function modeAchieves(policy: DrPolicy, mode: DrMode): Objectives {
  return {
    rtoMinutes: durationMinutes(policy.capabilities[mode].rto),
    rpoMinutes: durationMinutes(policy.capabilities[mode].rpo),
  };
}

/** Whether a mode achieves the objectives (no objectives: any mode does). */
export function modeMeets(policy: DrPolicy, mode: DrMode, declared?: Objectives): boolean {
  if (!declared) return true;
  const can = modeAchieves(policy, mode);
  return can.rtoMinutes <= declared.rtoMinutes && can.rpoMinutes <= declared.rpoMinutes;
}

/**
 * The policy's choice for a grade: the least mode at least the grade's minimum that achieves the
 * objectives; undefined when none does (the caller says where, and falls back to the best).
 */
export function leastSufficientMode(
  policy: DrPolicy,
  grade: number,
  declared?: Objectives,
): DrMode | undefined {
  const minimum = policy.minimumMode[String(grade) as keyof typeof policy.minimumMode];
  return DR_MODES.find((m) => modeRank(m) >= modeRank(minimum) && modeMeets(policy, m, declared));
}

export function decideDr(
  input: RegionInput,
  agency: Sourced<AgencySpec>,
  system: SystemSpec,
  index: number,
  problems: Problem[],
): DrDecision | undefined {
  const region = input.region.spec;
  const policy = region.drPolicy;
  const at = (...path: PropertyKey[]) => agency.source.locate(["systems", index, ...path]);
  const homeSite = systemSite(input, agency.spec, system);
  if (homeSite === undefined) return undefined;
  const declared = {
    rtoMinutes: durationMinutes(system.rto),
    rpoMinutes: durationMinutes(system.rpo),
  };
  const achieves = (mode: DrMode) => modeAchieves(policy, mode);
  const meets = (mode: DrMode) => modeMeets(policy, mode, declared);
  const before = problems.length;

  let mode: DrMode;
  const override = system.dr?.mode;
  if (override !== undefined) {
    mode = override;
    if (!meets(mode)) {
      const can = achieves(mode);
      problems.push({
        location: at("dr", "mode"),
        message: `system "${system.name}" declares RTO ${system.rto} and RPO ${system.rpo}, but ${mode} achieves only RTO ${policy.capabilities[mode].rto} and RPO ${policy.capabilities[mode].rpo} in this region`,
        received: mode,
        allowed: DR_MODES.filter((m) => meets(m)).join(", ") || "no mode of the region",
        hint: `choose a mode that achieves the objectives, or relax rto/rpo to at least ${minutesText(can.rtoMinutes)}/${minutesText(can.rpoMinutes)}`,
      });
    }
  } else {
    const chosen = leastSufficientMode(policy, system.grade, declared);
    if (chosen === undefined) {
      const best = DR_MODES[DR_MODES.length - 1]!;
      problems.push({
        location: at(achieves(best).rpoMinutes > declared.rpoMinutes ? "rpo" : "rto"),
        message: `no DR mode achieves RTO ${system.rto} and RPO ${system.rpo} for system "${system.name}"; the best, ${best}, achieves RTO ${policy.capabilities[best].rto} and RPO ${policy.capabilities[best].rpo}`,
        hint: "relax the objectives, or state better capabilities in the region's drPolicy if the platform really achieves them",
      });
      mode = best;
    } else mode = chosen;
  }

  // The NIRS rule: grades 1 and 2 keep a copy at another site, whatever is declared.
  if (
    (GRADES_NEEDING_REMOTE_COPY as readonly number[]).includes(system.grade) &&
    !replicatesData(mode)
  ) {
    problems.push({
      location: at(override !== undefined ? "dr" : "grade"),
      message: `grade-${system.grade} system "${system.name}" would have ${mode === "none" ? "no DR at all" : "only backups"} (${mode}); grades 1 and 2 must keep a live copy at another site`,
      received: mode,
      allowed: DR_MODES.filter((m) => replicatesData(m)).join(", "),
      hint: "remove the dr.mode override, or choose pilot-light or better",
    });
  }

  problems.push(...checkBackupRpo(region, agency, system, index, mode));

  const sites = agencySites(agency.spec, Object.keys(region.sites).sort());
  let drSite: string | undefined;
  if (mode !== "none") {
    const declaredSite = system.dr?.site;
    if (declaredSite !== undefined && declaredSite === homeSite) {
      problems.push({
        location: at("dr", "site"),
        message: `system "${system.name}" keeps its DR copy at ${declaredSite}, the site it runs at: a fire there takes both`,
        received: declaredSite,
        allowed:
          sites.filter((site) => site !== homeSite).join(", ") || "another site of the agency",
        hint: "choose another site for dr.site",
      });
    } else if (declaredSite !== undefined && !sites.includes(declaredSite)) {
      problems.push({
        location: at("dr", "site"),
        message: `dr.site "${declaredSite}" is not one of the agency's sites`,
        received: declaredSite,
        allowed: sites.join(", "),
      });
    } else {
      const others = sites.filter((site) => site !== homeSite);
      drSite =
        declaredSite ?? others.find((site) => region.sites[site]!.role === "dr") ?? others[0];
    }
    if (drSite === undefined && replicatesData(mode) && problems.length === before) {
      problems.push({
        location: at("grade"),
        message: `system "${system.name}" needs ${mode}, a copy at another site, but agency "${agency.spec.slug}" has a tenant only at ${homeSite}: its replicas would share the primary's site`,
        received: `sites: ${sites.join(", ")}`,
        hint: "add the DR site to the agency's sites (or remove sites: to use every site)",
      });
    }
    if (mode === "backup-only" && Object.keys(region.sites).length < 2) {
      problems.push({
        location: at("grade"),
        message: `system "${system.name}" relies on backups, but the region has one site: backups would burn with the primary`,
        hint: "add a DR site to the region",
      });
    }
  }

  if (replicatesData(mode)) checkReplicatedVolumes(input, agency, system, index, mode, problems);

  const activeSite = chooseActiveSite(agency, system, index, homeSite, mode, drSite, problems);
  return {
    system: system.name,
    grade: system.grade,
    mode,
    source: override !== undefined ? "override" : "policy",
    ...(system.dr?.reason !== undefined ? { reason: system.dr.reason } : {}),
    homeSite,
    ...(drSite !== undefined ? { drSite } : {}),
    activeSite,
    declared,
    achieves: achieves(mode),
  };
}

function chooseActiveSite(
  agency: Sourced<AgencySpec>,
  system: SystemSpec,
  index: number,
  homeSite: string,
  mode: DrMode,
  drSite: string | undefined,
  problems: Problem[],
): string {
  const canServe = [homeSite, ...(drSite !== undefined && replicatesData(mode) ? [drSite] : [])];
  if (system.activeSite !== undefined) {
    if (!canServe.includes(system.activeSite)) {
      problems.push({
        location: agency.source.locate(["systems", index, "activeSite"]),
        message: `system "${system.name}" cannot be served from ${system.activeSite}: with ${mode} it runs only at ${canServe.join(" or ")}`,
        received: system.activeSite,
        allowed: canServe.join(", "),
        hint:
          mode === "none" || mode === "backup-only"
            ? "a system without a live copy is recovered by restoring backups, not by switching sites"
            : "use the system's site or its DR site",
      });
      return homeSite;
    }
    return system.activeSite;
  }
  // An agency-wide failover moves the systems that can move; the others stay (the DR report
  // lists them).
  const agencyActive = agency.spec.activeSite;
  return agencyActive !== undefined && canServe.includes(agencyActive) ? agencyActive : homeSite;
}

export function minutesText(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** With a live copy, every data volume must be on a type the storage mirrors to the DR site. */
function checkReplicatedVolumes(
  input: RegionInput,
  agency: Sourced<AgencySpec>,
  system: SystemSpec,
  index: number,
  mode: DrMode,
  problems: Problem[],
): void {
  const types = input.region.spec.volumeTypes;
  const replicated = Object.keys(types)
    .filter((name) => types[name]!.replicated)
    .sort();
  system.workloads.forEach((workload, w) => {
    workload.volumes.forEach((volume, v) => {
      const type = types[volume.volumeType];
      if (!type || type.replicated) return;
      problems.push({
        location: agency.source.locate([
          "systems",
          index,
          "workloads",
          w,
          "volumes",
          v,
          "volumeType",
        ]),
        message: `volume "${volume.name}" of ${system.name}/${workload.name} is on "${volume.volumeType}", which is not replicated: with ${mode} its only copy would stay at the primary site`,
        received: volume.volumeType,
        allowed: replicated.join(", ") || "a volume type with replicated: true",
        hint: "put data volumes of systems with a DR copy on a replicated volume type",
      });
    });
  });
}

/** DR decisions of every system, by agency and system; all problems of the agencies at once. */
export function decideAllDr(
  input: RegionInput,
  agencies: readonly Sourced<AgencySpec>[],
): Map<string, Map<string, DrDecision>> {
  const problems: Problem[] = [];
  const all = new Map<string, Map<string, DrDecision>>();
  for (const agency of agencies) {
    const decisions = new Map<string, DrDecision>();
    agency.spec.systems.forEach((system, index) => {
      const decision = decideDr(input, agency, system, index, problems);
      if (decision) decisions.set(system.name, decision);
    });
    all.set(agency.spec.slug, decisions);
  }
  if (problems.length > 0) throw new TamnaError(problems);
  return all;
}
