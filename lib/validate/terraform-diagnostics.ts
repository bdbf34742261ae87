/**
 * `terraform validate -json` output (format 1.0) turned into findings of layer "terraform".
 * The rule ID comes from the diagnostic's summary (`Missing required argument` →
 * `TERRAFORM-MISSING-REQUIRED-ARGUMENT`, quoted names left out), and the address and attribute
 * from the line the diagnostic points at in cdk.tf.json.
 */
import type { Finding, FindingLevel } from "../finding";
import { JsonLines } from "./json-lines";
import { TERRAFORM_RULE_PREFIX } from "./rules";

interface Position {
  readonly line: number;
  readonly column: number;
}

export interface TerraformDiagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { readonly filename: string; readonly start: Position; readonly end: Position };
}

export interface TerraformValidateOutput {
  readonly format_version: string;
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: readonly TerraformDiagnostic[];
}

/** The file cdktf writes and that diagnostics of a stack directory refer to. */
export const STACK_FILE = "cdk.tf.json";

/** Parses the stdout of `terraform validate -json`; throws when it is not that document. */
export function parseValidateOutput(stdout: string): TerraformValidateOutput {
  const parsed = JSON.parse(stdout) as Partial<TerraformValidateOutput>;
  if (typeof parsed.valid !== "boolean" || !Array.isArray(parsed.diagnostics)) {
    throw new Error("not the output of terraform validate -json");
  }
  return parsed as TerraformValidateOutput;
}

/**
 * @param stack the stack the directory holds
 * @param stackText the stack's cdk.tf.json, to name the element a diagnostic's line is in
 */
export function diagnosticFindings(
  stack: string,
  output: TerraformValidateOutput,
  stackText?: string,
): Finding[] {
  const lines = stackText === undefined ? undefined : new JsonLines(stackText);
  return output.diagnostics.map((diagnostic) => {
    const range = diagnostic.range;
    const inStack = range !== undefined && range.filename === STACK_FILE;
    const where = inStack ? lines?.at(range.start.line) : undefined;
    const level: FindingLevel = diagnostic.severity === "warning" ? "warning" : "error";
    const detail = diagnostic.detail?.replace(/\s+/g, " ").trim();
    return {
      ruleId: terraformRuleId(diagnostic.summary),
      level,
      layer: "terraform",
      message: detail ? `${diagnostic.summary}: ${detail}` : diagnostic.summary,
      stack,
      ...(where?.address ? { address: where.address } : {}),
      ...(where?.attribute ? { attribute: where.attribute } : {}),
      ...(inStack ? { outputLine: range.start.line } : {}),
      ...(range && !inStack
        ? { location: { file: range.filename, line: range.start.line, column: range.start.column } }
        : {}),
    };
  });
}

/** A stable rule ID from a diagnostic summary: upper case, quoted parts left out. */
export function terraformRuleId(summary: string): string {
  const words = summary
    .replace(/"[^"]*"/g, " ")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  return `${TERRAFORM_RULE_PREFIX}${words.join("-") || "DIAGNOSTIC"}`;
}
