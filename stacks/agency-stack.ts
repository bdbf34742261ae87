import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { AgencySystems } from "../lib/constructs/agency-systems";
import { TenantNetwork } from "../lib/constructs/tenant-network";
import { SYSTEMS_OUTPUT } from "../lib/names";
import { DataOpenstackNetworkingNetworkV2 } from "../lib/openstack";
import type { AgencyStackPlan } from "../lib/plan/region-plan";
import { containerSync, type ContainerSync } from "./container-sync";
import { TamnaStack } from "./tamna-stack";

/**
 * Layer 3, `<agency>-<site>`: the agency's workloads at one site, with a provider scoped to the
 * agency's project. It finds the platform's external networks by name, so it plans on its own.
 */
export class AgencyStack extends TamnaStack {
  readonly externalNetworks: Readonly<Record<string, DataOpenstackNetworkingNetworkV2>>;
  readonly network: TenantNetwork;
  readonly systems: AgencySystems;

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

    this.systems = new AgencySystems(this, "Systems", {
      plan: plan.compute,
      dns: plan.dns,
      network: this.network,
      containerSync: containerSyncOf(this, plan),
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
    // Read by reviewers' tools (tamna diff, validate): what runs here and how it recovers.
    new TerraformOutput(this, SYSTEMS_OUTPUT, {
      value: systemsSummary(plan),
      description: "Systems at this site with their grade, recovery objectives and role",
    });
  }
}

/** Container sync needs the shared key and, per DR site, the agency's Swift account there. */
function containerSyncOf(stack: TamnaStack, plan: AgencyStackPlan): ContainerSync | undefined {
  const synced = plan.compute.systems.some((system) =>
    system.containers.some((container) => container.synced),
  );
  if (!synced) return undefined;
  return containerSync(
    stack,
    plan,
    `Swift container-sync key of ${plan.agency}'s containers, the same at every site. Set TF_VAR_container_sync_key from the key store (Barbican or the CI vault); never commit it.`,
  );
}

function systemsSummary(plan: AgencyStackPlan): Record<string, unknown> {
  return Object.fromEntries(
    plan.compute.systems.map((system) => [
      system.name,
      {
        grade: system.grade,
        rtoMinutes: system.rtoMinutes,
        rpoMinutes: system.rpoMinutes,
        backupPolicy: system.backupPolicy,
        drMode: system.dr.mode,
        role: system.role,
        activeSite: system.dr.activeSite,
        instances: system.workloads.reduce((sum, w) => sum + w.instances.length, 0),
      },
    ]),
  );
}
