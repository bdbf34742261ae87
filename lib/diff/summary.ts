/**
 * Totals over a report, and the sentence every format ends or starts with.
 */
import { countActions, RESOURCE_ACTIONS, type ActionCounts, type DiffReport } from "./model";

export interface ReportTotals extends ActionCounts {
  readonly stacksAdded: number;
  readonly stacksRemoved: number;
  readonly stacksChanged: number;
  /** Stacks one side's synth did not select, so not compared. */
  readonly stacksNotCompared: number;
  readonly dangers: number;
}

export function totals(report: DiffReport): ReportTotals {
  const counts = countActions(report.stacks.flatMap((stack) => stack.resources));
  return {
    ...counts,
    stacksAdded: report.stacks.filter((stack) => stack.status === "added").length,
    stacksRemoved: report.stacks.filter((stack) => stack.status === "removed").length,
    stacksChanged: report.stacks.filter((stack) => stack.status === "changed").length,
    stacksNotCompared: report.notCompared.length,
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

/**
 * One line for the whole report. The stack counts add up: `6 stacks differ (4 added, 2 changed)`;
 * stacks that one side did not select are counted apart, as not compared.
 */
export function describeReport(report: DiffReport): string {
  const t = totals(report);
  const uncompared =
    t.stacksNotCompared === 0
      ? ""
      : `; ${plural(t.stacksNotCompared, "stack")} not compared (not selected when one side was synthesized)`;
  if (report.stacks.length === 0) {
    return `No changes: the head output matches the base${uncompared}.`;
  }
  const parts = [
    t.stacksAdded > 0 ? `${t.stacksAdded} added` : "",
    t.stacksRemoved > 0 ? `${t.stacksRemoved} removed` : "",
    t.stacksChanged > 0 ? `${t.stacksChanged} changed` : "",
  ].filter(Boolean);
  const differ = `${plural(report.stacks.length, "stack")} ${report.stacks.length === 1 ? "differs" : "differ"}`;
  const dangers = t.dangers === 0 ? "no dangers" : plural(t.dangers, "danger");
  return `${differ} (${parts.join(", ")}): ${describeCounts(t)}; ${dangers}${uncompared}.`;
}

/** The stacks one side did not select, per side: a heading, the first names, how many more. */
export interface NotComparedGroup {
  readonly heading: string;
  readonly names: readonly string[];
  readonly more: number;
}

export function notComparedGroups(report: DiffReport, limit = 20): NotComparedGroup[] {
  return (["head", "base"] as const).flatMap((side) => {
    const names = report.notCompared
      .filter((entry) => entry.notSelectedIn === side)
      .map((entry) => entry.stack);
    if (names.length === 0) return [];
    return [
      {
        heading: `Not compared: ${plural(names.length, "stack")} that the ${side} output's synth did not select (synthesize every stack to compare them)`,
        names: names.slice(0, limit),
        more: Math.max(0, names.length - limit),
      },
    ];
  });
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
