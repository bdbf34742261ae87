import type { Construct } from "constructs";
import { AvailabilityZoneAggregates } from "../lib/constructs/availability-zone-aggregates";
import { ExternalNetwork } from "../lib/constructs/external-network";
import { FlavorCatalogue } from "../lib/constructs/flavor-catalogue";
import { KeystoneDomain } from "../lib/constructs/keystone-domain";
import { VolumeTypes } from "../lib/constructs/volume-types";
import type { PlatformStackPlan } from "../lib/plan/region-plan";
import { TamnaStack } from "./tamna-stack";

/**
 * Layer 1, `platform-<site>`: what the cloud administrator owns at one site: the Keystone
 * domain of the agencies (at one site of a cloud only, when sites share Keystone), the external networks tenants route to, the flavor and volume type
 * catalogue (the same at every site), and the host aggregates of the availability zones.
 */
export class PlatformStack extends TamnaStack {
  constructor(scope: Construct, plan: PlatformStackPlan) {
    super(scope, plan);
    // One Keystone serves the sites of one cloud: the domain's owner site alone creates it.
    if (plan.domain.createdBy === undefined) {
      new KeystoneDomain(this, "AgencyDomain", {
        name: plan.domain.name,
        description: plan.domain.description,
        tags: plan.domain.tags,
      });
    }
    for (const network of plan.externalNetworks) {
      new ExternalNetwork(this, `External-${network.name}`, network);
    }
    new FlavorCatalogue(this, "Flavors", { flavors: plan.flavors });
    new VolumeTypes(this, "VolumeTypes", { volumeTypes: plan.volumeTypes });
    new AvailabilityZoneAggregates(this, "AvailabilityZones", { aggregates: plan.aggregates });
  }
}
