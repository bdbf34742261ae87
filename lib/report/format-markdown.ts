/**
 * The DR report as Markdown, for a wiki page or a pull request: the summary as tables, a table
 * of each agency's systems, each system's details as a list, and the manual steps as a table.
 */
import { minutesText } from "../plan/dr";
import { DR_MODES } from "../spec/dr";
import type { DrReport, DrSummary, SystemDrReport, SystemRef } from "./dr-model";
import {
  bootLine,
  copyLine,
  dnsLine,
  dnsZoneLine,
  effectiveRpo,
  modeLine,
  plural,
  sitesLine,
  standbyNow,
  workloads,
} from "./phrases";

const GRADES = ["1", "2", "3", "4"] as const;

export function formatMarkdown(report: DrReport): string {
  const systems = report.agencies.reduce((sum, agency) => sum + agency.systems.length, 0);
  const parts: string[] = [
    `# DR report: region \`${report.region}\``,
    "",
    `${plural(report.agencies.length, "agency", "agencies")}, ${plural(systems, "system")}.`,
    "",
    ...summarySection(report.summary),
  ];
  for (const agency of report.agencies) {
    parts.push("", `## ${agency.agency}`, "", `Sites: ${agency.sites.join(", ")}.`, "");
    if (agency.dnsZone) parts.push(escape(dnsZoneLine(agency.dnsZone)), "");
    parts.push(...systemsTable(agency.systems));
    for (const system of agency.systems) parts.push("", ...systemSection(system));
  }
  if (report.manualSteps.length > 0) {
    parts.push(
      "",
      "## Manual steps outside Terraform",
      "",
      "| step | when | what | systems |",
      "| --- | --- | --- | --- |",
      ...report.manualSteps.map(
        (step) =>
          `| \`${step.id}\` | ${step.when} | ${cell(step.title)} | ${step.systems.join(", ")} |`,
      ),
    );
  }
  return `${parts.join("\n")}\n`;
}

function summarySection(summary: DrSummary): string[] {
  const grades = GRADES.map((grade) => `grade ${grade}`);
  const total = (grade: string) =>
    DR_MODES.reduce((sum, mode) => sum + (summary.byGrade[grade]?.[mode] ?? 0), 0);
  return [
    "## Summary",
    "",
    `| mode | systems | ${grades.join(" | ")} |`,
    `| --- | ---: | ${grades.map(() => "---:").join(" | ")} |`,
    ...DR_MODES.map(
      (mode) =>
        `| ${mode} | ${summary.byMode[mode]} | ${GRADES.map((grade) => summary.byGrade[grade]?.[mode] ?? 0).join(" | ")} |`,
    ),
    `| **total** | **${summary.systems}** | ${GRADES.map((grade) => total(grade)).join(" | ")} |`,
    "",
    ...refList(
      "Without a live copy at another site",
      summary.withoutLiveCopy,
      (ref) => `grade ${ref.grade}, ${ref.mode}`,
    ),
    ...refList(
      "RPO not met (backups too rare for the declared RPO)",
      summary.rpoNotMet,
      (ref) => `grade ${ref.grade}, ${ref.mode}`,
    ),
    ...refList("Served from the DR site now", summary.failedOver, (ref) => `at ${ref.activeSite}`),
    ...refList(
      "Overridden modes",
      summary.overrides,
      (ref) => `${ref.mode}: ${cell(ref.reason ?? "")}`,
    ),
  ].slice(0, -1);
}

function refList(
  title: string,
  refs: readonly SystemRef[],
  detail: (ref: SystemRef) => string,
): string[] {
  if (refs.length === 0) return [`**${title}:** none.`, ""];
  return [
    `**${title}** (${refs.length}):`,
    "",
    ...refs.map((ref) => `- \`${ref.agency}/${ref.system}\`: ${detail(ref)}`),
    "",
  ];
}

function systemsTable(systems: readonly SystemDrReport[]): string[] {
  return [
    "| system | grade | declared RTO / RPO | mode | achieves | home | DR | active |",
    "| --- | ---: | --- | --- | --- | --- | --- | --- |",
    ...systems.map(
      (s) =>
        `| \`${s.system}\` | ${s.grade} | ${minutesText(s.declared.rtoMinutes)} / ${minutesText(s.declared.rpoMinutes)} | ` +
        `${s.mode}${s.decidedBy === "override" ? " (override)" : ""} | ` +
        `${minutesText(s.achieves.rtoMinutes)} / ${effectiveRpo(s)} | ` +
        `${s.homeSite} | ${s.drSite ?? "none"} | ${s.activeSite}${s.failedOver ? " (failed over)" : ""} |`,
    ),
  ];
}

function systemSection(system: SystemDrReport): string[] {
  const boot = bootLine(system.copies);
  const copies = [
    ...system.copies.filter((copy) => copy.kind !== "boot").map(copyLine),
    ...(boot ? [boot] : []),
  ];
  const lines = [
    `### ${system.agency}/${system.system}: ${escape(system.displayName)}`,
    "",
    `- **Mode:** ${escape(modeLine(system))}`,
    `- **Sites:** ${sitesLine(system)}`,
    "- **Data:**",
    ...copies.map((copy) => `  - ${escape(copy)}`),
    `- **At ${system.home.site}:** ${workloads(system.home.workloads, "nothing")}`,
  ];
  if (system.standby) {
    lines.push(
      `- **At ${system.standby.site} now:** ${standbyNow(system)}`,
      `- **At ${system.standby.site} after failover:** ${workloads(system.standby.afterFailover, "nothing")}`,
    );
  } else if (system.drSite !== null) {
    lines.push(`- **At ${system.drSite}:** nothing running and no live copy: backups only`);
  }
  lines.push(
    system.dns.length > 0 ? "- **DNS:**" : "- **DNS:** none",
    ...system.dns.map((record) => `  - ${escape(dnsLine(record, system))}`),
  );
  if (system.switch)
    lines.push(`- **${capitalize(system.switch.direction)}:** \`${system.switch.command}\``);
  else if (system.mode === "active-active")
    lines.push("- **Failover:** none needed: both sites serve");
  lines.push(
    "- **Manual steps:**",
    // Actions quote commands in backticks already: they stay as written.
    ...system.manualSteps.map((step) => `  - ${step.when}, \`${step.id}\`: ${step.action}`),
  );
  return lines;
}

/** Escapes the characters Markdown would read as formatting in free text. */
function escape(text: string): string {
  return text.replace(/([\\*_[\]<|])/g, "\\$1");
}

function cell(text: string): string {
  return escape(text).replace(/\n/g, " ");
}

function capitalize(text: string): string {
  return `${text[0]!.toUpperCase()}${text.slice(1)}`;
}
