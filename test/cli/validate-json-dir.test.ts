/**
 * End-to-end: `tamna validate --json-dir` as a real process, on hand-written Terraform JSON and
 * on the synthesized output of a copy of the example region.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../lib/validate/format-json";
import {
  type CliResult,
  Workspaces,
  expectExit,
  expectNoStackTrace,
  runTamna,
} from "../helpers/tamna-cli";

const workspaces = new Workspaces();
afterAll(() => workspaces.removeAll());

const REQUIRED_PROVIDERS = {
  required_providers: { openstack: { source: "terraform-provider-openstack/openstack" } },
};

/** A hand-written configuration: a network and its subnet, `extra` merged into the network. */
function handWritten(extra: Record<string, unknown> = {}, terraform: unknown = REQUIRED_PROVIDERS) {
  return `${JSON.stringify(
    {
      ...(terraform ? { terraform } : {}),
      provider: { openstack: { cloud: "mycloud" } },
      resource: {
        openstack_networking_network_v2: { app: { name: "app", ...extra } },
        openstack_networking_subnet_v2: {
          app: {
            name: "app",
            cidr: "10.1.0.0/24",
            network_id: "${openstack_networking_network_v2.app.id # the network above\n}",
          },
        },
      },
    },
    null,
    2,
  )}\n`;
}

/** A workspace with `files` under `tf/`. */
function workspace(files: Record<string, string>): string {
  const ws = workspaces.make("json-dir");
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, "tf", name)), { recursive: true });
    fs.writeFileSync(path.join(ws, "tf", name), content);
  }
  return ws;
}

const validate = (ws: string, ...args: string[]) =>
  runTamna(ws, ["validate", "--json-dir", "tf", ...args]);

describe("tamna validate --json-dir", () => {
  describe("GIVEN a hand-written file with an unknown attribute on an openstack resource", () => {
    let ws: string;
    let text: CliResult;
    let json: CliResult;

    beforeAll(async () => {
      ws = workspace({ "main.tf.json": handWritten({ colour: "blue" }) });
      text = await validate(ws);
      json = await validate(ws, "--format", "json");
    });

    it("THEN the text report exits 1 and names the attribute at its file and line", async () => {
      expectExit(text, 1);
      expect(text.stdout).toMatch(
        /ERROR SCHEMA-UNKNOWN-ATTRIBUTE tf openstack_networking_network_v2\.app colour: .*"colour"/,
      );
      expect(text.stdout).toMatch(/at: tf\/main\.tf\.json:\d+/);
      expect(text.stdout).toMatch(/tamna validate: FAILED: 1 error/);
    });

    it("THEN the json report exits 1 with the finding, and says which rules were skipped", async () => {
      expectExit(json, 1);
      const report = JSON.parse(json.stdout) as JsonReport;
      expect(report.findings).toEqual([
        expect.objectContaining({
          ruleId: "SCHEMA-UNKNOWN-ATTRIBUTE",
          stack: "tf",
          address: "openstack_networking_network_v2.app",
          attribute: "colour",
          location: expect.objectContaining({ file: "tf/main.tf.json" }),
        }),
      ]);
      expect(report.layers).toEqual(["policy", "schema"]);
      const policy = report.skipped.find((skipped) => skipped.layer === "policy");
      expect(policy?.reason).toMatch(/need the region plan.*TAMNA-NET-001/);
    });

    it("THEN --format sarif points at the file", async () => {
      const sarif = await validate(ws, "--format", "sarif");
      expectExit(sarif, 1);
      const location = JSON.parse(sarif.stdout).runs[0].results[0].locations[0];
      expect(location.physicalLocation.artifactLocation.uri).toBe("tf/main.tf.json");
    });
  });

  describe("GIVEN the same file without required_providers (the legacy hashicorp/openstack)", () => {
    it("THEN it is validated against the OpenStack schema: the one unknown attribute only", async () => {
      const ws = workspace({ "main.tf.json": handWritten({ colour: "blue" }, undefined) });
      const result = await validate(ws, "--format", "json");
      expectExit(result, 1);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.findings.map((f) => [f.ruleId, f.attribute])).toEqual([
        ["SCHEMA-UNKNOWN-ATTRIBUTE", "colour"],
      ]);
    });
  });

  describe("GIVEN a clean hand-written file", () => {
    it.each([
      ["with required_providers", REQUIRED_PROVIDERS],
      ["without required_providers", undefined],
    ])("THEN %s it exits 0", async (_, terraform) => {
      const ws = workspace({ "main.tf.json": handWritten({}, terraform) });
      const result = await validate(ws);
      expectExit(result, 0);
      expect(result.stdout).toMatch(/tamna validate: passed: 0 errors, 0 warnings/);
    });
  });

  describe("GIVEN the synthesized output of a copy of the example region", () => {
    it("THEN it is clean, every stack a configuration", async () => {
      const ws = workspaces.withRegion("json-dir-synth");
      expectExit(await runTamna(ws, ["synth", "--region", "jeju", "--out", "out", "--quiet"]), 0);
      const stacks = fs.readdirSync(path.join(ws, "out", "stacks")).sort();
      const result = await runTamna(ws, ["validate", "--json-dir", "out", "--format", "json"]);
      expectExit(result, 0);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect([...report.stacks].sort()).toEqual(stacks);
      expect(report.findings).toEqual([]);
      expect(report.summary.passed).toBe(true);
    });
  });

  describe("GIVEN bad input, THEN exit 2 with the problem located, no stack trace", () => {
    it.each([
      ["a missing directory", {}, "missing", /missing: no such directory/],
      [
        "a file instead of a directory",
        { "main.tf.json": "{}" },
        "tf/main.tf.json",
        /tf\/main\.tf\.json: --json-dir needs a directory; this is a file/,
      ],
      [
        "a directory without *.tf.json",
        { "main.tf": "" },
        "tf",
        /tf: no \*\.tf\.json file in the directory/,
      ],
      [
        "invalid JSON",
        { "a.tf.json": "{}", "b.tf.json": '{\n  "resource": {\n    "x": nope\n  }\n}\n' },
        "tf",
        /tf\/b\.tf\.json:3:10: invalid JSON: /,
      ],
    ])("%s", async (_, files: Record<string, string>, dir, message) => {
      const ws = workspace(files);
      const result = await runTamna(ws, ["validate", "--json-dir", dir]);
      expectExit(result, 2);
      expect(result.stdout).toMatch(/JSON-INVALID-INPUT/);
      expect(result.stdout).toMatch(message);
      expectNoStackTrace(result.stderr);
    });

    it("a file over the size cap, in the json format", async () => {
      const ws = workspace({ "ok.tf.json": "{}" });
      const big = path.join(ws, "tf", "big.tf.json");
      fs.writeFileSync(big, "");
      fs.truncateSync(big, 32 * 1024 * 1024 + 1);
      const result = await validate(ws, "--format", "json");
      expectExit(result, 2);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.findings).toEqual([
        expect.objectContaining({
          ruleId: "JSON-INVALID-INPUT",
          location: { file: "tf/big.tf.json" },
          message: expect.stringMatching(/larger than 32 MiB/),
        }),
      ]);
      expectNoStackTrace(result.stderr);
    });
  });

  describe("GIVEN --json-dir with --region", () => {
    it("THEN it is bad usage: exit 2", async () => {
      const ws = workspace({ "main.tf.json": handWritten() });
      const result = await runTamna(ws, ["validate", "--json-dir", "tf", "--region", "jeju"]);
      expectExit(result, 2);
      expect(result.stderr).toMatch(/'--json-dir <dir>' cannot be used with option '-r, --region/);
    });
  });
});
