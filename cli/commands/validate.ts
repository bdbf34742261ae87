import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TamnaError } from "../../lib/errors";
import type { StackPlan } from "../../lib/plan/region-plan";
import { capacityFindings } from "../../lib/validate/capacity";
import { synthesizeWithValidations } from "../../lib/validate/construct";
import type { Finding, ValidationLayer } from "../../lib/finding";
import { formatJson } from "../../lib/validate/format-json";
import { formatSarif } from "../../lib/validate/format-sarif";
import { formatText, summaryLine } from "../../lib/validate/format-text";
import { loadJsonDir, validateJsonConfigurations } from "../../lib/validate/json-dir";
import { JsonLines, withOutputLines } from "../../lib/validate/json-lines";
import {
  POLICY_LAYER,
  type PolicyLayer,
  type SynthesizedStackJson,
} from "../../lib/validate/layers";
import { packageVersion } from "../../lib/validate/package-file";
import {
  hasBlockingFindings,
  LAYERS,
  sortFindings,
  type SkippedLayer,
  type ValidationReport,
} from "../../lib/validate/report";
import { validateStackSchema } from "../../lib/validate/schema";
import { CORE_RULES } from "../../lib/validate/rules";
import { problemFinding, specFindings } from "../../lib/validate/spec";
import { terraformValidate } from "../../lib/validate/terraform";
import { STACK_FILE } from "../../lib/validate/terraform-diagnostics";
import { detectTerraformSetup, type TerraformSetup } from "../../lib/validate/terraform-setup";
import { buildApp } from "../../stacks/app";
import { splitIntoBatches } from "../parallel/batches";
import { type CacheLocationOptions, synthCacheDir } from "../synth-cache/location";
import { loadRegion, type LoadedRegion } from "../region-context";
import { selectStacks, type Selection } from "../select";

export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

/** The exit codes of the README, as main.ts's EXIT has them. */
export const VALIDATE_EXIT = { clean: 0, findings: 1, badInput: 2 } as const;

export interface ValidateOptions extends Selection, CacheLocationOptions {
  readonly region?: string;
  /**
   * Validate the Terraform JSON in this directory instead of a region: its `*.tf.json`, or
   * cdktf's `stacks/<stack>/cdk.tf.json`. Excludes `region` and the selection.
   */
  readonly jsonDir?: string;
  readonly format: Format;
  /** Write the report to this file instead of stdout. @default stdout */
  readonly out?: string;
  /** Run layer 5 (terraform validate) when terraform and the provider are installed. */
  readonly terraform: boolean;
}

/** What the command takes from its surroundings; tests replace them. */
export interface ValidateDependencies {
  /** Layer 3. @default POLICY_LAYER, the registered policy pack, if any */
  readonly policy?: PolicyLayer;
  /** @default detectTerraformSetup(), which looks at PATH and the plugin directories */
  readonly terraformSetup?: () => TerraformSetup;
}

/**
 * Validates the region in layers, in this order: (1) the spec files, (2) the construct
 * validations at synthesis, (3) the policy pack, (4) the provider schema, (5) `terraform
 * validate`. Stacks are synthesized into a scratch directory; nothing is written to the synth
 * output. Returns the exit code: 0 clean (warnings allowed), 1 an unsuppressed error, 2 the
 * region input does not load (the report still says where, in the chosen format).
 */
export async function validate(
  options: ValidateOptions,
  write: (text: string) => void,
  dependencies: ValidateDependencies = {},
): Promise<number> {
  if (options.jsonDir !== undefined) return validateJsonDir(options.jsonDir, options, write);
  // --agency alone plans only those agencies (every file is still loaded and checked, and the
  // address plan still covers every agency); the parse cache spares unchanged files' parses.
  const onlyAgencies =
    (options.agencies?.length ?? 0) > 0 && (options.stacks?.length ?? 0) === 0
      ? options.agencies
      : [];
  let loaded: LoadedRegion;
  try {
    loaded = loadRegion(options.region, onlyAgencies, undefined, synthCacheDir(options));
  } catch (error) {
    if (!(error instanceof TamnaError)) throw error;
    emit(
      {
        stacks: [],
        findings: sortFindings(specFindings(error), []),
        layers: ["spec"],
        skipped: laterLayers("spec", "the region input does not load; fix it first"),
      },
      options,
      write,
    );
    return VALIDATE_EXIT.badInput;
  }

  // An unknown --agency or --stack is bad usage: thrown, and printed by main.
  const stacks = selectStacks(loaded.plan, options);
  const policy = "policy" in dependencies ? dependencies.policy : POLICY_LAYER;
  const detect = dependencies.terraformSetup ?? (() => detectTerraformSetup());
  const result = await withScratchDirectory((scratch) =>
    synthesizedLayers(loaded, stacks, scratch, options, policy, detect),
  );
  const names = stacks.map((stack) => stack.name);
  // Capacity is a question about the whole region: a selection validates its stacks only.
  const whole = (options.agencies ?? []).length === 0 && (options.stacks ?? []).length === 0;
  const capacity = whole ? capacityFindings(loaded.input.region, loaded.plan) : [];
  const report: ValidationReport = {
    region: loaded.plan.region,
    stacks: names,
    findings: sortFindings([...capacity, ...result.findings], names),
    layers: ["spec", ...result.layers],
    skipped: result.skipped,
    ...(policy?.rules ? { rules: policy.rules } : {}),
  };
  emit(report, options, write);
  return hasBlockingFindings(report) ? VALIDATE_EXIT.findings : VALIDATE_EXIT.clean;
}

/**
 * `--json-dir`: Terraform JSON tamna did not write, through the layers that need no region (the
 * policy rules that read the stack alone, the provider schema). Same exit codes: 2 when an
 * input cannot be read (the report says where), 1 for an unsuppressed error, else 0.
 */
function validateJsonDir(
  dir: string,
  options: ValidateOptions,
  write: (text: string) => void,
): number {
  let configurations: ReturnType<typeof loadJsonDir>;
  try {
    configurations = loadJsonDir(dir);
  } catch (error) {
    if (!(error instanceof TamnaError)) throw error;
    const findings = error.problems.map((problem) =>
      problemFinding(problem, "spec", CORE_RULES.jsonInvalidInput.id),
    );
    const reason = "an input of --json-dir cannot be read; fix it first";
    emit(
      {
        stacks: [],
        findings: sortFindings(findings, []),
        layers: ["spec"],
        skipped: laterLayers("spec", reason),
      },
      options,
      write,
    );
    return VALIDATE_EXIT.badInput;
  }
  const names = configurations.map((configuration) => configuration.name);
  const result = validateJsonConfigurations(configurations);
  const report: ValidationReport = {
    stacks: names,
    findings: sortFindings(result.findings, names),
    layers: ["policy", "schema"],
    skipped: result.skipped,
    ...(POLICY_LAYER?.rules ? { rules: POLICY_LAYER.rules } : {}),
  };
  emit(report, options, write);
  return hasBlockingFindings(report) ? VALIDATE_EXIT.findings : VALIDATE_EXIT.clean;
}

interface LayersResult {
  readonly findings: Finding[];
  readonly layers: ValidationLayer[];
  readonly skipped: SkippedLayer[];
}

/** Layers 2 to 5, on the stacks synthesized into `scratch`. */
async function synthesizedLayers(
  { input, plan }: LoadedRegion,
  stacks: readonly StackPlan[],
  scratch: string,
  options: ValidateOptions,
  policy: PolicyLayer | undefined,
  detectTerraform: () => TerraformSetup,
): Promise<LayersResult> {
  const result: LayersResult = { findings: [], layers: ["construct"], skipped: [] };
  // In the synth command's batches, so that the construct trees of one batch at a time are held
  // (the whole region's at once took three times synth's memory). Every batch is built even
  // after one fails, so the construct layer reports the whole region as before.
  let synthesized = true;
  for (const batch of splitIntoBatches(stacks, 1)) {
    const synthesis = synthesizeWithValidations(() =>
      buildApp(plan, { outdir: scratch, stacks: batch }),
    );
    result.findings.push(...synthesis.findings);
    synthesized &&= synthesis.synthesized;
  }
  if (!synthesized) {
    result.skipped.push(
      ...laterLayers("construct", "construct validations failed, so nothing was synthesized"),
    );
    return result;
  }

  // The parsed JSON only: the text and its line index are read again below for the few stacks
  // a finding needs a line of.
  const synthesizedStacks = stacks.map((stack) => {
    const dir = path.join(scratch, "stacks", stack.name);
    const text = fs.readFileSync(path.join(dir, STACK_FILE), "utf8");
    return { plan: stack, dir, json: JSON.parse(text) as SynthesizedStackJson["json"] };
  });

  if (policy) {
    result.layers.push("policy");
    result.findings.push(...policy.run({ input, plan, stacks: synthesizedStacks }));
  } else {
    result.skipped.push({ layer: "policy", reason: "no policy pack is registered" });
  }

  result.layers.push("schema");
  for (const stack of synthesizedStacks) {
    result.findings.push(...validateStackSchema(stack.plan.name, stack.json));
  }

  const setup: TerraformSetup = options.terraform
    ? detectTerraform()
    : { ready: false, reason: "--no-terraform" };
  if (setup.ready) {
    result.layers.push("terraform");
    const directories = synthesizedStacks.map((stack) => ({
      name: stack.plan.name,
      dir: stack.dir,
    }));
    result.findings.push(...(await terraformValidate(directories, { ...setup, workDir: scratch })));
  } else {
    result.skipped.push({ layer: "terraform", reason: setup.reason });
  }

  const lines = outputLines(result.findings, synthesizedStacks);
  result.findings.splice(0, result.findings.length, ...withOutputLines(result.findings, lines));
  return result;
}

/** The line index of each stack a finding without an output line points into. */
function outputLines(
  findings: readonly Finding[],
  stacks: readonly { readonly plan: StackPlan; readonly dir: string }[],
): Map<string, JsonLines> {
  const wanted = new Set(
    findings.flatMap((finding) =>
      finding.outputLine === undefined && finding.stack && finding.address ? [finding.stack] : [],
    ),
  );
  return new Map(
    stacks
      .filter((stack) => wanted.has(stack.plan.name))
      .map((stack) => [
        stack.plan.name,
        new JsonLines(fs.readFileSync(path.join(stack.dir, STACK_FILE), "utf8")),
      ]),
  );
}

function laterLayers(after: ValidationLayer, reason: string): SkippedLayer[] {
  return LAYERS.slice(LAYERS.indexOf(after) + 1).map((layer) => ({ layer, reason }));
}

function emit(report: ValidationReport, options: ValidateOptions, write: (text: string) => void) {
  const rendered =
    options.format === "json"
      ? formatJson(report)
      : options.format === "sarif"
        ? formatSarif(report, { toolVersion: packageVersion() })
        : formatText(report);
  if (options.out === undefined) {
    write(rendered);
    if (options.format !== "text") process.stderr.write(`${summaryLine(report)}\n`);
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  fs.writeFileSync(options.out, rendered);
  process.stderr.write(`${summaryLine(report)}; report written to ${options.out}\n`);
}

/** A scratch directory for the stacks and terraform's files, removed afterwards. */
async function withScratchDirectory<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-validate-"));
  try {
    return await use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
