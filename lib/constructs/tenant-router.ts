import { Construct } from "constructs";
import {
  NetworkingPortV2,
  NetworkingRouterInterfaceV2,
  NetworkingRouterRouteV2,
  NetworkingRouterV2,
} from "../openstack";
import { keepStringsLiteral } from "./literal-strings";

/** Props of {@link TenantRouter}. */
export interface TenantRouterProps {
  /** Neutron router name; the transit port is named `<name>-transit`. */
  readonly name: string;
  /** ID of the external network of the gateway. @default - no gateway: the router reaches nothing outside */
  readonly externalNetworkId?: string;
  /** Subnets attached by their gateway address, by zone name. */
  readonly subnetIds: Readonly<Record<string, string>>;
  /** Link to the agency's other routers. @default - not linked */
  readonly transit?: {
    /** The agency's transit network. */
    readonly networkId: string;
    /** The transit network's subnet. */
    readonly subnetId: string;
    /** This router's fixed address on the transit subnet. */
    readonly ip: string;
  };
  /**
   * Static routes to zones behind other routers; used only with `transit`, the link they go over.
   * @default - none
   */
  readonly routes?: readonly {
    /** Destination CIDR, e.g. another router's zone subnet. */
    readonly destination: string;
    /** The other router's transit address. */
    readonly nextHop: string;
  }[];
  /** @default - no tags */
  readonly tags?: readonly string[];
}

/**
 * A Neutron router of an agency: gateway, zone interfaces, transit link and routes.
 * String props are literal text in the output (`${` is written `$${`): pass a token to reference something.
 */
export class TenantRouter extends Construct {
  /** The Neutron router. */
  readonly router: NetworkingRouterV2;

  constructor(scope: Construct, id: string, props: TenantRouterProps) {
    super(scope, id);
    keepStringsLiteral(this);
    const tags = props.tags ? [...props.tags] : undefined;
    this.router = new NetworkingRouterV2(this, "Router", {
      name: props.name,
      adminStateUp: true,
      externalNetworkId: props.externalNetworkId,
      tags,
    });
    for (const zone of Object.keys(props.subnetIds).sort()) {
      new NetworkingRouterInterfaceV2(this, `Interface-${zone}`, {
        routerId: this.router.id,
        subnetId: props.subnetIds[zone]!,
      });
    }
    if (!props.transit) return;

    const port = new NetworkingPortV2(this, "TransitPort", {
      name: `${props.name}-transit`,
      networkId: props.transit.networkId,
      fixedIp: [{ subnetId: props.transit.subnetId, ipAddress: props.transit.ip }],
      // Router ports carry routed traffic of every zone; the zones' groups filter it.
      portSecurityEnabled: false,
      adminStateUp: true,
      tags,
    });
    const link = new NetworkingRouterInterfaceV2(this, "Interface-transit", {
      routerId: this.router.id,
      portId: port.id,
    });
    for (const route of props.routes ?? []) {
      new NetworkingRouterRouteV2(this, `Route-${route.destination.replace("/", "_")}`, {
        routerId: this.router.id,
        destinationCidr: route.destination,
        nextHop: route.nextHop,
        dependsOn: [link],
      });
    }
  }
}
