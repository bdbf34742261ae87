import { describe, expect, it } from "vitest";
import { configureOpenstackProvider } from "../../../lib/constructs/provider";
import { synthesizeConstructs } from "../../helpers/cdktf";

describe("configureOpenstackProvider", () => {
  it("GIVEN no project THEN only cloud and region are set (the cloud entry's own scope)", () => {
    const out = synthesizeConstructs(
      (scope) =>
        configureOpenstackProvider(scope, { cloud: "site-a", openstackRegion: "RegionOne" }),
      false,
    );
    expect(out.provider?.openstack).toEqual([{ cloud: "site-a", region: "RegionOne" }]);
  });

  it("GIVEN a project THEN the provider is scoped to it by name and domain", () => {
    const out = synthesizeConstructs(
      (scope) =>
        configureOpenstackProvider(scope, {
          cloud: "site-a",
          openstackRegion: "RegionOne",
          project: { name: "agency-x", domain: "region-domain" },
        }),
      false,
    );
    expect(out.provider?.openstack).toEqual([
      {
        cloud: "site-a",
        region: "RegionOne",
        tenant_name: "agency-x",
        project_domain_name: "region-domain",
      },
    ]);
  });
});
