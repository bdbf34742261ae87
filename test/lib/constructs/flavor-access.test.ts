import { describe, expect, it } from "vitest";
import { FlavorAccess } from "../../../lib/constructs/flavor-access";
import { resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";

describe("FlavorAccess", () => {
  const grant = (flavorIds: string[], projectId = "project-1") =>
    resourcesOf(
      synthesizeConstructs(
        (scope) => new FlavorAccess(scope, "GpuFlavors", { projectId, flavorIds }),
      ),
      "openstack_compute_flavor_access_v2",
    );

  describe("GIVEN two private flavors", () => {
    const grants = grant(["g1.vgpu", "g1.a100"]);

    it("THEN the project is granted each flavor once", () => {
      expect(Object.values(grants)).toEqual([
        { flavor_id: "g1.a100", tenant_id: "project-1" },
        { flavor_id: "g1.vgpu", tenant_id: "project-1" },
      ]);
    });

    it("THEN Terraform addresses follow the flavor IDs, not list positions", () => {
      expect(Object.keys(grant(["g1.a100"]))).toEqual(
        Object.keys(grants).filter((id) => id.includes("a100")),
      );
    });
  });

  it("GIVEN a flavor listed twice THEN it is granted once", () => {
    expect(Object.keys(grant(["g1.a100", "g1.a100"]))).toHaveLength(1);
  });

  it("GIVEN a flavor ID with ${ THEN it reaches Terraform as literal text", () => {
    expect(Object.values(grant(["g1.${x}"]))[0]!.flavor_id).toBe("g1.$${x}");
  });

  it("GIVEN no flavors THEN it grants nothing", () => {
    expect(grant([])).toEqual({});
  });
});
