import type { Pricing } from "./model";
import { sum, type Minor } from "./money";
import type { CostReport } from "./report";

/**
 * What a change does to the bill: per agency whose monthly cost changes, before, after and the
 * delta, each a difference of the two reports' own figures, and whether the rise passes the
 * region's danger threshold. A new agency (nothing before) is shown but not flagged: its whole
 * cost is the point of the change, and no percentage describes it.
 */

export interface AgencyCostDelta {
  readonly agency: string;
  /** Monthly cost in the base; 0 when the agency is new. */
  readonly before: Minor;
  /** Monthly cost in the head; 0 when the agency is gone. */
  readonly after: Minor;
  readonly delta: Minor;
  /** The rise in percent of `before`, rounded to one decimal; absent when before is 0. */
  readonly percent?: number;
  /** The rise passes the threshold. */
  readonly danger: boolean;
}

export interface CostDelta {
  readonly currency: string;
  readonly digits: number;
  readonly base: Pick<Pricing, "date" | "priceBook">;
  readonly head: Pick<Pricing, "date" | "priceBook">;
  readonly before: Minor;
  readonly after: Minor;
  readonly delta: Minor;
  /** A rise of an agency's monthly cost by more than this percentage is a danger. */
  readonly dangerPercent: number;
  /** Agencies whose monthly cost changes, sorted by agency. */
  readonly agencies: readonly AgencyCostDelta[];
  /** Something the reader must know about how the two were priced. */
  readonly note?: string;
}

export function costDelta(base: CostReport, head: CostReport, dangerPercent: number): CostDelta {
  if (base.currency !== head.currency) {
    throw new Error(`cannot compare costs in ${base.currency} and ${head.currency}`);
  }
  const before = new Map(base.agencies.map((agency) => [agency.agency, agency.monthly]));
  const after = new Map(head.agencies.map((agency) => [agency.agency, agency.monthly]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  const agencies = names.flatMap((agency): AgencyCostDelta[] => {
    const was = before.get(agency) ?? 0;
    const is = after.get(agency) ?? 0;
    const delta = sum([is, -was]);
    if (delta === 0) return [];
    return [
      {
        agency,
        before: was,
        after: is,
        delta,
        ...(was > 0 ? { percent: Math.round((delta * 1000) / was) / 10 } : {}),
        danger: was > 0 && delta * 100 > was * dangerPercent,
      },
    ];
  });
  return {
    currency: head.currency,
    digits: head.digits,
    base: { date: base.date, priceBook: base.priceBook },
    head: { date: head.date, priceBook: head.priceBook },
    before: base.total,
    after: head.total,
    delta: sum([head.total, -base.total]),
    dangerPercent,
    agencies,
  };
}
