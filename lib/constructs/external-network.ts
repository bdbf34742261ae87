import { Construct } from "constructs";
import { NetworkingNetworkV2, NetworkingSubnetV2 } from "../openstack";
import { protectFromDestroy } from "./protection";
import { keepStringsLiteral } from "./literal-strings";

export interface ExternalNetworkProps {
  /** Neutron network name; tenants' routers find it by this name. */
  readonly name: string;
  readonly subnetName: string;
  /** What the network reaches; recorded as a tag, used by zone rules. */
  readonly reaches: "internet" | "intranet";
  readonly cidr: string;
  readonly gatewayIp: string;
  /** @default - Neutron hands out the whole subnet except the gateway */
  readonly allocationPools?: readonly { readonly start: string; readonly end: string }[];
  readonly networkType: "flat" | "vlan";
  readonly physicalNetwork: string;
  /** VLAN ID; only for `vlan`. */
  readonly segmentationId?: number;
  /** @default - no tags */
  readonly tags?: readonly string[];
  /**
   * Refuse to destroy the network: every tenant router and floating IP hangs off it.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * A provider network flagged external: the uplink for tenant routers and the pool for floating
 * IPs. Owned by the platform layer (admin only); tenants never create these.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class ExternalNetwork extends Construct {
  readonly network: NetworkingNetworkV2;
  readonly subnet: NetworkingSubnetV2;

  constructor(scope: Construct, id: string, props: ExternalNetworkProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const protect = props.protect ?? true;
    const tags = props.tags ? [...props.tags] : undefined;

    this.network = protectFromDestroy(
      new NetworkingNetworkV2(this, "Network", {
        name: props.name,
        description: `External network reaching the ${props.reaches}`,
        external: true,
        shared: false,
        adminStateUp: true,
        segments: [
          {
            networkType: props.networkType,
            physicalNetwork: props.physicalNetwork,
            segmentationId: props.segmentationId,
          },
        ],
        tags,
      }),
      protect,
    );

    this.subnet = protectFromDestroy(
      new NetworkingSubnetV2(this, "Subnet", {
        name: props.subnetName,
        networkId: this.network.id,
        cidr: props.cidr,
        ipVersion: 4,
        gatewayIp: props.gatewayIp,
        // Addresses on an external network are routers and floating IPs, not DHCP clients.
        enableDhcp: false,
        allocationPool: props.allocationPools?.map(({ start, end }) => ({ start, end })),
        tags,
      }),
      protect,
    );
  }
}
