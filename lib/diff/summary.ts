/**
 * Totals over a report, and the sentence every format ends or starts with.
 */
import { countActions, RESOURCE_ACTIONS, type ActionCounts, type DiffReport } from "./model";

export interface ReportTotals extends ActionCounts {
  readonly stacksAdded: number;
  readonly stacksRemoved: number;
  readonly stacksChanged: number;
  readonly dangers: number;
}

export function totals(report: DiffReport): ReportTotals {
  const counts = countActions(report.stacks.flatMap((stack) => stack.resources));
  return {
    ...counts,
    stacksAdded: report.stacks.filter((stack) => stack.status === "added").length,
    stacksRemoved: report.stacks.filter((stack) => stack.status === "removed").length,
    stacksChanged: report.stacks.filter((stack) => stack.status === "changed").length,
    dangers: report.dangers.length,
  };
}

const VERBS: Record<keyof ActionCounts, string> = {
  create: "to create",
  update: "to update in place",
  replace: "to replace",
  destroy: "to destroy",
  move: "to move",
};

/** `2 to create, 1 to replace` (zero counts left out); `no resource changes` when all are zero. */
export function describeCounts(counts: ActionCounts): string {
  const parts = RESOURCE_ACTIONS.filter((action) => counts[action] > 0).map(
    (action) => `${counts[action]} ${VERBS[action]}`,
  );
  return parts.length > 0 ? parts.join(", ") : "no resource changes";
}

/** One line for the whole report. */
export function describeReport(report: DiffReport): string {
  if (report.stacks.length === 0) return "No changes: the head output matches the base.";
  const t = totals(report);
  const stacks = [
    `${report.stacks.length} stack${report.stacks.length === 1 ? "" : "s"} changed`,
    t.stacksAdded > 0 ? `${t.stacksAdded} added` : "",
    t.stacksRemoved > 0 ? `${t.stacksRemoved} removed` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const dangers =
    t.dangers === 0 ? "no dangers" : `${t.dangers} danger${t.dangers === 1 ? "" : "s"}`;
  return `${stacks}: ${describeCounts(t)}; ${dangers}.`;
}
