import { describe, expect, it } from "vitest";
import {
  providerFactsFrom,
  sensitivePaths,
  vendoredProviderFacts,
} from "../../../lib/diff/provider-facts";

describe("provider facts", () => {
  describe("GIVEN the vendored OpenStack 3.4.0 schema", () => {
    const facts = vendoredProviderFacts();

    it("THEN a subnet's cidr forces replacement and its name does not", () => {
      expect(facts.forceNewAttribute("openstack_networking_subnet_v2", "cidr")).toBe("cidr");
      expect(facts.forceNewAttribute("openstack_networking_subnet_v2", "name")).toBeUndefined();
    });

    it("THEN a nested path under a force-new block forces replacement, naming the attribute", () => {
      expect(facts.forceNewAttribute("openstack_compute_instance_v2", "network.uuid")).toBe(
        "network",
      );
      expect(facts.forceNewAttribute("openstack_compute_instance_v2", "block_device.uuid")).toBe(
        "block_device.uuid",
      );
    });

    it("THEN the schema's sensitive attributes are secret", () => {
      expect(facts.isSensitive("openstack_compute_instance_v2", "admin_pass")).toBe(true);
      expect(facts.isSensitive("openstack_db_instance_v1", "user.password")).toBe(true);
      expect(facts.isSensitive("openstack_compute_instance_v2", "name")).toBe(false);
    });

    it("THEN container_sync_key is secret although the provider does not mark it", () => {
      expect(facts.isSensitive("openstack_objectstorage_container_v1", "container_sync_key")).toBe(
        true,
      );
    });

    it("THEN the provider block's password is secret under `provider`", () => {
      expect(facts.isSensitive("provider", "openstack.password")).toBe(true);
    });
  });

  describe("GIVEN explicit tables", () => {
    it("THEN a change at a parent of a force-new attribute touches it", () => {
      const facts = providerFactsFrom({ t: ["block.inner"] }, {});
      expect(facts.forceNewAttribute("t", "block")).toBe("block.inner");
      expect(facts.forceNewAttribute("t", "blocky")).toBeUndefined();
    });
  });

  describe("sensitivePaths", () => {
    it("GIVEN a schema with nested blocks THEN dotted paths per type", () => {
      const schema = {
        provider_schemas: {
          "registry.terraform.io/x/openstack": {
            provider: { block: { attributes: { token: { sensitive: true } } } },
            resource_schemas: {
              t: {
                block: {
                  attributes: { a: { sensitive: true }, b: {} },
                  block_types: {
                    user: { block: { attributes: { password: { sensitive: true } } } },
                  },
                },
              },
            },
          },
        },
      };
      expect(sensitivePaths(schema)).toEqual({
        provider: ["openstack.token"],
        t: ["a", "user.password"],
      });
    });
  });
});
