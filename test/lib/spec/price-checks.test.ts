/**
 * The price book: a bad one (an unpriced flavor, a negative price, an unknown currency, a price
 * finer than the currency's minor unit) is a located error naming the file, line and field.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegionDir, parseSpec } from "../../../lib/spec/load";
import { checkPrices, minorUnitDigits } from "../../../lib/spec/price-checks";
import { RegionSpec } from "../../../lib/spec/region";
import { copyJeju, editFile, expectProblem, JEJU_DIR, lineOf, problemsOf } from "./helpers";

const REGION_TEXT = fs.readFileSync(path.join(JEJU_DIR, "region.yaml"), "utf8");

/** Problems of loading the fixture region with one edit to region.yaml. */
function problemsWith(from: string | RegExp, to: string) {
  const dir = copyJeju();
  const { file, text } = editFile(dir, "region.yaml", from, to);
  return { problems: problemsOf(() => loadRegionDir(dir)), file, text };
}

describe("price book", () => {
  it("GIVEN the fixture's price books THEN they validate", () => {
    const region = parseSpec("region.yaml", REGION_TEXT, RegionSpec);
    expect(region.spec.prices?.currency).toBe("KRW");
    expect(checkPrices(region)).toEqual([]);
  });

  it("WHEN the currency is not an ISO 4217 code THEN it is located at prices.currency", () => {
    const { problems, file, text } = problemsWith("currency: KRW", "currency: KRV");
    expectProblem(problems, {
      file,
      line: lineOf(text, "currency: KRV"),
      path: "prices.currency",
      message: /unknown ISO 4217 currency code/,
      received: /KRV/,
    });
  });

  it("WHEN a price is negative THEN it is located at that price", () => {
    const { problems, file, text } = problemsWith("floatingIp: 9000", "floatingIp: -9000");
    expectProblem(problems, {
      file,
      line: lineOf(text, "floatingIp: -9000"),
      path: "prices.books[0].floatingIp",
      message: /at least 0/,
      received: /-9000/,
    });
  });

  it("WHEN a flavor has no price and no per-vCPU fallback THEN the book is located with the flavor named", () => {
    const { problems, file, text } = problemsWith(/ +perVcpu: 18000\n +perRamGiB: 5000\n/, "");
    expectProblem(problems, {
      file,
      line: lineOf(text, "description: Illustrative tariff for 2026") + 1,
      path: "prices.books[0].compute",
      message: /flavor "m1\.small" has no price in the book effective 2026-01-01/,
      hint: /compute\.flavors/,
    });
    // The flavor the book does price is not reported.
    expect(problems.some((problem) => problem.message.includes("db1.2xlarge"))).toBe(false);
  });

  it("WHEN a volume type has no price THEN the book's volumeGiB is located", () => {
    const { problems, file } = problemsWith(/( {8}replicated-hdd: 130\n)/, "");
    expectProblem(problems, {
      file,
      path: "prices.books[0].volumeGiB",
      message: /volume type "replicated-hdd" has no price/,
    });
  });

  it("WHEN a price names an unknown flavor THEN it suggests the near one", () => {
    const { problems, file } = problemsWith("db1.2xlarge: 1150000", "db1.2xlarg: 1150000");
    expectProblem(problems, {
      file,
      path: "prices.books[0].compute.flavors.db1.2xlarg",
      message: /price for unknown flavor "db1\.2xlarg"/,
      hint: /did you mean "db1\.2xlarge"/,
    });
  });

  it("WHEN an amount is finer than the currency's minor unit THEN it is located", () => {
    const { problems, file, text } = problemsWith(
      "objectStorageGiB: 35\n",
      "objectStorageGiB: 35.5\n",
    );
    expectProblem(problems, {
      file,
      line: lineOf(text, "objectStorageGiB: 35.5"),
      path: "prices.books[0].objectStorageGiB",
      message: /35\.5 is finer than the minor unit of KRW \(0 decimals\)/,
    });
  });

  it("WHEN two books share an effective date THEN the second is located", () => {
    const { problems, file, text } = problemsWith("effective: 2027-01-01", "effective: 2026-01-01");
    expectProblem(problems, {
      file,
      line: lineOf(text, "Illustrative tariff for 2027") - 1,
      path: "prices.books[1].effective",
      message: /two price books take effect on 2026-01-01/,
    });
  });

  it("knows the minor units of ISO 4217", () => {
    expect([minorUnitDigits("KRW"), minorUnitDigits("USD"), minorUnitDigits("BHD")]).toEqual([
      0, 2, 3,
    ]);
  });
});

describe("host profile", () => {
  it("WHEN a zone has a capacity but neither hosts nor hostCount THEN it is located", () => {
    const { problems, file } = problemsWith("        hosts: [cdc-cmp-c01, cdc-cmp-c02]\n", "");
    expectProblem(problems, {
      file,
      path: "sites.jeju-cdc.availabilityZones[2].capacity",
      message: /"cdc-az3" has a capacity but no host count/,
    });
  });
});
