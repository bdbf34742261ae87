import type { Problem } from "../errors";
import type { FieldPath } from "./yaml-source";
import type { Sourced } from "./sourced";
import type { RegionSpec } from "./region";
import type { PriceBook } from "./prices";
import { didYouMean } from "./suggest";

/**
 * The price book against the catalogue and the currency: every flavor and volume type tenants can
 * ask for has a price, every price names something that exists, no two books start the same day,
 * and no amount is finer than the currency's minor unit (so that sums are exact).
 */

/** Decimals of the currency's minor unit: 0 for KRW and JPY, 2 for USD, 3 for BHD. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits!;
}

export function checkPrices({ spec, source }: Sourced<RegionSpec>): Problem[] {
  const prices = spec.prices;
  if (!prices) return [];
  const problems: Problem[] = [];
  const digits = minorUnitDigits(prices.currency);
  const firstByDate = new Map<string, number>();
  prices.books.forEach((book, index) => {
    const at = (...path: FieldPath) => source.locate(["prices", "books", index, ...path]);
    const first = firstByDate.get(book.effective);
    if (first !== undefined) {
      problems.push({
        location: at("effective"),
        message: `two price books take effect on ${book.effective} (books ${first + 1} and ${index + 1})`,
        received: book.effective,
        hint: "give each book its own effective date, or merge them",
      });
    } else firstByDate.set(book.effective, index);
    problems.push(...flavorProblems(spec, book, at));
    problems.push(...volumeTypeProblems(spec, book, at));
    for (const [path, amount] of amounts(book)) {
      if (Number(amount.toFixed(digits)) !== amount) {
        problems.push({
          location: at(...path),
          message: `${amount} is finer than the minor unit of ${prices.currency} (${digits} decimal${digits === 1 ? "" : "s"})`,
          received: String(amount),
          allowed: `an amount with at most ${digits} decimals`,
          hint: `round it, or price a larger unit`,
        });
      }
    }
  });
  return problems;
}

type Locate = (...path: FieldPath) => Problem["location"];

function flavorProblems(spec: RegionSpec, book: PriceBook, at: Locate): Problem[] {
  const problems: Problem[] = [];
  const catalogue = Object.keys(spec.flavors).sort();
  const { flavors, perVcpu, perRamGiB } = book.compute;
  const fallback = perVcpu !== undefined && perRamGiB !== undefined;
  for (const flavor of catalogue) {
    if (Object.hasOwn(flavors, flavor) || fallback) continue;
    problems.push({
      location: at("compute"),
      message: `flavor "${flavor}" has no price in the book effective ${book.effective}`,
      allowed: "a price under compute.flavors, or compute.perVcpu and compute.perRamGiB",
      hint: `add "${flavor}: <monthly price>" under compute.flavors, or set perVcpu and perRamGiB`,
    });
  }
  for (const flavor of Object.keys(flavors)) {
    if (Object.hasOwn(spec.flavors, flavor)) continue;
    const best = didYouMean(flavor, catalogue);
    problems.push({
      location: at("compute", "flavors", flavor),
      message: `price for unknown flavor "${flavor}"`,
      received: flavor,
      allowed: catalogue.join(", "),
      hint: best !== undefined ? `did you mean "${best}"?` : "remove it, or add the flavor",
    });
  }
  return problems;
}

function volumeTypeProblems(spec: RegionSpec, book: PriceBook, at: Locate): Problem[] {
  const problems: Problem[] = [];
  const catalogue = Object.keys(spec.volumeTypes).sort();
  for (const type of catalogue) {
    if (Object.hasOwn(book.volumeGiB, type)) continue;
    problems.push({
      location: at("volumeGiB"),
      message: `volume type "${type}" has no price in the book effective ${book.effective}`,
      hint: `add "${type}: <monthly price per GiB>" under volumeGiB`,
    });
  }
  for (const type of Object.keys(book.volumeGiB)) {
    if (Object.hasOwn(spec.volumeTypes, type)) continue;
    const best = didYouMean(type, catalogue);
    problems.push({
      location: at("volumeGiB", type),
      message: `price for unknown volume type "${type}"`,
      received: type,
      allowed: catalogue.join(", "),
      hint: best !== undefined ? `did you mean "${best}"?` : "remove it, or add the volume type",
    });
  }
  return problems;
}

/** Every amount of a book, with its path in the book. */
function amounts(book: PriceBook): [FieldPath, number][] {
  const { flavors, perVcpu, perRamGiB } = book.compute;
  return [
    ...Object.entries(flavors).map(([name, amount]): [FieldPath, number] => [
      ["compute", "flavors", name],
      amount,
    ]),
    ...(perVcpu !== undefined ? [[["compute", "perVcpu"], perVcpu] as [FieldPath, number]] : []),
    ...(perRamGiB !== undefined
      ? [[["compute", "perRamGiB"], perRamGiB] as [FieldPath, number]]
      : []),
    ...Object.entries(book.volumeGiB).map(([type, amount]): [FieldPath, number] => [
      ["volumeGiB", type],
      amount,
    ]),
    [["objectStorageGiB"], book.objectStorageGiB],
    [["loadBalancer"], book.loadBalancer],
    [["floatingIp"], book.floatingIp],
  ];
}
