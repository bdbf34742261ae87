import { constructError } from "../errors";
import { Construct } from "constructs";
import { NetworkingNetworkV2, NetworkingSubnetV2 } from "../openstack";
import type { TenantNetworkPlan } from "../plan/tenant-network";
import { TenantRouter } from "./tenant-router";
import { ZoneNetwork } from "./zone-network";
import { ZoneSecurityGroups } from "./zone-security-groups";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link TenantNetwork}. */
export interface TenantNetworkProps {
  /** Zones, routers and security groups, from `planTenantNetwork` or written by hand. */
  readonly plan: TenantNetworkPlan;
  /** IDs of the site's external networks by name, e.g. from data sources of the platform layer. */
  readonly externalNetworkIds: Readonly<Record<string, string>>;
  /** @default - no tags */
  readonly tags?: readonly string[];
}

/**
 * An agency's networks at one site: zone networks, routers, transit link and security groups.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class TenantNetwork extends Construct {
  /** The zone networks by zone name. */
  readonly zones: Readonly<Record<string, ZoneNetwork>>;
  /** The zones' security groups. */
  readonly securityGroups: ZoneSecurityGroups;

  constructor(scope: Construct, id: string, props: TenantNetworkProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const { plan, tags } = props;

    const zones: Record<string, ZoneNetwork> = {};
    const zonesScope = new Construct(this, "Zones");
    for (const zone of plan.zones)
      zones[zone.zone] = new ZoneNetwork(zonesScope, zone.zone, { ...zone, tags });
    this.zones = zones;

    let transit: { networkId: string; subnetId: string } | undefined;
    if (plan.transit) {
      const network = new NetworkingNetworkV2(this, "TransitNetwork", {
        name: plan.transit.networkName,
        adminStateUp: true,
        tags: tags ? [...tags] : undefined,
      });
      const subnet = new NetworkingSubnetV2(this, "TransitSubnet", {
        name: plan.transit.subnetName,
        networkId: network.id,
        cidr: plan.transit.cidr,
        ipVersion: 4,
        noGateway: true,
        enableDhcp: false,
        tags: tags ? [...tags] : undefined,
      });
      transit = { networkId: network.id, subnetId: subnet.id };
    }

    const routersScope = new Construct(this, "Routers");
    for (const router of plan.routers) {
      const externalNetworkId =
        router.externalNetwork && Object.hasOwn(props.externalNetworkIds, router.externalNetwork)
          ? props.externalNetworkIds[router.externalNetwork]
          : undefined;
      if (router.externalNetwork && !externalNetworkId) {
        throw constructError(
          this,
          `router ${router.name} needs external network ${router.externalNetwork}, which was not given`,
          {
            allowed: Object.keys(props.externalNetworkIds).join(", "),
            hint: `pass its ID in externalNetworkIds.${router.externalNetwork}`,
          },
        );
      }
      new TenantRouter(routersScope, router.key, {
        name: router.name,
        externalNetworkId,
        subnetIds: Object.fromEntries(router.zones.map((zone) => [zone, zones[zone]!.subnet.id])),
        transit: transit && router.transitIp ? { ...transit, ip: router.transitIp } : undefined,
        routes: router.routes,
        tags,
      });
    }

    this.securityGroups = new ZoneSecurityGroups(this, "SecurityGroups", {
      groups: plan.securityGroups,
      tags,
    });
  }
}
