import { stringify } from "csv-stringify/sync";
import { COST_KINDS } from "./model";
import { formatPlain, sum } from "./money";
import type { CostReport } from "./report";

/**
 * `tamna cost --format csv`: one row per agency, system, site and kind, for a spreadsheet. The
 * amounts are plain decimals (no grouping) in the currency's major unit; `dr` is the part of
 * `monthly` that DR adds, and `drReasons` says why.
 */
export const CSV_COLUMNS = [
  "agency",
  "system",
  "site",
  "kind",
  "monthly",
  "dr",
  "drReasons",
  "currency",
  "period",
] as const;

export function formatCostCsv(report: CostReport): string {
  const rows = new Map<string, (typeof report.lines)[number][]>();
  for (const line of report.lines) {
    const key = JSON.stringify([
      line.agency,
      line.system,
      line.site,
      COST_KINDS.indexOf(line.kind),
    ]);
    rows.set(key, [...(rows.get(key) ?? []), line]);
  }
  const records = [...rows.values()].map((lines) => {
    const first = lines[0]!;
    const dr = lines.filter((line) => line.dr !== undefined);
    return [
      first.agency,
      first.system,
      first.site,
      first.kind,
      formatPlain(sum(lines.map((line) => line.amount)), report.digits),
      formatPlain(sum(dr.map((line) => line.amount)), report.digits),
      [...new Set(dr.map((line) => line.dr!))].sort().join(" "),
      report.currency,
      report.period,
    ];
  });
  return stringify([[...CSV_COLUMNS], ...records], { record_delimiter: "unix" });
}
