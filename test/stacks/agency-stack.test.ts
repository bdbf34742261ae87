import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { AgencyStack } from "../../stacks/agency-stack";
import { exampleStack } from "../helpers/example-region";
import { dataSourcesOf, synthesize } from "../helpers/cdktf";

describe("AgencyStack", () => {
  describe("GIVEN jeju-city at the DR site", () => {
    const plan = exampleStack("jeju-city-mainland-drc", "agency");
    const out = synthesize(new AgencyStack(Testing.app(), plan));

    it("THEN the provider is scoped to the agency's project in the agencies' domain", () => {
      expect(out.provider?.openstack).toEqual([
        {
          cloud: "mainland-drc",
          region: "MainlandDRC",
          tenant_name: "jeju-city",
          project_domain_name: "jeju",
        },
      ]);
    });

    it("THEN it finds the site's external networks by name (the platform contract)", () => {
      const networks = Object.values(dataSourcesOf(out, "openstack_networking_network_v2"));
      expect(networks).toEqual([
        expect.objectContaining({ name: "ext-internet", external: true }),
        expect.objectContaining({ name: "ext-intranet", external: true }),
      ]);
    });

    it("THEN it outputs the project and the external network IDs", () => {
      expect(out.output?.project?.value).toBe("jeju-city");
      expect(out.output?.external_network_ids?.value).toEqual({
        "ext-internet": "${data.openstack_networking_network_v2.External-ext-internet.id}",
        "ext-intranet": "${data.openstack_networking_network_v2.External-ext-intranet.id}",
      });
    });

    it("THEN it depends on its site's platform and its own tenancy stack", () => {
      expect(plan.dependsOn).toEqual(["platform-mainland-drc", "tenancy-jeju-city-mainland-drc"]);
    });
  });
});
