import { describe, expect, it } from "vitest";
import type { Finding } from "../../../../lib/finding";
import { SCHEMA_RULE_LIST, validateStackSchema } from "../../../../lib/validate/schema";
import {
  exampleStackJson,
  firstName,
  synthesizedExample,
  type StackJson,
} from "./synthesized-example";

const AGENCY = "jeju-city-jeju-cdc";
const TENANCY = "tenancy-jeju-city-jeju-cdc";

const NETWORK = "openstack_networking_network_v2";
const SUBNET = "openstack_networking_subnet_v2";
const PORT = "openstack_networking_port_v2";
const ROUTER = "openstack_networking_router_v2";

/** An agency stack of the example, with `edit` applied; the stack and its first subnet etc. */
function broken(edit: (stack: StackJson) => void, name = AGENCY): Finding[] {
  const stack = exampleStackJson(name);
  edit(stack);
  return validateStackSchema(name, stack);
}

/** The one finding there must be. */
function only(findings: readonly Finding[]): Finding {
  expect(findings, JSON.stringify(findings, null, 2)).toHaveLength(1);
  return findings[0]!;
}

const resource = (stack: StackJson, type: string, name = firstName(stack, type)) =>
  stack.resource[type][name] as Record<string, unknown>;

describe("provider-schema validation", () => {
  describe("GIVEN every stack of the example region", () => {
    const stacks = [...synthesizedExample().entries()];

    it.each(stacks.map(([name]) => name))("THEN %s has no finding", (name) => {
      expect(validateStackSchema(name, synthesizedExample().get(name))).toEqual([]);
    });

    it("THEN all of them validate in well under a second", () => {
      const started = performance.now();
      for (const [name, stack] of stacks) validateStackSchema(name, stack);
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });

  describe("GIVEN a stack broken in one way, THEN exactly one finding of that kind", () => {
    it("an unknown resource type, with a did-you-mean", () => {
      const findings = broken((stack) => {
        stack.resource.openstack_networking_netwrok_v2 = { Typo: { name: "x" } };
      });
      expect(only(findings)).toEqual({
        ruleId: "SCHEMA-UNKNOWN-RESOURCE-TYPE",
        level: "error",
        layer: "schema",
        stack: AGENCY,
        address: "openstack_networking_netwrok_v2.Typo",
        message: expect.stringMatching(/openstack_networking_netwrok_v2 is not a resource type/),
        hint: 'did you mean "openstack_networking_network_v2"?',
      });
    });

    it("an unknown data-source type; a resource type used as a data source says so", () => {
      const findings = broken((stack) => {
        stack.data.openstack_networking_router_interface_v2 = { Wrong: { router_id: "x" } };
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-DATA-SOURCE-TYPE",
        address: "data.openstack_networking_router_interface_v2.Wrong",
        hint: expect.stringMatching(/is a resource: declare it under "resource"/),
      });
    });

    it("a resource of a provider without a schema", () => {
      const findings = broken((stack) => {
        stack.resource.random_password = { Secret: { length: 16 } };
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-RESOURCE-TYPE",
        address: "random_password.Secret",
        message: expect.stringMatching(/no schema for its provider "random"/),
      });
    });

    it("an unknown provider configuration alias", () => {
      const findings = broken((stack) => {
        resource(stack, NETWORK).provider = "openstack.admin";
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-PROVIDER",
        attribute: "provider",
        message: expect.stringMatching(/no provider "openstack" block declares the alias "admin"/),
      });
    });

    it("an unknown attribute, with a did-you-mean, the address and the construct path", () => {
      let name = "";
      const findings = broken((stack) => {
        name = firstName(stack, NETWORK);
        resource(stack, NETWORK, name).admin_state_upp = true;
      });
      expect(only(findings)).toEqual({
        ruleId: "SCHEMA-UNKNOWN-ATTRIBUTE",
        level: "error",
        layer: "schema",
        stack: AGENCY,
        address: `${NETWORK}.${name}`,
        attribute: "admin_state_upp",
        location: { construct: expect.stringMatching(new RegExp(`^${AGENCY}/`)) },
        message: `${NETWORK} has no argument or nested block "admin_state_upp"`,
        hint: 'did you mean "admin_state_up"?',
      });
    });

    it("an unknown attribute in a nested block, with its path", () => {
      const findings = broken((stack) => {
        const port = resource(stack, PORT) as { fixed_ip: Record<string, unknown>[] };
        port.fixed_ip[0]!.ip_adress = port.fixed_ip[0]!.ip_address;
        delete port.fixed_ip[0]!.ip_address;
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-ATTRIBUTE",
        attribute: "fixed_ip[0].ip_adress",
        hint: 'did you mean "ip_address"?',
      });
    });

    it("a camelCase attribute suggests its snake_case form", () => {
      const findings = broken((stack) => {
        resource(stack, NETWORK).portSecurityEnabled = true;
      });
      expect(only(findings).hint).toBe('did you mean "port_security_enabled"?');
    });

    it("a missing required attribute", () => {
      const findings = broken((stack) => {
        delete resource(stack, SUBNET).network_id;
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-MISSING-REQUIRED-ATTRIBUTE",
        attribute: "network_id",
        message: 'the required argument "network_id" is not set',
      });
    });

    it("a required attribute set to null counts as missing", () => {
      const findings = broken((stack) => {
        resource(stack, SUBNET).network_id = null;
      });
      expect(only(findings).ruleId).toBe("SCHEMA-MISSING-REQUIRED-ATTRIBUTE");
    });

    it("a missing required block", () => {
      const findings = broken((stack) => {
        stack.resource.openstack_keymanager_order_v1 = { Order: { type: "key" } };
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-MISSING-REQUIRED-BLOCK",
        address: "openstack_keymanager_order_v1.Order",
        attribute: "meta",
      });
    });

    it("more blocks than max_items", () => {
      const findings = broken((stack) => {
        resource(stack, ROUTER).vendor_options = [
          { set_router_gateway_after_create: true },
          { set_router_gateway_after_create: false },
        ];
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-BLOCK-COUNT",
        attribute: "vendor_options",
        message: '2 "vendor_options" blocks; allowed: 0 to 1',
      });
    });

    it("a value of the wrong type", () => {
      const findings = broken((stack) => {
        resource(stack, SUBNET).ip_version = "four";
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-WRONG-TYPE",
        attribute: "ip_version",
        message: 'expects number; received the string "four"',
      });
    });

    it("a wrong type inside a collection, with the element's path", () => {
      const findings = broken((stack) => {
        resource(stack, SUBNET).dns_nameservers = ["10.0.0.53", ["nested"]];
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-WRONG-TYPE",
        attribute: "dns_nameservers[1]",
        message: "expects string; received a list",
      });
    });

    it("a computed-only attribute set by the configuration", () => {
      const findings = broken((stack) => {
        resource(stack, NETWORK).all_tags = ["a"];
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-COMPUTED-ATTRIBUTE",
        attribute: "all_tags",
      });
    });

    it("a reference to a resource the stack does not declare", () => {
      const findings = broken((stack) => {
        resource(stack, SUBNET).network_id = `\${${NETWORK}.Elsewhere.id}`;
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNDECLARED-REFERENCE",
        attribute: "network_id",
        message: expect.stringMatching(/no resource openstack_networking_network_v2.Elsewhere/),
      });
    });

    it("a reference inside a larger expression", () => {
      const findings = broken((stack) => {
        resource(stack, SUBNET).network_id =
          `\${element(${NETWORK}.Missing.*.id, 0)}-\${upper(data.${NETWORK}.Gone.name)}`;
      });
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/no resource openstack_networking_network_v2.Missing /),
        expect.stringMatching(/no data source data.openstack_networking_network_v2.Gone /),
      ]);
    });

    it("a reference to an undeclared variable or local", () => {
      const findings = broken((stack) => {
        resource(stack, NETWORK).description = "${var.owner} ${local.prefix}";
      });
      expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
        ["SCHEMA-UNDECLARED-REFERENCE", expect.stringMatching(/no variable "owner"/)],
        ["SCHEMA-UNDECLARED-REFERENCE", expect.stringMatching(/no local value "prefix"/)],
      ]);
    });

    it("each or count where the element sets neither", () => {
      const findings = broken((stack) => {
        resource(stack, NETWORK).name = "${each.key}";
      });
      expect(only(findings).message).toMatch(/"each" exists only in blocks that set for_each/);
    });

    it("a reference to an attribute the type does not have, with a did-you-mean", () => {
      let network = "";
      const findings = broken((stack) => {
        network = firstName(stack, NETWORK);
        resource(stack, SUBNET).network_id = `\${${NETWORK}.${network}.idd}`;
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-REFERENCE-ATTRIBUTE",
        message: expect.stringContaining(`${NETWORK}.${network} has no attribute "idd"`),
        hint: 'did you mean "id"?',
      });
    });

    it("a reference into a nested block of the type, checked to the leaf", () => {
      let port = "";
      const findings = broken((stack) => {
        port = firstName(stack, PORT);
        resource(stack, NETWORK).description = `\${${PORT}.${port}.fixed_ip[0].subnet}`;
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-REFERENCE-ATTRIBUTE",
        message: expect.stringContaining(`${PORT}.${port}.fixed_ip[0] has no attribute "subnet"`),
        hint: 'did you mean "subnet_id"?',
      });
    });

    it("count and for_each together", () => {
      const findings = broken((stack) => {
        Object.assign(resource(stack, NETWORK), { count: 2, for_each: { a: "b" } });
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-INVALID-META-ARGUMENT",
        attribute: "count",
      });
    });

    it("a depends_on entry that names an attribute", () => {
      let network = "";
      const findings = broken((stack) => {
        network = firstName(stack, NETWORK);
        resource(stack, SUBNET).depends_on = [`${NETWORK}.${network}.id`];
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-INVALID-META-ARGUMENT",
        attribute: "depends_on[0]",
      });
    });

    it("an unclosed interpolation", () => {
      const findings = broken((stack) => {
        resource(stack, NETWORK).description = "${var.x";
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-INVALID-EXPRESSION",
        attribute: "description",
      });
    });

    it("a deprecated data-source type is a warning", () => {
      const findings = broken((stack) => {
        stack.data.openstack_loadbalancer_flavor_v2 = { Flavor: { name: "small" } };
      });
      expect(only(findings)).toMatchObject({ ruleId: "SCHEMA-DEPRECATED", level: "warning" });
    });

    it("a deprecated nested block is a warning at its path", () => {
      const findings = broken((stack) => {
        stack.resource.openstack_objectstorage_container_v1 = {
          Backups: { name: "b", versioning_legacy: [{ type: "versions", location: "old" }] },
        };
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-DEPRECATED",
        level: "warning",
        attribute: "versioning_legacy",
      });
    });

    it("an unknown argument of the provider configuration", () => {
      const findings = broken((stack) => {
        stack.provider.openstack[0].clod = "jeju-cdc";
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-ATTRIBUTE",
        address: "provider.openstack",
        attribute: "clod",
        hint: 'did you mean "cloud"?',
      });
    });

    it("an unknown top-level block", () => {
      const findings = broken((stack) => {
        stack.resources = {};
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-UNKNOWN-ATTRIBUTE",
        address: "resources",
        hint: 'did you mean "resource"?',
      });
    });

    it("an unknown lifecycle setting", () => {
      const findings = broken((stack) => {
        resource(stack, NETWORK).lifecycle = { prevent_destory: true };
      });
      expect(only(findings)).toMatchObject({
        attribute: "lifecycle.prevent_destory",
        hint: 'did you mean "prevent_destroy"?',
      });
    });

    it("an output without a value", () => {
      const findings = broken((stack) => {
        stack.output.empty = { description: "nothing" };
      });
      expect(only(findings)).toMatchObject({
        ruleId: "SCHEMA-MISSING-REQUIRED-ATTRIBUTE",
        address: "output.empty",
        attribute: "value",
      });
    });
  });

  describe("GIVEN what Terraform accepts, THEN no finding", () => {
    it("values Terraform converts: numeric strings, bool strings, numbers and bools as strings", () => {
      const findings = broken((stack) => {
        Object.assign(resource(stack, SUBNET), { ip_version: "4", enable_dhcp: "false" });
        Object.assign(resource(stack, NETWORK), { name: 42, description: true, mtu: "1.45e3" });
      });
      expect(findings).toEqual([]);
    });

    it("an interpolation for any type", () => {
      const findings = broken((stack) => {
        stack.variable = { tags: { type: "list(string)" }, mtu: { type: "number" } };
        Object.assign(resource(stack, NETWORK), { tags: "${var.tags}", mtu: "${var.mtu}" });
      });
      expect(findings).toEqual([]);
    });

    it("meta-arguments, a dynamic block and the built-in remote state", () => {
      const findings = broken((stack) => {
        const network = firstName(stack, NETWORK);
        stack.provider.openstack.push({ alias: "admin", cloud: "jeju-cdc" });
        stack.data.terraform_remote_state = {
          Platform: { backend: "local", config: { path: "x.tfstate" } },
        };
        stack.resource.openstack_networking_network_v2.Many = {
          "//": { metadata: { path: "x" } },
          for_each: "${toset(data.terraform_remote_state.Platform.outputs.names)}",
          name: "${each.value}-${each.key}",
          provider: "openstack.admin",
          depends_on: [`${NETWORK}.${network}`, "data.terraform_remote_state.Platform"],
          lifecycle: {
            create_before_destroy: true,
            ignore_changes: ["tags", "value_specs"],
            replace_triggered_by: [`${NETWORK}.${network}.id`],
            postcondition: [{ condition: '${self.id != ""}', error_message: "no id" }],
          },
          dynamic: {
            segments: {
              for_each: "${[1, 2]}",
              iterator: "seg",
              content: { segmentation_id: "${seg.value}", network_type: "vlan" },
            },
          },
        };
        stack.resource.openstack_networking_port_v2.Counted = {
          count: 2,
          network_id: `\${${NETWORK}.Many["a"].id}`,
          name: "port-${count.index}",
          provisioner: [{ "local-exec": { command: "echo ${self.id}" } }],
          connection: { host: "${self.all_fixed_ips[0]}" },
        };
      });
      expect(findings).toEqual([]);
    });

    it("top-level variables, locals, outputs, moved and import blocks", () => {
      const findings = broken((stack) => {
        const network = firstName(stack, NETWORK);
        stack.variable = { prefix: { type: "string", default: "x", sensitive: false } };
        stack.locals = {
          names: "${[for n in var.prefix : upper(n)]}",
          obj: { a: "${var.prefix}" },
        };
        stack.output.prefix = { value: "${local.names}", sensitive: true };
        stack.output.splat = {
          value: `\${{ for k, v in ${NETWORK}.${network}.tags : k => v if v != "" }}`,
        };
        stack.moved = [{ from: `${NETWORK}.Old`, to: `${NETWORK}.${network}` }];
        stack.import = [{ to: `${NETWORK}.${network}`, id: "${var.prefix}" }];
      });
      expect(findings).toEqual([]);
    });

    it("references in ternaries, object constructors and for expressions", () => {
      const findings = broken((stack) => {
        const network = firstName(stack, NETWORK);
        const ref = `${NETWORK}.${network}`;
        resource(stack, NETWORK).description =
          `\${${ref}.id == "" ? "none" : ${ref}.name} $\${literal} \${{ key = ${ref}.mtu, other: 1 }.key}` +
          `\${join(",", [for s in ${ref}.tags : "\${s}-\${${ref}.name}"])}`;
      });
      expect(findings).toEqual([]);
    });

    it("the example's tenancy stack, with its data sources and role assignments", () => {
      expect(validateStackSchema(TENANCY, exampleStackJson(TENANCY))).toEqual([]);
    });
  });

  it("THEN its rule IDs are stable (suppressions and code-scanning alerts refer to them)", () => {
    expect(SCHEMA_RULE_LIST.map((rule) => `${rule.id} ${rule.level}`)).toEqual([
      "SCHEMA-UNKNOWN-RESOURCE-TYPE error",
      "SCHEMA-UNKNOWN-DATA-SOURCE-TYPE error",
      "SCHEMA-UNKNOWN-PROVIDER error",
      "SCHEMA-UNKNOWN-ATTRIBUTE error",
      "SCHEMA-MISSING-REQUIRED-ATTRIBUTE error",
      "SCHEMA-MISSING-REQUIRED-BLOCK error",
      "SCHEMA-BLOCK-COUNT error",
      "SCHEMA-WRONG-TYPE error",
      "SCHEMA-COMPUTED-ATTRIBUTE error",
      "SCHEMA-UNDECLARED-REFERENCE error",
      "SCHEMA-UNKNOWN-REFERENCE-ATTRIBUTE error",
      "SCHEMA-INVALID-META-ARGUMENT error",
      "SCHEMA-INVALID-EXPRESSION error",
      "SCHEMA-DEPRECATED warning",
    ]);
  });
});
