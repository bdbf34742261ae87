/**
 * Layer 5 of `tamna validate`: `terraform validate -json` in each synthesized stack directory,
 * with the OpenStack provider taken from a local directory only. Each directory is initialized
 * with `terraform init -backend=false -input=false` (the stacks' s3/pg/local backends are not
 * contacted) under a generated CLI configuration whose only installation method is a
 * filesystem mirror of that directory, so nothing is downloaded; CHECKPOINT_DISABLE keeps
 * Terraform from calling home. It writes `.terraform/` and a lock file into the stack
 * directories: give it scratch copies, never the synth output.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Finding } from "../finding";
import {
  diagnosticFindings,
  parseValidateOutput,
  STACK_FILE,
  type TerraformValidateOutput,
} from "./terraform-diagnostics";
import { OPENSTACK_PROVIDER } from "./terraform-setup";

export interface StackDirectory {
  readonly name: string;
  /** The directory holding the stack's cdk.tf.json. */
  readonly dir: string;
}

export interface TerraformValidateOptions {
  /** The terraform executable. */
  readonly terraform: string;
  /** A directory in the unpacked layout holding the OpenStack provider 3.4.0. */
  readonly mirror: string;
  /** Where the generated CLI configuration is written. */
  readonly workDir: string;
  /** Stacks validated at once. @default the number of CPUs, at most 8 */
  readonly concurrency?: number;
  /** Per terraform command. @default 5 minutes */
  readonly timeoutMs?: number;
}

export async function terraformValidate(
  stacks: readonly StackDirectory[],
  options: TerraformValidateOptions,
): Promise<Finding[]> {
  const config = path.join(options.workDir, "tamna-terraform.rc");
  fs.writeFileSync(config, mirrorConfiguration(options.mirror));
  const env: Record<string, string | undefined> = {
    ...process.env,
    TF_CLI_CONFIG_FILE: config,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
  // Settings that would send init elsewhere than the mirror, or into another workspace.
  for (const name of ["TF_PLUGIN_CACHE_DIR", "TF_DATA_DIR", "TF_WORKSPACE", "TF_CLI_ARGS"]) {
    delete env[name];
  }
  const concurrency = options.concurrency ?? Math.min(8, os.availableParallelism());
  const results = await mapLimited(stacks, concurrency, (stack) =>
    validateStack(stack, options, env),
  );
  return results.flat();
}

/** A CLI configuration whose only way to install providers is the local mirror. */
export function mirrorConfiguration(mirror: string): string {
  const hclString = (text: string) =>
    JSON.stringify(text).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${hclString(mirror)}`,
    `    include = [${hclString(OPENSTACK_PROVIDER.address)}]`,
    "  }",
    "}",
    "",
  ].join("\n");
}

async function validateStack(
  stack: StackDirectory,
  options: TerraformValidateOptions,
  env: Record<string, string | undefined>,
): Promise<Finding[]> {
  const timeout = options.timeoutMs ?? 5 * 60_000;
  const init = await run(
    options.terraform,
    ["init", "-backend=false", "-input=false", "-no-color"],
    stack.dir,
    env,
    timeout,
  );
  const validate = await run(
    options.terraform,
    ["validate", "-json", "-no-color"],
    stack.dir,
    env,
    timeout,
  );
  let output: TerraformValidateOutput | undefined;
  try {
    output = parseValidateOutput(validate.stdout);
  } catch {
    output = undefined;
  }
  const text = fs.readFileSync(path.join(stack.dir, STACK_FILE), "utf8");
  const findings = output ? diagnosticFindings(stack.name, output, text) : [];
  // When init failed, validate's diagnostics usually say why (invalid configuration); say it
  // here only when they do not.
  if (init.code !== 0 && !findings.some((finding) => finding.level === "error")) {
    findings.push(commandFailure(stack.name, "TERRAFORM-INIT-FAILED", "terraform init", init));
  }
  if (!output) {
    findings.push(
      commandFailure(stack.name, "TERRAFORM-VALIDATE-FAILED", "terraform validate", validate),
    );
  }
  return findings;
}

interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function commandFailure(
  stack: string,
  ruleId: string,
  command: string,
  result: CommandResult,
): Finding {
  const output = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-8).join(" ");
  return {
    ruleId,
    level: "error",
    layer: "terraform",
    message: `${command} failed (exit ${result.code ?? "killed"}): ${output.replace(/\s+/g, " ")}`,
    stack,
    hint: `run \`${command}\` in a copy of the stack directory to see the whole output`,
  };
}

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined>,
  timeout: number,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, timeout, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}

/** Maps with at most `limit` calls in flight; results keep the order of `items`. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
