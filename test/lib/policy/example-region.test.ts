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

/**
 * The PaaS-TA foundation's stack under the network rules: its admin ports are open from the
 * management zone's group and the bastions, and its management network routes out only through
 * its own router. Each rule sees the foundation's resources: a rule turned to another peer, or
 * the management network moved onto the internet router, is found.
 */
describe("the example's PaaS-TA foundation at its home site", () => {
  const { input, plan } = exampleRegion();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-policy-paasta-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  const stack = plan.stacks.find((s) => s.layer === "paasta" && s.site === "jeju-cdc")!;
  buildApp({ ...plan, stacks: [stack] }, { outdir }).synth();
  const json = () =>
    JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack.name, "cdk.tf.json"), "utf8")) as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
  const findings = (edited: ReturnType<typeof json>) =>
    policyFindings([{ info: stackInfo(stack), json: edited }], { plan, spec: input.region.spec })
      .filter(isBlocking)
      .map((f) => `${f.ruleId} ${f.address}`);
  const rules = (doc: ReturnType<typeof json>) =>
    Object.entries(doc.resource.openstack_networking_secgroup_rule_v2!);
  const group = (doc: ReturnType<typeof json>, name: string) =>
    Object.entries(doc.resource.openstack_networking_secgroup_v2!).find(
      ([, value]) => value.name === name,
    )![0];

  it("THEN the director's admin ports are open from the management zone's group, and it passes", () => {
    const doc = json();
    const mgmt = group(doc, "paasta-mgmt");
    const fromMgmt = rules(doc).filter(
      ([, rule]) =>
        rule.direction === "ingress" &&
        rule.port_range_min === 25555 &&
        String(rule.remote_group_id).includes(`.${mgmt}.`),
    );
    expect(fromMgmt).toHaveLength(1);
    expect(findings(doc)).toEqual([]);
  });

  it("WHEN the director's SSH rule is opened to the Cloud Foundry group instead THEN TAMNA-NET-002 finds it", () => {
    const doc = json();
    const mgmt = group(doc, "paasta-mgmt");
    const cf = group(doc, "paasta-cf");
    const [key, rule] = rules(doc).find(
      ([, r]) =>
        r.direction === "ingress" &&
        r.port_range_min === 22 &&
        String(r.remote_group_id).includes(`.${mgmt}.`),
    )!;
    rule.remote_group_id = `\${openstack_networking_secgroup_v2.${cf}.id}`;
    expect(findings(doc)).toEqual([`TAMNA-NET-002 openstack_networking_secgroup_rule_v2.${key}`]);
  });

  it("WHEN the management network is attached to the internet router THEN TAMNA-NET-004 finds it", () => {
    const doc = json();
    const links = doc.resource.openstack_networking_router_interface_v2!;
    const routers = doc.resource.openstack_networking_router_v2!;
    const main = Object.keys(routers).find((k) => routers[k]!.name === "paasta-router")!;
    const [key, link] = Object.entries(links).find(([, l]) =>
      String(l.subnet_id).includes("Network-mgmt"),
    )!;
    link.router_id = `\${openstack_networking_router_v2.${main}.id}`;
    expect(findings(doc)).toContain(
      `TAMNA-NET-004 openstack_networking_router_interface_v2.${key}`,
    );
  });
});
