import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { formatJson, JSON_REPORT_VERSION } from "../../../lib/validate/format-json";
import { formatSarif, SARIF_SCHEMA, toSarif } from "../../../lib/validate/format-sarif";
import { formatText } from "../../../lib/validate/format-text";
import type { ValidationReport } from "../../../lib/validate/report";
import { SAMPLE_REPORT } from "./sample-report";

const CLEAN: ValidationReport = {
  region: "jeju",
  stacks: ["platform-jeju-cdc"],
  layers: ["spec", "construct", "schema"],
  skipped: [],
  findings: [],
};

describe("the text format", () => {
  const text = formatText(SAMPLE_REPORT);

  it("THEN input-file findings come first, with file:line:column and field in place of the stack", () => {
    expect(text).toMatch(
      /^region input\n {2}ERROR SPEC-INVALID-INPUT stacks\/jeju\/agencies\/jeju-city\.yaml:15:8 zones\[0\]: unknown zone "dmzz"; allowed: dmz, app, db, mgmt\n {6}fix: use a zone of region\.yaml\n/,
    );
  });

  it("THEN the other findings are grouped by stack as LEVEL ruleId stack address attribute: message", () => {
    expect(text).toContain(
      [
        "jeju-city-jeju-cdc",
        '  ERROR SCHEMA-UNKNOWN-ATTRIBUTE jeju-city-jeju-cdc openstack_networking_network_v2.Network_Zones_app_Network_0645C6E7 admin_state_upp: openstack_networking_network_v2 has no argument or nested block "admin_state_upp"',
        '      fix: did you mean "admin_state_up"?',
        "      at: construct jeju-city-jeju-cdc/Network/Zones/app/Network; jeju-city-jeju-cdc/cdk.tf.json:87",
      ].join("\n"),
    );
    expect(text).toContain(
      "platform-jeju-cdc\n  WARNING TAMNA-TAG-001 platform-jeju-cdc openstack_networking_network_v2.External: the network has no owner tag\n",
    );
  });

  it("THEN suppressed findings are listed apart, with their reasons", () => {
    expect(text).toContain(
      "suppressed (1):\n  ERROR TAMNA-NET-001 jeju-city-jeju-cdc openstack_networking_secgroup_rule_v2.Web: ingress from 0.0.0.0/0 on port 443\n      reason: the public portal is internet-facing by design (ticket 42)\n",
    );
  });

  it("THEN it ends with the skipped layers and a summary line", () => {
    expect(text).toMatch(
      /skipped:\n {2}terraform: terraform not installed \(not on PATH\)\n\ntamna validate: FAILED: 2 errors, 1 warning, 1 suppressed \(region jeju, 2 stacks; layers: spec, construct, policy, schema\)\n$/,
    );
  });

  it("THEN a clean run is one summary line", () => {
    expect(formatText(CLEAN)).toBe(
      "tamna validate: passed: 0 errors, 0 warnings, 0 suppressed (region jeju, 1 stack; layers: spec, construct, schema)\n",
    );
  });
});

describe("the JSON format", () => {
  const report = JSON.parse(formatJson(SAMPLE_REPORT));

  it("THEN it has the documented top-level shape", () => {
    expect(Object.keys(report)).toEqual([
      "version",
      "region",
      "stacks",
      "layers",
      "findings",
      "suppressed",
      "skipped",
      "summary",
    ]);
    expect(report.version).toBe(JSON_REPORT_VERSION);
    expect(report.summary).toEqual({ errors: 2, warnings: 1, suppressed: 1, passed: false });
    expect(report.skipped).toEqual(SAMPLE_REPORT.skipped);
  });

  it("THEN unsuppressed and suppressed findings are apart, keys in one order", () => {
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      "SPEC-INVALID-INPUT",
      "SCHEMA-UNKNOWN-ATTRIBUTE",
      "TAMNA-TAG-001",
    ]);
    expect(Object.keys(report.findings[1])).toEqual([
      "ruleId",
      "level",
      "layer",
      "message",
      "stack",
      "address",
      "attribute",
      "hint",
      "location",
      "outputLine",
    ]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: "TAMNA-NET-001",
        suppressed: { reason: "the public portal is internet-facing by design (ticket 42)" },
      }),
    ]);
  });

  it("THEN a clean run passes", () => {
    expect(JSON.parse(formatJson(CLEAN)).summary).toEqual({
      errors: 0,
      warnings: 0,
      suppressed: 0,
      passed: true,
    });
  });
});

describe("the SARIF format", () => {
  // Typed: a change that leaves the SARIF 2.1.0 shape fails the type check.
  const log: Sarif.Log = toSarif(SAMPLE_REPORT, { toolVersion: "1.2.3" });
  const run = log.runs[0]!;
  const results = run.results!;
  const rules = run.tool.driver.rules!;
  const result = (ruleId: string) => results.find((r) => r.ruleId === ruleId)!;

  it("THEN it is a SARIF 2.1.0 log with one run of the tamna driver", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: "tamna", version: "1.2.3" });
    expect(JSON.parse(formatSarif(SAMPLE_REPORT))).toEqual(
      JSON.parse(JSON.stringify(toSarif(SAMPLE_REPORT))),
    );
  });

  it("THEN it describes each rule reported once, with the catalogues' texts", () => {
    expect(rules.map((r) => r.id)).toEqual([
      "SPEC-INVALID-INPUT",
      "SCHEMA-UNKNOWN-ATTRIBUTE",
      "TAMNA-TAG-001",
      "TAMNA-NET-001",
    ]);
    for (const rule of rules) {
      expect(rule.shortDescription?.text, rule.id).toMatch(/^\S.{5,}$/);
      expect(rule.help?.text, rule.id).toMatch(/^\S.{10,}$/);
      expect(rule.help?.text, rule.id).not.toBe(rule.shortDescription?.text);
      expect(["error", "warning"]).toContain(rule.defaultConfiguration?.level);
    }
    expect(rules[1]).toMatchObject({
      name: "SchemaUnknownAttribute",
      shortDescription: { text: "Unknown argument or block" },
      defaultConfiguration: { level: "error" },
    });
    expect(rules[3]!.shortDescription!.text).toBe("No ingress from anywhere");
  });

  it("THEN every result names its rule by ID and index, with a level and a message", () => {
    expect(results).toHaveLength(SAMPLE_REPORT.findings.length);
    for (const r of results) {
      expect(rules[r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(["none", "note", "warning", "error"]).toContain(r.level);
      const finding = SAMPLE_REPORT.findings.find((f) => f.ruleId === r.ruleId);
      expect(r.message.text).toContain(finding!.message);
      expect(r.partialFingerprints?.["tamnaFinding/v1"]).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(result("SCHEMA-UNKNOWN-ATTRIBUTE").message.text).toBe(
      'openstack_networking_network_v2 has no argument or nested block "admin_state_upp". Fix: did you mean "admin_state_up"?',
    );
  });

  it("THEN a spec finding points at the spec file, line and column", () => {
    expect(result("SPEC-INVALID-INPUT").locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "stacks/jeju/agencies/jeju-city.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 15, startColumn: 8 },
        },
        logicalLocations: [{ name: "zones[0]", fullyQualifiedName: "zones[0]", kind: "member" }],
      },
    ]);
  });

  it("THEN a stack finding points at the stack's cdk.tf.json and names the resource", () => {
    expect(result("SCHEMA-UNKNOWN-ATTRIBUTE").locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: {
            uri: "cdktf.out/stacks/jeju-city-jeju-cdc/cdk.tf.json",
            uriBaseId: "%SRCROOT%",
          },
          region: { startLine: 87 },
        },
        logicalLocations: [
          {
            name: "openstack_networking_network_v2.Network_Zones_app_Network_0645C6E7",
            fullyQualifiedName:
              "jeju-city-jeju-cdc/openstack_networking_network_v2.Network_Zones_app_Network_0645C6E7.admin_state_upp",
            kind: "resource",
          },
        ],
      },
    ]);
  });

  it("THEN a suppressed finding carries a suppression with its justification", () => {
    expect(result("TAMNA-NET-001").suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification: "the public portal is internet-facing by design (ticket 42)",
      },
    ]);
    expect(result("TAMNA-TAG-001").suppressions).toBeUndefined();
  });

  it("THEN skipped layers are notifications of the invocation", () => {
    expect(run.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: "note",
            message: { text: "terraform layer skipped: terraform not installed (not on PATH)" },
            descriptor: { id: "skipped-terraform" },
          },
        ],
      },
    ]);
  });

  it("THEN the fingerprint of a finding does not depend on its line", () => {
    const moved: ValidationReport = {
      ...SAMPLE_REPORT,
      findings: SAMPLE_REPORT.findings.map((f) => ({ ...f, outputLine: 1 })),
    };
    const fingerprints = (report: ValidationReport) =>
      toSarif(report).runs[0]!.results!.map((r) => r.partialFingerprints);
    expect(fingerprints(moved)).toEqual(fingerprints(SAMPLE_REPORT));
  });
});
