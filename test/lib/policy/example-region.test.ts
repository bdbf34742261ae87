import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isBlocking, policyFindings, stackInfo } from "../../../lib/policy";
import { buildApp } from "../../../stacks/app";
import { exampleRegion } from "../../helpers/example-region";

/** The pack on the example region as `tamna validate` sees it: the written cdk.tf.json files. */
describe("the Jeju example region", () => {
  const { input, plan } = exampleRegion();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-policy-example-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  buildApp(plan, { outdir }).synth();
  const stacks = plan.stacks.map((stack) => ({
    info: stackInfo(stack),
    json: JSON.parse(
      fs.readFileSync(path.join(outdir, "stacks", stack.name, "cdk.tf.json"), "utf8"),
    ) as Record<string, unknown>,
  }));
  const findings = policyFindings(stacks, { plan, spec: input.region.spec });

  it("THEN it passes the policy pack with no error finding", () => {
    const blocking = findings
      .filter(isBlocking)
      .map((f) => `${f.ruleId} ${f.stack} ${f.address ?? ""} ${f.attribute ?? ""}: ${f.message}`);
    expect(blocking).toEqual([]);
  });

  it("THEN the rules had something to check: zone groups, routers and stateful resources", () => {
    const types = new Set(
      stacks.flatMap((stack) =>
        Object.keys((stack.json.resource ?? {}) as Record<string, unknown>),
      ),
    );
    for (const type of [
      "openstack_networking_secgroup_rule_v2",
      "openstack_networking_router_route_v2",
      "openstack_identity_project_v3",
    ]) {
      expect(types).toContain(type);
    }
  });
});
