import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Annotations, App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { afterAll, describe, expect, it } from "vitest";
import { TamnaError } from "../../../lib/errors";
import { synthesizeWithValidations } from "../../../lib/validate/construct";
import { hasBlockingFindings, sortFindings, summarize } from "../../../lib/validate/report";
import { specFindings } from "../../../lib/validate/spec";
import { SAMPLE_REPORT } from "./sample-report";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A real App (validations on, as in `tamna validate`) with two stacks in a temp directory. */
function appWith(build: (stacks: { first: TerraformStack; second: TerraformStack }) => void) {
  return () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-construct-"));
    dirs.push(outdir);
    const app = new App({ outdir, stackTraces: false });
    const first = new TerraformStack(app, "first-stack");
    const second = new TerraformStack(app, "second-stack");
    build({ first, second });
    return app;
  };
}

describe("the construct layer", () => {
  it("GIVEN constructs that validate, THEN the stacks are synthesized and there is no finding", () => {
    expect(synthesizeWithValidations(appWith(() => undefined))).toEqual({
      synthesized: true,
      findings: [],
    });
  });

  it("GIVEN failing validations in two stacks, THEN one finding each, with stack and construct path", () => {
    const outcome = synthesizeWithValidations(
      appWith(({ first, second }) => {
        const network = new Construct(first, "Network");
        network.node.addValidation({ validate: () => ["the transit subnet overlaps the db zone"] });
        second.node.addValidation({ validate: () => ["no provider configured"] });
      }),
    );
    expect(outcome.synthesized).toBe(false);
    expect(outcome.findings).toEqual([
      {
        ruleId: "CONSTRUCT-VALIDATION",
        level: "error",
        layer: "construct",
        message: "the transit subnet overlaps the db zone",
        stack: "first-stack",
        location: { construct: "first-stack/Network" },
      },
      {
        ruleId: "CONSTRUCT-VALIDATION",
        level: "error",
        layer: "construct",
        message: "no provider configured",
        stack: "second-stack",
        location: { construct: "second-stack" },
      },
    ]);
  });

  it("GIVEN an error annotation, THEN it is a finding too", () => {
    const outcome = synthesizeWithValidations(
      appWith(({ second }) => Annotations.of(second).addError("refused by an aspect")),
    );
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        ruleId: "CONSTRUCT-ANNOTATION",
        stack: "second-stack",
        message: "refused by an aspect",
      }),
    ]);
  });

  it("GIVEN a construct that refuses its props with a TamnaError, THEN a finding at its path", () => {
    const outcome = synthesizeWithValidations(() => {
      throw new TamnaError({
        location: { construct: "jeju-city-jeju-cdc/Network" },
        message: "the zone has no subnet",
        hint: "add the zone to the agency",
      });
    });
    expect(outcome).toEqual({
      synthesized: false,
      findings: [
        {
          ruleId: "CONSTRUCT-VALIDATION",
          level: "error",
          layer: "construct",
          message: "the zone has no subnet",
          stack: "jeju-city-jeju-cdc",
          location: { construct: "jeju-city-jeju-cdc/Network" },
          hint: "add the zone to the agency",
        },
      ],
    });
  });

  it("GIVEN any other error, THEN it is thrown: a bug, not a finding", () => {
    expect(() =>
      synthesizeWithValidations(() => {
        throw new TypeError("boom");
      }),
    ).toThrow(TypeError);
  });
});

describe("the spec layer", () => {
  it("THEN each problem of a TamnaError is a finding that keeps its file, line and field", () => {
    const error = new TamnaError([
      {
        location: { file: "agencies/a.yaml", line: 3, column: 5, path: "zones[1]" },
        message: "unknown zone",
        received: '"dmzz"',
        allowed: "dmz, app",
        hint: 'did you mean "dmz"?',
      },
      { location: {}, message: "no region.yaml in the working directory" },
    ]);
    expect(specFindings(error)).toEqual([
      {
        ruleId: "SPEC-INVALID-INPUT",
        level: "error",
        layer: "spec",
        message: 'unknown zone; received "dmzz"; allowed: dmz, app',
        location: { file: "agencies/a.yaml", line: 3, column: 5, path: "zones[1]" },
        hint: 'did you mean "dmz"?',
      },
      {
        ruleId: "SPEC-INVALID-INPUT",
        level: "error",
        layer: "spec",
        message: "no region.yaml in the working directory",
      },
    ]);
  });
});

describe("the report", () => {
  it("THEN it fails on an unsuppressed error only", () => {
    expect(summarize(SAMPLE_REPORT.findings)).toEqual({ errors: 2, warnings: 1, suppressed: 1 });
    expect(hasBlockingFindings(SAMPLE_REPORT)).toBe(true);
    const onlyWarningsAndSuppressed = SAMPLE_REPORT.findings.filter(
      (f) => f.level === "warning" || f.suppressed,
    );
    expect(hasBlockingFindings({ ...SAMPLE_REPORT, findings: onlyWarningsAndSuppressed })).toBe(
      false,
    );
  });

  it("THEN findings are ordered by layer, then stack in apply order", () => {
    const sorted = sortFindings([...SAMPLE_REPORT.findings].reverse(), SAMPLE_REPORT.stacks);
    expect(sorted.map((f) => `${f.layer} ${f.stack ?? "-"} ${f.ruleId}`)).toEqual([
      "spec - SPEC-INVALID-INPUT",
      "policy platform-jeju-cdc TAMNA-TAG-001",
      "policy jeju-city-jeju-cdc TAMNA-NET-001",
      "schema jeju-city-jeju-cdc SCHEMA-UNKNOWN-ATTRIBUTE",
    ]);
  });
});
