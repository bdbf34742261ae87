/**
 * `npm run bench [-- SIZES...]`: synthesizes synthetic regions of 10, 100 and 1,000 agencies
 * (or the sizes given) and prints, per size, resources, stacks, synth wall time, time per
 * resource, peak RSS and output bytes, next to the same resources written as plain cdktf code
 * and to JSON.stringify writing the output (the floor); then whether each target is met.
 * Every measurement runs in a fresh process (measure.ts) with this runner's node and flags.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { formatReport, type Outcome, type Result, type SizeResult } from "./report";
import { syntheticSlug } from "./synthetic-region";

const DEFAULT_SIZES = [10, 100, 1000];
const MEASURE = path.join(__dirname, "measure.ts");
/** One agency measured out of every region size: agency 1, a graded one with DR. */
const ONE_AGENCY = syntheticSlug(1);
const CHILD_TIMEOUT_MS = 10 * 60 * 1000;

function measure(args: readonly string[]): Outcome {
  const child = spawnSync(process.execPath, [...process.execArgv, MEASURE, ...args], {
    encoding: "utf8",
    timeout: CHILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status === 0) {
    return { ok: true, result: JSON.parse(child.stdout.trim().split("\n").pop()!) as Result };
  }
  const stderr = child.stderr ?? "";
  const reason = /heap out of memory|Allocation failed/.test(stderr)
    ? "out of memory"
    : child.signal
      ? `killed (${child.signal}${child.error ? `, ${child.error.message}` : ""})`
      : (stderr
          .trim()
          .split("\n")
          .find((line) => /Error/.test(line)) ?? `exit ${child.status}`);
  return { ok: false, reason };
}

/** The fastest of a few runs of a short measurement, by CPU time: the least disturbed one. */
function fastest(run: () => Outcome, times = 3): Outcome {
  const outcomes = Array.from({ length: times }, run);
  const ok = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
  if (ok.length === 0) return outcomes[0]!;
  return ok.reduce((best, o) => (o.result.cpuSeconds < best.result.cpuSeconds ? o : best));
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** A second output for the diff: the first with a handful of agency stacks changed. */
function changedCopy(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
  const stacks = fs.readdirSync(path.join(to, "stacks")).filter((name) => /^agency-/.test(name));
  for (const name of stacks.slice(0, 10)) {
    const file = path.join(to, "stacks", name, "cdk.tf.json");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/"m1\.large"/g, '"c1.xlarge"'));
  }
}

function main(sizes: readonly number[]): void {
  const started = performance.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-bench-"));
  const results: SizeResult[] = [];
  try {
    for (const agencies of sizes) {
      const dir = (label: string) => path.join(scratch, `${label}-${agencies}`);
      progress(`${agencies} agencies: tamna synth`);
      const ours = measure(["ours", String(agencies), dir("ours")]);
      if (!ours.ok) throw new Error(`tamna synth of ${agencies} agencies failed: ${ours.reason}`);
      progress(`${agencies} agencies: plain cdktf`);
      const plain = measure(["plain", dir("ours"), dir("plain")]);
      fs.rmSync(dir("plain"), { recursive: true, force: true });
      progress(`${agencies} agencies: JSON.stringify floor`);
      const floor = measure(["floor", dir("ours"), dir("floor")]);
      fs.rmSync(dir("floor"), { recursive: true, force: true });
      progress(`${agencies} agencies: one agency`);
      const one = fastest(() => measure(["one", String(agencies), dir("one"), ONE_AGENCY]));
      let diff: Outcome | undefined;
      let parallel: Outcome | undefined;
      if (agencies === Math.max(...sizes)) {
        const jobs = os.availableParallelism();
        if (jobs > 1) {
          progress(`${agencies} agencies: tamna synth --jobs ${jobs}`);
          parallel = measure(["ours", String(agencies), dir("jobs"), String(jobs)]);
          fs.rmSync(dir("jobs"), { recursive: true, force: true });
        }
        progress(`${agencies} agencies: tamna diff`);
        changedCopy(dir("ours"), dir("head"));
        diff = measure(["diff", dir("ours"), dir("head")]);
      }
      results.push({ agencies, ours: ours.result, plain, floor, one, diff, parallel });
      fs.rmSync(scratch, { recursive: true, force: true });
      fs.mkdirSync(scratch, { recursive: true });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    formatReport(results, {
      seconds,
      oneAgency: ONE_AGENCY,
      machine: `${os.availableParallelism()} cores, node ${process.version}, load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(" ")} at the end`,
    }),
  );
}

const sizes = process.argv.slice(2).map(Number);
main(sizes.length > 0 ? sizes : DEFAULT_SIZES);
