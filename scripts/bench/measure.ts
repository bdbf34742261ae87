/**
 * One measurement of the benchmark, in a process of its own so that its peak RSS is its own.
 * Prints one line of JSON on stdout. Run by run.ts; by hand:
 *
 *   tsx scripts/bench/measure.ts ours 100 /tmp/out [jobs]
 *   tsx scripts/bench/measure.ts one 100 /tmp/out agency-0001
 *   tsx scripts/bench/measure.ts plain /tmp/out /tmp/plain
 *   tsx scripts/bench/measure.ts floor /tmp/out /tmp/floor
 *   tsx scripts/bench/measure.ts diff /tmp/base /tmp/head
 *
 * Only the work itself is timed: generating the synthetic specs, reading inputs and loading
 * modules happen before the clock starts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { synthesizeStacks } from "../../cli/parallel/synthesize-stacks";
import { selectStacks } from "../../cli/select";
import { planRegion } from "../../lib/plan/region-plan";
import { regionInputFromObjects } from "../../lib/spec/load";
import { writeManifest } from "../../stacks/app";
import {
  differingStacks,
  preparePlainApp,
  readOutput,
  readProviderSchema,
  synthPlainApp,
} from "./plain-cdktf";
import { syntheticRegion } from "./synthetic-region";

const PROVIDER_SCHEMA = path.join(
  __dirname,
  "..",
  "..",
  "vendor",
  "openstack",
  "provider-schema.json",
);

async function main([mode, ...args]: string[]): Promise<Record<string, unknown>> {
  switch (mode) {
    case "ours":
      return ours(Number(args[0]), args[1]!, args[2] ? Number(args[2]) : 1);
    case "one":
      return ours(Number(args[0]), args[1]!, 1, args[2]);
    case "plain":
      return plain(args[0]!, args[1]!);
    case "floor":
      return floor(args[0]!, args[1]!);
    case "diff":
      return diff(args[0]!, args[1]!);
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

/** tamna as the CLI runs it: validate, plan, select, synthesize in batches, write the manifest. */
async function ours(agencies: number, outdir: string, jobs: number, agency?: string) {
  const generation = startClock();
  const { region, agencies: specs } = syntheticRegion(agencies);
  const generatorCpuSeconds = generation.read().cpuSeconds;
  const clock = startClock();
  const input = regionInputFromObjects(region, specs);
  // As `tamna synth --agency` does: only the selected agency's stacks are planned.
  const plan = planRegion(input, agency ? { agencies: new Set([agency]) } : {});
  const stacks = agency ? selectStacks(plan, { agencies: [agency] }) : plan.stacks;
  const planned = clock.read();
  fs.mkdirSync(outdir, { recursive: true });
  const tally = await synthesizeStacks(stacks, outdir, { jobs });
  writeManifest(outdir, tally.manifest);
  return {
    ...clock.read(),
    jobs,
    generatorCpuSeconds,
    planSeconds: planned.cpuSeconds,
    stacks: stacks.length,
    resources: tally.resources,
    dataSources: tally.dataSources,
    outputBytes: treeBytes(outdir),
  };
}

/** The same resources as plain cdktf code (see plain-cdktf.ts). */
function plain(oursDir: string, outdir: string) {
  const prepared = preparePlainApp(readOutput(oursDir), readProviderSchema(PROVIDER_SCHEMA));
  fs.mkdirSync(outdir, { recursive: true });
  const clock = startClock();
  synthPlainApp(prepared, outdir);
  return {
    ...clock.read(),
    literalExpressions: prepared.literalExpressions,
    differingStacks: differingStacks(oursDir, outdir).length,
  };
}

/** The floor: writing the same Terraform JSON with JSON.stringify, nothing else. */
function floor(oursDir: string, outdir: string) {
  const stacks = readOutput(oursDir);
  const clock = startClock();
  for (const [name, json] of stacks) {
    const dir = path.join(outdir, "stacks", name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
  return clock.read();
}

/** `tamna diff` of two outputs through lib/diff, when it offers loadSynthOutput and diffOutputs. */
async function diff(base: string, head: string) {
  interface DiffLibrary {
    loadSynthOutput?: (dir: string, role: string) => unknown;
    diffOutputs?: (base: unknown, head: unknown) => unknown;
    formatText?: (report: unknown) => string;
  }
  const modulePath = path.join(__dirname, "..", "..", "lib", "diff");
  let library: DiffLibrary;
  try {
    library = (await import(modulePath)) as DiffLibrary;
  } catch (error) {
    return {
      seconds: 0,
      cpuSeconds: 0,
      unavailable: `lib/diff does not load: ${String(error).split("\n")[0]}`,
    };
  }
  const { loadSynthOutput, diffOutputs, formatText } = library;
  if (!loadSynthOutput || !diffOutputs) {
    return {
      seconds: 0,
      cpuSeconds: 0,
      unavailable: "lib/diff has no loadSynthOutput and diffOutputs",
    };
  }
  const clock = startClock();
  const report = diffOutputs(loadSynthOutput(base, "base"), loadSynthOutput(head, "head"));
  const text = formatText ? formatText(report) : JSON.stringify(report);
  return { ...clock.read(), reportBytes: text.length };
}

/**
 * Wall time, and CPU time of the whole process (every thread): on a shared machine the CPU time
 * is what contention does not inflate.
 */
function startClock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return {
    read: () => {
      const used = process.cpuUsage(cpu);
      return {
        seconds: (performance.now() - wall) / 1000,
        cpuSeconds: (used.user + used.system) / 1e6,
      };
    },
  };
}

function treeBytes(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

main(process.argv.slice(2)).then(
  (result) => {
    // The whole process as a command would be: startup and module loading, not the generator.
    const { user, system } = process.cpuUsage();
    const commandCpuSeconds = (user + system) / 1e6 - Number(result.generatorCpuSeconds ?? 0);
    // maxRSS is in KiB.
    const measurement = {
      ...result,
      commandCpuSeconds,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
    process.stdout.write(`${JSON.stringify(measurement)}\n`);
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
