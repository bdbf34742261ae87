/**
 * The report as SARIF 2.1.0, for code scanning (GitHub and others). Every rule reported is
 * described in `tool.driver.rules`; a finding from an input file points at that file and
 * line; any other points at the stack's `cdktf.out/stacks/<stack>/cdk.tf.json` (at the line
 * of the resource when known) with a logical location naming the Terraform address.
 * Suppressed findings are results with a `suppressions` entry carrying the reason; layers
 * that did not run are notifications of the invocation.
 */
import { createHash } from "node:crypto";
import type * as Sarif from "sarif";
import type { Finding } from "../finding";
import { summarize, type ValidationReport } from "./report";
import { CORE_RULES, describeRule, type RuleDescription } from "./rules";
import { SCHEMA_RULE_LIST } from "./schema/rules";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifOptions {
  /** @default "0.0.0" */
  readonly toolVersion?: string;
  /** Where `tamna synth` writes stacks, relative to the repository root. @default "cdktf.out/stacks" */
  readonly stacksDir?: string;
}

export function toSarif(report: ValidationReport, options: SarifOptions = {}): Sarif.Log {
  const catalogues = [report.rules ?? [], Object.values(CORE_RULES), SCHEMA_RULE_LIST];
  const rules: RuleDescription[] = [];
  const ruleIndex = new Map<string, number>();
  for (const finding of report.findings) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, rules.length);
    rules.push(describeRule(finding.ruleId, finding.level, catalogues));
  }
  const stacksDir = options.stacksDir ?? "cdktf.out/stacks";

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: "tamna",
        version: options.toolVersion ?? "0.0.0",
        rules: rules.map(toReportingDescriptor),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: report.skipped.map((skipped) => ({
          level: "note",
          message: { text: `${skipped.layer} layer skipped: ${skipped.reason}` },
          descriptor: { id: `skipped-${skipped.layer}` },
        })),
      },
    ],
    columnKind: "utf16CodeUnits",
    results: report.findings.map((finding) =>
      toResult(finding, ruleIndex.get(finding.ruleId)!, stacksDir),
    ),
    properties: { region: report.region, stacks: report.stacks, ...summarize(report.findings) },
  };
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

export function formatSarif(report: ValidationReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}

function toReportingDescriptor(rule: RuleDescription): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.help },
    help: { text: rule.help },
    defaultConfiguration: { level: rule.level },
  };
}

function toResult(finding: Finding, ruleIndex: number, stacksDir: string): Sarif.Result {
  const text = finding.hint ? `${finding.message}. Fix: ${finding.hint}` : finding.message;
  const location = toLocation(finding, stacksDir);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level,
    message: { text },
    ...(location ? { locations: [location] } : {}),
    partialFingerprints: { "tamnaFinding/v1": fingerprint(finding) },
    ...(finding.suppressed
      ? {
          suppressions: [
            { kind: "external", status: "accepted", justification: finding.suppressed.reason },
          ],
        }
      : {}),
    properties: {
      layer: finding.layer,
      ...(finding.stack ? { stack: finding.stack } : {}),
      ...(finding.address ? { address: finding.address } : {}),
      ...(finding.attribute ? { attribute: finding.attribute } : {}),
      ...(finding.location?.construct ? { constructPath: finding.location.construct } : {}),
    },
  };
}

function toLocation(finding: Finding, stacksDir: string): Sarif.Location | undefined {
  const logicalLocations = logical(finding);
  const file = finding.location?.file;
  if (file !== undefined) {
    const { line, column } = finding.location ?? {};
    return {
      physicalLocation: {
        artifactLocation: { uri: toUri(file), uriBaseId: "%SRCROOT%" },
        ...(line !== undefined
          ? {
              region: { startLine: line, ...(column !== undefined ? { startColumn: column } : {}) },
            }
          : {}),
      },
      ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
    };
  }
  if (finding.stack === undefined) return undefined;
  return {
    physicalLocation: {
      artifactLocation: {
        uri: toUri(`${stacksDir}/${finding.stack}/cdk.tf.json`),
        uriBaseId: "%SRCROOT%",
      },
      ...(finding.outputLine !== undefined ? { region: { startLine: finding.outputLine } } : {}),
    },
    ...(logicalLocations.length > 0 ? { logicalLocations } : {}),
  };
}

/** The Terraform address (and the field path of an input file) as logical locations. */
function logical(finding: Finding): Sarif.LogicalLocation[] {
  const locations: Sarif.LogicalLocation[] = [];
  if (finding.address) {
    const qualified = [finding.stack, finding.address].filter(Boolean).join("/");
    locations.push({
      name: finding.address,
      fullyQualifiedName: finding.attribute ? `${qualified}.${finding.attribute}` : qualified,
      kind: "resource",
    });
  }
  if (finding.location?.path) {
    locations.push({
      name: finding.location.path,
      fullyQualifiedName: finding.location.path,
      kind: "member",
    });
  }
  return locations;
}

/** A relative POSIX path as a URI reference: separators kept, other reserved characters escaped. */
function toUri(file: string): string {
  return file
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

/** Same finding, same fingerprint across runs, whatever lines moved around it. */
function fingerprint(finding: Finding): string {
  const identity = [
    finding.ruleId,
    finding.stack,
    finding.address,
    finding.attribute,
    finding.location?.file,
    finding.location?.path,
    finding.message,
  ].join("\u0000");
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

/** `SCHEMA-UNKNOWN-ATTRIBUTE` → `SchemaUnknownAttribute`, SARIF's readable rule name. */
function ruleName(id: string): string {
  return id
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}
