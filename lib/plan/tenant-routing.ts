import { TamnaError } from "../errors";
import { hostAt } from "../net/cidr";
import type { RegionSpec, Site } from "../spec/region";

/**
 * Routers of one agency at one site. A Neutron router has one external gateway, so zones are
 * grouped by the external class they reach: one router for internet zones, one for intranet
 * zones, and one without any gateway for zones that reach nothing. When there are several,
 * a transit subnet links them and each router gets routes to the zones behind the others, so
 * zones can talk (as far as the security groups allow) while no zone gains another's route out.
 */

export type Reach = "internet" | "intranet" | "none";
const REACH_ORDER: readonly Reach[] = ["internet", "intranet", "none"];

export interface RouterPlan {
  readonly key: Reach;
  readonly name: string;
  /** External network the gateway is on; none for the internal router. */
  readonly externalNetwork?: string;
  readonly zones: readonly string[];
  /** Fixed address on the transit subnet, when there is one. */
  readonly transitIp?: string;
  readonly routes: readonly { readonly destination: string; readonly nextHop: string }[];
}

export interface RoutingPlan {
  readonly routers: readonly RouterPlan[];
  readonly transit?: {
    readonly networkName: string;
    readonly subnetName: string;
    readonly cidr: string;
  };
}

export function planRouting(
  region: RegionSpec,
  site: { readonly name: string; readonly spec: Site },
  agency: string,
  zoneCidrs: Readonly<Record<string, string>>,
  transitCidr: string,
): RoutingPlan {
  const zones = Object.keys(zoneCidrs);
  const groups = REACH_ORDER.map((reach) => ({
    reach,
    zones: zones.filter((zone) => region.zones[zone]!.reaches === reach),
  })).filter((group) => group.zones.length > 0);
  const linked = groups.length > 1;

  const routers = groups.map(({ reach, zones: members }) => ({
    key: reach,
    name: `${agency}-${reach === "none" ? "internal" : reach}`,
    externalNetwork: reach === "none" ? undefined : externalNetworkFor(site, reach, members),
    zones: members,
    // Offsets by reach, not by position, so a new router never renumbers the others.
    transitIp: linked ? hostAt(transitCidr, 4 + REACH_ORDER.indexOf(reach)) : undefined,
  }));

  return {
    transit: linked
      ? {
          networkName: `${agency}-transit`,
          subnetName: `${agency}-transit-subnet`,
          cidr: transitCidr,
        }
      : undefined,
    routers: routers.map((router) => ({
      ...router,
      routes: linked
        ? routers
            .filter((other) => other !== router)
            .flatMap((other) =>
              other.zones.map((zone) => ({
                destination: zoneCidrs[zone]!,
                nextHop: other.transitIp!,
              })),
            )
            .sort((a, b) => (a.destination < b.destination ? -1 : 1))
        : [],
    })),
  };
}

function externalNetworkFor(
  site: { name: string; spec: Site },
  reach: Reach,
  zones: readonly string[],
): string {
  const candidates = Object.keys(site.spec.externalNetworks)
    .sort()
    .filter((name) => site.spec.externalNetworks[name]!.reaches === reach);
  if (candidates.length === 0) {
    throw new TamnaError({
      location: {},
      message: `site "${site.name}" has no external network reaching the ${reach}, needed by zone ${zones.join(", ")}`,
      hint: `declare an external network with reaches: ${reach} at site ${site.name}, or stop using the zone there`,
    });
  }
  return candidates[0]!;
}
