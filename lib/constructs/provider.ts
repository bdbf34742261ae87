import type { Construct } from "constructs";
import type { ProviderPlan } from "../plan/region-plan";
import { OpenstackProvider } from "../openstack";

/**
 * Configures the OpenStack provider of a stack by clouds.yaml entry and region only. Credentials
 * stay in clouds.yaml (or OS_* variables) on the machine that runs Terraform: nothing secret is
 * ever written into the synthesized configuration.
 */
export function configureOpenstackProvider(
  scope: Construct,
  plan: ProviderPlan,
  /** A second provider of the stack, e.g. for the other site; resources pick it by alias. */
  alias?: string,
): OpenstackProvider {
  return new OpenstackProvider(scope, alias ? `openstack-${alias}` : "openstack", {
    ...(alias ? { alias } : {}),
    cloud: plan.cloud,
    region: plan.openstackRegion,
    // Scoping to the agency's project: servers and networks are created inside it.
    tenantName: plan.project?.name,
    projectDomainName: plan.project?.domain,
  });
}
