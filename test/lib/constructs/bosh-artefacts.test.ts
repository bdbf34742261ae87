import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  BOSH_CLOUD_CONFIG_OUTPUT,
  BOSH_VARS_OUTPUT,
  BoshArtefacts,
} from "../../../lib/constructs/bosh-artefacts";
import { NetworkingNetworkV2 } from "../../../lib/openstack";
import { planPaasta } from "../../../lib/plan/paasta";
import { synthesizeConstructs } from "../../helpers/cdktf";
import { PAASTA_SHAPES, SAMPLE_IDS } from "../../helpers/paasta-shapes";
import { agency } from "../plan/fixtures";
import { paastaInput } from "../plan/paasta-fixtures";

const [home] = planPaasta(paastaInput({}, agency("alpha")), "jeju");
const out = synthesizeConstructs((scope) => {
  const bosh = new NetworkingNetworkV2(scope, "bosh", { name: "paasta-bosh" });
  const cf = new NetworkingNetworkV2(scope, "cf", { name: "paasta-cf" });
  new BoshArtefacts(scope, "Bosh", {
    plan: home!.bosh,
    ids: { boshNetworkId: bosh.id, cfNetworkId: cf.id },
  });
});

/** What `terraform output -json` would say of the networks after apply: a sample. */
const SAMPLE_OUTPUTS: Readonly<Record<string, string>> = {
  "openstack_networking_network_v2.bosh.id": SAMPLE_IDS.boshNetworkId,
  "openstack_networking_network_v2.cf.id": SAMPLE_IDS.cfNetworkId,
};
const REFERENCE = /\b(openstack_[a-z0-9_]+\.[A-Za-z0-9_-]+\.[a-z_]+)\b/g;

/** The output's Terraform expression with every reference replaced by its sample value. */
function substituted(name: string): string {
  const value = String(out.output![name]!.value);
  expect(value).toMatch(/^\$\{yamlencode\(\{.*\}\)\}$/s);
  return value.slice(2, -1).replace(REFERENCE, (reference: string) => {
    expect(SAMPLE_OUTPUTS, `${reference} is in the sample`).toHaveProperty([reference]);
    return JSON.stringify(SAMPLE_OUTPUTS[reference]);
  });
}

const hasTerraform =
  process.platform !== "win32" &&
  spawnSync("terraform", ["version"], { encoding: "utf8" }).status === 0;

/** Evaluates an expression as `terraform output -raw` would print its value. */
function evaluate(expression: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-bosh-"));
  try {
    const result = spawnSync("terraform", ["console"], {
      cwd: dir,
      input: `${expression}\n`,
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
    });
    expect(result.status, result.stderr).toBe(0);
    // The console prints a multi-line string as a heredoc.
    const heredoc = /^<<EOT\n([\s\S]*)EOT\s*$/.exec(result.stdout);
    expect(heredoc, result.stdout).not.toBeNull();
    return heredoc![1]!;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("BoshArtefacts", () => {
  it("THEN the outputs are named for `terraform output -raw`", () => {
    expect(Object.keys(out.output!).sort()).toEqual([BOSH_CLOUD_CONFIG_OUTPUT, BOSH_VARS_OUTPUT]);
  });

  it("THEN the only references are the two network IDs", () => {
    const references = [BOSH_VARS_OUTPUT, BOSH_CLOUD_CONFIG_OUTPUT].flatMap((name) =>
      [...String(out.output![name]!.value).matchAll(REFERENCE)].map((match) => match[1]),
    );
    expect(new Set(references)).toEqual(new Set(Object.keys(SAMPLE_OUTPUTS)));
  });

  it("THEN no output holds a password or key", () => {
    expect(JSON.stringify(out.output)).not.toMatch(/password|private_key|secret/i);
  });

  describe.skipIf(!hasTerraform)("WHEN terraform renders them from the sample outputs", () => {
    it("THEN openstack-vars.yml has the IaaS keys of PaaS-TA's file, with the sample network ID", () => {
      const vars = parse(evaluate(substituted(BOSH_VARS_OUTPUT))) as Record<string, unknown>;
      expect(Object.keys(vars).sort()).toEqual([...PAASTA_SHAPES.iaasVars].sort());
      expect(vars.net_id).toBe(SAMPLE_IDS.boshNetworkId);
      expect(vars.bosh_ip).toBe("10.10.240.16");
    });

    it("THEN the cloud-config has PaaS-TA's keys, down to the subnets", () => {
      const config = parse(evaluate(substituted(BOSH_CLOUD_CONFIG_OUTPUT))) as {
        networks: { name: string; subnets?: Record<string, unknown>[] }[];
        compilation: Record<string, unknown>;
      };
      expect(Object.keys(config).sort()).toEqual([...PAASTA_SHAPES.cloudConfig].sort());
      expect(Object.keys(config.compilation).sort()).toEqual([...PAASTA_SHAPES.compilation]);
      const subnet = config.networks.find((network) => network.name === "default")!.subnets![0]!;
      expect(Object.keys(subnet).sort()).toEqual([...PAASTA_SHAPES.subnet]);
      expect(subnet.cloud_properties).toEqual({
        net_id: SAMPLE_IDS.cfNetworkId,
        security_groups: ["paasta-cf"],
      });
    });
  });
});
