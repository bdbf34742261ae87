import { TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { PaastaFoundation } from "../../../lib/constructs/paasta-foundation";
import { planPaasta, type PaastaSitePlan } from "../../../lib/plan/paasta";
import { onlyResource, resourcesOf, synthesizeConstructs } from "../../helpers/cdktf";
import { agency } from "../plan/fixtures";
import { paastaInput } from "../plan/paasta-fixtures";

const [home, dr] = planPaasta(paastaInput({}, agency("alpha")), "jeju");
const TARGETS = { "mainland-drc": { realm: "jeju", cluster: "mainland-drc", projectId: "p-drc" } };

/** The foundation with a sensitive sync key variable, as the stack passes it. */
function foundation(scope: Construct, plan: PaastaSitePlan): PaastaFoundation {
  const key = new TerraformVariable(scope, "container_sync_key", {
    type: "string",
    sensitive: true,
  });
  return new PaastaFoundation(scope, "Foundation", {
    plan,
    externalNetworkId: "ext-id",
    managementExternalNetworkId: "ext-mgmt-id",
    containerSync: { key: key.stringValue, targets: TARGETS },
  });
}

describe("PaastaFoundation", () => {
  describe("GIVEN the home site's plan", () => {
    const out = synthesizeConstructs((scope) => foundation(scope, home!));

    it("THEN the BOSH, Cloud Foundry and management networks have their subnets and Neutron's pool", () => {
      const subnets = Object.values(resourcesOf(out, "openstack_networking_subnet_v2"));
      expect(subnets.map((s) => [s.name, s.cidr, s.allocation_pool])).toEqual([
        ["paasta-bosh", "10.10.240.0/24", [{ start: "10.10.240.2", end: "10.10.240.15" }]],
        ["paasta-cf", "10.10.242.0/23", [{ start: "10.10.242.2", end: "10.10.242.15" }]],
        ["paasta-mgmt", "10.10.241.0/25", [{ start: "10.10.241.2", end: "10.10.241.126" }]],
        ["paasta-transit-subnet", "10.10.241.240/28", undefined],
      ]);
      expect(subnets.every((s) => (s.tags as string[]).includes("platform=paasta"))).toBe(true);
    });

    it("THEN the foundation's router on the internet network holds BOSH and CF, the management router on the intranet network the management network, linked by transit", () => {
      const routers = Object.values(resourcesOf(out, "openstack_networking_router_v2"));
      expect(Object.fromEntries(routers.map((r) => [r.name, r.external_network_id]))).toEqual({
        "paasta-router": "ext-id",
        "paasta-mgmt-router": "ext-mgmt-id",
      });
      const links = Object.values(resourcesOf(out, "openstack_networking_router_interface_v2"));
      const attached = (router: string) =>
        links
          .filter((link) =>
            new RegExp(`\\.Foundation_${router}_[0-9A-F]{8}\\.id`).test(String(link.router_id)),
          )
          .map((link) => String(link.subnet_id ?? link.port_id).replace(/_[0-9A-F]{8}\./, "."))
          .sort();
      expect(attached("Router")).toEqual([
        "${openstack_networking_port_v2.Foundation_Router_TransitPort.id}",
        "${openstack_networking_subnet_v2.Foundation_Network-bosh_Subnet.id}",
        "${openstack_networking_subnet_v2.Foundation_Network-cf_Subnet.id}",
      ]);
      expect(attached("ManagementRouter")).toEqual([
        "${openstack_networking_port_v2.Foundation_ManagementRouter_TransitPort.id}",
        "${openstack_networking_subnet_v2.Foundation_Network-mgmt_Subnet.id}",
      ]);
      const routes = Object.values(resourcesOf(out, "openstack_networking_router_route_v2"));
      expect(routes.map((r) => [r.destination_cidr, r.next_hop]).sort()).toEqual([
        ["10.10.240.0/24", "10.10.241.244"],
        ["10.10.241.0/25", "10.10.241.245"],
        ["10.10.242.0/23", "10.10.241.244"],
      ]);
    });

    it("THEN the key pair holds the operator's public key, never a private one", () => {
      const key = onlyResource(out, "openstack_compute_keypair_v2");
      expect(key.name).toBe("paasta-bosh");
      expect(key.public_key).toMatch(/^ssh-ed25519 /);
      expect(JSON.stringify(out)).not.toMatch(/PRIVATE KEY/);
    });

    it("THEN the routers' load balancer sits in the CF subnet with a floating IP and no members", () => {
      const lb = onlyResource(out, "openstack_lb_loadbalancer_v2");
      expect(lb.name).toBe("paasta-routers");
      expect(String(lb.vip_subnet_id)).toMatch(
        /openstack_networking_subnet_v2\.Foundation_Network-cf_Subnet/,
      );
      const pools = Object.values(resourcesOf(out, "openstack_lb_pool_v2"));
      expect(pools.map((p) => p.name).sort()).toEqual([
        "paasta-routers-2222",
        "paasta-routers-443",
        "paasta-routers-4443",
        "paasta-routers-80",
      ]);
      expect(resourcesOf(out, "openstack_lb_member_v2")).toEqual({});
      expect(onlyResource(out, "openstack_networking_floatingip_v2").pool).toBe("ext-internet");
    });

    it("THEN the wildcard records point at the floating IP", () => {
      const records = Object.values(resourcesOf(out, "openstack_dns_recordset_v2"));
      expect(records.map((r) => r.name)).toEqual([
        "*.apps.paasta.cloud.jeju.example.go.kr.",
        "*.sys.paasta.cloud.jeju.example.go.kr.",
      ]);
      for (const record of records) {
        expect(record.records).toEqual([
          expect.stringMatching(
            /^\$\{openstack_networking_floatingip_v2\.Foundation_RouterLoadBalancer_FloatingIp_[0-9A-F]+\.address\}$/,
          ),
        ]);
      }
    });

    it("THEN the blobstore containers are protected and sync to the DR site's account", () => {
      const containers = Object.values(resourcesOf(out, "openstack_objectstorage_container_v1"));
      expect(containers).toHaveLength(4);
      for (const container of containers) {
        expect(container.lifecycle).toEqual({ prevent_destroy: true });
        expect(container.container_sync_to).toBe(
          `//jeju/mainland-drc/AUTH_p-drc/${String(container.name)}`,
        );
      }
    });

    it("THEN the two BOSH files are outputs rendered by yamlencode", () => {
      expect(Object.keys(out.output ?? {}).sort()).toEqual([
        "paasta_cloud_config",
        "paasta_openstack_vars",
      ]);
      for (const output of Object.values(out.output!)) {
        expect(String(output.value)).toMatch(/^\$\{yamlencode\(\{/);
      }
    });
  });

  describe("GIVEN the DR site's plan", () => {
    const out = synthesizeConstructs((scope) => foundation(scope, dr!));

    it("THEN the zone is there without records, the containers receive without syncing on", () => {
      expect(onlyResource(out, "openstack_dns_zone_v2").name).toBe(
        "paasta.cloud.jeju.example.go.kr.",
      );
      expect(resourcesOf(out, "openstack_dns_recordset_v2")).toEqual({});
      for (const container of Object.values(
        resourcesOf(out, "openstack_objectstorage_container_v1"),
      )) {
        expect(container.container_sync_to).toBeUndefined();
        expect(container.container_sync_key).toBe("${var.container_sync_key}");
      }
    });
  });

  describe("GIVEN a management router with a gateway and no external network for it", () => {
    it("THEN construction fails at the foundation's path, naming the network", () => {
      expect(() =>
        synthesizeConstructs(
          (scope) =>
            new PaastaFoundation(scope, "Foundation", {
              plan: { ...home!, containers: [] },
              externalNetworkId: "ext-id",
            }),
        ),
      ).toThrow(/Foundation.*router paasta-mgmt-router needs external network ext-intranet/s);
    });
  });

  describe("GIVEN synced containers and no sync key", () => {
    it("THEN construction fails at the blobstore's path", () => {
      expect(() =>
        synthesizeConstructs(
          (scope) =>
            new PaastaFoundation(scope, "Foundation", {
              plan: home!,
              externalNetworkId: "ext-id",
              managementExternalNetworkId: "ext-mgmt-id",
            }),
        ),
      ).toThrow(/Foundation\/Blobstore.*is synced but no sync key was given/s);
    });
  });
});
