import { describe, expect, it } from "vitest";
import { AgencyProject, type AgencyProjectProps } from "../../../lib/constructs/agency-project";
import { LISTENERS_PER_LOAD_BALANCER } from "../../../lib/constructs/project-quota";
import {
  dataSourcesOf,
  onlyResource,
  resourcesOf,
  synthesizeConstructs,
} from "../../helpers/cdktf";

const quota = {
  instances: 1,
  cores: 2,
  ramGiB: 3,
  volumes: 4,
  volumeGiB: 5,
  snapshots: 6,
  networks: 7,
  subnets: 8,
  ports: 9,
  routers: 10,
  floatingIps: 11,
  securityGroups: 12,
  securityGroupRules: 13,
  serverGroups: 14,
  serverGroupMembers: 15,
  loadBalancers: 2,
};

const props: AgencyProjectProps = {
  name: "agency-x",
  domainId: "domain-id",
  groups: [
    { key: "admins", name: "agency-x-admins", roles: ["member", "load-balancer_member"] },
    { key: "auditors", name: "agency-x-auditors", roles: ["reader"] },
  ],
  quota,
};

describe("AgencyProject", () => {
  describe("GIVEN default props", () => {
    const out = synthesizeConstructs((scope) => new AgencyProject(scope, "Tenant", props));

    it("THEN the project is protected from destroy", () => {
      expect(onlyResource(out, "openstack_identity_project_v3")).toMatchObject({
        name: "agency-x",
        domain_id: "domain-id",
        lifecycle: { prevent_destroy: true },
      });
    });

    it("THEN each group gets one assignment per role, roles looked up once each", () => {
      expect(Object.keys(resourcesOf(out, "openstack_identity_group_v3"))).toHaveLength(2);
      expect(Object.keys(resourcesOf(out, "openstack_identity_role_assignment_v3"))).toHaveLength(
        3,
      );
      expect(Object.keys(out.data?.openstack_identity_role_v3 ?? {})).toHaveLength(3);
    });

    it("THEN every quota field reaches its OpenStack attribute", () => {
      expect(onlyResource(out, "openstack_compute_quotaset_v2")).toMatchObject({
        instances: 1,
        cores: 2,
        ram: 3072,
        server_groups: 14,
        server_group_members: 15,
      });
      expect(onlyResource(out, "openstack_blockstorage_quotaset_v3")).toMatchObject({
        volumes: 4,
        gigabytes: 5,
        snapshots: 6,
      });
      expect(onlyResource(out, "openstack_networking_quota_v2")).toMatchObject({
        network: 7,
        subnet: 8,
        port: 9,
        router: 10,
        floatingip: 11,
        security_group: 12,
        security_group_rule: 13,
      });
    });

    it("THEN the Octavia quota follows the load balancer count: listeners, pools and monitors per load balancer, members per server group", () => {
      expect(LISTENERS_PER_LOAD_BALANCER).toBe(4);
      expect(onlyResource(out, "openstack_lb_quota_v2")).toMatchObject({
        project_id: expect.stringMatching(
          /^\$\{openstack_identity_project_v3\.Tenant_Project_\w+\.id\}$/,
        ),
        loadbalancer: 2,
        listener: 8,
        pool: 8,
        health_monitor: 8,
        member: 2 * 4 * 15,
      });
    });

    it("THEN construct IDs come from group keys, not list positions", () => {
      const ids = Object.keys(resourcesOf(out, "openstack_identity_group_v3"));
      expect(ids.some((id) => id.startsWith("Tenant_Groups_Admins_Group"))).toBe(true);
      expect(ids.some((id) => id.startsWith("Tenant_Groups_Auditors_Group"))).toBe(true);
    });
  });

  describe("GIVEN the admins group bound to an existing Keystone group", () => {
    const bound: AgencyProjectProps = {
      ...props,
      groups: [
        {
          key: "admins",
          name: "edu-cloud-admins",
          roles: ["member", "load-balancer_member"],
          existing: { domainId: "education-domain-id" },
        },
        { key: "auditors", name: "agency-x-auditors", roles: ["reader"] },
      ],
    };
    const out = synthesizeConstructs((scope) => new AgencyProject(scope, "Tenant", bound));
    const created = synthesizeConstructs((scope) => new AgencyProject(scope, "Tenant", props));

    it("THEN it is looked up by name in its domain and no group is created for it", () => {
      const lookups = Object.values(dataSourcesOf(out, "openstack_identity_group_v3"));
      expect(lookups).toEqual([{ name: "edu-cloud-admins", domain_id: "education-domain-id" }]);
      const groups = Object.values(resourcesOf(out, "openstack_identity_group_v3"));
      expect(groups.map((group) => group.name)).toEqual(["agency-x-auditors"]);
    });

    it("THEN its roles are assigned to the looked-up group on the project", () => {
      const assignments = Object.values(
        resourcesOf(out, "openstack_identity_role_assignment_v3"),
      ).filter((a) => String(a.group_id).includes("data.openstack_identity_group_v3"));
      expect(assignments).toHaveLength(2);
      for (const assignment of assignments) {
        expect(assignment.project_id).toMatch(
          /^\$\{openstack_identity_project_v3\.Tenant_Project_/,
        );
      }
    });

    it("THEN the other groups, assignments and quotas keep their construct IDs and values", () => {
      const unchanged = (synth: typeof out, type: string) =>
        Object.fromEntries(
          Object.entries(resourcesOf(synth, type)).filter(([id]) => !id.includes("Admins")),
        );
      for (const type of [
        "openstack_identity_project_v3",
        "openstack_identity_group_v3",
        "openstack_identity_role_assignment_v3",
        "openstack_compute_quotaset_v2",
      ]) {
        expect(unchanged(out, type)).toEqual(unchanged(created, type));
      }
      expect(Object.keys(resourcesOf(out, "openstack_identity_role_assignment_v3")).sort()).toEqual(
        Object.keys(resourcesOf(created, "openstack_identity_role_assignment_v3")).sort(),
      );
    });

    it("WHEN no domain is given THEN the group is looked up in the project's domain", () => {
      const sameDomain = synthesizeConstructs(
        (scope) =>
          new AgencyProject(scope, "Tenant", {
            ...bound,
            groups: [{ key: "admins", name: "edu-cloud-admins", roles: ["member"], existing: {} }],
          }),
      );
      expect(Object.values(dataSourcesOf(sameDomain, "openstack_identity_group_v3"))).toEqual([
        { name: "edu-cloud-admins", domain_id: "domain-id" },
      ]);
    });
  });

  describe("GIVEN an object-storage quota", () => {
    it("THEN the project's Swift account gets Quota-Bytes, in bytes", () => {
      const out = synthesizeConstructs(
        (scope) =>
          new AgencyProject(scope, "Tenant", {
            ...props,
            quota: { ...quota, objectStorageGiB: 200 },
          }),
      );
      expect(onlyResource(out, "openstack_objectstorage_account_v1")).toEqual({
        project_id: expect.stringMatching(/^\$\{openstack_identity_project_v3\.Tenant_Project_/),
        metadata: { "Quota-Bytes": String(200 * 1024 ** 3) },
      });
    });

    it("WHEN none is given THEN the Swift account is left alone", () => {
      const out = synthesizeConstructs((scope) => new AgencyProject(scope, "Tenant", props));
      expect(resourcesOf(out, "openstack_objectstorage_account_v1")).toEqual({});
    });
  });

  describe("GIVEN protect: false", () => {
    it("THEN the project carries no prevent_destroy", () => {
      const out = synthesizeConstructs(
        (scope) => new AgencyProject(scope, "Tenant", { ...props, protect: false }),
      );
      expect(onlyResource(out, "openstack_identity_project_v3").lifecycle).toBeUndefined();
    });
  });
});
