/**
 * `tamna cost --format json`. Stable shape; `version` changes when a field is removed or changes
 * meaning. Amounts are numbers in the currency's major unit, exact to its minor unit; the
 * agencies' `monthly` add up to `total`, and each `dr.total` is the part of `monthly` DR adds.
 *
 * ```
 * { "version": 1, "currency": "KRW", "period": "month", "date": "YYYY-MM-DD",
 *   "priceBook": "YYYY-MM-DD",                  // effective date of the book applied
 *   "selection"?: { "agencies"?: string[], "site"?: string },
 *   "total": number, "byKind": { "compute", "storage", "network", "objectStorage": number },
 *   "dr": { "standby", "replicated", "drSite", "total": number },
 *   "agencies": [ { "agency": string, "monthly": number, "byKind": {...}, "dr": {...},
 *                   "sites": [ { "site": string, "monthly": number } ],
 *                   "systems": [ { "system": string, "site": string, "monthly": number,
 *                                  "byKind": {...}, "dr": {...} } ] } ],
 *   "notes": [ { "agency": string, "sites": string[], "text": string } ] }   // what is not priced
 * ```
 */
import type { ByDrReason, ByKind, CostReport } from "./report";
import { toMajor } from "./money";

export const COST_JSON_VERSION = 1;

export function costJson(report: CostReport): unknown {
  const major = (amount: number) => toMajor(amount, report.digits);
  const kinds = (by: ByKind) =>
    Object.fromEntries(Object.entries(by).map(([kind, amount]) => [kind, major(amount)]));
  const dr = (by: ByDrReason) =>
    Object.fromEntries(Object.entries(by).map(([reason, amount]) => [reason, major(amount)]));
  return {
    version: COST_JSON_VERSION,
    currency: report.currency,
    period: report.period,
    date: report.date,
    priceBook: report.priceBook,
    ...(report.selection ? { selection: report.selection } : {}),
    total: major(report.total),
    byKind: kinds(report.byKind),
    dr: dr(report.dr),
    agencies: report.agencies.map((agency) => ({
      agency: agency.agency,
      monthly: major(agency.monthly),
      byKind: kinds(agency.byKind),
      dr: dr(agency.dr),
      sites: agency.sites.map((site) => ({ site: site.site, monthly: major(site.monthly) })),
      systems: agency.systems.map((system) => ({
        system: system.system,
        site: system.site,
        monthly: major(system.monthly),
        byKind: kinds(system.byKind),
        dr: dr(system.dr),
      })),
    })),
    notes: report.notes.map((note) => ({
      agency: note.agency,
      sites: note.sites,
      text: note.text,
    })),
  };
}

export function formatCostJson(report: CostReport): string {
  return `${JSON.stringify(costJson(report), null, 2)}\n`;
}
