/**
 * End-to-end: `tamna validate` as CI runs it, on copies of the example region, as a real
 * process; and in process with a policy layer plugged into its seam.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Sarif from "sarif";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validate } from "../../cli/commands/validate";
import type { Finding } from "../../lib/finding";
import type { JsonReport } from "../../lib/validate/format-json";
import type { PolicyLayer } from "../../lib/validate/layers";
import { providerPath } from "../../lib/validate/terraform-setup";
import {
  type CliResult,
  CLI_TIMEOUT_MS,
  Workspaces,
  exampleStackNames,
  expectExit,
  expectNoStackTrace,
  lineOf,
  runTamna,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

/** Like runTamna, with changes to the environment (PATH, TF_PLUGIN_CACHE_DIR). */
function runWithEnv(
  cwd: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliResult> {
  return runTamna(cwd, args, CLI_TIMEOUT_MS, env);
}

/** Adds an unknown zone to jeju-city's zones; returns the line it is on. */
function breakZones(ws: string): number {
  const file = path.join(ws, "jeju", "agencies", "jeju-city.yaml");
  const text = fs.readFileSync(file, "utf8");
  fs.writeFileSync(file, text.replace(/^zones: \[(.*)\]$/m, "zones: [$1, dmzz]"));
  return lineOf(fs.readFileSync(file, "utf8"), /^zones:/);
}

describe("tamna validate", () => {
  describe("GIVEN the example region", () => {
    let ws: string;
    let text: CliResult;
    let json: CliResult;
    let sarif: CliResult;

    beforeAll(async () => {
      ws = workspaces.withRegion("validate");
      text = await runTamna(ws, ["validate", "--region", "jeju", "--no-terraform"]);
      json = await runTamna(ws, [
        "validate",
        "--region",
        "jeju",
        "--no-terraform",
        "--format",
        "json",
      ]);
      sarif = await runTamna(ws, [
        "validate",
        "--region",
        "jeju",
        "--no-terraform",
        "--format",
        "sarif",
        "--out",
        "reports/validate.sarif",
      ]);
    });

    it("THEN it exits 0 and says it passed", () => {
      expectExit(text, 0);
      expect(text.stdout).toMatch(
        /^tamna validate: passed: 0 errors, \d+ warnings?, \d+ suppressed \(region jeju, 28 stacks; layers: spec, construct, .*schema\)$/m,
      );
      expect(text.stdout).toMatch(/skipped:\n(.*\n)* {2}terraform: --no-terraform\n/);
    });

    it("THEN --format json prints the documented report on stdout", () => {
      expectExit(json, 0);
      const report = JSON.parse(json.stdout) as JsonReport;
      expect(report.version).toBe(1);
      expect(report.region).toBe("jeju");
      expect([...report.stacks].sort()).toEqual(exampleStackNames());
      expect(report.layers).toEqual(expect.arrayContaining(["spec", "construct", "schema"]));
      expect(report.summary).toMatchObject({ errors: 0, passed: true });
      expect(report.findings.filter((f) => f.level === "error")).toEqual([]);
      expect(report.skipped).toContainEqual({ layer: "terraform", reason: "--no-terraform" });
      expect(json.stderr).toMatch(/^tamna validate: passed/);
    });

    it("THEN --format sarif --out writes a SARIF 2.1.0 log to the file and nothing to stdout", () => {
      expectExit(sarif, 0);
      expect(sarif.stdout).toBe("");
      expect(sarif.stderr).toMatch(/report written to reports\/validate\.sarif/);
      const log = JSON.parse(
        fs.readFileSync(path.join(ws, "reports", "validate.sarif"), "utf8"),
      ) as Sarif.Log;
      expect(log.version).toBe("2.1.0");
      expect(log.runs[0]!.tool.driver.name).toBe("tamna");
    });

    it("THEN nothing but the report and the parse cache is written: no synth output", () => {
      expect(fs.readdirSync(ws).sort()).toEqual(["jeju", "node_modules", "reports"]);
      expect(fs.readdirSync(path.join(ws, "node_modules", ".cache", "tamna", "synth"))).toEqual([
        "yaml-parses.v8",
      ]);
    });

    it("WHEN terraform is not on PATH, THEN the terraform layer is skipped with that reason", async () => {
      const result = await runWithEnv(
        ws,
        ["validate", "--region", "jeju", "--stack", "platform-jeju-cdc", "--format", "json"],
        { PATH: path.dirname(process.execPath) },
      );
      expectExit(result, 0);
      expect((JSON.parse(result.stdout) as JsonReport).skipped).toContainEqual({
        layer: "terraform",
        reason: "terraform not installed (not on PATH)",
      });
    });

    const hasTerraform =
      process.platform !== "win32" &&
      spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

    // With real terraform and a fake provider (a script that fails), layer 5 runs offline and
    // its diagnostics fail the run. A real provider's checks cannot be tested here.
    it.skipIf(!hasTerraform)(
      "WHEN the provider is in the plugin cache, THEN terraform validate runs on each stack",
      async () => {
        const mirror = workspaces.make("mirror");
        const provider = path.join(
          mirror,
          providerPath(process),
          "terraform-provider-openstack_v3.4.0",
        );
        fs.mkdirSync(path.dirname(provider), { recursive: true });
        fs.writeFileSync(provider, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
        const result = await runWithEnv(
          ws,
          ["validate", "--region", "jeju", "--stack", "platform-jeju-cdc", "--format", "json"],
          { TF_PLUGIN_CACHE_DIR: mirror },
        );
        expectExit(result, 1);
        const report = JSON.parse(result.stdout) as JsonReport;
        expect(report.layers).toContain("terraform");
        expect(report.findings).toEqual([
          expect.objectContaining({
            ruleId: "TERRAFORM-FAILED-TO-LOAD-PLUGIN-SCHEMAS",
            layer: "terraform",
            stack: "platform-jeju-cdc",
          }),
        ]);
      },
    );
  });

  describe("GIVEN an agency file with an unknown zone", () => {
    let ws: string;
    let line: number;
    beforeAll(() => {
      ws = workspaces.withRegion("validate-bad");
      line = breakZones(ws);
    });

    it("THEN it exits 2 and the text report points at file:line and the field", async () => {
      const result = await runTamna(ws, ["validate", "--region", "jeju"]);
      expectExit(result, 2);
      expectNoStackTrace(result.stderr);
      expect(result.stdout).toMatch(
        new RegExp(
          `ERROR SPEC-INVALID-INPUT jeju/agencies/jeju-city\\.yaml:${line}:\\d+ zones\\[4\\]: .*dmzz`,
        ),
      );
      expect(result.stdout).toMatch(/construct: the region input does not load/);
    });

    it("THEN --format json says the same, with the location", async () => {
      const result = await runTamna(ws, ["validate", "--region", "jeju", "--format", "json"]);
      expectExit(result, 2);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.summary.passed).toBe(false);
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          ruleId: "SPEC-INVALID-INPUT",
          layer: "spec",
          location: expect.objectContaining({ file: "jeju/agencies/jeju-city.yaml", line }),
        }),
      );
    });

    it("THEN --format sarif points the result at the agency file and line", async () => {
      const result = await runTamna(ws, ["validate", "--region", "jeju", "--format", "sarif"]);
      expectExit(result, 2);
      const log = JSON.parse(result.stdout) as Sarif.Log;
      const physical = log.runs[0]!.results![0]!.locations![0]!.physicalLocation!;
      expect(physical.artifactLocation!.uri).toBe("jeju/agencies/jeju-city.yaml");
      expect(physical.region!.startLine).toBe(line);
    });
  });

  describe("GIVEN findings in two agencies", () => {
    it("WHEN one agency is selected, THEN its findings are those of the whole region's run on its stacks, with the cache or without", async () => {
      const ws = workspaces.withRegion("validate-one");
      for (const slug of ["jeju-city", "jeju-fire"]) {
        const file = path.join(ws, "jeju", "agencies", `${slug}.yaml`);
        const text = fs.readFileSync(file, "utf8");
        // A secret-looking line in user data: TAMNA-SEC-002 in the agency's stack.
        const edited = text.replace(
          /^(\s+)image: rocky-9$/m,
          '$1image: rocky-9\n$1userData: "#!/bin/sh\\npassword=Sup3rSecretValue9\\n"',
        );
        expect(edited).not.toBe(text);
        fs.writeFileSync(file, edited);
      }
      const args = ["validate", "--region", "jeju", "--no-terraform", "--format", "json"];
      const whole = await runTamna(ws, args);
      expectExit(whole, 1);
      const full = JSON.parse(whole.stdout) as JsonReport;
      const agency = "jeju-city";
      const ofAgency = full.stacks.filter(
        (stack) => stack.startsWith(`${agency}-`) || stack.startsWith(`tenancy-${agency}-`),
      );
      const mine = (findings: readonly Finding[]) =>
        findings.filter(
          (finding) => finding.stack !== undefined && ofAgency.includes(finding.stack),
        );
      expect(mine(full.findings).length).toBeGreaterThan(0);
      expect(full.findings.length).toBeGreaterThan(mine(full.findings).length);
      for (const cache of [[], ["--no-cache"]]) {
        const one = await runTamna(ws, [...args, "--agency", agency, ...cache]);
        expectExit(one, 1);
        const report = JSON.parse(one.stdout) as JsonReport;
        expect(report.stacks).toEqual(ofAgency);
        expect(report.findings).toEqual(mine(full.findings));
        expect(report.suppressed).toEqual(mine(full.suppressed));
      }
    });
  });

  describe("GIVEN two agencies whose address blocks clash", () => {
    it("WHEN a third agency is selected, THEN the clash is still reported, located in both files", async () => {
      const ws = workspaces.withRegion("validate-clash");
      const fire = path.join(ws, "jeju", "agencies", "jeju-fire.yaml");
      const city = fs.readFileSync(path.join(ws, "jeju", "agencies", "jeju-city.yaml"), "utf8");
      const cityBlock = /^addressBlock: .*$/m.exec(city)![0];
      const text = fs.readFileSync(fire, "utf8").replace(/^addressBlock: .*$/m, cityBlock);
      fs.writeFileSync(fire, text);
      for (let run = 0; run < 2; run++) {
        // The second run finds every file's parse in the cache: the clash is still found.
        const result = await runTamna(ws, [
          "validate",
          "--region",
          "jeju",
          "--no-terraform",
          "--format",
          "json",
          "--agency",
          "jeju-province",
        ]);
        expectExit(result, 2);
        const report = JSON.parse(result.stdout) as JsonReport;
        const clash = report.findings.filter((finding) =>
          JSON.stringify(finding).includes("jeju-fire.yaml"),
        );
        expect(clash.length).toBeGreaterThan(0);
        expect(JSON.stringify(clash)).toMatch(/jeju-city\.yaml:\d+/);
      }
    });
  });

  describe("GIVEN bad usage", () => {
    it("WHEN the format is unknown, THEN it exits 2", async () => {
      const ws = workspaces.withRegion("validate-usage");
      const result = await runTamna(ws, ["validate", "--region", "jeju", "--format", "xml"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/Allowed choices are text, json, sarif/);
    });

    it("WHEN a stack is unknown, THEN it exits 2 with a did-you-mean", async () => {
      const ws = workspaces.withRegion("validate-usage");
      const result = await runTamna(ws, [
        "validate",
        "--region",
        "jeju",
        "--stack",
        "platform-jeju",
      ]);
      expectExit(result, 2);
      expectNoStackTrace(result.stderr);
      expect(result.stderr).toMatch(/--stack platform-jeju: no such stack.*did you mean/);
    });
  });
});

describe("tamna validate in process, with a policy layer in the seam", () => {
  let ws: string;
  beforeAll(() => {
    ws = workspaces.withRegion("validate-policy");
  });

  const policyWith = (findings: Finding[]): PolicyLayer => ({
    rules: [
      { id: "TEST-001", level: "error", shortDescription: "a test rule", help: "for the seam" },
    ],
    run: ({ stacks }) => {
      expect(stacks.map((stack) => stack.plan.name)).toEqual(["tenancy-jeju-city-jeju-cdc"]);
      expect(stacks[0]!.json).toHaveProperty("resource");
      return findings;
    },
  });
  const run = async (policy: PolicyLayer) => {
    let out = "";
    const code = await validate(
      {
        region: path.join(ws, "jeju"),
        stacks: ["tenancy-jeju-city-jeju-cdc"],
        format: "json",
        terraform: false,
      },
      (text) => (out += text),
      { policy },
    );
    return { code, report: JSON.parse(out) as JsonReport };
  };
  const policyFinding = (level: Finding["level"], suppressed?: string): Finding => ({
    ruleId: "TEST-001",
    level,
    layer: "policy",
    message: `a ${level}`,
    stack: "tenancy-jeju-city-jeju-cdc",
    address: "openstack_identity_project_v3.Project",
    ...(suppressed ? { suppressed: { reason: suppressed } } : {}),
  });

  it("WHEN it reports only a warning and a suppressed error, THEN exit 0 and both are reported", async () => {
    const { code, report } = await run(
      policyWith([policyFinding("warning"), policyFinding("error", "accepted for the test run")]),
    );
    expect(code).toBe(0);
    expect(report.layers).toEqual(["spec", "construct", "policy", "schema"]);
    expect(report.findings).toEqual([expect.objectContaining({ level: "warning" })]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({ suppressed: { reason: "accepted for the test run" } }),
    ]);
  });

  it("WHEN it reports an error, THEN exit 1, and the finding gets its line in cdk.tf.json", async () => {
    const { code, report } = await run(policyWith([policyFinding("error")]));
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: "TEST-001", outputLine: expect.any(Number) }),
    ]);
  });
});
