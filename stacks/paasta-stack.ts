import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { PaastaFoundation } from "../lib/constructs/paasta-foundation";
import { SYSTEMS_OUTPUT } from "../lib/names";
import { DataOpenstackNetworkingNetworkV2 } from "../lib/openstack";
import type { PaastaStackPlan } from "../lib/plan/region-plan";
import { containerSync, type ContainerSync } from "./container-sync";
import { TamnaStack } from "./tamna-stack";

/**
 * Layer 3 for a PaaS-TA foundation, `<foundation>-<site>`: its IaaS at one site and the BOSH
 * files, with a provider scoped to the foundation's project. It finds the platform's external
 * network by name, so it plans on its own.
 */
export class PaastaStack extends TamnaStack {
  readonly foundation: PaastaFoundation;

  constructor(scope: Construct, plan: PaastaStackPlan) {
    super(scope, plan);
    const { foundation } = plan;
    const external = new DataOpenstackNetworkingNetworkV2(
      this,
      `External-${foundation.router.externalNetwork}`,
      { name: foundation.router.externalNetwork, external: true },
    );
    const mgmtNetwork = foundation.management.router?.externalNetwork;
    const mgmtExternal =
      mgmtNetwork === undefined
        ? undefined
        : new DataOpenstackNetworkingNetworkV2(this, `External-${mgmtNetwork}`, {
            name: mgmtNetwork,
            external: true,
          });
    this.foundation = new PaastaFoundation(this, "Foundation", {
      plan: foundation,
      externalNetworkId: external.id,
      ...(mgmtExternal ? { managementExternalNetworkId: mgmtExternal.id } : {}),
      containerSync: containerSyncOf(this, plan),
    });

    new TerraformOutput(this, "project", {
      value: plan.project.name,
      description: "Keystone project this stack's resources live in",
    });
    new TerraformOutput(this, "paasta_domains", {
      value: {
        system_domain: foundation.domains.system,
        apps_domain: foundation.domains.apps,
        router_address: this.foundation.loadBalancer.address,
      },
      description: "The foundation's system and apps domains and the routers' address",
    });
    // Read by reviewers' tools (tamna diff, validate): the foundation is a system like any other.
    new TerraformOutput(this, SYSTEMS_OUTPUT, {
      value: {
        [foundation.foundation]: {
          grade: foundation.dr.grade,
          rtoMinutes: foundation.dr.achieves.rtoMinutes,
          rpoMinutes: foundation.dr.achieves.rpoMinutes,
          drMode: foundation.dr.mode,
          role: foundation.role,
          activeSite: foundation.dr.activeSite,
          instances: 0,
        },
      },
      description: "Systems at this site with their grade, recovery objectives and role",
    });
  }
}

/** Container sync needs the shared key and, at the DR site, the project's Swift account. */
function containerSyncOf(stack: TamnaStack, plan: PaastaStackPlan): ContainerSync | undefined {
  if (!plan.foundation.containers.some((container) => container.synced)) return undefined;
  return containerSync(
    stack,
    plan,
    `Swift container-sync key of ${plan.agency}'s Cloud Controller containers, the same at every site. Set TF_VAR_container_sync_key from the key store; never commit it.`,
  );
}
