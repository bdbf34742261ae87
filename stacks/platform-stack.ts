import type { Construct } from "constructs";
import { ExternalNetwork } from "../lib/constructs/external-network";
import { KeystoneDomain } from "../lib/constructs/keystone-domain";
import type { PlatformStackPlan } from "../lib/plan/region-plan";
import { TamnaStack } from "./tamna-stack";

/**
 * Layer 1, `platform-<site>`: what the cloud administrator owns at one site: the Keystone
 * domain of the agencies and the external networks tenants route to.
 */
export class PlatformStack extends TamnaStack {
  constructor(scope: Construct, plan: PlatformStackPlan) {
    super(scope, plan);
    new KeystoneDomain(this, "AgencyDomain", {
      name: plan.domain.name,
      description: plan.domain.description,
      tags: plan.domain.tags,
    });
    for (const network of plan.externalNetworks) {
      new ExternalNetwork(this, `External-${network.name}`, network);
    }
  }
}
