import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  discounted,
  formatGrouped,
  formatPlain,
  formatSigned,
  sum,
  toMajor,
  toMinor,
} from "../../../lib/cost/money";

describe("money in minor units", () => {
  it("converts amounts with at most the currency's decimals exactly", () => {
    expect(toMinor(12.34, 2)).toBe(1234);
    expect(toMinor(0.29, 2)).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(toMinor(18000, 0)).toBe(18000);
    expect(toMajor(1234, 2)).toBe(12.34);
  });

  it("prints exact decimals, grouped the same on every machine", () => {
    expect(formatPlain(5, 2)).toBe("0.05");
    expect(formatPlain(-1234, 2)).toBe("-12.34");
    expect(formatPlain(5524000, 0)).toBe("5524000");
    expect(formatGrouped(5524000, 0)).toBe("5,524,000");
    expect(formatGrouped(-123456789, 3)).toBe("-123,456.789");
    expect([formatSigned(712000, 0), formatSigned(-20, 0), formatSigned(0, 0)]).toEqual([
      "+712,000",
      "-20",
      "0",
    ]);
  });

  it("rounds a discount half up to a whole minor unit", () => {
    expect(discounted(1001, 50)).toBe(501);
    expect(discounted(1000, 50)).toBe(500);
    expect(discounted(999, 0)).toBe(999);
    expect(discounted(999, 100)).toBe(0);
  });

  it("sums cents exactly where floating point drifts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 200 }),
        (cents) => {
          const total = sum(cents);
          expect(formatPlain(total, 2)).toBe(
            (BigInt(cents.reduce((a, b) => a + b, 0)) / 100n).toString() +
              "." +
              String(cents.reduce((a, b) => a + b, 0) % 100).padStart(2, "0"),
          );
        },
      ),
    );
  });

  it("refuses a sum past the exact integer range", () => {
    expect(() => sum([Number.MAX_SAFE_INTEGER, 1])).toThrow(/outside the exact integer range/);
  });
});
