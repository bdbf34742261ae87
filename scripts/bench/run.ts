/**
 * `npm run bench [-- --quick | SIZES...]`: for synthetic regions of 10, 100 and 1,000 agencies
 * (10 and 100 with --quick, or the sizes given) written as YAML files, measures whole processes:
 * the built CLI's cold synth, an unchanged re-run, validate, one agency's synth; plain cdktf
 * building the same resources (fair and untuned); and JSON.stringify of the output (the floor).
 * Prints a table per size and each target of issue 15, met or not. Ratios compare CPU time
 * (user + sys), measured in this same run.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { MAX_BATCH_SIZE, splitIntoBatches, workerCount } from "../../cli/parallel/batches";
import { parseArguments } from "./arguments";
import { measureNode } from "./measured-process";
import { differingStacks, readProviderSchema, stackNames, writePlainInput } from "./plain-cdktf";
import { formatReport, type Run, type SizeResult } from "./report";
import { syntheticSlug, writeSyntheticRegion } from "./synthetic-region";

/** Above this, untuned cdktf (one App of every stack, stack traces on) takes minutes and GiBs. */
const UNTUNED_MAX_AGENCIES = 100;
/**
 * Runs of the one-agency synth with the cold run's cache; the fastest by CPU time is kept: the
 * least disturbed. One more runs with an empty cache.
 */
const ONE_AGENCY_RUNS = 2;
/** Agency 1 is the same in every size of region: a graded one with DR. */
const ONE_AGENCY = syntheticSlug(1);

const ROOT = path.join(__dirname, "..", "..");
const CLI = path.join(ROOT, "bin", "tamna.js");
const PLAIN_APP = path.join(__dirname, "plain-app.cjs");
const FLOOR = path.join(__dirname, "floor.cjs");
const PROVIDER_SCHEMA = path.join(ROOT, "vendor", "openstack", "provider-schema.json");

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function measureSize(agencies: number, scratch: string): Promise<SizeResult> {
  const dir = (name: string) => path.join(scratch, name);
  progress(`${agencies} agencies: writing the region's YAML files`);
  writeSyntheticRegion(agencies, dir("region"));
  // A synth cache left by an earlier run (or named by the user's TAMNA_CACHE_DIR) would make the
  // cold run warm: every size gets an empty one of its own, which the re-run then finds.
  const env = { TAMNA_CACHE_DIR: dir("synth-cache") };
  const synth = (out: string, ...more: string[]) =>
    measureNode(
      [CLI, "synth", "--region", dir("region"), "--out", out, "--quiet", "--jobs", "1", ...more],
      { cwd: scratch, env },
    );

  progress(`${agencies} agencies: tamna synth, cold`);
  const cold = await synth(dir("out"));
  if (!cold.ok) throw new Error(`tamna synth of ${agencies} agencies failed: ${cold.reason}`);
  progress(`${agencies} agencies: tamna synth, unchanged re-run`);
  const rerun = await synth(dir("out"));

  progress(`${agencies} agencies: writing plain cdktf's input`);
  const names = stackNames(dir("out"));
  const batches = splitIntoBatches(names, workerCount(names.length, 1));
  const facts = writePlainInput(
    dir("out"),
    dir("plain-input"),
    readProviderSchema(PROVIDER_SCHEMA),
    batches,
  );
  const peer = async (label: string, out: string, ...more: string[]) => {
    progress(`${agencies} agencies: plain cdktf, ${label}`);
    const run = await measureNode([PLAIN_APP, dir("plain-input"), out, ...more], { cwd: scratch });
    const differing = run.ok ? differingStacks(dir("out"), out).length : undefined;
    fs.rmSync(out, { recursive: true, force: true });
    return { run, differing };
  };
  const plain = await peer("fair", dir("plain"));
  const untuned: { run: Run; differing?: number } =
    agencies <= UNTUNED_MAX_AGENCIES
      ? await peer("untuned", dir("untuned"), "--untuned")
      : { run: { ok: false, reason: `not run above ${UNTUNED_MAX_AGENCIES} agencies` } };
  fs.rmSync(dir("plain-input"), { recursive: true, force: true });

  progress(`${agencies} agencies: JSON.stringify floor`);
  const floor = await measureNode([FLOOR, dir("out"), dir("floor")], { cwd: scratch });
  fs.rmSync(dir("floor"), { recursive: true, force: true });

  progress(`${agencies} agencies: tamna validate`);
  const validate = await measureNode(
    [CLI, "validate", "--region", dir("region"), "--no-terraform"],
    { cwd: scratch, env },
  );

  const one = (out: string, cacheDir: string) =>
    measureNode(
      [CLI, "synth", "--region", dir("region"), "--out", out, "--quiet", "--agency", ONE_AGENCY],
      { cwd: scratch, env: { TAMNA_CACHE_DIR: cacheDir } },
    );
  progress(`${agencies} agencies: tamna synth --agency ${ONE_AGENCY}, empty cache`);
  const oneCold = await one(dir("one-cold"), dir("one-cold-cache"));
  progress(`${agencies} agencies: tamna synth --agency ${ONE_AGENCY}, ${ONE_AGENCY_RUNS} times`);
  const ones: Run[] = [];
  for (let run = 0; run < ONE_AGENCY_RUNS; run++) {
    ones.push(await one(dir(`one-${run}`), env.TAMNA_CACHE_DIR));
  }

  return {
    agencies,
    stacks: facts.stacks,
    resources: facts.resources,
    dataSources: facts.dataSources,
    outputBytes: facts.outputBytes,
    cold,
    rerun,
    validate,
    one: fastest(ones),
    oneCold,
    plain: plain.run,
    plainDiffering: plain.differing,
    untuned: untuned.run,
    untunedDiffering: untuned.differing,
    floor,
    literalExpressions: facts.literalExpressions,
  };
}

function fastest(runs: readonly Run[]): Run {
  const ok = runs.filter((run): run is Extract<Run, { ok: true }> => run.ok);
  if (ok.length === 0) return runs[0]!;
  return ok.reduce((best, run) => (run.cpuSeconds < best.cpuSeconds ? run : best));
}

async function main(args: readonly string[]): Promise<void> {
  const { mode, sizes } = parseArguments(args);
  if (!fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"))) {
    throw new Error("the CLI is not built: run npm run build (npm run bench does)");
  }
  const started = performance.now();
  const results: SizeResult[] = [];
  for (const agencies of [...new Set(sizes)].sort((a, b) => a - b)) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `tamna-bench-${agencies}-`));
    try {
      results.push(await measureSize(agencies, scratch));
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    formatReport(results, {
      seconds,
      mode,
      oneAgency: ONE_AGENCY,
      oneAgencyRuns: ONE_AGENCY_RUNS,
      batchSize: `Apps of up to ${MAX_BATCH_SIZE} stacks`,
      machine: `${os.availableParallelism()} cores, node ${process.version}, load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(" ")} at the end`,
    }),
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
