/**
 * The cost section of `tamna diff`: the delta of the two regions' cost reports, and a
 * cost-increase danger for each agency whose monthly fee rises past the region's threshold.
 */
import type { CostDelta } from "../cost/delta";
import { formatGrouped, formatSigned } from "../cost/money";
import { compareText } from "./compare-stack";
import { DANGER_KINDS, type Danger, type DiffCost, type DiffReport } from "./model";

export function withCost(report: DiffReport, cost: DiffCost): DiffReport {
  const dangers = "unavailable" in cost ? [] : costDangers(cost);
  return {
    ...report,
    cost,
    dangers: [...report.dangers, ...dangers].sort(
      (a, b) =>
        DANGER_KINDS.indexOf(a.kind) - DANGER_KINDS.indexOf(b.kind) ||
        compareText(a.stack, b.stack) ||
        compareText(a.address, b.address),
    ),
  };
}

function costDangers(cost: CostDelta): Danger[] {
  const money = (amount: number) => formatGrouped(amount, cost.digits);
  return cost.agencies
    .filter((agency) => agency.danger)
    .map((agency) => ({
      kind: "cost-increase" as const,
      stack: agency.agency,
      address: "monthly cost",
      message: `monthly usage fee rises ${agency.percent}% (${money(agency.before)} -> ${money(agency.after)} ${cost.currency}), more than the region's ${cost.dangerPercent}%`,
    }));
}

/** Rows of the cost table shared by the text and markdown formats. */
export function costRows(cost: CostDelta): string[][] {
  const money = (amount: number) => formatGrouped(amount, cost.digits);
  const rows = cost.agencies.map((agency) => [
    agency.agency,
    money(agency.before),
    money(agency.after),
    formatSigned(agency.delta, cost.digits),
    agency.percent !== undefined ? `${agency.percent > 0 ? "+" : ""}${agency.percent}%` : "new",
  ]);
  rows.push([
    "region total",
    money(cost.before),
    money(cost.after),
    formatSigned(cost.delta, cost.digits),
    cost.before > 0
      ? `${cost.delta > 0 ? "+" : ""}${Math.round((cost.delta * 1000) / cost.before) / 10}%`
      : "",
  ]);
  return rows;
}

export const COST_COLUMNS = ["agency", "before", "after", "delta", "change"] as const;

/** One sentence on which prices were used. */
export function costCaption(cost: CostDelta): string {
  const books =
    cost.base.priceBook === cost.head.priceBook
      ? `price book effective ${cost.head.priceBook}`
      : `price books effective ${cost.base.priceBook} (base) and ${cost.head.priceBook} (head)`;
  return `Monthly usage fees in ${cost.currency}, ${books}, priced on ${cost.head.date}`;
}
