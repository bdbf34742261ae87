import { describe, expect, it } from "vitest";
import { stackInfo, stackView } from "../../../lib/policy";
import { AGENCY_INFO, testRegion } from "./fixtures";

describe("stackView", () => {
  describe("GIVEN cdk.tf.json as cdktf writes it", () => {
    const view = stackView({
      info: AGENCY_INFO,
      json: {
        "//": { metadata: { stackName: "city-cdc" } },
        resource: {
          openstack_blockstorage_volume_v3: {
            Data_1A2B: {
              "//": {
                metadata: { path: "city-cdc/Systems/tax/Data", uniqueId: "Data_1A2B" },
                tamna: {
                  protection: "opt-out",
                  protectionReason: "rebuilt from backups",
                  suppressions: [{ rule: "TAMNA-TAG-002", reason: "named by the tooling later" }],
                },
              },
              size: 10,
            },
          },
        },
        data: { openstack_networking_network_v2: { ext: { name: "ext-internet" } } },
        output: { project: { value: "city", sensitive: false } },
        variable: { pw: { type: "string", sensitive: true } },
        provider: { openstack: [{ cloud: "a" }, { cloud: "b", alias: "dr" }] },
        terraform: { backend: { local: { path: "x" } } },
      },
    });

    it("THEN resources have their address, construct path, markers and attributes without //", () => {
      expect(view.resources).toEqual([
        {
          stack: "city-cdc",
          kind: "resource",
          type: "openstack_blockstorage_volume_v3",
          name: "Data_1A2B",
          address: "openstack_blockstorage_volume_v3.Data_1A2B",
          attributes: { size: 10 },
          constructPath: "city-cdc/Systems/tax/Data",
          markers: {
            suppressions: [{ rule: "TAMNA-TAG-002", reason: "named by the tooling later" }],
            protectionOptOut: { reason: "rebuilt from backups" },
          },
        },
      ]);
    });

    it("THEN data sources, outputs, variables and settings blocks are addressed as Terraform does", () => {
      expect(view.dataSources.map((d) => d.address)).toEqual([
        "data.openstack_networking_network_v2.ext",
      ]);
      expect(view.outputs).toEqual([
        { name: "project", address: "output.project", value: "city", sensitive: false },
      ]);
      expect(view.variables).toEqual([{ name: "pw", address: "var.pw", sensitive: true }]);
      expect(view.settings.map((s) => s.address)).toEqual([
        "provider.openstack[0]",
        "provider.openstack[1]",
        "terraform",
      ]);
    });
  });

  it("THEN stackInfo takes name, layer, agency and site from a stack plan", () => {
    const plans = testRegion().plan.stacks;
    expect(plans.map(stackInfo)).toEqual([
      { name: "platform-cdc", layer: "platform", site: "cdc" },
      { name: "tenancy-city-cdc", layer: "tenancy", agency: "city", site: "cdc" },
      { name: "city-cdc", layer: "agency", agency: "city", site: "cdc" },
    ]);
  });
});
