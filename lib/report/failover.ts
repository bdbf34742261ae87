/**
 * What a failover (or failback) of an agency or a system does, read from the region plans before
 * and after the switch: which systems move to the target site, which stay and why. The plans'
 * DR decisions are the truth; this module only compares and explains them.
 */
import type { DrDecision } from "../plan/dr";
import type { RegionPlan } from "../plan/region-plan";
import { replicatesData, type DrMode } from "../spec/dr";

export interface FailoverRequest {
  readonly agency: string;
  /** One system; @default - every system of the agency */
  readonly system?: string;
  /** The site to serve from. */
  readonly to: string;
}

export interface SystemMove {
  readonly system: string;
  readonly mode: DrMode;
  /** failback: back to its home site. */
  readonly direction: "failover" | "failback";
  readonly from: string;
  readonly to: string;
  /** What the move does to the stacks, in a few words. */
  readonly effect: string;
}

export type StayReason = "already-there" | "no-live-copy" | "copy-elsewhere" | "pinned";

export interface SystemStay {
  readonly system: string;
  readonly mode: DrMode;
  readonly activeSite: string;
  readonly reason: StayReason;
  readonly detail: string;
}

export interface FailoverOutcome {
  readonly moved: readonly SystemMove[];
  readonly stayed: readonly SystemStay[];
}

/** The DR decisions of an agency's systems, from its primaries, in plan order. */
export function agencyDecisions(plan: RegionPlan, agency: string): Map<string, DrDecision> {
  const decisions = new Map<string, DrDecision>();
  for (const stack of plan.stacks) {
    if (stack.layer !== "agency" || stack.agency !== agency) continue;
    for (const system of stack.compute.systems) {
      if (system.role === "primary") decisions.set(system.name, system.dr);
    }
  }
  return decisions;
}

/**
 * Why one system cannot be switched to `to`, as a message and a hint; undefined when it can.
 * A system runs at its home site, or at its DR site when it keeps a live copy there.
 */
export function switchRefusal(
  decision: DrDecision,
  to: string,
): { readonly message: string; readonly hint: string } | undefined {
  const { system, mode, homeSite, drSite } = decision;
  if (decision.activeSite === to) {
    return {
      message: `system "${system}" is already served from ${to}`,
      hint:
        to === homeSite
          ? `to fail it over, use --to ${drSite ?? "its DR site"}`
          : `to fail it back, use --to ${homeSite}`,
    };
  }
  if (to === homeSite) return undefined;
  if (!replicatesData(mode)) {
    return {
      message: `system "${system}" has no live copy at ${to}: with ${mode} it runs only at ${homeSite}`,
      hint:
        mode === "none"
          ? "a system without DR is rebuilt, not switched (see tamna dr report)"
          : `restore it from the backups kept at ${drSite ?? "another site"} instead (see tamna dr report)`,
    };
  }
  if (drSite !== to) {
    return {
      message: `system "${system}" keeps its copy at ${drSite}, not at ${to}`,
      hint: `use --to ${drSite}, or move its copy with dr.site`,
    };
  }
  return undefined;
}

/** Compares the agency's decisions before and after the edit. */
export function failoverOutcome(
  before: RegionPlan,
  after: RegionPlan,
  request: FailoverRequest,
): FailoverOutcome {
  const old = agencyDecisions(before, request.agency);
  const exposed = systemsWithRecords(after, request.agency);
  const moved: SystemMove[] = [];
  const stayed: SystemStay[] = [];
  for (const [name, decision] of agencyDecisions(after, request.agency)) {
    if (request.system !== undefined && name !== request.system) continue;
    const from = old.get(name)?.activeSite ?? decision.homeSite;
    if (from !== decision.activeSite) {
      moved.push({
        system: name,
        mode: decision.mode,
        direction: decision.activeSite === decision.homeSite ? "failback" : "failover",
        from,
        to: decision.activeSite,
        effect: moveEffect(decision, from, exposed.has(name)),
      });
    } else if (decision.activeSite !== request.to) {
      stayed.push({
        system: name,
        mode: decision.mode,
        activeSite: from,
        ...stayReason(decision, request.to),
      });
    } else {
      stayed.push({
        system: name,
        mode: decision.mode,
        activeSite: from,
        reason: "already-there",
        detail: `already served from ${from}`,
      });
    }
  }
  return { moved, stayed };
}

/** Systems of the agency with DNS records in any of its stacks. */
function systemsWithRecords(plan: RegionPlan, agency: string): Set<string> {
  return new Set(
    plan.stacks.flatMap((stack) =>
      stack.layer === "agency" && stack.agency === agency
        ? (stack.dns?.records ?? []).map((record) => record.system)
        : [],
    ),
  );
}

function moveEffect(decision: DrDecision, from: string, hasRecords: boolean): string {
  if (decision.mode === "active-active") {
    return "both sites serve already: only the recorded active site changes";
  }
  const failback = decision.activeSite === decision.homeSite;
  const records = hasRecords
    ? `DNS records move from the ${from} stack to the ${decision.activeSite} stack`
    : "no DNS record to move";
  if (failback) {
    if (decision.mode === "hot-standby") return `${records}; the standby stays at full size`;
    // Standby volumes are protected like any other: terraform refuses to destroy them.
    return (
      `${records}; the instances the failover added at ${from} are to be destroyed, and their ` +
      "volumes' prevent_destroy makes terraform refuse until it is lifted for them"
    );
  }
  const scale =
    decision.mode === "hot-standby"
      ? "the standby already runs at full size"
      : decision.mode === "warm-standby"
        ? "the standby scales up to the full size"
        : "its instances and load balancers are created";
  return `${records}; ${scale}`;
}

function stayReason(decision: DrDecision, to: string): { reason: StayReason; detail: string } {
  if (!replicatesData(decision.mode) && to !== decision.homeSite) {
    return {
      reason: "no-live-copy",
      detail: `${decision.mode}: no live copy at ${to}; ${decision.mode === "none" ? "rebuild it" : "restore it from backups"} (see tamna dr report)`,
    };
  }
  if (decision.drSite !== to && decision.homeSite !== to) {
    return { reason: "copy-elsewhere", detail: `its copy is at ${decision.drSite}, not at ${to}` };
  }
  return {
    reason: "pinned",
    detail: `its own activeSite keeps it at ${decision.activeSite} (switch it with --system ${decision.system})`,
  };
}
