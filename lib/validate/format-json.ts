/**
 * The report for programs. The shape is versioned: fields are only ever added within a
 * version; `version` changes when one is removed or changes meaning.
 *
 * ```
 * {
 *   "version": 1,
 *   "region": "jeju",                       // absent when the region could not be loaded
 *   "stacks": ["platform-jeju-cdc", ...],   // validated, in apply order
 *   "layers": ["spec", "construct", "schema"],
 *   "findings": [Finding, ...],             // unsuppressed, in report order
 *   "suppressed": [Finding, ...],           // each with "suppressed": {"reason": "..."}
 *   "skipped": [{"layer": "terraform", "reason": "terraform not installed"}],
 *   "summary": {"errors": 0, "warnings": 0, "suppressed": 0, "passed": true}
 * }
 * ```
 *
 * A Finding has `ruleId`, `level` (error|warning), `layer`, `message`, and when known `stack`,
 * `address`, `attribute`, `hint`, `location` ({file, line, column, path, construct}),
 * `outputLine` (line in the stack's cdk.tf.json) and `suppressed`.
 */
import type { Finding } from "../finding";
import { summarize, type SkippedLayer, type Summary, type ValidationReport } from "./report";

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  readonly version: typeof JSON_REPORT_VERSION;
  readonly region?: string;
  readonly stacks: readonly string[];
  readonly layers: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  readonly skipped: readonly SkippedLayer[];
  readonly summary: Summary & { readonly passed: boolean };
}

export function toJsonReport(report: ValidationReport): JsonReport {
  const summary = summarize(report.findings);
  return {
    version: JSON_REPORT_VERSION,
    ...(report.region ? { region: report.region } : {}),
    stacks: report.stacks,
    layers: report.layers,
    findings: report.findings.filter((finding) => !finding.suppressed).map(ordered),
    suppressed: report.findings.filter((finding) => finding.suppressed).map(ordered),
    skipped: report.skipped,
    summary: { ...summary, passed: summary.errors === 0 },
  };
}

export function formatJson(report: ValidationReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

/** The same keys in the same order for every finding, whichever layer built it. */
function ordered(finding: Finding): Finding {
  const { ruleId, level, layer, message, stack, address, attribute, hint, location } = finding;
  return {
    ruleId,
    level,
    layer,
    message,
    ...(stack !== undefined ? { stack } : {}),
    ...(address !== undefined ? { address } : {}),
    ...(attribute !== undefined ? { attribute } : {}),
    ...(hint !== undefined ? { hint } : {}),
    ...(location !== undefined ? { location } : {}),
    ...(finding.outputLine !== undefined ? { outputLine: finding.outputLine } : {}),
    ...(finding.suppressed !== undefined ? { suppressed: finding.suppressed } : {}),
  };
}
