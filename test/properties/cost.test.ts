import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costDelta, costModel, costReport } from "../../lib/cost";
import { planRegion } from "../../lib/plan/region-plan";
import type { AgencySpec } from "../../lib/spec/agency";
import { loadRegionDir, type RegionInput } from "../../lib/spec/load";
import type { PriceBook } from "../../lib/spec/prices";
import { JEJU_DIR } from "../lib/spec/helpers";

/**
 * Properties of the cost report over random price books, selections and edits of one agency:
 * the agencies add up to the total, a diff's delta is the difference of the two reports, and a
 * change to one agency leaves every other agency's cost as it was.
 */

const INPUT = loadRegionDir(JEJU_DIR);
const PLAN = planRegion(INPUT);
const REGION = INPUT.region.spec;
const DATE = "2026-12-06";
const AGENCIES = INPUT.agencies.map((agency) => agency.spec.slug);
const FLAVORS = Object.keys(REGION.flavors).sort();
const price = fc.integer({ min: 0, max: 2_000_000 });

/** A price book that prices every flavor (some listed, the rest per vCPU and RAM) and type. */
const priceBook: fc.Arbitrary<PriceBook> = fc.record({
  effective: fc.constant("2026-01-01"),
  compute: fc.record({
    flavors: fc
      .subarray(FLAVORS)
      .chain((listed) =>
        fc
          .tuple(...listed.map(() => price))
          .map((amounts) => Object.fromEntries(listed.map((flavor, i) => [flavor, amounts[i]!]))),
      ),
    perVcpu: price,
    perRamGiB: price,
  }),
  volumeGiB: fc
    .tuple(...Object.keys(REGION.volumeTypes).map(() => fc.integer({ min: 0, max: 1000 })))
    .map((amounts) =>
      Object.fromEntries(Object.keys(REGION.volumeTypes).map((type, i) => [type, amounts[i]!])),
    ),
  objectStorageGiB: fc.integer({ min: 0, max: 1000 }),
  loadBalancer: price,
  floatingIp: price,
  drStandbyDiscountPercent: fc.integer({ min: 0, max: 100 }),
});

function withBook(input: RegionInput, book: PriceBook): RegionInput {
  const region = input.region;
  return {
    ...input,
    region: {
      ...region,
      spec: { ...region.spec, prices: { ...region.spec.prices!, books: [book] } },
    },
  };
}

/** The input with one workload of one agency scaled to `count` instances of `flavor`. */
function editAgency(
  input: RegionInput,
  slug: string,
  pick: number,
  count: number,
  flavor: string,
): RegionInput {
  return {
    ...input,
    agencies: input.agencies.map((agency) => {
      if (agency.spec.slug !== slug) return agency;
      const workloads = agency.spec.systems.flatMap((system, s) =>
        system.workloads.map((_, w) => [s, w] as const),
      );
      const [s, w] = workloads[pick % workloads.length]!;
      const spec: AgencySpec = {
        ...agency.spec,
        // Derived quota, so that a bigger workload never falls short of a declared one.
        quota: undefined,
        systems: agency.spec.systems.map((system, i) =>
          i !== s
            ? system
            : {
                ...system,
                workloads: system.workloads.map((workload, j) =>
                  j !== w ? workload : { ...workload, count, flavor },
                ),
              },
        ),
      };
      return { ...agency, spec };
    }),
  };
}

const monthlyOf = (report: ReturnType<typeof costReport>) =>
  new Map(report.agencies.map((agency) => [agency.agency, agency.monthly]));

describe("cost properties", () => {
  it("the region's total is the sum of its agencies, whatever the prices and selection", () => {
    fc.assert(
      fc.property(
        priceBook,
        fc.subarray(AGENCIES),
        fc.option(fc.constantFrom(...Object.keys(REGION.sites))),
        (book, agencies, site) => {
          const input = withBook(INPUT, book);
          const report = costReport(costModel(input.region, PLAN, DATE), {
            agencies,
            ...(site !== null ? { site } : {}),
          });
          const agencySum = report.agencies.reduce((total, agency) => total + agency.monthly, 0);
          expect(agencySum).toBe(report.total);
          for (const agency of report.agencies) {
            const systems = agency.systems.reduce((total, system) => total + system.monthly, 0);
            const kinds = Object.values(agency.byKind).reduce((a, b) => a + b, 0);
            expect([systems, kinds]).toEqual([agency.monthly, agency.monthly]);
            expect(agency.dr.total).toBeLessThanOrEqual(agency.monthly);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a change to one agency leaves the others' cost unchanged, and the delta is the difference", () => {
    let changed = 0;
    fc.assert(
      fc.property(
        priceBook,
        fc.constantFrom(...AGENCIES),
        fc.nat(),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...FLAVORS),
        (book, slug, pick, count, flavor) => {
          const base = withBook(INPUT, book);
          const head = editAgency(base, slug, pick, count, flavor);
          const before = costReport(costModel(base.region, planRegion(base), DATE));
          const after = costReport(costModel(head.region, planRegion(head), DATE));
          const [was, is] = [monthlyOf(before), monthlyOf(after)];
          for (const other of AGENCIES.filter((agency) => agency !== slug)) {
            expect(is.get(other)).toBe(was.get(other));
          }
          const delta = costDelta(before, after, 10);
          if (delta.agencies.length > 0) changed++;
          expect(delta.delta).toBe(after.total - before.total);
          expect(delta.agencies.map((agency) => agency.agency)).toEqual(
            was.get(slug) === is.get(slug) ? [] : [slug],
          );
          for (const agency of delta.agencies) {
            expect(agency.delta).toBe(is.get(agency.agency)! - was.get(agency.agency)!);
            expect(agency.danger).toBe(agency.delta * 100 > agency.before * 10);
          }
        },
      ),
      { numRuns: 25 },
    );
    // The edits do change costs: the property is not met by doing nothing.
    expect(changed).toBeGreaterThan(0);
  });
});
