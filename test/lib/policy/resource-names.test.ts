import { describe, expect, it } from "vitest";
import { resourceNames } from "../../../lib/policy/rules/resource-names";
import { agencyStack, check } from "./fixtures";

describe("TAMNA-TAG-002 names", () => {
  describe("Compliance", () => {
    it("GIVEN named resources, a name given by reference, and unnamed types that take none THEN nothing is found", () => {
      const stack = agencyStack({
        openstack_blockstorage_volume_v3: {
          data: { name: "${openstack_compute_instance_v2.db.name}", size: 10 },
        },
      });
      expect(check(resourceNames, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: a router without a name", () => {
    it("THEN it is found at the name attribute", () => {
      const findings = check(
        resourceNames,
        agencyStack({ openstack_networking_router_v2: { spare: { admin_state_up: true } } }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-TAG-002",
          address: "openstack_networking_router_v2.spare",
          attribute: "name",
          message: "openstack_networking_router_v2 has no name",
        }),
      ]);
    });
  });

  describe("Noncompliance 2: a volume with an empty name", () => {
    it("THEN it is found", () => {
      const findings = check(
        resourceNames,
        agencyStack({ openstack_blockstorage_volume_v3: { data: { name: " ", size: 10 } } }),
      );
      expect(findings.map((f) => f.address)).toEqual(["openstack_blockstorage_volume_v3.data"]);
    });
  });
});
