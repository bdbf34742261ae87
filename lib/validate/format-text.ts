/**
 * The report for people: findings grouped by stack (input-file findings first), each as
 * `LEVEL ruleId stack address attribute: message` with its fix and location below, then the
 * suppressed findings with their reasons, the layers that did not run, and a summary line.
 */
import { formatLocation } from "../errors";
import type { Finding } from "../finding";
import { summarize, type ValidationReport } from "./report";

const INDENT = "  ";
const DETAIL = "      ";

export function formatText(report: ValidationReport): string {
  const lines: string[] = [];
  const active = report.findings.filter((finding) => !finding.suppressed);
  const suppressed = report.findings.filter((finding) => finding.suppressed);

  for (const [group, findings] of groupByStack(active)) {
    lines.push(group);
    for (const finding of findings) lines.push(...findingLines(finding));
    lines.push("");
  }
  if (suppressed.length > 0) {
    lines.push(`suppressed (${suppressed.length}):`);
    for (const finding of suppressed) {
      lines.push(...findingLines(finding), `${DETAIL}reason: ${finding.suppressed!.reason}`);
    }
    lines.push("");
  }
  if (report.skipped.length > 0) {
    lines.push("skipped:");
    for (const skipped of report.skipped)
      lines.push(`${INDENT}${skipped.layer}: ${skipped.reason}`);
    lines.push("");
  }
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}

/** One line saying whether the run passed and what it found, in how many stacks. */
export function summaryLine(report: ValidationReport): string {
  const { errors, warnings, suppressed } = summarize(report.findings);
  const verdict = errors > 0 ? "FAILED" : "passed";
  const stacks = `${report.stacks.length} stack${report.stacks.length === 1 ? "" : "s"}`;
  const region = report.region ? `region ${report.region}, ` : "";
  return (
    `tamna validate: ${verdict}: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ` +
    `${suppressed} suppressed (${region}${stacks}; layers: ${report.layers.join(", ") || "none"})`
  );
}

function groupByStack(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = finding.stack ?? "region input";
    groups.set(group, [...(groups.get(group) ?? []), finding]);
  }
  return groups;
}

function findingLines(finding: Finding): string[] {
  const where = finding.location ? formatLocation(finding.location) : "";
  // Input-file findings have no stack: their file and line take the stack's place.
  const inline = finding.stack === undefined && finding.location?.file !== undefined;
  const head = [
    finding.level.toUpperCase(),
    finding.ruleId,
    finding.stack ?? (inline ? where : undefined),
    finding.address,
    finding.attribute,
  ].filter((part): part is string => !!part);
  const lines = [`${INDENT}${head.join(" ")}: ${finding.message}`];
  if (finding.hint) lines.push(`${DETAIL}fix: ${finding.hint}`);
  const output =
    finding.stack && finding.outputLine ? `${finding.stack}/cdk.tf.json:${finding.outputLine}` : "";
  const at = [inline ? "" : where, output].filter(Boolean).join("; ");
  if (at) lines.push(`${DETAIL}at: ${at}`);
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
