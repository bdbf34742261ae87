import { formatLocation } from "../errors";
import type { CapacityReport, ZoneCapacity } from "./capacity";

/** `tamna capacity --format json`; `version` changes when a field is removed or changes meaning. */
export const CAPACITY_JSON_VERSION = 1;

export function formatCapacityJson(report: CapacityReport): string {
  const document = {
    version: CAPACITY_JSON_VERSION,
    errors: report.problems.filter((problem) => problem.level === "error").length,
    warnings: report.problems.filter((problem) => problem.level === "warning").length,
    ...report,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `tamna capacity`: a table of zones, the zone-loss test per site, then the problems. */
export function formatCapacityText(report: CapacityReport): string {
  const header = [
    "site",
    "zone",
    "hosts",
    "instances",
    "vCPUs used / offered",
    "RAM GiB used / offered",
  ];
  const rows = report.zones.map((zone) => [
    zone.site,
    zone.zone,
    zone.capacity ? String(zone.capacity.hosts) : "-",
    String(zone.instances),
    usage(zone, "vcpus"),
    usage(zone, "ramGiB"),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const render = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  const lines = [
    "Capacity: what the planned instances take of what each zone's hosts offer Nova",
    "",
    render(header),
    ...rows.map(render),
    "",
  ];
  if (report.zoneLoss.length > 0) {
    lines.push(
      "Loss of a site's largest zone (grade 1-2 instances that ran there restart in the others):",
    );
    for (const loss of report.zoneLoss) {
      const verdict =
        loss.unrestarted.length === 0
          ? "all restart"
          : `${loss.toRestart - loss.restarted} cannot restart`;
      lines.push(
        `  ${loss.site} without ${loss.zone}: ${loss.restarted} of ${loss.toRestart} restart; ${verdict}`,
      );
      for (const entry of loss.unrestarted) {
        lines.push(
          `    ${entry.agency}/${entry.system} (grade ${entry.grade}) ${entry.workload}: ${entry.instances.join(", ")}`,
        );
      }
    }
    lines.push("");
  }
  for (const problem of report.problems) {
    lines.push(
      `${problem.level}: ${formatLocation(problem.location)}: ${problem.message}. Fix: ${problem.hint}`,
    );
  }
  if (report.problems.length === 0) lines.push("Every zone holds what is planned.");
  return `${lines.join("\n").trimEnd()}\n`;
}

function usage(zone: ZoneCapacity, field: "vcpus" | "ramGiB"): string {
  const used = zone.used[field];
  if (!zone.capacity) return `${used} / no host profile`;
  const offered = zone.capacity[field];
  const percent = offered > 0 ? Math.round((used * 100) / offered) : 0;
  return `${used} / ${offered} (${percent}%)${zone.over && used > offered ? " OVER" : ""}`;
}
