import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { afterAll, describe, expect, it } from "vitest";
import { AgencyStack } from "../../stacks/agency-stack";
import { buildApp } from "../../stacks/app";
import { exampleRegion, exampleStack } from "../helpers/example-region";
import { dataSourcesOf, resourcesOf, synthesize, type SynthesizedStack } from "../helpers/cdktf";

/** The resource of a type whose name is `name`, with its logical ID. */
function named(out: SynthesizedStack, type: string, name: string) {
  const resources = resourcesOf(out, type);
  const id = Object.keys(resources).find((key) => resources[key]!.name === name);
  if (!id) throw new Error(`no ${type} named ${name}`);
  return { id, resource: resources[id]! };
}

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

describe("AgencyStack networks", () => {
  describe("GIVEN jeju-city at the primary site (every zone)", () => {
    const out = synthesize(
      new AgencyStack(Testing.app(), exampleStack("jeju-city-jeju-cdc", "agency")),
    );
    const routers = resourcesOf(out, "openstack_networking_router_v2");

    it("THEN it has four zone networks and the transit network", () => {
      const networks = Object.values(resourcesOf(out, "openstack_networking_network_v2"));
      expect(networks.map((n) => n.name).sort()).toEqual([
        "jeju-city-app",
        "jeju-city-db",
        "jeju-city-dmz",
        "jeju-city-mgmt",
        "jeju-city-transit",
      ]);
      expect(
        named(out, "openstack_networking_subnet_v2", "jeju-city-app-subnet").resource.cidr,
      ).toBe("10.10.5.0/24");
      expect(
        named(out, "openstack_networking_subnet_v2", "jeju-city-transit-subnet").resource.cidr,
      ).toBe("10.10.7.240/28");
    });

    it("THEN it has three routers", () => {
      expect(
        Object.values(routers)
          .map((r) => r.name)
          .sort(),
      ).toEqual(["jeju-city-internal", "jeju-city-internet", "jeju-city-intranet"]);
    });

    it("THEN the internet router's gateway is the ext-internet data source", () => {
      expect(
        named(out, "openstack_networking_router_v2", "jeju-city-internet").resource
          .external_network_id,
      ).toBe("${data.openstack_networking_network_v2.External-ext-internet.id}");
    });

    it("THEN the intranet router's gateway is the ext-intranet data source", () => {
      expect(
        named(out, "openstack_networking_router_v2", "jeju-city-intranet").resource
          .external_network_id,
      ).toBe("${data.openstack_networking_network_v2.External-ext-intranet.id}");
    });

    it("THEN the internal router has no gateway", () => {
      const internal = named(out, "openstack_networking_router_v2", "jeju-city-internal").resource;
      expect(internal.external_network_id).toBeUndefined();
      expect(internal.external_gateway).toBeUndefined();
    });

    it("THEN every zone has a security group with Neutron's default rules deleted", () => {
      const groups = Object.values(resourcesOf(out, "openstack_networking_secgroup_v2"));
      expect(groups.map((g) => [g.name, g.delete_default_rules]).sort()).toEqual([
        ["jeju-city-app", true],
        ["jeju-city-db", true],
        ["jeju-city-dmz", true],
        ["jeju-city-mgmt", true],
      ]);
    });
  });

  describe("GIVEN every agency stack of the example, synthesized with buildApp", () => {
    const { plan } = exampleRegion();
    const agencyStacks = plan.stacks.filter((s) => s.layer === "agency");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tamna-agency-"));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    buildApp(plan, { outdir: dir, stacks: agencyStacks }).synth();
    const stacks = agencyStacks.map((stack) => ({
      name: stack.name,
      out: JSON.parse(
        fs.readFileSync(path.join(dir, "stacks", stack.name, "cdk.tf.json"), "utf8"),
      ) as SynthesizedStack,
    }));

    it("THEN there is one synthesized stack per agency stack of the plan", () => {
      expect(stacks).toHaveLength(11);
    });

    it("THEN no security group rule is open to 0.0.0.0/0 except dmz ingress on tcp 80 and 443", () => {
      const open: string[] = [];
      for (const { name, out } of stacks) {
        const groups = resourcesOf(out, "openstack_networking_secgroup_v2");
        for (const rule of Object.values(
          resourcesOf(out, "openstack_networking_secgroup_rule_v2"),
        )) {
          if (rule.remote_ip_prefix !== "0.0.0.0/0") continue;
          const group = /^\$\{openstack_networking_secgroup_v2\.([^.]+)\.id\}$/.exec(
            String(rule.security_group_id),
          )![1]!;
          open.push(
            [
              name,
              String(groups[group]!.name).replace(/^.*-/, ""),
              rule.direction,
              rule.protocol,
              rule.port_range_min,
              rule.port_range_max,
            ].join(" "),
          );
        }
      }
      expect(open.length).toBeGreaterThan(0);
      for (const entry of open) expect(entry).toMatch(/^\S+ dmz ingress tcp (80 80|443 443)$/);
    });

    it("THEN zones that hold S data have no rule open to 0.0.0.0/0 in any direction", () => {
      for (const { out } of stacks) {
        const groups = resourcesOf(out, "openstack_networking_secgroup_v2");
        for (const rule of Object.values(
          resourcesOf(out, "openstack_networking_secgroup_rule_v2"),
        )) {
          const group = /\.([^.]+)\.id\}$/.exec(String(rule.security_group_id))![1]!;
          if (/-(app|db|mgmt)$/.test(String(groups[group]!.name)))
            expect(rule.remote_ip_prefix).not.toBe("0.0.0.0/0");
        }
      }
    });
  });
});
