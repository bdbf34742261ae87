import { Construct } from "constructs";
import { NetworkingNetworkV2, NetworkingSubnetV2 } from "../openstack";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link ZoneNetwork}. */
export interface ZoneNetworkProps {
  /** Neutron network name. */
  readonly networkName: string;
  /** Neutron subnet name. */
  readonly subnetName: string;
  /** IPv4 CIDR of the subnet. */
  readonly cidr: string;
  /** Gateway address: the router interface. */
  readonly gatewayIp: string;
  /** DHCP range. @default - Neutron's default: the whole subnet except the gateway */
  readonly allocationPool?: {
    /** First address handed out. */
    readonly start: string;
    /** Last address handed out. */
    readonly end: string;
  };
  /** Resolvers handed out by DHCP. @default - none */
  readonly dnsNameservers?: readonly string[];
  /** @default - no tags */
  readonly tags?: readonly string[];
}

/**
 * One security zone's network and subnet inside an agency's project.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class ZoneNetwork extends Construct {
  /** The zone's Neutron network (port security on). */
  readonly network: NetworkingNetworkV2;
  /** Its IPv4 subnet with DHCP. */
  readonly subnet: NetworkingSubnetV2;

  constructor(scope: Construct, id: string, props: ZoneNetworkProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const tags = props.tags ? [...props.tags] : undefined;
    this.network = new NetworkingNetworkV2(this, "Network", {
      name: props.networkName,
      adminStateUp: true,
      // Security groups are the enforcement point of zone flows; they need port security.
      portSecurityEnabled: true,
      tags,
    });
    this.subnet = new NetworkingSubnetV2(this, "Subnet", {
      name: props.subnetName,
      networkId: this.network.id,
      cidr: props.cidr,
      ipVersion: 4,
      gatewayIp: props.gatewayIp,
      enableDhcp: true,
      allocationPool: props.allocationPool ? [{ ...props.allocationPool }] : undefined,
      dnsNameservers: props.dnsNameservers?.length ? [...props.dnsNameservers] : undefined,
      tags,
    });
  }
}
