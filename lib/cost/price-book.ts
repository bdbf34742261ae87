import { TamnaError } from "../errors";
import type { Sourced } from "../spec/sourced";
import type { RegionSpec } from "../spec/region";
import type { PriceBook, Prices } from "../spec/prices";

/** A day as YYYY-MM-DD, the form price books take effect on. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The region's prices, or a located error saying how to add them. */
export function regionPrices({ spec, source }: Sourced<RegionSpec>): Prices {
  if (spec.prices) return spec.prices;
  throw new TamnaError({
    location: source.locate([]),
    message: "the region has no price book",
    hint: "add a prices section (currency, books with an effective date) to region.yaml; see the README's usage fees section",
  });
}

/** The book in effect on `date` (YYYY-MM-DD): the latest one effective on or before it. */
export function priceBookOn(region: Sourced<RegionSpec>, date: string): PriceBook {
  const prices = regionPrices(region);
  const effective = prices.books
    .filter((book) => book.effective <= date)
    .sort((a, b) => (a.effective < b.effective ? 1 : -1));
  if (effective[0]) return effective[0];
  const earliest = prices.books.map((book) => book.effective).sort()[0]!;
  throw new TamnaError({
    location: region.source.locate(["prices", "books"]),
    message: `no price book is in effect on ${date}: the earliest takes effect on ${earliest}`,
    received: date,
    allowed: `${earliest} or later`,
    hint: "pass a later --date, or add a book that takes effect earlier",
  });
}
