import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { mirrorConfiguration, terraformValidate } from "../../../lib/validate/terraform";
import {
  diagnosticFindings,
  parseValidateOutput,
  terraformRuleId,
} from "../../../lib/validate/terraform-diagnostics";
import {
  detectTerraformSetup,
  pluginDirectories,
  providerPath,
  type HostEnvironment,
} from "../../../lib/validate/terraform-setup";

const FIXTURES = path.join(__dirname, "fixtures");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tamna-tf-${label}-`));
  dirs.push(dir);
  return dir;
};

function executable(file: string, script = "#!/bin/sh\nexit 0\n"): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, script, { mode: 0o755 });
}

/** A mirror holding a fake OpenStack provider 3.4.0 for this machine: a script that fails. */
function fakeProviderMirror(host: Pick<HostEnvironment, "platform" | "arch">): string {
  const mirror = tempDir("mirror");
  executable(
    path.join(mirror, providerPath(host), "terraform-provider-openstack_v3.4.0"),
    "#!/bin/sh\necho 'not a real provider' >&2\nexit 1\n",
  );
  return mirror;
}

describe("terraform validate diagnostics", () => {
  describe("GIVEN output recorded from terraform 1.11 on a stack with two errors", () => {
    const output = parseValidateOutput(fixture("terraform-validate-output-errors.json"));
    const findings = diagnosticFindings(
      "s",
      output,
      fixture("terraform-validate-output-errors.tf.json"),
    );

    it("THEN each diagnostic is a finding at its address, attribute and line of cdk.tf.json", () => {
      expect(findings).toEqual([
        {
          ruleId: "TERRAFORM-MISSING-REQUIRED-ARGUMENT",
          level: "error",
          layer: "terraform",
          message:
            'Missing required argument: The argument "value" is required, but no definition was found.',
          stack: "s",
          address: "output.bad",
          attribute: "valu",
          outputLine: 8,
        },
        {
          ruleId: "TERRAFORM-EXTRANEOUS-JSON-OBJECT-PROPERTY",
          level: "error",
          layer: "terraform",
          message:
            'Extraneous JSON object property: No argument or block type is named "valu". Did you mean "value"?',
          stack: "s",
          address: "output.bad",
          attribute: "valu",
          outputLine: 7,
        },
      ]);
    });
  });

  it("GIVEN a valid configuration (recorded), THEN no finding", () => {
    const output = parseValidateOutput(fixture("terraform-validate-valid.json"));
    expect(output.valid).toBe(true);
    expect(diagnosticFindings("s", output)).toEqual([]);
  });

  it("GIVEN a provider that does not start (recorded), THEN one finding for the stack, without address", () => {
    const output = parseValidateOutput(fixture("terraform-validate-plugin-failure.json"));
    expect(diagnosticFindings("s", output)).toEqual([
      expect.objectContaining({
        ruleId: "TERRAFORM-FAILED-TO-LOAD-PLUGIN-SCHEMAS",
        stack: "s",
        message: expect.stringMatching(/^Failed to load plugin schemas: Error while loading/),
      }),
    ]);
  });

  it("GIVEN a provider warning in a resource (shaped like terraform's), THEN a warning at the resource", () => {
    const text = JSON.stringify(
      { resource: { openstack_networking_network_v2: { Net: { name: "n", mtu: 1500 } } } },
      null,
      2,
    );
    const line = text.split("\n").findIndex((l) => l.includes('"mtu"')) + 1;
    const findings = diagnosticFindings(
      "s",
      {
        format_version: "1.0",
        valid: true,
        error_count: 0,
        warning_count: 1,
        diagnostics: [
          {
            severity: "warning",
            summary: 'Argument "mtu" is deprecated',
            detail: "Use something else.",
            range: {
              filename: "cdk.tf.json",
              start: { line, column: 9 },
              end: { line, column: 14 },
            },
          },
        ],
      },
      text,
    );
    expect(findings).toEqual([
      {
        ruleId: "TERRAFORM-ARGUMENT-IS-DEPRECATED",
        level: "warning",
        layer: "terraform",
        message: 'Argument "mtu" is deprecated: Use something else.',
        stack: "s",
        address: "openstack_networking_network_v2.Net",
        attribute: "mtu",
        outputLine: line,
      },
    ]);
  });

  it("THEN rule IDs leave quoted names out, so one kind of diagnostic has one ID", () => {
    expect(terraformRuleId('Invalid value for "list" parameter')).toBe(
      "TERRAFORM-INVALID-VALUE-FOR-PARAMETER",
    );
    expect(terraformRuleId("Reference to undeclared resource")).toBe(
      "TERRAFORM-REFERENCE-TO-UNDECLARED-RESOURCE",
    );
  });

  it("THEN anything but validate's JSON document is refused", () => {
    expect(() => parseValidateOutput("Error: no configuration")).toThrow();
    expect(() => parseValidateOutput('{"format_version": "1.0"}')).toThrow(/not the output/);
  });
});

describe("whether terraform validate can run offline", () => {
  const linux = { platform: "linux" as const, arch: "x64" };

  it("THEN the provider is looked for under the plugin cache and the implied mirror directories", () => {
    expect(
      pluginDirectories({ ...linux, homedir: "/home/u", env: { TF_PLUGIN_CACHE_DIR: "/cache" } }),
    ).toEqual([
      "/cache",
      "/home/u/.terraform.d/plugins",
      "/home/u/.local/share/terraform/plugins",
      "/usr/local/share/terraform/plugins",
      "/usr/share/terraform/plugins",
    ]);
    expect(
      pluginDirectories({
        ...linux,
        homedir: "/home/u",
        env: { XDG_DATA_HOME: "/data", XDG_DATA_DIRS: "/opt/share" },
      }),
    ).toEqual([
      "/home/u/.terraform.d/plugins",
      "/data/terraform/plugins",
      "/opt/share/terraform/plugins",
    ]);
    expect(providerPath(linux)).toBe(
      path.join(
        "registry.terraform.io",
        "terraform-provider-openstack",
        "openstack",
        "3.4.0",
        "linux_amd64",
      ),
    );
    expect(providerPath({ platform: "darwin", arch: "arm64" })).toMatch(
      /3\.4\.0[\\/]darwin_arm64$/,
    );
  });

  describe.skipIf(process.platform === "win32")("GIVEN a fake host", () => {
    const bin = tempDir("bin");
    executable(path.join(bin, "terraform"));
    const home = tempDir("home");
    const host = (env: Record<string, string>): HostEnvironment => ({
      ...linux,
      homedir: home,
      env: { XDG_DATA_DIRS: path.join(home, "none"), ...env },
    });

    it("WHEN terraform is not on PATH, THEN it is skipped as not installed", () => {
      expect(detectTerraformSetup(host({ PATH: tempDir("empty") }))).toEqual({
        ready: false,
        reason: "terraform not installed (not on PATH)",
      });
    });

    it("WHEN the provider is nowhere, THEN it is skipped, naming every directory looked in", () => {
      const setup = detectTerraformSetup(host({ PATH: bin }));
      expect(setup.ready).toBe(false);
      expect(!setup.ready && setup.reason).toBe(
        `OpenStack provider 3.4.0 not installed (looked in: ${[
          path.join(home, ".terraform.d", "plugins"),
          path.join(home, ".local", "share", "terraform", "plugins"),
          path.join(home, "none", "terraform", "plugins"),
        ]
          .map((dir) => path.join(dir, providerPath(linux)))
          .join(", ")})`,
      );
    });

    it("WHEN the plugin cache holds it, THEN it runs with the cache as mirror", () => {
      const mirror = fakeProviderMirror(linux);
      expect(detectTerraformSetup(host({ PATH: bin, TF_PLUGIN_CACHE_DIR: mirror }))).toEqual({
        ready: true,
        terraform: path.join(bin, "terraform"),
        mirror,
      });
    });

    it("WHEN ~/.terraform.d/plugins holds it, THEN it runs with that mirror", () => {
      const plugins = path.join(home, ".terraform.d", "plugins");
      executable(path.join(plugins, providerPath(linux), "terraform-provider-openstack_v3.4.0"));
      expect(detectTerraformSetup(host({ PATH: bin }))).toMatchObject({
        ready: true,
        mirror: plugins,
      });
      fs.rmSync(path.join(home, ".terraform.d"), { recursive: true });
    });

    it("WHEN only another version, another platform or a non-executable file is there, THEN it is not installed", () => {
      const mirror = tempDir("wrong");
      const other = providerPath(linux).replace("3.4.0", "3.3.0");
      executable(path.join(mirror, other, "terraform-provider-openstack_v3.3.0"));
      executable(
        path.join(
          mirror,
          providerPath({ platform: "darwin", arch: "arm64" }),
          "terraform-provider-openstack",
        ),
      );
      fs.mkdirSync(path.join(mirror, providerPath(linux)), { recursive: true });
      fs.writeFileSync(path.join(mirror, providerPath(linux), "terraform-provider-openstack"), "", {
        mode: 0o644,
      });
      expect(detectTerraformSetup(host({ PATH: bin, TF_PLUGIN_CACHE_DIR: mirror })).ready).toBe(
        false,
      );
    });
  });
});

describe("running terraform validate", () => {
  it("THEN the CLI configuration installs the OpenStack provider from the mirror only", () => {
    expect(mirrorConfiguration("/opt/mirror")).toBe(
      [
        "provider_installation {",
        "  filesystem_mirror {",
        '    path    = "/opt/mirror"',
        '    include = ["registry.terraform.io/terraform-provider-openstack/openstack"]',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  const hasTerraform =
    process.platform !== "win32" &&
    spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

  // Needs the terraform binary, not the provider: the fake one proves that init installs from
  // the mirror and that validate runs and is parsed. A real provider's checks are not tested here.
  it.skipIf(!hasTerraform)(
    "GIVEN real terraform and a fake provider in a mirror, THEN init installs from it and validate's diagnostics become findings",
    async () => {
      const host = { platform: process.platform, arch: process.arch };
      const mirror = fakeProviderMirror(host);
      const work = tempDir("work");
      const stack = (name: string, config: object) => {
        const dir = path.join(work, "stacks", name);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(config, null, 2));
        return { name, dir };
      };
      const required = {
        required_providers: {
          openstack: {
            source: "registry.terraform.io/terraform-provider-openstack/openstack",
            version: "3.4.0",
          },
        },
        backend: { s3: { bucket: "never-contacted", key: "k", region: "us-east-1" } },
      };
      const good = stack("good", {
        terraform: required,
        provider: { openstack: [{ cloud: "x" }] },
        resource: { openstack_networking_network_v2: { Net: { name: "n" } } },
      });
      const broken = stack("broken", {
        terraform: required,
        output: { bad: { valu: "x" } },
      });

      const findings = await terraformValidate([good, broken], {
        terraform: "terraform",
        mirror,
        workDir: work,
        concurrency: 2,
      });

      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TERRAFORM-FAILED-TO-LOAD-PLUGIN-SCHEMAS",
          stack: "good",
          level: "error",
        }),
        expect.objectContaining({
          ruleId: "TERRAFORM-MISSING-REQUIRED-ARGUMENT",
          stack: "broken",
          address: "output.bad",
        }),
        expect.objectContaining({
          ruleId: "TERRAFORM-EXTRANEOUS-JSON-OBJECT-PROPERTY",
          stack: "broken",
          address: "output.bad",
          attribute: "valu",
        }),
      ]);
      const installed = path.join(good.dir, ".terraform", "providers", providerPath(host));
      expect(fs.realpathSync(installed)).toBe(
        fs.realpathSync(path.join(mirror, providerPath(host))),
      );
    },
  );
});
