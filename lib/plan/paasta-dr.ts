import type { Problem } from "../errors";
import { DR_MODES, type DrMode, replicatesData } from "../spec/dr";
import type { PaastaFoundation } from "../spec/paasta";
import type { RegionSpec } from "../spec/region";
import type { Sourced } from "../spec/sourced";
import { durationMinutes } from "../spec/system-duration";
import { GRADES_NEEDING_REMOTE_COPY, leastSufficientMode, modeAchieves } from "./dr";

/**
 * The foundation's DR decision, by the rules every system follows: the least mode that is at
 * least its grade's minimum and achieves its declared objectives; grades 1 and 2 keep a live copy
 * at another site. The foundation exists at its home site and, with a live copy, at the DR site,
 * where its blobstore is synced to and where it can be served from after a failover.
 */

export interface PaastaDrDecision {
  readonly grade: number;
  readonly mode: DrMode;
  readonly homeSite: string;
  readonly drSite?: string;
  readonly activeSite: string;
  /** Where the foundation's IaaS exists: the home site, and the DR site with a live copy. */
  readonly sites: readonly string[];
  readonly declared?: { readonly rtoMinutes: number; readonly rpoMinutes: number };
  readonly achieves: { readonly rtoMinutes: number; readonly rpoMinutes: number };
}

export function decidePaastaDr(
  { spec: region, source }: Sourced<RegionSpec>,
  paasta: PaastaFoundation,
  problems: Problem[],
): PaastaDrDecision {
  const at = (...path: PropertyKey[]) => source.locate(["platforms", "paasta", ...path]);
  const policy = region.drPolicy;
  const sites = Object.keys(region.sites).sort();
  const homeSite =
    paasta.homeSite ?? sites.find((site) => region.sites[site]!.role === "primary") ?? sites[0]!;
  const achieves = (mode: DrMode) => modeAchieves(policy, mode);
  const declared =
    paasta.rto !== undefined || paasta.rpo !== undefined
      ? {
          rtoMinutes: paasta.rto !== undefined ? durationMinutes(paasta.rto) : Infinity,
          rpoMinutes: paasta.rpo !== undefined ? durationMinutes(paasta.rpo) : Infinity,
        }
      : undefined;
  const chosen = leastSufficientMode(policy, paasta.grade, declared);
  let mode: DrMode;
  if (chosen === undefined) {
    mode = DR_MODES[DR_MODES.length - 1]!;
    problems.push({
      location: at(paasta.rpo !== undefined ? "rpo" : "rto"),
      message: `no DR mode achieves the foundation's objectives; the best, ${mode}, achieves RTO ${policy.capabilities[mode].rto} and RPO ${policy.capabilities[mode].rpo}`,
      hint: "relax rto/rpo, or state better capabilities in the region's drPolicy",
    });
  } else mode = chosen;

  if (
    (GRADES_NEEDING_REMOTE_COPY as readonly number[]).includes(paasta.grade) &&
    !replicatesData(mode)
  ) {
    problems.push({
      location: at("grade"),
      message: `a grade-${paasta.grade} foundation would have ${mode}; grades 1 and 2 must keep a live copy at another site`,
      received: mode,
      hint: "raise the region's drPolicy.minimumMode for this grade to pilot-light or better",
    });
  }

  const others = sites.filter((site) => site !== homeSite);
  const drSite =
    mode === "none"
      ? undefined
      : (others.find((site) => region.sites[site]!.role === "dr") ?? others[0]);
  if (drSite === undefined && mode !== "none") {
    problems.push({
      location: at("grade"),
      message: `the foundation needs ${mode}, a copy at another site, but the region has one site`,
      hint: "add a DR site to the region",
    });
  }
  const live = drSite !== undefined && replicatesData(mode);
  const foundationSites = live ? [homeSite, drSite].sort() : [homeSite];

  let activeSite = homeSite;
  if (paasta.activeSite !== undefined) {
    if (paasta.activeSite === homeSite || (live && paasta.activeSite === drSite)) {
      activeSite = paasta.activeSite;
    } else {
      problems.push({
        location: at("activeSite"),
        message: `the foundation cannot be served from ${paasta.activeSite}: with ${mode} it runs only at ${foundationSites.join(" or ")}`,
        received: paasta.activeSite,
        allowed: foundationSites.join(", "),
        hint: "use the home site or the DR site",
      });
    }
  }

  if (live) {
    const types = region.volumeTypes;
    for (const [name, disk] of Object.entries(paasta.diskTypes)) {
      if (disk.volumeType !== undefined && types[disk.volumeType]?.replicated === true) continue;
      problems.push({
        location: at("diskTypes", name, ...(disk.volumeType !== undefined ? ["volumeType"] : [])),
        message: `disk type "${name}" is ${disk.volumeType === undefined ? "on the site's default volume type" : `on "${disk.volumeType}", which is not replicated`}: with ${mode} the foundation's databases would have no copy at ${drSite}`,
        allowed:
          Object.keys(types)
            .filter((type) => types[type]!.replicated)
            .sort()
            .join(", ") || "a volume type with replicated: true",
        hint: "set volumeType to a replicated volume type",
      });
    }
  }

  // An objective left out is whatever the mode achieves: it constrained nothing.
  const stated = declared && {
    rtoMinutes: paasta.rto !== undefined ? declared.rtoMinutes : achieves(mode).rtoMinutes,
    rpoMinutes: paasta.rpo !== undefined ? declared.rpoMinutes : achieves(mode).rpoMinutes,
  };
  return {
    grade: paasta.grade,
    mode,
    homeSite,
    ...(drSite !== undefined ? { drSite } : {}),
    activeSite,
    sites: foundationSites,
    ...(stated ? { declared: stated } : {}),
    achieves: achieves(mode),
  };
}
