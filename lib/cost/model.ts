import type { Minor } from "./money";

/**
 * The monthly cost of a region plan: one line per priced thing (a workload's instances, its
 * volumes of one type, a load balancer, a floating IP, a system's containers), each with the
 * agency, site and system it belongs to, and why it is DR cost when it is. Reports sum the lines.
 */

export const COST_KINDS = ["compute", "storage", "network", "objectStorage"] as const;
export type CostKind = (typeof COST_KINDS)[number];

/**
 * Why a line is the cost of DR:
 * - standby: it belongs to a system's DR standby (compute, storage, network);
 * - replicated: storage of a replicated volume type, or a synced container, of a running system;
 * - drSite: anything else in the agency's tenant at a DR-role site (e.g. a failed-over system).
 */
export const DR_REASONS = ["standby", "replicated", "drSite"] as const;
export type DrReason = (typeof DR_REASONS)[number];

export interface CostLine {
  readonly agency: string;
  readonly site: string;
  readonly system: string;
  readonly kind: CostKind;
  /** What is priced, e.g. `web: 2 x m1.medium` or `was/ssd: 120 GiB`. */
  readonly item: string;
  readonly quantity: number;
  /** The unit the price is for: instance, GiB, load balancer, floating IP. */
  readonly unit: string;
  /** Price of one unit, in minor units, before any discount. */
  readonly unitPrice: Minor;
  /** Monthly amount in minor units, after the DR standby discount. */
  readonly amount: Minor;
  readonly dr?: DrReason;
}

export interface Pricing {
  readonly currency: string;
  /** Decimals of the currency's minor unit (0 for KRW). */
  readonly digits: number;
  readonly period: "month";
  /** The day priced, and the effective date of the book that applies on it. */
  readonly date: string;
  readonly priceBook: string;
}

/**
 * What the lines leave out and why, for one agency-like tenant (a PaaS-TA foundation, whose VMs
 * and disks BOSH creates after apply, so the plan has no size for them).
 */
export interface CostNote {
  readonly agency: string;
  /** The sites the note is about, sorted. */
  readonly sites: readonly string[];
  readonly text: string;
}

export interface CostModel extends Pricing {
  /** Sorted by agency, site, system, kind and item. */
  readonly lines: readonly CostLine[];
  /** Sorted by agency. */
  readonly notes: readonly CostNote[];
}
