import { COST_KINDS, type CostKind } from "./model";
import { formatGrouped } from "./money";
import type { CostReport } from "./report";

/** Column titles of each kind, shared by the text and markdown reports. */
export const KIND_TITLES: Readonly<Record<CostKind, string>> = {
  compute: "compute",
  storage: "storage",
  network: "network",
  objectStorage: "object storage",
};

/** The report's heading: what is priced, with which book, on which day. */
export function costHeading(report: CostReport): string {
  const scope = [
    report.selection?.agencies ? `agencies ${report.selection.agencies.join(", ")}` : undefined,
    report.selection?.site !== undefined ? `site ${report.selection.site}` : undefined,
  ].filter((part) => part !== undefined);
  return `Monthly usage fees in ${report.currency}, price book effective ${report.priceBook}, priced on ${report.date}${scope.length > 0 ? ` (${scope.join(", ")} only)` : ""}`;
}

/** `tamna cost`: a table of agencies, then each agency's systems per site. */
export function formatCostText(report: CostReport): string {
  const money = (amount: number) => formatGrouped(amount, report.digits);
  const header = ["agency", "monthly", ...COST_KINDS.map((kind) => KIND_TITLES[kind]), "DR share"];
  const rows = report.agencies.map((agency) => [
    agency.agency,
    money(agency.monthly),
    ...COST_KINDS.map((kind) => money(agency.byKind[kind])),
    money(agency.dr.total),
  ]);
  rows.push([
    "total",
    money(report.total),
    ...COST_KINDS.map((kind) => money(report.byKind[kind])),
    money(report.dr.total),
  ]);
  const lines = [costHeading(report), "", ...table(header, rows), ""];
  for (const agency of report.agencies) {
    lines.push(`${agency.agency}: ${money(agency.monthly)} ${report.currency}`);
    for (const system of agency.systems) {
      const dr = system.dr.total > 0 ? ` (DR ${money(system.dr.total)})` : "";
      lines.push(`  ${system.system} at ${system.site}: ${money(system.monthly)}${dr}`);
    }
    const { standby, replicated, drSite } = agency.dr;
    lines.push(
      `  DR share ${money(agency.dr.total)}: standby ${money(standby)}, replicated storage ${money(replicated)}, DR site tenant ${money(drSite)}`,
      "",
    );
  }
  for (const note of report.notes) lines.push(`Note: ${note.text}.`);
  return `${lines.join("\n").trimEnd()}\n`;
}

/** A plain table: the first column left-aligned, the others right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const render = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join("  ")
      .trimEnd();
  return [render(header), ...rows.map(render)];
}
