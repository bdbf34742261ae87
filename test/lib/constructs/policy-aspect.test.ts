import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { addPolicyAspect, suppressRule } from "../../../lib/constructs/policy-aspect";
import { DEFAULT_OPT_OUT_REASON, protectFromDestroy } from "../../../lib/constructs/protection";
import { TamnaError } from "../../../lib/errors";
import {
  BlockstorageVolumeV3,
  NetworkingSecgroupRuleV2,
  NetworkingSecgroupV2,
  OpenstackProvider,
} from "../../../lib/openstack";
import { policyFindings, stackInfo, type PolicySuppression } from "../../../lib/policy";
import type { Finding } from "../../../lib/finding";
import { buildApp } from "../../../stacks/app";
import { exampleRegion } from "../../helpers/example-region";
import { TAGS, testRegion } from "../policy/fixtures";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

interface Built {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly db: NetworkingSecgroupV2;
  readonly mgmt: NetworkingSecgroupV2;
  readonly outdir: string;
}

/** The agency stack city-cdc of the policy fixtures' region, with the db and mgmt groups. */
function build(stackName = "city-cdc"): Built {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-policy-aspect-"));
  dirs.push(outdir);
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, stackName);
  new OpenstackProvider(stack, "openstack", { cloud: "cdc" });
  const group = (zone: string) =>
    new NetworkingSecgroupV2(stack, `Group-${zone}`, { name: `city-${zone}`, tags: TAGS });
  return { app, stack, db: group("db"), mgmt: group("mgmt"), outdir };
}

function sshRule(built: Built, id: string, from: { cidr?: string; group?: NetworkingSecgroupV2 }) {
  return new NetworkingSecgroupRuleV2(built.db, id, {
    securityGroupId: built.db.id,
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: from.cidr,
    remoteGroupId: from.group?.id,
  });
}

function synthesizedJson(built: Built) {
  return JSON.parse(
    fs.readFileSync(path.join(built.outdir, "stacks", built.stack.node.id, "cdk.tf.json"), "utf8"),
  );
}

/** Synthesizes the app; returns the error message, or "" when synth succeeds. */
function synthFailure(app: App): string {
  try {
    app.synth();
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function withAspect(built: Built, suppressions?: readonly PolicySuppression[]) {
  return addPolicyAspect(built.app, {
    // No systems: these stacks have no tamna_systems output.
    region: testRegion({ systems: [] }),
    ...(suppressions ? { suppressions } : {}),
  });
}

describe("PolicyAspect", () => {
  describe("GIVEN a compliant stack", () => {
    it("THEN synth succeeds and there are no findings", () => {
      const built = build();
      sshRule(built, "ssh-mgmt", { group: built.mgmt });
      const aspect = withAspect(built);
      built.app.synth();
      expect(aspect.findings).toEqual([]);
    });
  });

  describe("GIVEN SSH to the data zone from anywhere", () => {
    const built = build();
    sshRule(built, "ssh-world", { cidr: "0.0.0.0/0" });
    const aspect = withAspect(built);
    const failure = synthFailure(built.app);

    it("THEN synth fails, naming the rules and the construct", () => {
      expect(failure).toMatch(
        /\[city-cdc\/Group-db\/ssh-world\] \[TAMNA-NET-001\][\s\S]*\[TAMNA-NET-002\][\s\S]*\[TAMNA-NET-003\]/,
      );
    });

    it("THEN the findings carry stack, address, attribute and construct path", () => {
      expect(aspect.findings.map((f) => f.ruleId)).toEqual([
        "TAMNA-NET-001",
        "TAMNA-NET-002",
        "TAMNA-NET-003",
      ]);
      expect(aspect.findings[0]).toMatchObject({
        stack: "city-cdc",
        address: expect.stringMatching(
          /^openstack_networking_secgroup_rule_v2\.Group-db_ssh-world/,
        ),
        attribute: "remote_ip_prefix",
        location: { construct: "city-cdc/Group-db/ssh-world" },
      });
    });
  });

  describe("GIVEN the same rule suppressed with suppressRule on its parent construct", () => {
    const built = build();
    sshRule(built, "ssh-world", { cidr: "0.0.0.0/0" });
    for (const rule of ["TAMNA-NET-001", "TAMNA-NET-002", "TAMNA-NET-003"]) {
      suppressRule(built.db, rule, "break-glass access during the 2025 migration only");
    }
    const aspect = withAspect(built);
    built.app.synth();

    it("THEN synth succeeds and the findings are listed as suppressed", () => {
      expect(aspect.findings).toHaveLength(3);
      for (const finding of aspect.findings) {
        expect(finding.suppressed).toEqual({
          reason: "break-glass access during the 2025 migration only",
        });
      }
    });

    it("THEN the suppressions are in the synthesized JSON, for tamna validate and reviewers", () => {
      const rules = synthesizedJson(built).resource.openstack_networking_secgroup_rule_v2;
      const rule = Object.values(rules)[0] as { "//": { tamna: unknown; metadata: unknown } };
      expect(rule["//"].tamna).toEqual({
        suppressions: ["TAMNA-NET-001", "TAMNA-NET-002", "TAMNA-NET-003"].map((id) => ({
          rule: id,
          reason: "break-glass access during the 2025 migration only",
        })),
      });
      expect(rule["//"].metadata).toMatchObject({ path: "city-cdc/Group-db/ssh-world" });
    });
  });

  describe("GIVEN a suppression with a reason too short", () => {
    it("THEN synth fails with TAMNA-POL-000 and the finding stays", () => {
      const built = build();
      const rule = sshRule(built, "ssh-world", { cidr: "0.0.0.0/0" });
      suppressRule(rule, "TAMNA-NET-001", "ok");
      const aspect = withAspect(built);
      expect(() => built.app.synth()).toThrow(/TAMNA-POL-000/);
      expect(aspect.findings.find((f) => f.ruleId === "TAMNA-NET-001")?.suppressed).toBeUndefined();
    });
  });

  describe("GIVEN a spec suppression of an unknown rule", () => {
    it("THEN synth fails once with TAMNA-POL-001", () => {
      const built = build();
      const aspect = withAspect(built, [{ rule: "TAMNA-NOPE-001", reason: "long enough reason" }]);
      expect(() => built.app.synth()).toThrow(/TAMNA-POL-001/);
      expect(aspect.findings.map((f) => f.ruleId)).toEqual(["TAMNA-POL-001"]);
    });
  });

  describe("GIVEN volumes with and without destroy protection", () => {
    const built = build();
    const volume = (id: string) =>
      new BlockstorageVolumeV3(built.stack, id, { name: id, size: 10 });
    protectFromDestroy(volume("kept"), true);
    protectFromDestroy(volume("scratch"), false, "rebuilt from the image at every boot");
    protectFromDestroy(volume("defaulted"), false);
    volume("forgotten");
    const aspect = withAspect(built);
    const failure = synthFailure(built.app);

    it("THEN only the volume without protection or opt-out is found", () => {
      expect(failure).toMatch(/TAMNA-DATA-001/);
      expect(aspect.findings.map((f) => [f.ruleId, f.location?.construct])).toEqual([
        ["TAMNA-DATA-001", "city-cdc/forgotten"],
      ]);
    });

    it("THEN an opt-out is written into the resource's // block with its reason", () => {
      // The JSON cdktf would have written (synth stopped on the error).
      const volumes = built.stack.toTerraform().resource.openstack_blockstorage_volume_v3;
      expect(volumes.scratch["//"].tamna).toEqual({
        protection: "opt-out",
        protectionReason: "rebuilt from the image at every boot",
      });
      expect(volumes.defaulted["//"].tamna.protectionReason).toBe(DEFAULT_OPT_OUT_REASON);
      expect(volumes.kept.lifecycle).toEqual({ prevent_destroy: true });
      expect(volumes.kept["//"].tamna).toBeUndefined();
    });
  });

  describe("GIVEN a stack that is not in the region plan", () => {
    it("THEN synth fails with a TamnaError naming the stack", () => {
      const built = build("somewhere-else");
      withAspect(built);
      expect(() => built.app.synth()).toThrow(TamnaError);
      expect(synthFailure(built.app)).toMatch(/stack "somewhere-else" is not in the region plan/);
    });
  });
});

describe("suppressRule", () => {
  it("GIVEN a construct without resources THEN it fails naming the construct", () => {
    const built = build();
    const provider = built.stack.node.findChild("openstack");
    expect(() => suppressRule(provider, "TAMNA-NET-001", "no resources here at all")).toThrow(
      /construct city-cdc\/openstack: suppressRule\(TAMNA-NET-001\) found no Terraform resource/,
    );
  });
});

describe("GIVEN the example region built with the aspect on every stack", () => {
  it("THEN the aspect finds exactly what policyFindings finds in the written cdk.tf.json files", () => {
    const { input, plan } = exampleRegion();
    const region = { plan, spec: input.region.spec };
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-policy-aspect-example-"));
    dirs.push(outdir);
    // Keep synthesizing past error annotations, so both sides can be compared whatever they find.
    const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "1";
    try {
      const app = buildApp(plan, { outdir });
      const aspect = addPolicyAspect(app, { region });
      app.synth();
      const written = plan.stacks.map((stack) => ({
        info: stackInfo(stack),
        json: JSON.parse(
          fs.readFileSync(path.join(outdir, "stacks", stack.name, "cdk.tf.json"), "utf8"),
        ),
      }));
      const sort = (findings: readonly Finding[]) => findings.map((f) => JSON.stringify(f)).sort();
      expect(sort(aspect.findings)).toEqual(sort(policyFindings(written, region)));
    } finally {
      if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
    }
  });
});
