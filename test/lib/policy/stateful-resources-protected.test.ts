import { describe, expect, it } from "vitest";
import { statefulResourcesProtected } from "../../../lib/policy/rules/stateful-resources-protected";
import { agencyStack, check } from "./fixtures";

const optOut = (reason: string) => ({
  "//": { tamna: { protection: "opt-out", protectionReason: reason } },
});

describe("TAMNA-DATA-001 stateful resources protected", () => {
  describe("Compliance", () => {
    it("GIVEN prevent_destroy, or an opt-out with a reason THEN nothing is found", () => {
      const stack = agencyStack({
        openstack_blockstorage_volume_v3: {
          data: { name: "city-db-data", size: 100, lifecycle: { prevent_destroy: true } },
          scratch: {
            name: "city-web-scratch",
            size: 10,
            ...optOut("rebuilt from the image on boot"),
          },
        },
        openstack_dns_zone_v2: {
          zone: { name: "city.example.", lifecycle: { prevent_destroy: true } },
        },
      });
      expect(check(statefulResourcesProtected, stack)).toEqual([]);
    });
  });

  describe("Noncompliance 1: a volume without protection", () => {
    it("THEN the finding points at lifecycle.prevent_destroy", () => {
      const findings = check(
        statefulResourcesProtected,
        agencyStack({
          openstack_blockstorage_volume_v3: { data: { name: "city-db-data", size: 100 } },
        }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-DATA-001",
          address: "openstack_blockstorage_volume_v3.data",
          attribute: "lifecycle.prevent_destroy",
          message:
            "openstack_blockstorage_volume_v3 can be destroyed by an apply: it has no lifecycle.prevent_destroy",
        }),
      ]);
    });
  });

  describe("Noncompliance 2: an opt-out without a real reason", () => {
    it("THEN the reason is asked for", () => {
      const findings = check(
        statefulResourcesProtected,
        agencyStack({
          openstack_objectstorage_container_v1: { logs: { name: "city-logs", ...optOut("tmp") } },
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/opts out of destroy protection without a reason of 10 or more/),
      ]);
    });
  });
});
