import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { TenancyStack } from "../../stacks/tenancy-stack";
import { exampleStack } from "../helpers/example-region";
import { dataSourcesOf, onlyResource, resourcesOf, synthesize } from "../helpers/cdktf";

describe("TenancyStack", () => {
  describe("GIVEN an agency with a quota override (jeju-province at the primary site)", () => {
    const plan = exampleStack("tenancy-jeju-province-jeju-cdc", "tenancy");
    const out = synthesize(new TenancyStack(Testing.app(), plan));
    const projectRef = /^\$\{openstack_identity_project_v3\.[\w-]+\.id\}$/;

    it("THEN the provider keeps admin scope (no project override)", () => {
      expect(out.provider?.openstack).toEqual([{ cloud: "jeju-cdc", region: "JejuCDC" }]);
    });

    it("THEN it finds the platform's domain by name", () => {
      const domains = Object.values(dataSourcesOf(out, "openstack_identity_project_v3"));
      expect(domains).toEqual([expect.objectContaining({ name: "jeju", is_domain: true })]);
    });

    it("THEN it creates the agency's project in that domain, tagged and protected", () => {
      const project = onlyResource(out, "openstack_identity_project_v3");
      expect(project).toMatchObject({
        name: "jeju-province",
        domain_id: "${data.openstack_identity_project_v3.AgencyDomain.id}",
        description: "제주특별자치도청 (Jeju Special Self-Governing Province Office), CSAP high",
        lifecycle: { prevent_destroy: true },
      });
      expect(project.tags).toEqual(
        expect.arrayContaining(["agency=jeju-province", "csap=high", "managed-by=tamna"]),
      );
    });

    it("THEN it creates admins, operators and auditors groups with their roles on the project", () => {
      const groups = Object.values(resourcesOf(out, "openstack_identity_group_v3"));
      expect(groups.map((g) => g.name).sort()).toEqual([
        "jeju-province-admins",
        "jeju-province-auditors",
        "jeju-province-operators",
      ]);
      const assignments = Object.values(resourcesOf(out, "openstack_identity_role_assignment_v3"));
      // admins: member + load-balancer_member; operators: member; auditors: reader
      expect(assignments).toHaveLength(4);
      for (const assignment of assignments) {
        expect(assignment.project_id).toMatch(projectRef);
        expect(assignment.group_id).toMatch(/^\$\{openstack_identity_group_v3\.[\w-]+\.id\}$/);
        expect(assignment.role_id).toMatch(/^\$\{data\.openstack_identity_role_v3\.[\w-]+\.id\}$/);
      }
      const roles = Object.values(dataSourcesOf(out, "openstack_identity_role_v3")).map(
        (r) => r.name,
      );
      expect(roles.sort()).toEqual(["load-balancer_member", "member", "reader"]);
    });

    it("THEN quotas apply the agency's overrides over the region defaults, RAM in MiB", () => {
      expect(onlyResource(out, "openstack_compute_quotaset_v2")).toMatchObject({
        instances: 40,
        cores: 160,
        ram: 640 * 1024,
      });
      expect(onlyResource(out, "openstack_compute_quotaset_v2").project_id).toMatch(projectRef);
      expect(onlyResource(out, "openstack_blockstorage_quotaset_v3")).toMatchObject({
        gigabytes: 12288,
        volumes: 40,
        snapshots: 40,
      });
      expect(onlyResource(out, "openstack_networking_quota_v2")).toMatchObject({
        network: 8,
        subnet: 8,
        port: 120,
        router: 4,
        floatingip: 4,
        security_group: 20,
        security_group_rule: 200,
      });
    });

    it("THEN its state has a key of its own", () => {
      expect(out.terraform?.backend).toEqual({
        s3: expect.objectContaining({ key: "jeju/tenancy-jeju-province-jeju-cdc.tfstate" }),
      });
    });
  });

  describe("GIVEN the plan binds admins to a group of another domain and operators to one of its own", () => {
    const plan = exampleStack("tenancy-jeju-province-jeju-cdc", "tenancy");
    const bound = {
      ...plan,
      groups: plan.groups.map((group) =>
        group.key === "admins"
          ? { ...group, name: "edu-cloud-admins", existing: { domain: "education" } }
          : group.key === "operators"
            ? { ...group, name: "province-ops", existing: { domain: plan.project.domain } }
            : group,
      ),
    };
    const out = synthesize(new TenancyStack(Testing.app(), bound));

    it("THEN the other domain is looked up by name once, the agency's domain is reused", () => {
      const domains = Object.values(dataSourcesOf(out, "openstack_identity_project_v3"));
      expect(domains.map((d) => d.name).sort()).toEqual(["education", "jeju"]);
    });

    it("THEN each bound group is found in its domain and only auditors is created", () => {
      expect(Object.values(dataSourcesOf(out, "openstack_identity_group_v3"))).toEqual(
        expect.arrayContaining([
          {
            name: "edu-cloud-admins",
            domain_id: "${data.openstack_identity_project_v3.GroupDomain-education.id}",
          },
          {
            name: "province-ops",
            domain_id: "${data.openstack_identity_project_v3.AgencyDomain.id}",
          },
        ]),
      );
      const groups = Object.values(resourcesOf(out, "openstack_identity_group_v3"));
      expect(groups.map((g) => g.name)).toEqual(["jeju-province-auditors"]);
    });
  });
});

describe("TenancyStack at a site that shares Keystone, for an agency with a GPU quota", () => {
  // The DR site's tenancy stack of one cloud with two regions, granted the region's GPU flavors:
  // flavors are per Nova region, so the grant is made here even though the project is not.
  const plan = {
    ...exampleStack("tenancy-jeju-province-mainland-drc", "tenancy"),
    sharedIdentity: { site: "jeju-cdc", stack: "tenancy-jeju-province-jeju-cdc" },
    gpuFlavors: ["g1.a100", "g1.vgpu"],
  };
  const out = synthesize(new TenancyStack(Testing.app(), plan));

  it("THEN it creates no project and grants each GPU flavor to the project it finds by name", () => {
    expect(resourcesOf(out, "openstack_identity_project_v3")).toEqual({});
    const grants = Object.values(resourcesOf(out, "openstack_compute_flavor_access_v2"));
    expect(grants.map((grant) => grant.flavor_id).sort()).toEqual(["g1.a100", "g1.vgpu"]);
    for (const grant of grants) {
      expect(grant.tenant_id).toBe("${data.openstack_identity_project_v3.SharedProject.id}");
    }
  });
});
