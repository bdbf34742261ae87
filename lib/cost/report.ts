import {
  COST_KINDS,
  DR_REASONS,
  type CostKind,
  type CostLine,
  type CostModel,
  type CostNote,
  type DrReason,
  type Pricing,
} from "./model";
import { sum, type Minor } from "./money";

/**
 * The cost report: the model's lines summed per agency, and within it per site, per system at a
 * site, per kind and per DR reason. Every figure is a sum of lines, so the agencies add up to
 * the total exactly, and a selection (agencies, a site) is a selection of lines.
 */

export type ByKind = Readonly<Record<CostKind, Minor>>;
export type ByDrReason = Readonly<Record<DrReason, Minor>> & { readonly total: Minor };

export interface SystemCost {
  readonly system: string;
  readonly site: string;
  readonly monthly: Minor;
  readonly byKind: ByKind;
  readonly dr: ByDrReason;
}

export interface AgencyCost {
  readonly agency: string;
  readonly monthly: Minor;
  readonly byKind: ByKind;
  readonly dr: ByDrReason;
  /** Sorted by site. */
  readonly sites: readonly { readonly site: string; readonly monthly: Minor }[];
  /** Sorted by system, then site. */
  readonly systems: readonly SystemCost[];
}

export interface CostReport extends Pricing {
  readonly total: Minor;
  readonly byKind: ByKind;
  readonly dr: ByDrReason;
  /** Sorted by agency. */
  readonly agencies: readonly AgencyCost[];
  /** The lines summed, for detail and CSV. */
  readonly lines: readonly CostLine[];
  /** What is not priced, of the selected agencies and site. */
  readonly notes: readonly CostNote[];
  /** The selection the report covers, when not everything. */
  readonly selection?: { readonly agencies?: readonly string[]; readonly site?: string };
}

export interface CostSelection {
  /** @default every agency */
  readonly agencies?: readonly string[];
  /** @default every site */
  readonly site?: string;
}

export function costReport(model: CostModel, selection: CostSelection = {}): CostReport {
  const agencies = selection.agencies?.length ? new Set(selection.agencies) : undefined;
  const lines = model.lines.filter(
    (line) =>
      (!agencies || agencies.has(line.agency)) &&
      (selection.site === undefined || line.site === selection.site),
  );
  const chosen = {
    ...(agencies ? { agencies: [...agencies].sort() } : {}),
    ...(selection.site !== undefined ? { site: selection.site } : {}),
  };
  return {
    currency: model.currency,
    digits: model.digits,
    period: model.period,
    date: model.date,
    priceBook: model.priceBook,
    total: sum(lines.map((line) => line.amount)),
    byKind: byKind(lines),
    dr: byDrReason(lines),
    agencies: groupBy(lines, (line) => line.agency).map(([agency, own]) => agencyCost(agency, own)),
    lines,
    notes: model.notes.filter(
      (note) =>
        (!agencies || agencies.has(note.agency)) &&
        (selection.site === undefined || note.sites.includes(selection.site)),
    ),
    ...(Object.keys(chosen).length > 0 ? { selection: chosen } : {}),
  };
}

function agencyCost(agency: string, lines: readonly CostLine[]): AgencyCost {
  return {
    agency,
    monthly: sum(lines.map((line) => line.amount)),
    byKind: byKind(lines),
    dr: byDrReason(lines),
    sites: groupBy(lines, (line) => line.site).map(([site, own]) => ({
      site,
      monthly: sum(own.map((line) => line.amount)),
    })),
    systems: groupBy(lines, (line) => `${line.system}\u0000${line.site}`).map(([key, own]) => {
      const [system, site] = key.split("\u0000") as [string, string];
      return {
        system,
        site,
        monthly: sum(own.map((line) => line.amount)),
        byKind: byKind(own),
        dr: byDrReason(own),
      };
    }),
  };
}

export function byKind(lines: readonly CostLine[]): ByKind {
  return Object.fromEntries(
    COST_KINDS.map((kind) => [
      kind,
      sum(lines.filter((line) => line.kind === kind).map((line) => line.amount)),
    ]),
  ) as Record<CostKind, Minor>;
}

function byDrReason(lines: readonly CostLine[]): ByDrReason {
  const reasons = Object.fromEntries(
    DR_REASONS.map((reason) => [
      reason,
      sum(lines.filter((line) => line.dr === reason).map((line) => line.amount)),
    ]),
  ) as Record<DrReason, Minor>;
  return { ...reasons, total: sum(DR_REASONS.map((reason) => reasons[reason])) };
}

/** Groups in key order (code-unit order, the same on every machine). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
