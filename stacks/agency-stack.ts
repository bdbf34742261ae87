import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { TenantNetwork } from "../lib/constructs/tenant-network";
import { DataOpenstackNetworkingNetworkV2 } from "../lib/openstack";
import type { AgencyStackPlan } from "../lib/plan/region-plan";
import { TamnaStack } from "./tamna-stack";

/**
 * Layer 3, `<agency>-<site>`: the agency's workloads at one site, with a provider scoped to the
 * agency's project. It finds the platform's external networks by name, so it plans on its own.
 */
export class AgencyStack extends TamnaStack {
  readonly externalNetworks: Readonly<Record<string, DataOpenstackNetworkingNetworkV2>>;
  readonly network: TenantNetwork;

  constructor(scope: Construct, plan: AgencyStackPlan) {
    super(scope, plan);
    const networks: Record<string, DataOpenstackNetworkingNetworkV2> = {};
    for (const network of plan.externalNetworks) {
      networks[network.name] = new DataOpenstackNetworkingNetworkV2(
        this,
        `External-${network.name}`,
        {
          name: network.name,
          external: true,
        },
      );
    }
    this.externalNetworks = networks;

    this.network = new TenantNetwork(this, "Network", {
      plan: plan.network,
      externalNetworkIds: Object.fromEntries(
        Object.entries(networks).map(([name, data]) => [name, data.id]),
      ),
      tags: plan.tags,
    });

    new TerraformOutput(this, "project", {
      value: plan.project.name,
      description: "Keystone project this stack's resources live in",
    });
    new TerraformOutput(this, "external_network_ids", {
      value: Object.fromEntries(Object.entries(networks).map(([name, data]) => [name, data.id])),
      description: "IDs of the site's external networks, by name",
    });
  }
}
