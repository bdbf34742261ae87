import { describe, expect, it } from "vitest";
import { tamnaTags } from "../../../lib/policy/rules/tamna-tags";
import { agencyStack, check, PLATFORM_INFO } from "./fixtures";

describe("TAMNA-TAG-001 tamna's tags", () => {
  describe("Compliance", () => {
    it("GIVEN the agency stack's networks, routers, ports and groups with the plan's tags THEN nothing is found", () => {
      expect(check(tamnaTags, agencyStack())).toEqual([]);
    });

    it("GIVEN a platform stack whose domain has the region tags and an extra one THEN nothing is found", () => {
      const platform = {
        info: PLATFORM_INFO,
        json: {
          resource: {
            openstack_identity_project_v3: {
              domain: { name: "test", is_domain: true, tags: ["managed-by=tamna", "region=test"] },
            },
            openstack_networking_network_v2: {
              internet: {
                name: "ext-internet",
                tags: ["managed-by=tamna", "reaches=internet", "region=test"],
              },
            },
            // Flavors take no tags.
            openstack_compute_flavor_v2: { small: { name: "m1.small", vcpus: 1, ram: 2048 } },
          },
        },
      };
      expect(check(tamnaTags, platform)).toEqual([]);
    });
  });

  describe("Noncompliance 1: a network without tags", () => {
    it("THEN every missing tag is listed", () => {
      const findings = check(
        tamnaTags,
        agencyStack({ openstack_networking_network_v2: { extra: { name: "city-extra" } } }),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: "TAMNA-TAG-001",
          address: "openstack_networking_network_v2.extra",
          attribute: "tags",
          message:
            "openstack_networking_network_v2 lacks the tags agency=city, csap=moderate, managed-by=tamna, region=test",
        }),
      ]);
    });
  });

  describe("Noncompliance 2: an instance with only some of the tags", () => {
    it("THEN the missing one is named", () => {
      const findings = check(
        tamnaTags,
        agencyStack({
          openstack_compute_instance_v2: {
            web: {
              name: "city-web-01",
              flavor_name: "m1.small",
              tags: ["csap=moderate", "managed-by=tamna", "region=test"],
            },
          },
        }),
      );
      expect(findings.map((f) => f.message)).toEqual([
        "openstack_compute_instance_v2 lacks the tag agency=city",
      ]);
    });
  });
});
