import { Construct } from "constructs";
import { NetworkingNetworkV2, NetworkingSubnetV2 } from "../openstack";
import { protectFromDestroy } from "./protection";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link ExternalNetwork}. */
export interface ExternalNetworkProps {
  /** Neutron network name; tenants' routers find it by this name. */
  readonly name: string;
  /** Neutron subnet name of the network's one IPv4 subnet. */
  readonly subnetName: string;
  /** What the network reaches; recorded as a tag, used by zone rules. */
  readonly reaches: "internet" | "intranet";
  /** The subnet's CIDR, e.g. `203.0.113.0/24`. */
  readonly cidr: string;
  /** The upstream gateway's address in the subnet. */
  readonly gatewayIp: string;
  /** @default - Neutron hands out the whole subnet except the gateway */
  readonly allocationPools?: readonly {
    /** First address of the pool. */
    readonly start: string;
    /** Last address of the pool. */
    readonly end: string;
  }[];
  /** Neutron provider network type. */
  readonly networkType: "flat" | "vlan";
  /** Neutron physical network (the bridge mapping's name) the network is on. */
  readonly physicalNetwork: string;
  /**
   * VLAN ID; only for `vlan`.
   * @default - none (Neutron picks one for `vlan` from the physical network's range)
   */
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
  /** The Neutron network, flagged external. */
  readonly network: NetworkingNetworkV2;
  /** Its IPv4 subnet (no DHCP). */
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
