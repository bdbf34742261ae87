import { describe, expect, it } from "vitest";
import { openstackSchemaIndex, validateStackSchema } from "../../../../lib/validate/schema";
import { OPENSTACK_SOURCE } from "../../../../lib/validate/schema/provider-schema";

/** A configuration with one network whose `name` is misspelled, with the terraform block given. */
function configuration(terraform?: unknown): Record<string, unknown> {
  return {
    ...(terraform !== undefined ? { terraform } : {}),
    provider: { openstack: { region: "RegionOne" } },
    resource: { openstack_networking_network_v2: { net: { nmae: "net" } } },
  };
}

const findingsOf = (config: Record<string, unknown>) =>
  validateStackSchema("s", config).map((finding) => [finding.ruleId, finding.attribute]);

describe("the legacy hashicorp/openstack address", () => {
  describe("GIVEN a configuration without required_providers", () => {
    it("THEN openstack resolves to hashicorp/openstack and is checked against the OpenStack schema", () => {
      expect(findingsOf(configuration())).toEqual([["SCHEMA-UNKNOWN-ATTRIBUTE", "nmae"]]);
    });
  });

  describe("GIVEN required_providers naming hashicorp/openstack, short or with its host", () => {
    it.each(["hashicorp/openstack", "registry.terraform.io/hashicorp/openstack"])(
      "THEN %s is the OpenStack provider",
      (source) => {
        const config = configuration({ required_providers: { openstack: { source } } });
        expect(findingsOf(config)).toEqual([["SCHEMA-UNKNOWN-ATTRIBUTE", "nmae"]]);
      },
    );
  });

  describe("GIVEN another provider's address", () => {
    it("THEN it is still a provider without a schema", () => {
      const config = configuration({
        required_providers: { openstack: { source: "example.com/someone/openstack" } },
      });
      expect(findingsOf(config).map(([rule]) => rule)).toEqual([
        "SCHEMA-UNKNOWN-PROVIDER",
        "SCHEMA-UNKNOWN-RESOURCE-TYPE",
      ]);
    });
  });

  it("THEN the index lists the provider under its real address only", () => {
    const index = openstackSchemaIndex();
    expect(index.provider("hashicorp/openstack")?.source).toBe(OPENSTACK_SOURCE);
    expect(index.sources()).not.toContain("registry.terraform.io/hashicorp/openstack");
  });
});
