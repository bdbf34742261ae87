import { costDelta, costModel, costReport } from "../../lib/cost";
import type { DiffCost } from "../../lib/diff";
import { TamnaError } from "../../lib/errors";
import { planRegion } from "../../lib/plan/region-plan";
import { loadRegionDir, type RegionInput } from "../../lib/spec/load";

/**
 * The cost side of `tamna diff --base`: both regions are loaded and planned, and priced on the
 * same day, each with its own price book (so a price change shows), or the base with the head's
 * when the base has none yet. What cannot be priced is said, never guessed: the diff itself
 * goes on either way.
 */

/** A region loaded and planned, or why not. */
export type PricedSide = { readonly input: RegionInput } | { readonly failed: string };

export function loadSide(dir: string): PricedSide {
  try {
    return { input: loadRegionDir(dir) };
  } catch (error) {
    if (!(error instanceof TamnaError)) throw error;
    return { failed: error.problems[0]?.message ?? "it does not load" };
  }
}

export function diffCost(base: PricedSide, head: PricedSide, date: string): DiffCost {
  if ("failed" in head) return { unavailable: `the head region does not load: ${head.failed}` };
  if ("failed" in base) {
    return { unavailable: `the base region does not load with this tamna: ${base.failed}` };
  }
  const headPrices = head.input.region.spec.prices;
  if (!headPrices) return { unavailable: "the head region has no price book (prices)" };
  const basePriced = base.input.region.spec.prices !== undefined;
  if (basePriced && base.input.region.spec.prices!.currency !== headPrices.currency) {
    return {
      unavailable: `the currency changes from ${base.input.region.spec.prices!.currency} to ${headPrices.currency}`,
    };
  }
  try {
    const after = costReport(costModel(head.input.region, planRegion(head.input), date));
    const before = costReport(
      costModel(
        base.input.region,
        planRegion(base.input),
        date,
        basePriced ? base.input.region : head.input.region,
      ),
    );
    const delta = costDelta(before, after, headPrices.costIncreaseDangerPercent);
    return basePriced
      ? delta
      : {
          ...delta,
          note: "the base region has no price book: both sides are priced with the head's",
        };
  } catch (error) {
    if (!(error instanceof TamnaError)) throw error;
    const problem = error.problems[0];
    return { unavailable: problem?.message ?? "the plan cannot be priced" };
  }
}
