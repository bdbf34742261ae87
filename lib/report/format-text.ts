/**
 * The DR report for a terminal: the region summary first (modes by grade, systems without a live
 * copy, failed-over systems, overrides), then each agency's systems, then the manual steps that
 * remain outside Terraform. Long lines wrap at 100 columns under their label; commands do not.
 */
import { DR_MODES } from "../spec/dr";
import type { DrReport, DrSummary, SystemDrReport, SystemRef } from "./dr-model";
import {
  bootLine,
  copyLine,
  dnsLine,
  dnsZoneLine,
  modeLine,
  plural,
  sitesLine,
  standbyNow,
  workloads,
} from "./phrases";

const WIDTH = 100;
const GRADES = ["1", "2", "3", "4"] as const;

export function formatText(report: DrReport): string {
  const systems = report.agencies.reduce((sum, agency) => sum + agency.systems.length, 0);
  const lines: string[] = [
    `DR report: region ${report.region}, ${plural(report.agencies.length, "agency", "agencies")}, ${plural(systems, "system")}`,
    "",
    ...summaryLines(report.summary),
  ];
  // Site names label the footprint lines; the column fits the longest of them.
  const sites = report.agencies.flatMap((agency) => agency.sites);
  const label = Math.max("failover".length, ...sites.map((site) => site.length)) + 2;
  for (const agency of report.agencies) {
    lines.push("", `${agency.agency} (sites: ${agency.sites.join(", ")})`);
    if (agency.dnsZone) lines.push(...wrap(dnsZoneLine(agency.dnsZone), "    ", "  "));
    for (const system of agency.systems) lines.push("", ...systemLines(system, label));
  }
  if (report.manualSteps.length > 0) {
    lines.push("", "MANUAL STEPS outside Terraform (each system above says what exactly)");
    for (const step of report.manualSteps) {
      lines.push(...wrap(`${step.id} (${step.when}): ${step.title}`, "      ", "  "));
      lines.push(...wrap(`for ${step.systems.join(", ")}`, "          ", "      "));
    }
  }
  return `${lines.join("\n")}\n`;
}

function summaryLines(summary: DrSummary): string[] {
  const header = ["mode", "systems", ...GRADES.map((grade) => `grade ${grade}`)];
  const rows = DR_MODES.map((mode) => [
    mode,
    String(summary.byMode[mode]),
    ...GRADES.map((grade) => String(summary.byGrade[grade]?.[mode] ?? 0)),
  ]);
  const totals = [
    "total",
    String(summary.systems),
    ...GRADES.map((grade) =>
      String(DR_MODES.reduce((sum, mode) => sum + (summary.byGrade[grade]?.[mode] ?? 0), 0)),
    ),
  ];
  const table = [header, ...rows, totals];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const render = (row: readonly string[]) =>
    `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join("  ")}`;
  return [
    "SUMMARY",
    ...table.map(render),
    "",
    ...refLines(
      "without a live copy at another site",
      summary.withoutLiveCopy,
      (ref) => `grade ${ref.grade}, ${ref.mode}`,
    ),
    ...refLines(
      "RPO not met (backups too rare for the declared RPO)",
      summary.rpoNotMet,
      (ref) => `grade ${ref.grade}, ${ref.mode}`,
    ),
    ...refLines("served from the DR site now", summary.failedOver, (ref) => `at ${ref.activeSite}`),
    ...refLines("overridden modes", summary.overrides, (ref) => `${ref.mode}: ${ref.reason}`),
  ];
}

function refLines(
  title: string,
  refs: readonly SystemRef[],
  detail: (ref: SystemRef) => string,
): string[] {
  if (refs.length === 0) return [`  ${title}: none`];
  const names = refs.map((ref) => `${ref.agency}/${ref.system}`);
  const width = Math.max(...names.map((name) => name.length));
  return [
    `  ${title} (${refs.length}):`,
    ...refs.flatMap((ref, i) =>
      wrap(detail(ref), " ".repeat(6 + width), `    ${names[i]!.padEnd(width)}  `),
    ),
  ];
}

function systemLines(system: SystemDrReport, labelWidth: number): string[] {
  const lines = [`  ${system.system} (${system.displayName}), grade ${system.grade}`];
  const field = (label: string, values: readonly string[], wrapped = true) => {
    values.forEach((value, index) => {
      const prefix = `    ${(index === 0 ? label : "").padEnd(labelWidth)}`;
      lines.push(...(wrapped ? wrap(value, " ".repeat(4 + labelWidth), prefix) : [prefix + value]));
    });
  };
  field("mode", [modeLine(system)]);
  field("sites", [sitesLine(system)]);
  const copies = system.copies.filter((copy) => copy.kind !== "boot").map(copyLine);
  const boot = bootLine(system.copies);
  field("data", [...copies, ...(boot ? [boot] : [])]);
  field(system.home.site, [workloads(system.home.workloads, "nothing")]);
  if (system.standby) {
    field(system.standby.site, [
      `now: ${standbyNow(system)}`,
      `after failover: ${workloads(system.standby.afterFailover, "nothing")}`,
    ]);
  } else if (system.drSite !== null) {
    field(system.drSite, ["nothing running and no live copy: backups only"]);
  }
  field("DNS", system.dns.length > 0 ? system.dns.map((r) => dnsLine(r, system)) : ["none"]);
  // A command stays on one line, to be copied whole.
  if (system.switch) field(system.switch.direction, [system.switch.command], false);
  else if (system.mode === "active-active") field("failover", ["none needed: both sites serve"]);
  field(
    "manual",
    system.manualSteps.map((step) => `${step.when} ${step.id}: ${step.action}`),
  );
  return lines;
}

/** Wraps `text` at WIDTH; the first line starts with `first`, the others with `indent`. */
function wrap(text: string, indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(" ")) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
