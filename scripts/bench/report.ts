/** The benchmark's tables and its targets, from the measurements; pure. */

/** One measured process: its wall time, and its CPU time (user + system) and peak RSS. */
export type Run =
  | {
      readonly ok: true;
      readonly wallSeconds: number;
      readonly cpuSeconds: number;
      readonly peakRssBytes: number;
      /** What the process printed as its last line of JSON, if it did. */
      readonly extra?: Readonly<Record<string, number>>;
    }
  | { readonly ok: false; readonly reason: string };

export interface SizeResult {
  readonly agencies: number;
  readonly stacks: number;
  readonly resources: number;
  readonly dataSources: number;
  readonly outputBytes: number;
  /** `tamna synth --jobs 1` into a fresh output directory. */
  readonly cold: Run;
  /** The same command again, the region unchanged, into the same output directory. */
  readonly rerun: Run;
  readonly validate: Run;
  /** `tamna synth --agency` of one agency, the fastest of a few by CPU time (warm parse cache). */
  readonly one: Run;
  /**
   * The same with an empty cache directory: every file parsed and validated.
   * @default - not measured
   */
  readonly oneCold?: Run;
  readonly plain: Run;
  readonly untuned: Run;
  /** Its extra holds stringifyCpuSeconds: JSON.stringify and write alone. */
  readonly floor: Run;
  /** Stacks whose Terraform differs from tamna's; undefined when not compared. */
  readonly plainDiffering?: number;
  readonly untunedDiffering?: number;
  readonly literalExpressions: number;
}

export interface RunFacts {
  readonly seconds: number;
  /** quick: `--quick`; full: the default sizes; sizes: sizes given. */
  readonly mode: "quick" | "full" | "sizes";
  readonly oneAgency: string;
  /** How many times the one-agency synth ran; the fastest is shown. */
  readonly oneAgencyRuns: number;
  readonly batchSize: string;
  readonly machine: string;
}

export interface Target {
  readonly name: string;
  /** undefined: not measured in this run. */
  readonly met: boolean | undefined;
  readonly figure: string;
}

const GIB = 1024 ** 3;
const QUICK_LIMIT_SECONDS = 5 * 60;
const FULL_LIMIT_SECONDS = 15 * 60;

export function formatReport(results: readonly SizeResult[], facts: RunFacts): string {
  const lines = [
    `tamna benchmark (${facts.mode === "quick" ? "--quick" : facts.mode}): ${results.map((r) => r.agencies).join(", ")} agencies`,
    "",
  ];
  for (const result of results) lines.push(sizeTable(result, facts), "");
  lines.push("targets (CPU time = user + sys of whole processes, same run):");
  for (const target of targets(results, facts)) lines.push(`  ${formatTarget(target)}`);
  lines.push("", ...notes(results, facts), "", `machine: ${facts.machine}`);
  return `${lines.join("\n")}\n`;
}

export function formatTarget({ name, met, figure }: Target): string {
  const verdict = met === undefined ? "not measured" : met ? "met" : "NOT met";
  return `[${verdict}] ${name}: ${figure}`;
}

function sizeTable(result: SizeResult, facts: RunFacts): string {
  const { cold } = result;
  const perCpuSecond = cold.ok ? Math.round(result.resources / cold.cpuSeconds) : undefined;
  const title =
    `${count(result.agencies)} agencies: ${count(result.stacks)} stacks, ${count(result.resources)} resources, ` +
    `${count(result.dataSources)} data sources, output ${bytes(result.outputBytes)}` +
    (perCpuSecond === undefined
      ? ""
      : `; cold synth ${count(perCpuSecond)} resources per CPU-second`);
  const floorSection: Run =
    result.floor.ok && result.floor.extra?.stringifyCpuSeconds !== undefined
      ? {
          ok: true,
          wallSeconds: result.floor.extra.stringifyWallSeconds ?? Number.NaN,
          cpuSeconds: result.floor.extra.stringifyCpuSeconds,
          peakRssBytes: Number.NaN,
        }
      : result.floor;
  const rows: [string, Run][] = [
    ["tamna synth --jobs 1, cold", result.cold],
    ["tamna synth --jobs 1, unchanged re-run", result.rerun],
    ["tamna validate --no-terraform", result.validate],
    [`tamna synth --agency ${facts.oneAgency} (${runsLabel(facts.oneAgencyRuns)})`, result.one],
    ...(result.oneCold === undefined
      ? []
      : [
          [`tamna synth --agency ${facts.oneAgency}, empty cache`, result.oneCold] as [string, Run],
        ]),
    [`plain cdktf, fair (trace fix, ${facts.batchSize})`, result.plain],
    ["plain cdktf, untuned (one App, defaults)", result.untuned],
    ["JSON.stringify + write alone (floor)", floorSection],
    ["  the floor's whole process (reads JSON too)", result.floor],
  ];
  const header = ["process", "wall s", "CPU s", "peak RSS", "CPU / tamna cold"];
  const body = rows.map(([label, run]) =>
    run.ok
      ? [
          label,
          seconds(run.wallSeconds),
          seconds(run.cpuSeconds),
          Number.isNaN(run.peakRssBytes) ? "-" : bytes(run.peakRssBytes),
          cold.ok ? (run.cpuSeconds / cold.cpuSeconds).toFixed(3) : "-",
        ]
      : [label, run.reason, "-", "-", "-"],
  );
  return [title, table(header, body)].join("\n");
}

function runsLabel(runs: number): string {
  return runs === 1 ? "one run" : `best of ${runs}`;
}

/** Each target of issue 15's table, judged at the largest size that measured it. */
export function targets(results: readonly SizeResult[], facts: RunFacts): Target[] {
  const sorted = [...results].sort((a, b) => a.agencies - b.agencies);
  const largest = sorted[sorted.length - 1];
  const smallest = sorted[0];
  const list: Target[] = [];

  list.push(
    ratioTarget(sorted, "ours / plain cdktf, fair (stretch 0.5)", 0.7, 100, (r) =>
      cpuRatio(r.cold, r.plain),
    ),
  );
  list.push(
    ratioTarget(
      sorted,
      "ours / JSON.stringify",
      50,
      undefined,
      (r) =>
        r.cold.ok && r.floor.ok && r.floor.extra?.stringifyCpuSeconds
          ? r.cold.cpuSeconds / r.floor.extra.stringifyCpuSeconds
          : undefined,
      "x",
    ),
  );

  const validated = [...sorted].reverse().find((r) => r.cold.ok && r.validate.ok);
  if (validated && validated.cold.ok && validated.validate.ok) {
    const cpu = validated.validate.cpuSeconds / validated.cold.cpuSeconds;
    const rss = validated.validate.peakRssBytes / validated.cold.peakRssBytes;
    list.push({
      name: "validate / synth, CPU and peak RSS <= 1.5x",
      met: cpu <= 1.5 && rss <= 1.5,
      figure:
        `CPU ${cpu.toFixed(2)}x, peak RSS ${rss.toFixed(2)}x (${bytes(validated.validate.peakRssBytes)} vs ${bytes(validated.cold.peakRssBytes)})` +
        stated(validated.agencies, 600),
    });
  } else {
    list.push({
      name: "validate / synth <= 1.5x",
      met: undefined,
      figure: "validate or synth failed",
    });
  }

  if (largest && smallest && largest !== smallest && largest.one.ok && smallest.one.ok) {
    const value = largest.one.cpuSeconds / smallest.one.cpuSeconds;
    list.push({
      name: `one agency out of ${largest.agencies} / out of ${smallest.agencies}, warm cache <= 1.5x`,
      met: value <= 1.5,
      figure:
        `${seconds(largest.one.cpuSeconds)} s / ${seconds(smallest.one.cpuSeconds)} s = ${value.toFixed(2)}x` +
        stated(largest.agencies, 1000),
    });
    const large = largest.oneCold;
    const small = smallest.oneCold;
    if (large?.ok && small?.ok) {
      const cold = large.cpuSeconds / small.cpuSeconds;
      list.push({
        name: `one agency out of ${largest.agencies} / out of ${smallest.agencies}, empty cache <= 1.5x`,
        met: cold <= 1.5,
        figure:
          `${seconds(large.cpuSeconds)} s / ${seconds(small.cpuSeconds)} s = ${cold.toFixed(2)}x` +
          stated(largest.agencies, 1000),
      });
    }
  } else {
    list.push({
      name: "one agency out of N / out of 10 <= 1.5x",
      met: undefined,
      figure: "needs two sizes whose one-agency runs succeeded",
    });
  }

  list.push(
    ratioTarget(sorted, "unchanged re-synth / cold synth", 0.25, 150, (r) =>
      cpuRatio(r.rerun, r.cold),
    ),
  );

  const limit = facts.mode === "quick" ? QUICK_LIMIT_SECONDS : FULL_LIMIT_SECONDS;
  const run = facts.mode === "quick" ? "--quick" : facts.mode === "full" ? "full" : "whole";
  list.push({
    name: `the ${run} run within ${limit / 60} minutes`,
    met: facts.seconds <= limit,
    figure: minutes(facts.seconds),
  });
  return list;
}

/** A ratio target judged at the largest size that measured it; every size's figure shown. */
function ratioTarget(
  sorted: readonly SizeResult[],
  name: string,
  limit: number,
  statedAt: number | undefined,
  ratio: (result: SizeResult) => number | undefined,
  unit = "",
): Target {
  const measured = sorted.flatMap((result) => {
    const value = ratio(result);
    return value === undefined || !Number.isFinite(value) ? [] : [{ result, value }];
  });
  const last = measured[measured.length - 1];
  const title = `${name} <= ${limit}${unit}`;
  if (!last) return { name: title, met: undefined, figure: "no size measured both" };
  const digits = unit === "x" ? 0 : 2;
  return {
    name: title,
    met: last.value <= limit,
    figure:
      measured
        .map(({ result, value }) => `${value.toFixed(digits)}${unit} at ${result.agencies}`)
        .join(", ") + (statedAt === undefined ? "" : stated(last.result.agencies, statedAt)),
  };
}

function cpuRatio(a: Run, b: Run): number | undefined {
  return a.ok && b.ok ? a.cpuSeconds / b.cpuSeconds : undefined;
}

/** Says so when a verdict comes from another size than the one the issue states. */
function stated(measuredAt: number, statedAt: number): string {
  return measuredAt === statedAt
    ? ""
    : ` (judged at ${measuredAt} agencies; the issue states ${count(statedAt)})`;
}

function notes(results: readonly SizeResult[], facts: RunFacts): string[] {
  const lines = [
    "Every figure is a whole node process reading files on disk: the built CLI (bin/tamna.js) on a",
    "synthetic region written as YAML (region.yaml, agencies/*.yaml, placement locks), plain cdktf",
    "(scripts/bench/plain-app.cjs) on its constructor arguments written one file per stack. CPU time",
    "and peak RSS are the process's own at exit (every thread); wall time is spawn to exit.",
    "plain cdktf, fair: the same generated bindings and resources (its Terraform checked equal to",
    `tamna's), token stack traces off as tamna does, one App per batch as tamna batches (${facts.batchSize}).`,
    "Untuned: cdktf's defaults, one App of every stack. Floor: JSON.stringify + write of tamna's",
    "output, timed inside its process. Re-run: the same synth command again into the same output.",
  ];
  const untuned = results.flatMap((r) => {
    const value = cpuRatio(r.cold, r.untuned);
    return value === undefined ? [] : [`${value.toFixed(2)} at ${r.agencies}`];
  });
  if (untuned.length > 0)
    lines.push(`ours / plain cdktf untuned (no target): ${untuned.join(", ")}`);
  for (const r of results) {
    const compared = [
      r.plainDiffering === 0 ? "fair" : undefined,
      r.untunedDiffering === 0 ? "untuned" : undefined,
    ].filter(Boolean);
    if (compared.length > 0) {
      lines.push(
        `checked: at ${r.agencies} agencies, plain cdktf (${compared.join(", ")}) wrote the same Terraform as tamna in all ${r.stacks} stacks`,
      );
    }
    for (const [label, differing] of [
      ["plain cdktf (fair)", r.plainDiffering],
      ["plain cdktf (untuned)", r.untunedDiffering],
    ] as const) {
      if (differing !== undefined && differing > 0) {
        lines.push(
          `WARNING: at ${r.agencies} agencies, ${label} differs from tamna in ${differing} stacks`,
        );
      }
    }
    if (r.literalExpressions > 0) {
      lines.push(
        `note: at ${r.agencies} agencies, ${r.literalExpressions} expressions stayed literal strings in plain cdktf`,
      );
    }
  }
  return lines;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w, column) => (column === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

function seconds(value: number): string {
  return Number.isNaN(value) ? "-" : value.toFixed(2);
}

function minutes(value: number): string {
  const whole = Math.round(value);
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, "0")}s`;
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}

export function bytes(value: number): string {
  return value >= GIB ? `${(value / GIB).toFixed(2)} GiB` : `${(value / 1024 ** 2).toFixed(0)} MiB`;
}
