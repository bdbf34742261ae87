/**
 * The result of one `tamna validate` run, whatever the output format: every finding of every
 * layer, the layers that could not run and why.
 */
import type { Finding, ValidationLayer } from "../finding";
import type { RuleDescription } from "./rules";

/** The order layers run in, and the order findings are reported in. */
export const LAYERS: readonly ValidationLayer[] = [
  "spec",
  "construct",
  "policy",
  "schema",
  "terraform",
];

/** A layer that did not run, with the reason: a note for the reader, not a finding. */
export interface SkippedLayer {
  readonly layer: ValidationLayer;
  readonly reason: string;
}

export interface ValidationReport {
  /** Name of the region, when it could be loaded. */
  readonly region?: string;
  /** Names of the stacks validated, in apply order. */
  readonly stacks: readonly string[];
  /** Every finding, suppressed ones included (they carry `suppressed`). */
  readonly findings: readonly Finding[];
  /** The layers that ran. */
  readonly layers: readonly ValidationLayer[];
  readonly skipped: readonly SkippedLayer[];
  /** Descriptions of rules beyond the built-in catalogues, e.g. the policy pack's. */
  readonly rules?: readonly RuleDescription[];
}

export interface Summary {
  /** Unsuppressed errors: any fails the run. */
  readonly errors: number;
  /** Unsuppressed warnings: reported, never failing. */
  readonly warnings: number;
  readonly suppressed: number;
}

export function summarize(findings: readonly Finding[]): Summary {
  const active = findings.filter((finding) => !finding.suppressed);
  return {
    errors: active.filter((finding) => finding.level === "error").length,
    warnings: active.filter((finding) => finding.level === "warning").length,
    suppressed: findings.length - active.length,
  };
}

/** Whether the run fails: an error-level finding that no suppression covers. */
export function hasBlockingFindings(report: ValidationReport): boolean {
  return summarize(report.findings).errors > 0;
}

/** Findings in report order: layer, then stack (apply order), address, attribute, rule, message. */
export function sortFindings(
  findings: readonly Finding[],
  stackOrder: readonly string[],
): Finding[] {
  const stackIndex = (finding: Finding) =>
    finding.stack === undefined ? -1 : stackOrder.indexOf(finding.stack);
  return [...findings].sort(
    (a, b) =>
      LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer) ||
      stackIndex(a) - stackIndex(b) ||
      compare(a.stack, b.stack) ||
      compare(a.location?.file, b.location?.file) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      compare(a.address, b.address) ||
      compare(a.attribute, b.attribute) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.message, b.message),
  );
}

function compare(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}
