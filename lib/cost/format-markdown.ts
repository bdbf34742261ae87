import { COST_KINDS } from "./model";
import { formatGrouped } from "./money";
import type { CostReport } from "./report";
import { costHeading, KIND_TITLES } from "./format-text";

/** `tamna cost --format markdown`: for the budget office, a table per agency and one of DR. */
export function formatCostMarkdown(report: CostReport): string {
  const money = (amount: number) => formatGrouped(amount, report.digits);
  const lines = [
    "## Usage fees",
    "",
    `${costHeading(report)}.`,
    "",
    `| agency | monthly (${report.currency}) | ${COST_KINDS.map((kind) => KIND_TITLES[kind]).join(" | ")} | DR share |`,
    `| --- | ---: | ${COST_KINDS.map(() => "---:").join(" | ")} | ---: |`,
    ...report.agencies.map(
      (agency) =>
        `| \`${agency.agency}\` | ${money(agency.monthly)} | ${COST_KINDS.map((kind) => money(agency.byKind[kind])).join(" | ")} | ${money(agency.dr.total)} |`,
    ),
    `| **total** | **${money(report.total)}** | ${COST_KINDS.map((kind) => money(report.byKind[kind])).join(" | ")} | ${money(report.dr.total)} |`,
    "",
    "What DR adds: standby systems at the DR site, replicated storage of running systems, and anything else in the agency's DR-site tenant.",
    "",
    `| agency | standby | replicated storage | DR site tenant | DR share |`,
    `| --- | ---: | ---: | ---: | ---: |`,
    ...report.agencies.map(
      (agency) =>
        `| \`${agency.agency}\` | ${money(agency.dr.standby)} | ${money(agency.dr.replicated)} | ${money(agency.dr.drSite)} | ${money(agency.dr.total)} |`,
    ),
    "",
  ];
  for (const agency of report.agencies) {
    lines.push(
      `<details><summary><code>${agency.agency}</code>: ${money(agency.monthly)} ${report.currency} by system</summary>`,
      "",
      `| system | site | monthly | ${COST_KINDS.map((kind) => KIND_TITLES[kind]).join(" | ")} | DR share |`,
      `| --- | --- | ---: | ${COST_KINDS.map(() => "---:").join(" | ")} | ---: |`,
      ...agency.systems.map(
        (system) =>
          `| \`${system.system}\` | \`${system.site}\` | ${money(system.monthly)} | ${COST_KINDS.map((kind) => money(system.byKind[kind])).join(" | ")} | ${money(system.dr.total)} |`,
      ),
      "",
      "</details>",
      "",
    );
  }
  for (const note of report.notes) lines.push(`Note: ${note.text}.`, "");
  return `${lines.join("\n").trimEnd()}\n`;
}
