import type { Construct } from "constructs";
import { AgencyProject } from "../lib/constructs/agency-project";
import { ProjectQuota } from "../lib/constructs/project-quota";
import { DataOpenstackIdentityProjectV3 } from "../lib/openstack";
import type { TenancyStackPlan } from "../lib/plan/region-plan";
import { TamnaStack } from "./tamna-stack";

/**
 * Layer 2, `tenancy-<agency>-<site>`: one agency's project at one site, with its groups, role
 * assignments and quotas. Needs admin scope; finds the platform's domain by name. A site that
 * shares Keystone with another (same cloud entry) finds the project the other's tenancy stack
 * created and sets only its own region's quotas.
 */
export class TenancyStack extends TamnaStack {
  /** The project with its groups and roles; absent where another site's stack creates them. */
  readonly tenant?: AgencyProject;
  /** The project's quotas in this site's OpenStack region. */
  readonly quota: ProjectQuota;

  constructor(scope: Construct, plan: TenancyStackPlan) {
    super(scope, plan);
    const domain = new DataOpenstackIdentityProjectV3(this, "AgencyDomain", {
      name: plan.project.domain,
      isDomain: true,
    });
    if (plan.sharedIdentity) {
      const project = new DataOpenstackIdentityProjectV3(this, "SharedProject", {
        name: plan.project.name,
        domainId: domain.id,
      });
      this.quota = new ProjectQuota(this, "Quota", { projectId: project.id, quota: plan.quota });
      return;
    }
    // Existing groups in another domain: that domain is looked up once, by name.
    const groupDomains = new Map<string, string>();
    const groupDomainId = (name: string | undefined): string | undefined => {
      if (name === undefined || name === plan.project.domain) return undefined;
      if (!groupDomains.has(name)) {
        const lookup = new DataOpenstackIdentityProjectV3(this, `GroupDomain-${name}`, {
          name,
          isDomain: true,
        });
        groupDomains.set(name, lookup.id);
      }
      return groupDomains.get(name);
    };
    this.tenant = new AgencyProject(this, "Tenant", {
      name: plan.project.name,
      domainId: domain.id,
      description: plan.project.description,
      tags: plan.project.tags,
      groups: plan.groups.map(({ existing, ...group }) => {
        if (!existing) return group;
        const domainId = groupDomainId(existing.domain);
        return { ...group, existing: domainId !== undefined ? { domainId } : {} };
      }),
      quota: plan.quota,
    });
    this.quota = this.tenant.quota;
  }
}
