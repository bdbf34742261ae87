import type { Construct } from "constructs";
import { AgencyProject } from "../lib/constructs/agency-project";
import { DataOpenstackIdentityProjectV3 } from "../lib/openstack";
import type { TenancyStackPlan } from "../lib/plan/region-plan";
import { TamnaStack } from "./tamna-stack";

/**
 * Layer 2, `tenancy-<agency>-<site>`: one agency's project at one site, with its groups, role
 * assignments and quotas. Needs admin scope; finds the platform's domain by name.
 */
export class TenancyStack extends TamnaStack {
  readonly tenant: AgencyProject;

  constructor(scope: Construct, plan: TenancyStackPlan) {
    super(scope, plan);
    const domain = new DataOpenstackIdentityProjectV3(this, "AgencyDomain", {
      name: plan.project.domain,
      isDomain: true,
    });
    this.tenant = new AgencyProject(this, "Tenant", {
      name: plan.project.name,
      domainId: domain.id,
      description: plan.project.description,
      tags: plan.project.tags,
      groups: plan.groups,
      quota: plan.quota,
    });
  }
}
