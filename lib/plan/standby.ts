import type { WorkloadSpec } from "../spec/system";
import type { DrDecision } from "./dr";

/** How a system's DR copy is sized and whether a site serves it, from its DR decision. */

/**
 * Instances of a workload at its DR site: all of them once the system is served from there
 * (after a failover) or in hot standby and active-active; the declared reduced standby (one
 * instance by default) in warm standby; none in pilot light, where only data is copied.
 */
export function standbySizing(
  decision: DrDecision,
  site: string,
  workload: WorkloadSpec,
): { count: number; flavor: string } {
  const full = { count: workload.count, flavor: workload.flavor };
  if (decision.activeSite === site) return full;
  switch (decision.mode) {
    case "active-active":
    case "hot-standby":
      return full;
    case "warm-standby":
      return {
        count: workload.standby?.count ?? 1,
        flavor: workload.standby?.flavor ?? workload.flavor,
      };
    default:
      return { count: 0, flavor: workload.flavor };
  }
}

/** Whether clients are sent to `site` for the system: its active site, or both when active-active. */
export function servesAt(decision: DrDecision, site: string): boolean {
  if (decision.activeSite === site) return true;
  return (
    decision.mode === "active-active" && (site === decision.homeSite || site === decision.drSite)
  );
}
