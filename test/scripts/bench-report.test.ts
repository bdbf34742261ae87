/**
 * The benchmark's pure parts (scripts/bench): its command line, its per-size tables and how it
 * judges issue 15's targets. Fixed numbers, nothing is timed.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SIZES, QUICK_SIZES, parseArguments } from "../../scripts/bench/arguments";
import {
  formatReport,
  formatTarget,
  type Run,
  type RunFacts,
  type SizeResult,
  targets,
} from "../../scripts/bench/report";

const MIB = 1024 ** 2;

function run(cpuSeconds: number, peakRssBytes = 100 * MIB, extra?: Record<string, number>): Run {
  return { ok: true, wallSeconds: cpuSeconds * 2, cpuSeconds, peakRssBytes, extra };
}

/** A size whose ratios are chosen by the arguments; tamna's cold synth takes 10 CPU seconds. */
function size(
  agencies: number,
  ratios: {
    /** ours / plain cdktf */
    plain?: number;
    /** ours / JSON.stringify */
    floor?: number;
    validateCpu?: number;
    validateRss?: number;
    one?: number;
    rerun?: number;
  } = {},
): SizeResult {
  const cold = 10;
  return {
    agencies,
    stacks: agencies * 4,
    resources: agencies * 250,
    dataSources: agencies * 14,
    outputBytes: agencies * MIB,
    cold: run(cold),
    rerun: run(cold * (ratios.rerun ?? 1)),
    validate: run(cold * (ratios.validateCpu ?? 1.2), 100 * MIB * (ratios.validateRss ?? 1.1)),
    one: run(ratios.one ?? 1),
    plain: run(cold / (ratios.plain ?? 1)),
    untuned: { ok: false, reason: "not run above 100 agencies" },
    floor: run(1, 50 * MIB, {
      stringifyCpuSeconds: cold / (ratios.floor ?? 100),
      stringifyWallSeconds: 0.2,
    }),
    plainDiffering: 0,
    literalExpressions: 0,
  };
}

const FACTS: RunFacts = {
  seconds: 200,
  mode: "quick",
  oneAgency: "agency-0001",
  oneAgencyRuns: 2,
  batchSize: "Apps of up to 48 stacks",
  machine: "2 cores",
};

function target(list: ReturnType<typeof targets>, start: string) {
  const found = list.find((t) => t.name.startsWith(start));
  if (!found) throw new Error(`no target starting ${start} in ${list.map((t) => t.name)}`);
  return found;
}

describe("GIVEN the benchmark's command line", () => {
  it("WHEN nothing is given THEN it runs the default sizes, and --quick the small ones", () => {
    expect(parseArguments([])).toEqual({ mode: "full", sizes: DEFAULT_SIZES });
    expect(parseArguments(["--quick"])).toEqual({ mode: "quick", sizes: QUICK_SIZES });
    expect(QUICK_SIZES.every((s) => s <= 100)).toBe(true);
  });

  it("WHEN sizes are given THEN exactly those run, and a size that is no number is refused", () => {
    expect(parseArguments(["10", "100"])).toEqual({ mode: "sizes", sizes: [10, 100] });
    expect(() => parseArguments(["ten"])).toThrow(/whole numbers/);
    expect(() => parseArguments(["0"])).toThrow(/whole numbers/);
  });
});

describe("GIVEN measurements of two sizes", () => {
  it("WHEN every ratio is within its target THEN each target is met, judged at the largest size", () => {
    const list = targets(
      [
        size(10, { plain: 0.9, floor: 80 }),
        size(100, { plain: 0.5, floor: 40, rerun: 0.2, one: 1.2 }),
      ],
      FACTS,
    );
    expect(target(list, "ours / plain cdktf, fair")).toMatchObject({
      met: true,
      figure: expect.stringContaining("0.90 at 10, 0.50 at 100"),
    });
    expect(target(list, "ours / JSON.stringify").met).toBe(true);
    expect(target(list, "unchanged re-synth").met).toBe(true);
    expect(target(list, "one agency out of 100 / out of 10")).toMatchObject({
      met: true,
      figure: expect.stringContaining("1.20x"),
    });
    expect(target(list, "validate / synth").met).toBe(true);
    expect(target(list, "the --quick run within 5 minutes").met).toBe(true);
  });

  it("WHEN a ratio exceeds its target THEN that target is NOT met and shows the figure", () => {
    const list = targets(
      [size(10), size(100, { plain: 1.06, floor: 150, validateRss: 3.1, rerun: 0.98, one: 1.93 })],
      { ...FACTS, seconds: 301 },
    );
    for (const [start, figure] of [
      ["ours / plain cdktf, fair", "1.06 at 100"],
      ["ours / JSON.stringify", "150x at 100"],
      ["validate / synth", "peak RSS 3.10x"],
      ["one agency", "1.93x"],
      ["unchanged re-synth", "0.98 at 100"],
      ["the --quick run", "5m01s"],
    ] as const) {
      const found = target(list, start);
      expect(found.met, start).toBe(false);
      expect(formatTarget(found)).toMatch(/^\[NOT met\] /);
      expect(found.figure).toContain(figure);
    }
  });

  it("WHEN the largest size is not the one the issue states THEN the verdict says where it was judged", () => {
    const list = targets([size(10), size(100)], FACTS);
    expect(target(list, "one agency").figure).toContain(
      "judged at 100 agencies; the issue states 1,000",
    );
    expect(target(list, "ours / plain cdktf, fair").figure).not.toContain("judged");
  });
});

describe("GIVEN runs that failed or a single size", () => {
  it("WHEN plain cdktf failed and only one size ran THEN those targets are not measured", () => {
    const only = { ...size(100), plain: { ok: false, reason: "out of memory" } as Run };
    const list = targets([only], FACTS);
    expect(target(list, "ours / plain cdktf, fair").met).toBeUndefined();
    expect(formatTarget(target(list, "one agency"))).toMatch(/^\[not measured\] /);
  });

  it("WHEN the report is printed THEN each size has its table, failures show their reason", () => {
    const failed = { ...size(100), untuned: { ok: false, reason: "out of memory" } as Run };
    const text = formatReport([size(10), failed], FACTS);
    expect(text).toContain("10 agencies: 40 stacks, 2,500 resources");
    expect(text).toContain("100 agencies: 400 stacks, 25,000 resources");
    expect(text.match(/^\| tamna synth --jobs 1, cold /gm)).toHaveLength(2);
    expect(text).toMatch(/\| plain cdktf, untuned \(one App, defaults\) +\| out of memory \|/);
    expect(text).toContain("wrote the same Terraform as tamna in all 400 stacks");
    expect(text).toMatch(/\[NOT met\] ours \/ JSON.stringify <= 50x: 100x at 10, 100x at 100/);
  });

  it("WHEN the one-agency synth ran N times THEN its row says best of N, and an empty-cache run has a row and a target", () => {
    const withCold = (agencies: number, cpu: number) => ({
      ...size(agencies),
      oneCold: run(cpu),
    });
    const text = formatReport([withCold(10, 1), withCold(100, 1.6)], {
      ...FACTS,
      oneAgencyRuns: 2,
    });
    expect(text).toContain("| tamna synth --agency agency-0001 (best of 2) ");
    expect(text).toContain("| tamna synth --agency agency-0001, empty cache ");
    expect(text).not.toContain("best of 3");
    expect(formatReport([size(10)], { ...FACTS, oneAgencyRuns: 1 })).toContain(
      "agency-0001 (one run)",
    );
    const cold = targets([withCold(10, 1), withCold(100, 1.6)], FACTS).find((t) =>
      t.name.includes("empty cache"),
    );
    expect(cold).toMatchObject({ met: false, figure: expect.stringContaining("1.60x") });
  });

  it("WHEN plain cdktf wrote other Terraform THEN the report warns", () => {
    const text = formatReport([{ ...size(10), plainDiffering: 3 }], FACTS);
    expect(text).toContain(
      "WARNING: at 10 agencies, plain cdktf (fair) differs from tamna in 3 stacks",
    );
  });
});
