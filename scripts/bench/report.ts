/** The benchmark's table and its targets, from the measurements; pure. */

export type Result = {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
} & Readonly<Record<string, unknown>>;
export type Outcome =
  { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly reason: string };

export interface SizeResult {
  readonly agencies: number;
  readonly ours: Result;
  readonly plain: Outcome;
  readonly floor: Outcome;
  readonly one: Outcome;
  readonly diff?: Outcome;
  /** The same synth with one worker thread per core. */
  readonly parallel?: Outcome;
}

export interface RunFacts {
  readonly seconds: number;
  readonly oneAgency: string;
  readonly machine: string;
}

const GIB = 1024 ** 3;
const RSS_LIMIT = 2 * GIB;
const TIME_LIMIT_SECONDS = 15 * 60;

export function formatReport(results: readonly SizeResult[], facts: RunFacts): string {
  const header = [
    "agencies",
    "stacks",
    "resources",
    "synth wall s",
    "cpu s",
    "of it plan",
    "cpu µs/resource",
    "peak RSS",
    "output",
    "plain cdktf wall s",
    "cpu s",
    "plain RSS",
    "floor cpu s",
    "ours/plain",
    "ours/floor",
    "one agency cpu s",
  ];
  const rows = results.map(({ agencies, ours, plain, floor, one }) => [
    String(agencies),
    String(ours.stacks),
    String(ours.resources),
    fixed(ours.seconds),
    fixed(ours.cpuSeconds),
    fixed(Number(ours.planSeconds)),
    ((ours.cpuSeconds / Number(ours.resources)) * 1e6).toFixed(0),
    bytes(ours.peakRssBytes),
    bytes(Number(ours.outputBytes)),
    plain.ok ? fixed(plain.result.seconds) : plain.reason,
    plain.ok ? fixed(plain.result.cpuSeconds) : "-",
    plain.ok ? bytes(plain.result.peakRssBytes) : "-",
    floor.ok ? fixed(floor.result.cpuSeconds) : floor.reason,
    plain.ok ? ratio(ours.cpuSeconds, plain.result.cpuSeconds) : "-",
    floor.ok ? ratio(ours.cpuSeconds, floor.result.cpuSeconds) : "-",
    one.ok ? fixed(one.result.cpuSeconds) : one.reason,
  ]);
  const lines = [
    table(header, rows),
    "",
    notes(results),
    "",
    "targets:",
    ...targets(results, facts).map(
      ({ met, text }) =>
        `  [${met === undefined ? "not measured" : met ? "met" : "NOT met"}] ${text}`,
    ),
    "",
    `machine: ${facts.machine}`,
  ];
  return `${lines.join("\n")}\n`;
}

function notes(results: readonly SizeResult[]): string {
  const lines = [
    "synth: tamna from spec objects to written output in one process (validate, plan, build, synthesize, manifest);",
    "plain cdktf: the same resources as plain cdktf code (generated bindings, one TerraformStack per stack, new App(), App.synth());",
    "floor: JSON.stringify and write of the same output; one agency: synth --agency of one agency, fastest of 3.",
    "Each figure is a fresh process run by the same runner. Ratios and targets use CPU time (all threads of the",
    "process), which contention on a shared machine does not inflate as it does wall time.",
  ];
  for (const { agencies, ours, parallel } of results) {
    if (!parallel) continue;
    lines.push(
      parallel.ok
        ? `tamna synth --jobs ${parallel.result.jobs ?? "N"} of ${agencies} agencies: wall ${fixed(parallel.result.seconds)} s, against ${fixed(ours.seconds)} s in one thread; peak RSS ${bytes(parallel.result.peakRssBytes)}`
        : `tamna synth with worker threads of ${agencies} agencies failed: ${parallel.reason}`,
    );
  }
  for (const { agencies, plain } of results) {
    if (plain.ok && Number(plain.result.differingStacks) > 0) {
      lines.push(
        `warning: at ${agencies} agencies, plain cdktf's Terraform differs from tamna's in ${plain.result.differingStacks} stacks`,
      );
    }
    if (plain.ok && Number(plain.result.literalExpressions) > 0) {
      lines.push(
        `note: at ${agencies} agencies, ${plain.result.literalExpressions} expressions stayed literal strings in plain cdktf`,
      );
    }
  }
  return lines.join("\n");
}

interface Target {
  readonly met: boolean | undefined;
  readonly text: string;
}

function targets(results: readonly SizeResult[], facts: RunFacts): Target[] {
  const largest = results.reduce<SizeResult | undefined>(
    (max, r) => (!max || r.agencies > max.agencies ? r : max),
    undefined,
  );
  const smallest = results.reduce<SizeResult | undefined>(
    (min, r) => (!min || r.agencies < min.agencies ? r : min),
    undefined,
  );
  const list: Target[] = [];

  const thousand = results.find((r) => r.agencies === 1000);
  list.push(
    thousand
      ? {
          met: thousand.ours.peakRssBytes < RSS_LIMIT,
          text: `1,000 agencies synthesize in one process with peak RSS under 2 GiB: ${bytes(thousand.ours.peakRssBytes)}`,
        }
      : { met: undefined, text: "1,000 agencies in one process under 2 GiB: run with size 1000" },
  );

  const ratios = results.map(({ agencies, ours, plain }) =>
    plain.ok
      ? {
          agencies,
          value: ours.cpuSeconds / plain.result.cpuSeconds,
          wall: ours.seconds / plain.result.seconds,
        }
      : { agencies, failed: plain.reason },
  );
  const measured = ratios.filter((r) => "value" in r);
  list.push({
    met: measured.length > 0 ? measured.every((r) => r.value! <= 1) : undefined,
    text: `ours/plain-cdktf <= 1.0: ${ratios
      .map((r) =>
        "value" in r
          ? `${r.value!.toFixed(2)} at ${r.agencies} (wall ${r.wall!.toFixed(2)})`
          : `plain cdktf ${r.failed} at ${r.agencies}`,
      )
      .join(", ")}`,
  });

  if (largest && smallest && largest !== smallest && largest.one.ok && smallest.one.ok) {
    const [big, small] = [largest.one.result, smallest.one.result];
    const value = big.cpuSeconds / small.cpuSeconds;
    list.push({
      met: value <= 1.5,
      text:
        `${facts.oneAgency} out of ${largest.agencies} agencies costs at most 1.5x what it costs out of ${smallest.agencies}: ` +
        `${fixed(big.cpuSeconds)} s / ${fixed(small.cpuSeconds)} s = ${value.toFixed(2)}x (wall ${fixed(big.seconds)} s / ${fixed(small.seconds)} s); ` +
        `as whole commands, startup and module loading included: ${fixed(Number(big.commandCpuSeconds))} s / ${fixed(Number(small.commandCpuSeconds))} s = ` +
        `${(Number(big.commandCpuSeconds) / Number(small.commandCpuSeconds)).toFixed(2)}x`,
    });
  } else {
    list.push({
      met: undefined,
      text: "one agency out of a large vs a small region: run two sizes",
    });
  }

  const diff = largest?.diff;
  if (!largest || !diff || !diff.ok || diff.result.unavailable) {
    list.push({
      met: undefined,
      text: `tamna diff of two ${largest?.agencies ?? 1000}-agency outputs under a fifth of their synth time: not measured: ${
        diff && !diff.ok
          ? diff.reason
          : diff?.ok
            ? String(diff.result.unavailable)
            : "tamna diff not available"
      }`,
    });
  } else {
    list.push({
      met: diff.result.cpuSeconds <= largest.ours.cpuSeconds / 5,
      text: `tamna diff of two ${largest.agencies}-agency outputs under a fifth of their synth time: ${fixed(diff.result.cpuSeconds)} s vs ${fixed(largest.ours.cpuSeconds)} s (${(diff.result.cpuSeconds / largest.ours.cpuSeconds).toFixed(2)})`,
    });
  }

  list.push({
    met: facts.seconds <= TIME_LIMIT_SECONDS,
    text: `the benchmark runs within 15 minutes: ${Math.floor(facts.seconds / 60)}m${String(Math.round(facts.seconds % 60)).padStart(2, "0")}s`,
  });
  return list;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padStart(widths[column]!)).join(" | ")} |`;
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

function fixed(seconds: number): string {
  return seconds.toFixed(2);
}

function ratio(a: number, b: number): string {
  return (a / b).toFixed(2);
}

function bytes(value: number): string {
  return value >= GIB ? `${(value / GIB).toFixed(2)} GiB` : `${(value / 1024 ** 2).toFixed(0)} MiB`;
}
